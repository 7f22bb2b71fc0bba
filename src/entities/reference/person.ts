import { Field, ID, ObjectType } from 'type-graphql';
import { toGlobalId } from '../../global-id';
import { Column, Entity } from 'typeorm';
import { TenantRow } from '../base';
import { Role } from '../../auth/roles';

/** A person known to the region (for role assignments); personal data, visible to REGION_ADMIN only. */
@ObjectType({ description: 'A person with role assignments in the region.' })
@Entity('person')
export class Person extends TenantRow {
  @Field(() => ID, { name: 'id' })
  get nodeId(): string {
    return toGlobalId('Person', this.id);
  }

  @Field(() => String, {
    nullable: true,
    description: 'The token subject (sub, or OIDC_SUBJECT_CLAIM) this person signs in with; none for a person registered by signInClaim who has not signed in yet.',
  })
  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The value of the OIDC_MATCH_CLAIM (e.g. a verified e-mail address) the person was registered with before their first sign-in; their first sign-in with it sets `subject`.',
  })
  @Column({ name: 'sign_in_claim', type: 'text', nullable: true })
  signInClaim: string | null;

  @Field({ description: 'The identity provider (OpenID Connect issuer) that vouches for the subject; "samvirke-dev" for development tokens.' })
  @Column({ type: 'text' })
  issuer: string;

  @Field()
  @Column({ name: 'display_name', type: 'text' })
  displayName: string;
}

@ObjectType({ description: 'A role a person holds, with the organisation it is scoped to.' })
@Entity('role_assignment')
export class RoleAssignment extends TenantRow {
  @Field(() => ID, { name: 'id', description: 'Send it as the Samvirke-Grant header to act with this grant only; revokeRole takes it.' })
  get nodeId(): string {
    return toGlobalId('RoleAssignment', this.id);
  }

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Field(() => Role)
  @Column({ type: 'text' })
  role: Role;

  @Column({ name: 'municipality_id', type: 'uuid', nullable: true })
  municipalityId: string | null;

  @Column({ name: 'service_id', type: 'uuid', nullable: true })
  serviceId: string | null;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId: string | null;

  @Field(() => String, { nullable: true, description: 'First day the grant is in force (Europe/Oslo; none: since it was granted).' })
  @Column({ name: 'valid_from', type: 'date', nullable: true })
  validFrom: string | null;

  @Field(() => String, { nullable: true, description: 'Last day the grant is in force (inclusive; none: until revoked).' })
  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'The operations the grant is limited to (mutation names such as recordForumMeeting, or import:<kind>); none: every operation the role allows; empty: reads only.',
  })
  @Column({ type: 'text', array: true, nullable: true })
  operations: string[] | null;
}
