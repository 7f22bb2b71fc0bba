import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The security predicates as named SQL functions, so that a policy says WHICH rule it applies
 * (`app_own_municipality(municipality_id)`) and a migration says WHAT the rule is. Policies written
 * from now on call these (through `migrations/rls.ts`); changing a rule is a new migration with
 * `CREATE OR REPLACE FUNCTION`, and every policy using it follows, visibly in the history.
 *
 * Each is a plain `LANGUAGE sql STABLE` expression, not SECURITY DEFINER and not STRICT, so the
 * planner inlines it into the policy (the same plan as the expression written out, index use on
 * `region_id = app_region_id()` included). Like the context functions of 1732400000000 they yield
 * NULL rather than false when the context is missing, and NULL in a policy refuses the row — also
 * under NOT.
 *
 * Policies created before this migration keep their written-out expressions (migrations/rls-v1.ts).
 */
export class SecurityPredicates1733300000000 implements MigrationInterface {
  name = 'SecurityPredicates1733300000000';

  async up(q: QueryRunner): Promise<void> {
    const fn = (signature: string, body: string) => q.query(`CREATE FUNCTION ${signature} RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT ${body} $$`);
    // Scope: the row's region / municipality / service / unit is the caller's.
    await fn('app_in_region(row_region_id uuid)', 'row_region_id = app_region_id()');
    await fn('app_in_municipality(row_municipality_id uuid)', 'row_municipality_id = app_municipality_id()');
    await fn('app_in_service(row_service_id uuid)', 'row_service_id = app_service_id()');
    await fn('app_in_unit(row_unit_id uuid)', 'row_unit_id = app_unit_id()');
    // Role.
    await fn('app_has_role(VARIADIC roles text[])', 'app_role() = ANY (roles)');
    await fn('app_is_region_admin()', `app_role() = 'REGION_ADMIN'`);
    // Role and scope: who acts for the row's municipality / service / unit.
    await fn('app_own_municipality(row_municipality_id uuid)', `app_role() IN ('MUNICIPAL_DIRECTOR', 'MUNICIPAL_FINANCE', 'AUDITOR') AND row_municipality_id = app_municipality_id()`);
    await fn('app_own_service(row_service_id uuid)', `app_role() IN ('SERVICE_LEADER', 'HOST_FINANCE') AND row_service_id = app_service_id()`);
    await fn('app_own_unit(row_unit_id uuid)', `app_role() IN ('TST_LEADER', 'TST_MEMBER') AND row_unit_id = app_unit_id()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const signature of [
      'app_own_unit(uuid)',
      'app_own_service(uuid)',
      'app_own_municipality(uuid)',
      'app_is_region_admin()',
      'app_has_role(text[])',
      'app_in_unit(uuid)',
      'app_in_service(uuid)',
      'app_in_municipality(uuid)',
      'app_in_region(uuid)',
    ]) {
      await q.query(`DROP FUNCTION IF EXISTS ${signature}`);
    }
  }
}
