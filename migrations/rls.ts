import { QueryRunner } from 'typeorm';

/** The non-owner login role the API connects as. */
export const APP_ROLE = 'samvirke_app';

export interface TenantPolicy {
  /** USING expression for SELECT (and for which rows UPDATE/DELETE may touch). */
  read: string;
  /** USING + WITH CHECK expression for INSERT/UPDATE/DELETE. */
  write: string;
  /** Grant only SELECT and UPDATE (rows created by migrations/seed only). */
  noInsertDelete?: boolean;
}

/**
 * Turns on row-level security for a tenant table: ENABLE + FORCE (so even the owner is filtered
 * unless it is a superuser), one read policy and one write policy, and grants for the API role.
 * Every tenant table must go through here; test/rls-coverage.test.ts checks that none is missed.
 */
export async function enableTenantRls(q: QueryRunner, table: string, policy: TenantPolicy): Promise<void> {
  await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  await q.query(`CREATE POLICY ${table}_read ON ${table} FOR SELECT USING (${policy.read})`);
  await q.query(`CREATE POLICY ${table}_update ON ${table} FOR UPDATE USING (${policy.write}) WITH CHECK (${policy.write})`);
  if (policy.noInsertDelete) {
    await q.query(`GRANT SELECT, UPDATE ON ${table} TO ${APP_ROLE}`);
    return;
  }
  await q.query(`CREATE POLICY ${table}_insert ON ${table} FOR INSERT WITH CHECK (${policy.write})`);
  await q.query(`CREATE POLICY ${table}_delete ON ${table} FOR DELETE USING (${policy.write})`);
  await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ${APP_ROLE}`);
}
