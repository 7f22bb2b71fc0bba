import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { DEV_ISSUER } from '../../auth/jwt';
import { Role, ROLE_SCOPE } from '../../auth/roles';
import { Municipality } from '../../entities/reference/municipality';
import { Person, RoleAssignment } from '../../entities/reference/person';
import { SharedService } from '../../entities/reference/shared-service';
import { Unit } from '../../entities/reference/unit';
import { fromGlobalId } from '../../global-id';
import { defineMutation } from '../mutation';
import { knownOperations } from '../operations';
import { reject, RuleCheck, userError, UserErrorCode } from '../user-errors';

/**
 * Grants: a REGION_ADMIN gives a person (identified by issuer + subject) a role in the region,
 * scoped to a municipality, a shared service or a unit as the role needs, valid from/to optional
 * dates (Europe/Oslo, inclusive). A revoked grant, and every other change to people and grants,
 * counts from the next request (the migration's NOTIFY drops cached principals; src/http/auth.ts).
 */
export interface NewGrant {
  /** The person's subject at the issuer; or, when it is not known, `signInClaim` (exactly one of the two). */
  subject?: string | null;
  /** The value of the deployment's OIDC_MATCH_CLAIM (e.g. a verified e-mail address) a person registered before their first sign-in will carry. */
  signInClaim?: string | null;
  /** Default: the deployment's OIDC_ISSUER, else development tokens' issuer (samvirke-dev). */
  issuer?: string | null;
  /** Needed when the person is new to the region. */
  displayName?: string | null;
  role: Role;
  /** The Municipality, SharedService or Unit (global id) the role is scoped to; none for REGION_ADMIN. */
  scopeId?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  /** Limits the grant to these operations (mutation names, `import:<kind>`; a service account); none: all the role allows; []: reads only. */
  operations?: string[] | null;
}

export interface GrantToRevoke {
  grantId: string;
}

/** Roles a region administrator grants (OPERATOR is the deployment's, PUBLIC is nobody's). */
export const GRANTABLE_ROLES: readonly Role[] = Object.values(Role).filter((r) => r !== Role.PUBLIC && r !== Role.OPERATOR);

const SCOPE_TYPES = { MUNICIPALITY: 'Municipality', SERVICE: 'SharedService', UNIT: 'Unit' } as const;

/** The scope the role needs, found in the caller's region (RLS hides every other region's rows), as row ids. */
async function scopeOf(
  tx: EntityManager,
  role: Role,
  scopeId: string | null | undefined,
  rules: RuleCheck,
): Promise<{ municipalityId: string | null; serviceId: string | null; unitId: string | null }> {
  const none = { municipalityId: null, serviceId: null, unitId: null };
  const kind = ROLE_SCOPE[role];
  if (kind === 'REGION' || kind === 'NONE') {
    if (scopeId) rules.add(userError(['input', 'scopeId'], 'reference.appliesWholeRegionGive', { role }));
    return none;
  }
  const type = SCOPE_TYPES[kind];
  const parsed = scopeId ? fromGlobalId(scopeId) : null;
  if (!parsed || parsed.type !== type) {
    rules.add(userError(['input', 'scopeId'], 'reference.needsIdRegion', { role, type }));
    return none;
  }
  const found =
    kind === 'UNIT'
      ? await tx.getRepository(Unit).findOneBy({ id: parsed.id })
      : kind === 'SERVICE'
        ? await tx.getRepository(SharedService).findOneBy({ id: parsed.id })
        : await tx.getRepository(Municipality).findOneBy({ id: parsed.id });
  if (!found) {
    rules.add(userError(['input', 'scopeId'], 'reference.noScopeWithId', { type }, UserErrorCode.NOT_FOUND));
    return none;
  }
  return { municipalityId: kind === 'MUNICIPALITY' ? parsed.id : null, serviceId: kind === 'SERVICE' ? parsed.id : null, unitId: kind === 'UNIT' ? parsed.id : null };
}

const overlaps = (a: { validFrom: string | null; validTo: string | null }, b: { validFrom?: string | null; validTo?: string | null }) =>
  (a.validFrom ?? '0000-01-01') <= (b.validTo ?? '9999-12-31') && (b.validFrom ?? '0000-01-01') <= (a.validTo ?? '9999-12-31');

export const grantRole = defineMutation({
  name: 'grantRole',
  roles: [Role.REGION_ADMIN],
  action: 'Granting a role',
  async run({ tx, ctx, audit }, input: NewGrant) {
    const rules = new RuleCheck();
    if (!GRANTABLE_ROLES.includes(input.role)) rules.add(userError(['input', 'role'], 'reference.grantedRegionOperatorDeployment', { role: input.role }));
    if (input.validFrom && input.validTo && input.validTo < input.validFrom)
      rules.add(userError(['input', 'validTo'], 'reference.validtoBeforeValidfrom', { validTo: input.validTo, validFrom: input.validFrom }));
    const scope = GRANTABLE_ROLES.includes(input.role) ? await scopeOf(tx, input.role, input.scopeId, rules) : { municipalityId: null, serviceId: null, unitId: null };
    const issuer = input.issuer ?? ctx.config.oidcIssuer ?? DEV_ISSUER;
    const subject = input.subject?.trim() || null;
    const signInClaim = input.signInClaim?.trim() || null;
    if (!subject === !signInClaim) rules.add(userError(['input', 'subject'], 'reference.giveExactlySubjectWhat'));
    if (signInClaim && !ctx.config.oidcMatchClaim) rules.add(userError(['input', 'signInClaim'], 'reference.deploymentMatchesClaimFirst'));
    const operations = input.operations == null ? null : [...new Set(input.operations.map((o) => o.trim()))];
    const known = knownOperations();
    for (const [i, op] of (operations ?? []).entries()) {
      if (!known.has(op)) rules.add(userError(['input', 'operations', String(i)], 'reference.unknownOperationGiveMutation', { operation: op.slice(0, 80) }));
    }
    const who = subject ?? signInClaim ?? '';
    let person = subject
      ? await tx.getRepository(Person).findOneBy({ issuer, subject })
      : signInClaim
        ? await tx.getRepository(Person).createQueryBuilder('p').where('p.issuer = :issuer AND lower(p.sign_in_claim) = lower(:signInClaim)', { issuer, signInClaim }).getOne()
        : null;
    if (!person && !input.displayName) rules.add(userError(['input', 'displayName'], 'reference.newRegionGivePerson', { who }));
    if (person) {
      const same = await tx.getRepository(RoleAssignment).findBy({ personId: person.id, role: input.role });
      const clash = same.find((g) => g.municipalityId === scope.municipalityId && g.serviceId === scope.serviceId && g.unitId === scope.unitId && overlaps(g, input));
      if (clash) rules.add(userError(['input'], 'reference.alreadyHoldsRoleHere', { who, validFrom: clash.validFrom ?? '…', validTo: clash.validTo ?? '…' }, UserErrorCode.CONFLICT));
    }
    rules.throwIfAny();
    if (!person) {
      person = tx.getRepository(Person).create({ id: randomUUID(), regionId: ctx.principal.regionId!, issuer, subject, signInClaim, displayName: input.displayName!.trim() });
      await tx.getRepository(Person).insert(person);
      await audit({ entity: 'Person', entityId: person.id, after: person });
    }
    const grant = tx
      .getRepository(RoleAssignment)
      .create({ id: randomUUID(), regionId: ctx.principal.regionId!, personId: person.id, role: input.role, ...scope, validFrom: input.validFrom ?? null, validTo: input.validTo ?? null, operations });
    await tx.getRepository(RoleAssignment).insert(grant);
    await tx.query(`UPDATE role_assignment SET granted_by = $2 WHERE id = $1`, [grant.id, ctx.principal.subject]);
    await audit({ entity: 'RoleAssignment', entityId: grant.id, municipalityId: scope.municipalityId, after: grant });
    return { grant, person };
  },
});

export const revokeRole = defineMutation({
  name: 'revokeRole',
  roles: [Role.REGION_ADMIN],
  action: 'Revoking a role',
  async run({ tx, ctx, audit }, input: GrantToRevoke) {
    const parsed = fromGlobalId(input.grantId);
    const grant = parsed?.type === 'RoleAssignment' ? await tx.getRepository(RoleAssignment).findOneBy({ id: parsed.id }) : null;
    if (!grant) reject(['input', 'grantId'], 'reference.grantIdRegion', {}, UserErrorCode.NOT_FOUND);
    if (grant.role === Role.REGION_ADMIN && grant.personId) {
      const admins = await tx.getRepository(RoleAssignment).countBy({ role: Role.REGION_ADMIN });
      if (admins <= 1) reject(['input', 'grantId'], 'reference.lastAdministrator', {}, UserErrorCode.CONFLICT);
    }
    await tx.getRepository(RoleAssignment).delete({ id: grant.id });
    await audit({ entity: 'RoleAssignment', entityId: grant.id, municipalityId: grant.municipalityId, before: grant });
    void ctx;
    return { revokedGrantId: input.grantId };
  },
});
