import type { Role } from '../src/auth/roles';
import { and, or } from './rls-v1';

/**
 * The security SQL of new migrations: the API's role, the RLS switch for a tenant table, and the
 * predicates policies are made of. A feature's policy reads as one line:
 *
 *   await enableTenantRls(q, 'x', { read: and(inRegion, or(isRegionAdmin, ownMunicipality())), write: and(inRegion, ownService(['HOST_FINANCE'])) });
 *
 * **Migrations are history.** Every predicate here is only the *call* of a named SQL function
 * (`app_in_region(region_id)`, `app_is_region_admin()`, `app_own_municipality(municipality_id)` …);
 * what the function means is SQL written by a migration (1733300000000-reference-security-predicates
 * and later ones). So a policy written today keeps its meaning until a NEW migration changes it —
 * `CREATE OR REPLACE FUNCTION app_own_municipality …` (every policy using it follows, visibly in
 * the history) or a re-created policy. Never change what a helper below emits for a given call:
 * add a new helper or option instead. Role names are typed against the `Role` enum (a string
 * literal such as `'REGION_ADMIN'`) but written into the migration's own source, so the enum is not
 * needed at run time.
 *
 * The migrations up to 1733230000000 use the frozen helpers of `migrations/rls-v1.ts` (the SQL they
 * generated, spelled out, unchanged). test/migrations/history.test.ts fails if what any migration
 * did to the database changes.
 *
 * The request context behind the functions (app_region_id(), app_role() …) is set per transaction
 * by src/db/request-db.ts.
 *
 * **Several grants (issue 19, 1733500000000-reference-grant-aware-policies).** A request may carry
 * several grants (`app.grants`, keys `ROLE:scope`); its rights are their union, never a product of
 * all its roles and all its scopes. The named functions follow (app_has_role = some grant has the
 * role, app_own_unit(u) = a TST grant AT u, app_is_region_admin() = a REGION_ADMIN grant at the
 * region), so `hasRole`, `isRegionAdmin`, `regionAdmin` and `ownUnit()` / `ownService()` /
 * `ownMunicipality()` WITHOUT roles are grant-aware as they are. With `roles`, the three emit a role
 * test AND a scope test (`app_has_role('TST_LEADER') AND app_in_unit(unit_id)`): a product (a leader
 * at A and member at B would lead at B). New policies say `holdsAt(column, ...roles)` instead;
 * test/rls-grants.test.ts fails on a policy that combines the two. `holdsAt`, `holdsRole`,
 * `holdsRegionAdmin` and `scopesOf` write the test as an uncorrelated sub-select, which PostgreSQL
 * evaluates once per statement (an InitPlan), not once per row.
 */

/**
 * The non-owner login role the API connects as; `and(...)` / `or(...)` (each condition in brackets);
 * `enableTenantRls(q, table, { read, write, … })`: ENABLE + FORCE, the read/update/insert/delete
 * policies and the API role's grants (every tenant table goes through it; test/rls-coverage.test.ts
 * checks that none is missed). They are the frozen ones of rls-v1.ts: what they issue for a given
 * call never changes; a table that needs other statements gets a new function here.
 */
export { and, APP_ROLE, enableTenantRls, or } from './rls-v1';
export type { TenantPolicy } from './rls-v1';

/** A role's name as stored in tokens, role assignments and policies (a value of the `Role` enum). */
export type RoleName = `${Role}`;

const quoted = (role: RoleName) => {
  if (!/^[A-Z_]+$/.test(role)) throw new Error(`Not a role name: ${role}`);
  return `'${role}'`;
};

/** The caller has one of these roles: `app_has_role('A', 'B')`. */
export const hasRole = (...roles: RoleName[]) => `app_has_role(${roles.map(quoted).join(', ')})`;

/** The row (its `column`, `region_id` by default) belongs to the caller's region: the hard tenant boundary. */
export const inRegionOf = (column: string) => `app_in_region(${column})`;
export const inRegion = inRegionOf('region_id');

/** No token: public information only. */
export const isPublic = `app_is_public()`;

/** Readable by everyone in the region and by PUBLIC (reference data). */
export const regionOrPublic = or(inRegion, isPublic);

/** The caller is a region administrator (role only; combine with `inRegion`, as `regionAdmin` does). */
export const isRegionAdmin = `app_is_region_admin()`;

/** The region's administrator, for a row of their region. */
export const regionAdmin = and(inRegion, isRegionAdmin);

/**
 * A municipality-scoped caller of the row's own municipality: without `roles`, the municipal roles
 * `app_own_municipality` names (director, finance, auditor); with `roles`, exactly those — but as a
 * product of role and scope under several grants: new policies use `holdsAt(column, ...roles)`.
 */
export const ownMunicipality = (roles?: RoleName[], column = 'municipality_id') => (roles ? and(hasRole(...roles), `app_in_municipality(${column})`) : `app_own_municipality(${column})`);

/**
 * A service-scoped caller of the row's own shared service (default roles: `app_own_service`: leader,
 * host finance). With `roles`, a product of role and scope under several grants: use `holdsAt`.
 */
export const ownService = (roles?: RoleName[], column = 'service_id') => (roles ? and(hasRole(...roles), `app_in_service(${column})`) : `app_own_service(${column})`);

/**
 * A unit-scoped caller of the row's own unit (default roles: `app_own_unit`: TST leader and members).
 * With `roles`, a product of role and scope under several grants: use `holdsAt(column, ...roles)`.
 */
export const ownUnit = (roles?: RoleName[], column = 'unit_id') => (roles ? and(hasRole(...roles), `app_in_unit(${column})`) : `app_own_unit(${column})`);

/** A deployment operator (role OPERATOR, no region): onboarding only, never tenant content (1733400000000-reference-onboarding). */
export const isOperator = `app_is_operator()`;

const roleArgs = (roles: RoleName[]) => {
  if (!roles.length) throw new Error('At least one role');
  return roles.map(quoted).join(', ');
};

/**
 * The request holds one of `roles` AT the row's scope `column` (a unit, service or municipality id;
 * the region id for REGION_ADMIN): `unit_id = ANY ((SELECT app_scopes('TST_LEADER'))::uuid[])`.
 * One grant supplies both role and scope: the exact union of grants.
 */
export const holdsAt = (column: string, ...roles: RoleName[]) => `(${column} = ANY ((SELECT app_scopes(${roleArgs(roles)}))::uuid[]))`;

/** The request holds one of `roles` at some scope (a rule that names no scope): `(SELECT app_has_role('A', 'B'))`. */
export const holdsRole = (...roles: RoleName[]) => `(SELECT app_has_role(${roleArgs(roles)}))`;

/** The request holds REGION_ADMIN for its region (evaluated once per statement; `isRegionAdmin` per row). */
export const holdsRegionAdmin = `(SELECT app_is_region_admin())`;

/** The scopes (uuid[]) at which the request holds one of `roles`, for a helper that takes a set (`plan_covers_service_in(plan_id, <scopesOf('SERVICE_LEADER')>)`). */
export const scopesOf = (...roles: RoleName[]) => `(SELECT app_scopes(${roleArgs(roles)}))`;
