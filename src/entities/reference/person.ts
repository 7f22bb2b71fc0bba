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

  @Field({ description: 'The token subject (sub) this person signs in with.' })
  @Column({ type: 'text' })
  subject: string;

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
}
