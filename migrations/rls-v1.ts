import { QueryRunner } from 'typeorm';

/**
 * FROZEN — part of the migrations' history; never edit this file.
 *
 * The security helpers exactly as the migrations up to 1733230000000 used them (they were
 * `migrations/rls.ts` until then), with role names written out as the strings they were. Those
 * migrations import these helpers, not `migrations/rls.ts` and not the `Role` enum, so what they did
 * to a database stays what it was, whatever those modules become. test/migrations/history.test.ts
 * fails if the policies, functions or grants any migration produces change.
 *
 * New migrations use `migrations/rls.ts`, whose predicates are calls to named SQL functions
 * (created and changed only by migrations); it re-exports `APP_ROLE`, `and`, `or` and
 * `enableTenantRls` from here, whose output stays what it is.
 */

/** The API's login role, as these migrations named it. */
export const APP_ROLE = 'samvirke_app';

const quoted = (role: string) => `'${role}'`;

/** The caller has one of these roles. */
export const hasRole = (...roles: string[]) => (roles.length === 1 ? `app_role() = ${quoted(roles[0])}` : `app_role() IN (${roles.map(quoted).join(', ')})`);

/** All of the conditions (each in brackets). */
export const and = (...conditions: string[]) => conditions.map((c) => `(${c})`).join(' AND ');

/** Any of the conditions (in brackets as a whole). */
export const or = (...conditions: string[]) => `(${conditions.map((c) => `(${c})`).join(' OR ')})`;

/** The row belongs to the caller's region (the hard tenant boundary). */
export const inRegion = `region_id = app_region_id()`;

/** No token: public information only. */
export const isPublic = `app_is_public()`;

/** Readable by everyone in the region and by PUBLIC (reference data). */
export const regionOrPublic = or(inRegion, isPublic);

/** The region's administrator. */
export const regionAdmin = and(inRegion, hasRole('REGION_ADMIN'));

/** A municipality-scoped caller (director, finance, auditor by default) of the row's own municipality. */
export const ownMunicipality = (roles: string[] = ['MUNICIPAL_DIRECTOR', 'MUNICIPAL_FINANCE', 'AUDITOR'], column = 'municipality_id') => and(hasRole(...roles), `${column} = app_municipality_id()`);

/** A service-scoped caller (leader, host finance by default) of the row's own shared service. */
export const ownService = (roles: string[] = ['SERVICE_LEADER', 'HOST_FINANCE'], column = 'service_id') => and(hasRole(...roles), `${column} = app_service_id()`);

/** A unit-scoped caller (TST leader and members by default) of the row's own unit. */
export const ownUnit = (roles: string[] = ['TST_LEADER', 'TST_MEMBER'], column = 'unit_id') => and(hasRole(...roles), `${column} = app_unit_id()`);

export interface TenantPolicy {
  /** USING expression for SELECT (and for which rows UPDATE/DELETE may touch). */
  read: string;
  /** USING + WITH CHECK expression for INSERT/UPDATE/DELETE. */
  write: string;
  /** Grant only SELECT and UPDATE (rows created by migrations/seed only). */
  noInsertDelete?: boolean;
  /**
   * Which rows UPDATE may touch (USING; WITH CHECK stays `write`), e.g. only drafts. `null`: no
   * UPDATE policy and no UPDATE grant at all (append-only rows). Default: `write`.
   */
  update?: string | null;
  /** WITH CHECK of UPDATE when it is not `write` (e.g. a role that may only acknowledge). */
  updateCheck?: string;
  /** With `update`: the only columns the API role may change (a column-level grant). */
  updateColumns?: string[];
  /** Which rows DELETE may touch; `null`: no DELETE policy and no grant. Default: `write`. */
  delete?: string | null;
}

/**
 * Turns on row-level security for a tenant table: ENABLE + FORCE (so even the owner is filtered
 * unless it is a superuser), the read/update/insert/delete policies, and grants for the API role.
 * `migrations/rls.ts` re-exports it for new migrations: what it issues for a given `policy` stays as
 * it is; a table that needs other statements gets a new function there.
 */
export async function enableTenantRls(q: QueryRunner, table: string, policy: TenantPolicy): Promise<void> {
  await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  await q.query(`CREATE POLICY ${table}_read ON ${table} FOR SELECT USING (${policy.read})`);
  const update = policy.update === undefined ? policy.write : policy.update;
  if (update !== null) await q.query(`CREATE POLICY ${table}_update ON ${table} FOR UPDATE USING (${update}) WITH CHECK (${policy.updateCheck ?? policy.write})`);
  if (policy.noInsertDelete) {
    await q.query(`GRANT SELECT, UPDATE ON ${table} TO ${APP_ROLE}`);
    return;
  }
  const remove = policy.delete === undefined ? policy.write : policy.delete;
  await q.query(`CREATE POLICY ${table}_insert ON ${table} FOR INSERT WITH CHECK (${policy.write})`);
  if (remove !== null) await q.query(`CREATE POLICY ${table}_delete ON ${table} FOR DELETE USING (${remove})`);
  const grants = ['SELECT', 'INSERT', ...(update !== null && !policy.updateColumns ? ['UPDATE'] : []), ...(remove !== null ? ['DELETE'] : [])];
  await q.query(`GRANT ${grants.join(', ')} ON ${table} TO ${APP_ROLE}`);
  if (update !== null && policy.updateColumns) await q.query(`GRANT UPDATE (${policy.updateColumns.join(', ')}) ON ${table} TO ${APP_ROLE}`);
}
