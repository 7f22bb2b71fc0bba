import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A grant may be limited to the operations it is for (a service account of one integration, issue
 * 19): `role_assignment.operations` lists mutation names (`recordForumMeeting`) or imports
 * (`import:statistics`); NULL = every operation the role allows (as before), `{}` = none (reads
 * only). The application checks it in defineMutation (src/services/mutation.ts); reads follow the
 * role. Written once; the SQL below is this migration's whole effect.
 *
 * - The CHECK keeps the element format (a mutation name, or `import:` and an import kind), no NULL
 *   or empty element, at most 100 of them; which names exist is the application's to check.
 * - app_identity_grants(issuer, subject) also returns the grant's operations: a changed result type
 *   is a DROP and CREATE, with the same REVOKE / GRANT as migration 1733600000000.
 */
export class GrantOperations1733700000000 implements MigrationInterface {
  name = 'GrantOperations1733700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE role_assignment ADD COLUMN operations text[],
      ADD CONSTRAINT role_assignment_operations CHECK (operations IS NULL OR (
        cardinality(operations) <= 100
        AND array_position(operations, '') IS NULL
        AND array_to_string(operations, ' ', '!') ~ '^((import:[a-z][a-z0-9-]{0,62}|[a-z][A-Za-z0-9]{0,62})( |$))*$'))`);
    await q.query(`DROP FUNCTION app_identity_grants(text, text)`);
    await q.query(identityGrants(true));
    await q.query(`REVOKE ALL ON FUNCTION app_identity_grants(text, text) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION app_identity_grants(text, text) TO samvirke_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION app_identity_grants(text, text)`);
    await q.query(identityGrants(false));
    await q.query(`REVOKE ALL ON FUNCTION app_identity_grants(text, text) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION app_identity_grants(text, text) TO samvirke_app`);
    await q.query(`ALTER TABLE role_assignment DROP CONSTRAINT IF EXISTS role_assignment_operations, DROP COLUMN IF EXISTS operations`);
  }
}

/** The function of migration 1733600000000, with the grant's operations (`withOperations`) or as it was. */
function identityGrants(withOperations: boolean): string {
  return `CREATE FUNCTION app_identity_grants(p_issuer text, p_subject text)
      RETURNS TABLE (region_id uuid, region_code text, person_id uuid, display_name text, grant_id uuid, role text,
                     municipality_id uuid, service_id uuid, unit_id uuid, valid_from date, valid_to date${withOperations ? ', operations text[]' : ''})
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
        SELECT p.region_id, r.code, p.id, p.display_name, a.id, a.role, a.municipality_id, a.service_id, a.unit_id, a.valid_from, a.valid_to${withOperations ? ', a.operations' : ''}
        FROM person p
        JOIN region r ON r.id = p.region_id
        JOIN role_assignment a ON a.person_id = p.id AND a.region_id = p.region_id
        WHERE p.issuer = p_issuer AND p.subject = p_subject
        ORDER BY r.code, a.role, a.id
      $$`;
}
