import { facetsOf, holds, mayDo, Principal, Role, ROLE_SCOPE, rolesOf, ScopeKind, scopeIdsOf } from '../auth/roles';
import { asAnyFacetAsync, Context } from '../context';
import { forbidden, unauthenticated } from '../errors';
import { Message } from '../i18n';

/** Throws UNAUTHENTICATED for PUBLIC callers. */
export function requireSignedIn(ctx: Context): void {
  if (ctx.principal.role === Role.PUBLIC) throw unauthenticated();
}

/** The caller's roles for a message: "TST_MEMBER" or "MUNICIPAL_DIRECTOR, TST_MEMBER". */
const yourRoles = (ctx: Context) => rolesOf(ctx.principal).join(', ');

/**
 * Throws unless the caller acts with one of `roles` (after requireSignedIn). Returns the caller as
 * those roles only (`actingAs`): what follows judges the action by the roles that allow it.
 */
export function requireRole(ctx: Context, roles: readonly Role[], action: string): Context {
  requireSignedIn(ctx);
  if (!holds(ctx.principal, roles)) {
    throw forbidden({ key: 'common.errors.roleRequired', params: { action, roles: roles.join(', '), yourRoles: yourRoles(ctx) } });
  }
  return actingAs(ctx, roles);
}

/**
 * requireRole for an operation (a mutation's name, or `import:<kind>`): also throws FORBIDDEN when
 * every grant of the caller that has one of `roles` is limited to other operations (a service
 * account, `role_assignment.operations`). Returns the caller as the facets that may do it.
 */
export function requireOperation(ctx: Context, roles: readonly Role[], operation: string, action: string): Context {
  const as = requireRole(ctx, roles, action);
  const facets = facetsOf(as.principal).filter((f) => roles.includes(f.role));
  const allowed = facets.filter((f) => mayDo(f, operation));
  if (!allowed.length) {
    const limits = [...new Set(facets.flatMap((f) => f.operations ?? []))];
    throw forbidden({
      key: 'common.errors.operationNotGranted',
      params: { action, operation, limits: limits.length ? limits.join(', ') : { key: 'common.errors.noOperations' } },
    });
  }
  if (allowed.length === facets.length) return as;
  return narrowTo(as, allowed);
}

/**
 * The caller as the facets whose role is one of `roles` (src/auth/roles.ts): `ctx` itself when it
 * acts with one role or all of them qualify; one qualifying facet becomes the principal. The
 * request's transaction keeps every grant (RLS reads the union); the application judges an action
 * only by the roles that may take it, so a scope of one role never lends itself to another.
 */
export function actingAs(ctx: Context, roles: readonly Role[]): Context {
  const facets = ctx.principal.facets;
  if (!facets?.length) return ctx;
  const allowed = facets.filter((f) => roles.includes(f.role));
  if (!allowed.length || allowed.length === facets.length) return ctx;
  return narrowTo(ctx, allowed);
}

/** The caller as `allowed` (some of its facets); the request's transaction keeps every grant key. */
function narrowTo(ctx: Context, allowed: readonly Principal[]): Context {
  if (allowed.length === 1) return { ...ctx, principal: allowed[0] };
  const principal: Principal = { ...allowed[0], grantKeys: ctx.principal.grantKeys, facets: allowed };
  return { ...ctx, principal };
}

/**
 * The one unit, municipality or service the caller acts for with a role of `kind` (an action "for
 * your own" municipality or service). FORBIDDEN when the caller holds such roles at several: the
 * client names one grant (header `Samvirke-Grant`) for the request.
 */
export function ownScope(ctx: Context, kind: ScopeKind): string {
  const ids = [...new Set(facetsOfKind(ctx.principal, kind).flatMap(scopeIdsOf))];
  if (ids.length === 1) return ids[0];
  if (!ids.length) throw forbidden({ key: 'common.errors.noScopeRole', params: { kind: { key: `common.scope.${kind as Exclude<ScopeKind, 'NONE'>}` } } });
  throw forbidden({ key: 'common.errors.severalScopes', params: { kinds: { key: `common.scopes.${kind as Exclude<ScopeKind, 'NONE'>}` } } });
}

const facetsOfKind = (p: Principal, kind: ScopeKind) => (p.facets?.length ? p.facets : [p]).filter((f) => ROLE_SCOPE[f.role] === kind);

/** Throws FORBIDDEN when the caller's role may do this kind of thing, but not to this object. */
export function requireScope(allowed: boolean, message: Message): void {
  if (!allowed) throw forbidden(message);
}

/** Does the caller act with one of `roles` (any of its facets)? */
export function hasRole(ctx: Context, ...roles: Role[]): boolean {
  return holds(ctx.principal, roles);
}

/** Every role, PUBLIC included (public information). */
export const ALL_ROLES: readonly Role[] = Object.values(Role);
/** Every role with a token. */
export const SIGNED_IN: readonly Role[] = ALL_ROLES.filter((r) => r !== Role.PUBLIC);

/**
 * Who may read rows of one entity type: the one rule that a list query (`requireRead`), `node(id:)`
 * and the audit trail (`auditRecords`) all apply, so none of them can show more than the others.
 * RLS of the entity's table says the same once more, in the database.
 */
export interface ReadRule<T = any> {
  /** What is being read, for the FORBIDDEN message ("Reading forum kinds"). */
  action: string;
  /** Roles whose list query may return rows at all; others get FORBIDDEN (PUBLIC: UNAUTHENTICATED). */
  roles: readonly Role[];
  /** Of `roles`, those that read every row RLS shows them (no `row` check needed). Default: all of `roles` when there is no `row`. */
  wholeRegion?: readonly Role[];
  /** Which rows the other roles of `roles` may read (their scope), on top of RLS. */
  row?: (ctx: Context, row: T) => boolean | Promise<boolean>;
  /**
   * `row` for the audit trail, in SQL over one snapshot of an `audit_record` row (aliased `a`):
   * given the SQL of a snapshot (`a.before` or `a.after`, jsonb), a condition that is true when
   * the caller may read the row as it was then. Without it, audit records of the type are shown
   * only to `wholeRegion` roles (the safe default). See src/services/reference/audit-trail.ts.
   */
  auditSnapshot?: (snapshot: string) => string;
  /** Keys of an audit snapshot a role may not read although it reads the row (e.g. the ids of every municipality's alerts in a report's publication). */
  auditHiddenFields?: Partial<Record<Role, readonly string[]>>;
}

/**
 * The list query's check: FORBIDDEN (or UNAUTHENTICATED) before any SQL when the caller's roles may
 * read none of these rows. Returns the caller as the roles that may (`actingAs`).
 */
export function requireRead(ctx: Context, rule: ReadRule): Context {
  if (holds(ctx.principal, rule.roles)) return actingAs(ctx, rule.roles);
  requireSignedIn(ctx);
  throw forbidden({ key: 'common.errors.roleRequired', params: { action: rule.action, roles: rule.roles.join(', '), yourRoles: yourRoles(ctx) } });
}

/** Does the role read every row of the type that RLS shows it (no row rule applies)? */
export function readsWholeRegion(rule: ReadRule, role: Role): boolean {
  return rule.roles.includes(role) && (rule.wholeRegion ?? (rule.row ? [] : rule.roles)).includes(role);
}

/** May the caller read this row (that RLS showed them)? The check `node(id:)` makes, and what every list of the type obeys: one of the caller's roles may. */
export async function mayRead<T>(ctx: Context, rule: ReadRule<T>, row: T): Promise<boolean> {
  return asAnyFacetAsync(ctx, (as) => {
    if (!rule.roles.includes(as.principal.role)) return false;
    if (readsWholeRegion(rule, as.principal.role) || !rule.row) return true;
    return rule.row(as, row);
  });
}

const readRules = new Map<string, ReadRule>();

/** The rule of each entity type by name (node types and audited types of every feature; registered with the schema). */
export function registerReadRules(entries: Iterable<[string, ReadRule]>): void {
  for (const [name, rule] of entries) readRules.set(name, rule);
}

/** Every entity type with a read rule; a type without one is read by nobody (e.g. in the audit trail). */
export function registeredReadRules(): ReadonlyMap<string, ReadRule> {
  return readRules;
}

/** SQL: the caller acts with one of `roles` (its grants, `app_has_role`; names from the Role enum). */
export const sqlRoleIn = (roles: readonly Role[]) => (roles.length ? `app_has_role(${roles.map((r) => `'${r}'`).join(', ')})` : 'false');

/** SQL: the ids (as text[]) of the scopes the caller holds one of `roles` at (its grants, `app_scopes`). */
export const sqlScopesOf = (roles: readonly Role[]) => (roles.length ? `app_scopes(${roles.map((r) => `'${r}'`).join(', ')})::text[]` : `'{}'::text[]`);
