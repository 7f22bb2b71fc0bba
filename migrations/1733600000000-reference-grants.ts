import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People sign in with the identity their municipality's provider gives them (issuer + subject);
 * what they may do is decided by their grants in Samvirke (role_assignment), each with an optional
 * validity. Written once; the SQL below is this migration's whole effect.
 *
 * - person.issuer: the identity provider that vouches for `subject`. Rows that existed were
 *   development people signed by `npm run token` (issuer "samvirke-dev").
 * - role_assignment: valid_from / valid_to (inclusive, Europe/Oslo dates), who granted it and when;
 *   the scope column a role needs is set and the others are not.
 * - app_identity_grants(issuer, subject): every grant of one identity in every region, read before
 *   the request's tenant context exists (SECURITY DEFINER: RLS would show nothing yet). It returns
 *   only the asking identity's own rows.
 * - A change to people, grants or units (a unit closed ends its TST grants) notifies the channel
 *   `samvirke_principals` when it commits: every API process drops the principals it has cached.
 */
export class Grants1733600000000 implements MigrationInterface {
  name = 'Grants1733600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE person ADD COLUMN issuer text NOT NULL DEFAULT 'samvirke-dev'`);
    await q.query(`ALTER TABLE person ALTER COLUMN issuer DROP DEFAULT`);
    await q.query(`ALTER TABLE person ADD CONSTRAINT person_identity_key UNIQUE (region_id, issuer, subject)`);
    await q.query(`ALTER TABLE role_assignment
      ADD COLUMN valid_from date,
      ADD COLUMN valid_to date,
      ADD COLUMN granted_by text,
      ADD COLUMN granted_at timestamptz NOT NULL DEFAULT now(),
      ADD CONSTRAINT role_assignment_validity CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from),
      ADD CONSTRAINT role_assignment_scope CHECK (CASE
        WHEN role = 'REGION_ADMIN' THEN municipality_id IS NULL AND service_id IS NULL AND unit_id IS NULL
        WHEN role IN ('SERVICE_LEADER', 'HOST_FINANCE') THEN service_id IS NOT NULL AND municipality_id IS NULL AND unit_id IS NULL
        WHEN role IN ('MUNICIPAL_DIRECTOR', 'MUNICIPAL_FINANCE', 'AUDITOR') THEN municipality_id IS NOT NULL AND service_id IS NULL AND unit_id IS NULL
        WHEN role IN ('TST_LEADER', 'TST_MEMBER') THEN unit_id IS NOT NULL AND municipality_id IS NULL AND service_id IS NULL
        ELSE false END)`);
    await q.query(`CREATE INDEX role_assignment_person_idx ON role_assignment (person_id)`);

    await q.query(`CREATE FUNCTION app_identity_grants(p_issuer text, p_subject text)
      RETURNS TABLE (region_id uuid, region_code text, person_id uuid, display_name text, grant_id uuid, role text,
                     municipality_id uuid, service_id uuid, unit_id uuid, valid_from date, valid_to date)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
        SELECT p.region_id, r.code, p.id, p.display_name, a.id, a.role, a.municipality_id, a.service_id, a.unit_id, a.valid_from, a.valid_to
        FROM person p
        JOIN region r ON r.id = p.region_id
        JOIN role_assignment a ON a.person_id = p.id AND a.region_id = p.region_id
        WHERE p.issuer = p_issuer AND p.subject = p_subject
        ORDER BY r.code, a.role, a.id
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION app_identity_grants(text, text) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION app_identity_grants(text, text) TO samvirke_app`);

    await q.query(`CREATE FUNCTION app_notify_principals_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('samvirke_principals', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    for (const table of ['person', 'role_assignment', 'unit']) {
      await q.query(`CREATE TRIGGER ${table}_principals_changed AFTER INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION app_notify_principals_changed()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['person', 'role_assignment', 'unit']) await q.query(`DROP TRIGGER IF EXISTS ${table}_principals_changed ON ${table}`);
    await q.query(`DROP FUNCTION IF EXISTS app_notify_principals_changed()`);
    await q.query(`DROP FUNCTION IF EXISTS app_identity_grants(text, text)`);
    await q.query(`DROP INDEX IF EXISTS role_assignment_person_idx`);
    await q.query(`ALTER TABLE role_assignment DROP CONSTRAINT IF EXISTS role_assignment_scope, DROP CONSTRAINT IF EXISTS role_assignment_validity,
      DROP COLUMN IF EXISTS granted_at, DROP COLUMN IF EXISTS granted_by, DROP COLUMN IF EXISTS valid_to, DROP COLUMN IF EXISTS valid_from`);
    await q.query(`ALTER TABLE person DROP CONSTRAINT IF EXISTS person_identity_key`);
    await q.query(`ALTER TABLE person DROP COLUMN IF EXISTS issuer`);
  }
}
