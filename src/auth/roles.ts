import { registerEnumType } from 'type-graphql';

/** Roles a bearer token can carry; each is scoped to one kind of organisation (see docs/permissions.md). */
export enum Role {
  REGION_ADMIN = 'REGION_ADMIN',
  SERVICE_LEADER = 'SERVICE_LEADER',
  HOST_FINANCE = 'HOST_FINANCE',
  MUNICIPAL_DIRECTOR = 'MUNICIPAL_DIRECTOR',
  MUNICIPAL_FINANCE = 'MUNICIPAL_FINANCE',
  AUDITOR = 'AUDITOR',
  TST_LEADER = 'TST_LEADER',
  TST_MEMBER = 'TST_MEMBER',
  PUBLIC = 'PUBLIC',
  /** Deployment level, no region: creates regions, adds their municipalities, grants their first REGION_ADMIN. */
  OPERATOR = 'OPERATOR',
}

registerEnumType(Role, { name: 'Role', description: 'What a caller may do; PUBLIC means no token.' });

export type ScopeKind = 'REGION' | 'SERVICE' | 'MUNICIPALITY' | 'UNIT' | 'NONE';

export const ROLE_SCOPE: Record<Role, ScopeKind> = {
  [Role.REGION_ADMIN]: 'REGION',
  [Role.SERVICE_LEADER]: 'SERVICE',
  [Role.HOST_FINANCE]: 'SERVICE',
  [Role.MUNICIPAL_DIRECTOR]: 'MUNICIPALITY',
  [Role.MUNICIPAL_FINANCE]: 'MUNICIPALITY',
  [Role.AUDITOR]: 'MUNICIPALITY',
  [Role.TST_LEADER]: 'UNIT',
  [Role.TST_MEMBER]: 'UNIT',
  [Role.PUBLIC]: 'NONE',
  [Role.OPERATOR]: 'NONE',
};

export function isRole(value: unknown): value is Role {
  // Own keys only: `in` would also accept inherited names such as "toString" or "constructor".
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ROLE_SCOPE, value);
}

/** One grant a person holds in Samvirke (role_assignment), as the request sees it. */
export interface HeldGrant {
  id: string;
  role: Role;
  regionId: string;
  regionCode: string;
  municipalityId?: string;
  serviceId?: string;
  unitId?: string;
  validFrom?: string;
  validTo?: string;
  /** The operations the grant is limited to (mutation names, `import:<kind>`); absent: every operation its role allows. */
  operations?: readonly string[];
}

/**
 * The resolved caller, acting in one region. `municipalityId` / `serviceId` / `unitId` are set when
 * `role` is held at one scope; a person who holds it at several (a PPT advisor in the TSTs of five
 * schools) has them all in `grantKeys` (`ROLE:scope id`, the `app.grants` setting RLS reads) and
 * none of the single ids. A person who acts with several roles at once (a kommunedirektør who also
 * sits in a TST) has one single-role principal per role in `facets`; the principal itself is then
 * its first facet plus every grant key of all of them, and a check asks `facetsOf`/`holds`.
 */
export interface Principal {
  role: Role;
  subject: string;
  displayName?: string;
  regionId?: string;
  municipalityId?: string;
  serviceId?: string;
  unitId?: string;
  /** The identity provider of a person signed in through grants (absent for development role tokens). */
  issuer?: string;
  /** Several scopes, or several roles: every grant as `ROLE:scope id` (what RLS reads). */
  grantKeys?: readonly string[];
  /** Several roles at once: one single-role principal per role (absent for one role). */
  facets?: readonly Principal[];
  /** The grants this request acts with (ids of role_assignment). */
  activeGrantIds?: readonly string[];
  /** Every grant in force of the person, in every region (for `viewer`). */
  heldGrants?: readonly HeldGrant[];
  /**
   * The operations this (single-role) principal is limited to — its grants of the role are all
   * limited (a service account): mutation names and `import:<kind>`. Absent: every operation the
   * role allows. Reads are not limited by it. See `mayDo`.
   */
  operations?: readonly string[];
}

export const PUBLIC_PRINCIPAL: Principal = Object.freeze({ role: Role.PUBLIC, subject: 'public' });

/** The ids of the scopes the principal's `role` is held at: its one scope, or every key of that role in `grantKeys`. */
export function scopeIdsOf(p: Principal): string[] {
  const single = scopeIdOf(p.role, p);
  if (single) return [single];
  const prefix = `${p.role}:`;
  return (p.grantKeys ?? []).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
}

/** The single-role views of the principal: one per role it acts with (itself when it has one role). */
export function facetsOf(p: Principal): readonly Principal[] {
  return p.facets?.length ? p.facets : [p];
}

/** Every role the principal acts with. */
export function rolesOf(p: Principal): Role[] {
  return facetsOf(p).map((f) => f.role);
}

/** Does the principal act with one of `roles` — at `scopeId` (a unit, municipality or service id), when one is given? */
export function holds(p: Principal, roles: Role | readonly Role[], scopeId?: string | null): boolean {
  const wanted: readonly Role[] = typeof roles === 'string' ? [roles] : roles;
  return facetsOf(p).some((f) => wanted.includes(f.role) && (scopeId === undefined || actsAt(f, scopeId)));
}

/** May this single-role principal (a facet) do the operation (a mutation name or `import:<kind>`), as far as its grants' limits go? */
export function mayDo(facet: Principal, operation: string): boolean {
  return !facet.operations || facet.operations.includes(operation);
}

/** The id a role is held at: its unit, municipality or service, or the region for region-wide roles (none for NONE). */
export function scopeIdOf(role: Role, ids: { regionId?: string; municipalityId?: string; serviceId?: string; unitId?: string }): string | undefined {
  return { UNIT: ids.unitId, MUNICIPALITY: ids.municipalityId, SERVICE: ids.serviceId, REGION: ids.regionId, NONE: undefined }[ROLE_SCOPE[role]];
}

/** Does the principal hold its role at this unit / municipality / service (one of its scopes)? */
export function actsAt(p: Principal, scopeId: string | null | undefined): boolean {
  if (!scopeId) return false;
  return scopeIdsOf(p).includes(scopeId);
}
