import { MigrationInterface, QueryRunner } from 'typeorm';
import { and, APP_ROLE, isOperator } from './rls';

/**
 * Onboarding a region through the API (issue 19):
 *
 * - **The classification of municipalities** (SSB KLASS 131) as deployment-level tables, loaded with
 *   `npm run import -- municipality-classification FILE` (the demo seed loads SSB's documents from
 *   ../shared/klass-131 when they are there; src/seed/reference/classification.ts): its versions, each version's items, and the code changes
 *   between versions. Public data: everyone reads it (no region: it is the same for every tenant);
 *   only an OPERATOR writes it.
 * - **The OPERATOR role** (deployment level, no region): `app_is_operator()`, and new PERMISSIVE
 *   policies that let it create a region, add municipalities to it, and grant its first
 *   REGION_ADMIN, and see exactly that of every region: the region, its municipalities, and the
 *   persons who hold REGION_ADMIN with those assignments. Nothing else of a region (services,
 *   plans, fora, costs, statistics) has a policy for it, so RLS shows it none of that.
 * - Audit: an OPERATOR appends the records of what it did to a region to that region's trail (the
 *   region's admins read them, the operator does not), and records of deployment-level changes
 *   (the classification) to `deployment_audit_record`, which only operators read.
 */
export class Onboarding1733400000000 implements MigrationInterface {
  name = 'Onboarding1733400000000';

  async up(q: QueryRunner): Promise<void> {
    const fn = (signature: string, body: string) => q.query(`CREATE FUNCTION ${signature} RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT ${body} $$`);
    await fn('app_is_operator()', `app_role() = 'OPERATOR'`);
    // Any request context at all, PUBLIC included (public deployment-level data; no context, no rows).
    await fn('app_has_context()', 'app_role() IS NOT NULL');
    // The person holds REGION_ADMIN in its region (what an operator may see of people).
    await fn('app_holds_region_admin(row_person_id uuid)', `EXISTS (SELECT 1 FROM role_assignment ra WHERE ra.person_id = row_person_id AND ra.role = 'REGION_ADMIN')`);

    await q.query(`CREATE TABLE municipality_classification_version (
      valid_from date PRIMARY KEY,
      valid_to date,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      CHECK (valid_to IS NULL OR valid_to > valid_from)
    )`);
    await q.query(`CREATE TABLE municipality_classification_item (
      valid_from date NOT NULL REFERENCES municipality_classification_version(valid_from) ON DELETE CASCADE,
      code char(4) NOT NULL CHECK (code ~ '^[0-9]{4}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      PRIMARY KEY (valid_from, code)
    )`);
    await q.query(`CREATE INDEX municipality_classification_item_code_idx ON municipality_classification_item (code)`);
    await q.query(`CREATE TABLE municipality_code_change (
      change_occurred date NOT NULL,
      old_code char(4) NOT NULL CHECK (old_code ~ '^[0-9]{4}$'),
      old_name text NOT NULL CHECK (length(old_name) BETWEEN 1 AND 200),
      new_code char(4) NOT NULL CHECK (new_code ~ '^[0-9]{4}$'),
      new_name text NOT NULL CHECK (length(new_name) BETWEEN 1 AND 200),
      PRIMARY KEY (change_occurred, old_code, new_code)
    )`);
    await q.query(`CREATE TABLE deployment_audit_record (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      actor text NOT NULL,
      actor_role text NOT NULL,
      operation text NOT NULL,
      entity text NOT NULL,
      entity_id text NOT NULL,
      after jsonb,
      at timestamptz NOT NULL DEFAULT now(),
      request_id text
    )`);

    // Public, deployment-level data: every request reads (PUBLIC included); an OPERATOR writes.
    for (const table of ['municipality_classification_version', 'municipality_classification_item', 'municipality_code_change']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY ${table}_read ON ${table} FOR SELECT USING (app_has_context())`);
      await q.query(`CREATE POLICY ${table}_insert ON ${table} FOR INSERT WITH CHECK (${isOperator})`);
      await q.query(`CREATE POLICY ${table}_update ON ${table} FOR UPDATE USING (${isOperator}) WITH CHECK (${isOperator})`);
      await q.query(`CREATE POLICY ${table}_delete ON ${table} FOR DELETE USING (${isOperator})`);
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ${APP_ROLE}`);
    }
    await q.query(`ALTER TABLE deployment_audit_record ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE deployment_audit_record FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY deployment_audit_record_append ON deployment_audit_record FOR INSERT WITH CHECK (${isOperator})`);
    await q.query(`CREATE POLICY deployment_audit_record_read ON deployment_audit_record FOR SELECT USING (${isOperator})`);
    await q.query(`GRANT SELECT, INSERT ON deployment_audit_record TO ${APP_ROLE}`);

    // The operator's view of every region, added to the tenant policies (PERMISSIVE: OR-ed with them).
    await q.query(`CREATE POLICY region_operator_read ON region FOR SELECT USING (${isOperator})`);
    await q.query(`CREATE POLICY region_operator_insert ON region FOR INSERT WITH CHECK (${isOperator})`);
    await q.query(`GRANT INSERT ON region TO ${APP_ROLE}`);
    await q.query(`CREATE POLICY municipality_operator_read ON municipality FOR SELECT USING (${isOperator})`);
    await q.query(`CREATE POLICY municipality_operator_insert ON municipality FOR INSERT WITH CHECK (${isOperator})`);
    await q.query(`CREATE POLICY person_operator_read ON person FOR SELECT USING (${and(isOperator, 'app_holds_region_admin(id)')})`);
    await q.query(`CREATE POLICY person_operator_insert ON person FOR INSERT WITH CHECK (${isOperator})`);
    await q.query(`CREATE POLICY role_assignment_operator_read ON role_assignment FOR SELECT USING (${and(isOperator, `role = 'REGION_ADMIN'`)})`);
    await q.query(
      `CREATE POLICY role_assignment_operator_insert ON role_assignment FOR INSERT WITH CHECK (${and(isOperator, `role = 'REGION_ADMIN'`, 'municipality_id IS NULL', 'service_id IS NULL', 'unit_id IS NULL')})`,
    );
    await q.query(`CREATE POLICY audit_record_operator_append ON audit_record FOR INSERT WITH CHECK (${isOperator})`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, policy] of [
      ['audit_record', 'audit_record_operator_append'],
      ['role_assignment', 'role_assignment_operator_insert'],
      ['role_assignment', 'role_assignment_operator_read'],
      ['person', 'person_operator_insert'],
      ['person', 'person_operator_read'],
      ['municipality', 'municipality_operator_insert'],
      ['municipality', 'municipality_operator_read'],
      ['region', 'region_operator_insert'],
      ['region', 'region_operator_read'],
    ]) {
      await q.query(`DROP POLICY IF EXISTS ${policy} ON ${table}`);
    }
    await q.query(`REVOKE INSERT ON region FROM ${APP_ROLE}`);
    for (const table of ['deployment_audit_record', 'municipality_code_change', 'municipality_classification_item', 'municipality_classification_version']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS app_holds_region_admin(uuid)`);
    await q.query(`DROP FUNCTION IF EXISTS app_has_context()`);
    await q.query(`DROP FUNCTION IF EXISTS app_is_operator()`);
  }
}
