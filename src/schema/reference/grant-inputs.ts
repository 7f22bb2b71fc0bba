import { ArrayMaxSize, IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Role } from '../../auth/roles';
import { Person, RoleAssignment } from '../../entities/reference/person';
import { GRANTABLE_ROLES, GrantToRevoke, NewGrant } from '../../services/reference/grants';
import { FreeText, OptionalText } from '../text';
import { MutationPayload } from '../user-error';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType({ description: 'REGION_ADMIN: give a person a role in your region, scoped as the role needs, for an optional period.' })
export class GrantRoleInput implements NewGrant {
  @Field(() => String, {
    nullable: true,
    description: 'The subject the person signs in with (the identity provider’s `sub`, or the configured subject claim). Give this or signInClaim.',
  })
  @OptionalText(255)
  subject?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Instead of subject, for a person who has not signed in yet: the value of the deployment’s OIDC_MATCH_CLAIM they will carry (e.g. their verified e-mail address). Their first sign-in binds them (docs/identity.md). Never a national identity number.',
  })
  @OptionalText(254)
  signInClaim?: string | null;

  @Field(() => String, { nullable: true, description: "The identity provider (issuer URL). Default: the deployment's OIDC_ISSUER, else development tokens' issuer." })
  @OptionalText(300)
  issuer?: string | null;

  @Field(() => String, { nullable: true, description: 'Needed when the person is new to your region.' })
  @OptionalText(200)
  displayName?: string | null;

  @Field(() => Role)
  @IsIn(GRANTABLE_ROLES as Role[])
  role: Role;

  @Field(() => ID, { nullable: true, description: 'The Municipality (directors, finance, auditors), SharedService (leaders, host finance) or Unit (TST) the role applies to; none for REGION_ADMIN.' })
  scopeId?: string | null;

  @Field(() => String, { nullable: true, description: 'First day in force (YYYY-MM-DD, Europe/Oslo).' })
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD', context: { key: 'common.validation.date' } })
  validFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'Last day in force (inclusive).' })
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD', context: { key: 'common.validation.date' } })
  validTo?: string | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'Limits the grant to these operations — mutation names (e.g. recordForumMeeting) or imports (import:<kind>, e.g. import:statistics) — as for a service account of one integration. None: every operation the role allows; empty: reads only. Reads follow the role either way.',
  })
  @IsOptional()
  @ArrayMaxSize(100)
  @MaxLength(80, { each: true })
  @FreeText()
  operations?: string[] | null;
}

@InputType({ description: 'REGION_ADMIN: end a grant now (from the next request on).' })
export class RevokeRoleInput implements GrantToRevoke {
  @Field(() => ID)
  grantId: string;
}

@ObjectType()
export class GrantRolePayload extends MutationPayload {
  @Field(() => RoleAssignment, { nullable: true })
  grant?: RoleAssignment | null;

  @Field(() => Person, { nullable: true })
  person?: Person | null;
}

@ObjectType()
export class RevokeRolePayload extends MutationPayload {
  @Field(() => ID, { nullable: true })
  revokedGrantId?: string | null;
}
