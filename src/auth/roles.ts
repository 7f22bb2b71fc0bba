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
}

/**
 * The resolved caller, acting in one region with one role. `municipalityId` / `serviceId` /
 * `unitId` are set when the role is held at one scope; a person who holds the role at several
 * (a PPT advisor in the TSTs of five schools) has them all in `grantKeys` (`ROLE:scope id`, the
 * `app.grants` setting RLS reads) and none of the single ids.
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
  /** Several scopes of `role`: every one as `ROLE:scope id`. */
  grantKeys?: readonly string[];
  /** The grants this request acts with (ids of role_assignment). */
  activeGrantIds?: readonly string[];
  /** Every grant in force of the person, in every region (for `viewer`). */
  heldGrants?: readonly HeldGrant[];
}

export const PUBLIC_PRINCIPAL: Principal = Object.freeze({ role: Role.PUBLIC, subject: 'public' });

/** The ids of the scopes the principal's role is held at: its one scope, or every one of `grantKeys`. */
export function scopeIdsOf(p: Principal): string[] {
  if (p.grantKeys?.length) return p.grantKeys.map((k) => k.slice(k.indexOf(':') + 1));
  const single = scopeIdOf(p.role, p);
  return single ? [single] : [];
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
