import { APP_ROLE } from '../migrations/rls';
import { startTestApp, TestApp } from './helpers/test-app';

/**
 * Structural checks over the live schema (every migration applied, including later features'):
 * a table added without row-level security, a policy that forgets the region, or a foreign key that
 * could point into another region fails here, whoever added it.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

/** Tables without region_id, each with the reason; everything else must carry region_id. */
const NOT_REGION_SCOPED: Record<string, string> = {
  region: 'is the tenant itself: its policies compare id with app_region_id()',
  ...Object.fromEntries(Object.entries(DEPLOYMENT_TABLES()).map(([t, why]) => [t, why])),
};

/**
 * Deployment-level tables (1733400000000-reference-onboarding): the same for every tenant. Their
 * policies read `app_has_context()` (public data: any request, SELECT only) or require `app_is_operator()`.
 */
function DEPLOYMENT_TABLES(): Record<string, string> {
  return {
    municipality_classification_version: "SSB's classification of municipalities (KLASS 131): public, the same for every region",
    municipality_classification_item: "SSB's classification of municipalities (KLASS 131): public, the same for every region",
    municipality_code_change: "SSB's classification of municipalities (KLASS 131): public, the same for every region",
    deployment_audit_record: 'the audit trail of deployment-level changes (the classification), read by operators only',
  };
}

/**
 * The OPERATOR's (deployment level, no region) policies on tenant tables: each listed here, each
 * requires app_is_operator() (AND-ed with anything else). test/reference/onboarding.test.ts shows
 * with RLS alone what they let it see and write.
 */
const OPERATOR_POLICIES = new Set([
  'region.region_operator_read',
  'region.region_operator_insert',
  'municipality.municipality_operator_read',
  'municipality.municipality_operator_insert',
  'person.person_operator_read',
  'person.person_operator_insert',
  'role_assignment.role_assignment_operator_read',
  'role_assignment.role_assignment_operator_insert',
  'audit_record.audit_record_operator_append',
]);
const requiresOperator = (expr: string) => /^\(*app_is_operator\(\)( AND |\)*$)/.test(expr);

async function tables(): Promise<{ name: string; rls: boolean; force: boolean; hasRegionId: boolean; regionIdNotNull: boolean }[]> {
  const { rows } = await app.owner.query(`
    SELECT c.relname AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS force,
           a.attname IS NOT NULL AS "hasRegionId", coalesce(a.attnotnull, false) AS "regionIdNotNull"
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'region_id' AND NOT a.attisdropped
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'migrations'
     ORDER BY c.relname`);
  return rows;
}

describe('row-level security covers every table', () => {
  it('finds the foundation tables (the checks below are not vacuous)', async () => {
    const names = (await tables()).map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'region',
        'municipality',
        'municipality_population',
        'shared_service',
        'ownership_period',
        'ownership_period_owner',
        'unit',
        'person',
        'role_assignment',
        'audit_record',
      ]),
    );
  });

  it('has RLS enabled and forced, with at least one policy, on every table except migrations', async () => {
    const { rows: policies } = await app.owner.query(`SELECT tablename, count(*)::int AS n FROM pg_policies WHERE schemaname = 'public' GROUP BY tablename`);
    const count = new Map(policies.map((p) => [p.tablename, p.n]));
    const problems = (await tables()).flatMap((t) => [
      ...(t.rls ? [] : [`${t.name}: ROW LEVEL SECURITY not enabled`]),
      ...(t.force ? [] : [`${t.name}: ROW LEVEL SECURITY not forced`]),
      ...(count.get(t.name) ? [] : [`${t.name}: no policy`]),
    ]);
    expect(problems).toEqual([]);
  });

  it('gives every tenant table a NOT NULL region_id (exceptions must be listed with a reason)', async () => {
    const problems = (await tables()).flatMap((t) => {
      if (NOT_REGION_SCOPED[t.name]) return [];
      if (!t.hasRegionId) return [`${t.name}: no region_id column (add one, or list the table in NOT_REGION_SCOPED with a reason)`];
      return t.regionIdNotNull ? [] : [`${t.name}: region_id is nullable`];
    });
    expect(problems).toEqual([]);
  });

  it("confines every policy to the caller's region via app_region_id() or app_in_region(region_id)", async () => {
    const { rows } = await app.owner.query(`SELECT tablename, policyname, permissive, roles, cmd, qual, with_check FROM pg_policies WHERE schemaname = 'public'`);
    expect(rows.length).toBeGreaterThan(10);
    // app_in_region(region_id) is the named form (migrations/rls.ts `inRegion`); it counts only while it means region_id = app_region_id().
    const { rows: fn } = await app.owner.query(`SELECT prosrc FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND oid = 'app_in_region(uuid)'::regprocedure`);
    expect(fn.map((f) => f.prosrc.replace(/\s+/g, ' ').trim())).toEqual(['SELECT row_region_id = app_region_id()']);
    const confined = (expr: string) => expr.includes('app_region_id()') || expr.includes('app_in_region(region_id)');
    const deployment = DEPLOYMENT_TABLES();
    const exempt = (p: { tablename: string; policyname: string; cmd: string }, expr: string) =>
      (OPERATOR_POLICIES.has(`${p.tablename}.${p.policyname}`) && requiresOperator(expr)) ||
      (!!deployment[p.tablename] && (requiresOperator(expr) || (expr === 'app_has_context()' && p.cmd === 'SELECT')));
    const problems = rows.flatMap((p) => {
      const out: string[] = [];
      for (const [kind, expr] of [
        ['USING', p.qual],
        ['WITH CHECK', p.with_check],
      ] as const) {
        if (expr !== null && !confined(expr) && !exempt(p, expr)) out.push(`${p.tablename}.${p.policyname}: ${kind} (${expr}) does not mention app_region_id() or app_in_region(region_id)`);
      }
      if (p.qual === null && p.with_check === null) out.push(`${p.tablename}.${p.policyname}: no expression at all`);
      if (p.permissive !== 'PERMISSIVE' && p.permissive !== 'RESTRICTIVE') out.push(`${p.tablename}.${p.policyname}: unexpected kind ${p.permissive}`);
      return out;
    });
    expect(problems).toEqual([]);
  });

  it('lets no foreign key between tenant tables skip region_id (a row could point into another region)', async () => {
    const { rows } = await app.owner.query(`
      SELECT con.conname, src.relname AS "from", dst.relname AS "to",
             (SELECT array_agg(a.attname::text ORDER BY a.attname) FROM pg_attribute a WHERE a.attrelid = con.conrelid AND a.attnum = ANY (con.conkey)) AS cols,
             (SELECT array_agg(a.attname::text ORDER BY a.attname) FROM pg_attribute a WHERE a.attrelid = con.confrelid AND a.attnum = ANY (con.confkey)) AS refcols,
             EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = con.conrelid AND a.attname = 'region_id') AS "fromScoped",
             EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = con.confrelid AND a.attname = 'region_id') AS "toScoped"
        FROM pg_constraint con
        JOIN pg_class src ON src.oid = con.conrelid
        JOIN pg_class dst ON dst.oid = con.confrelid
        JOIN pg_namespace n ON n.oid = src.relnamespace
       WHERE con.contype = 'f' AND n.nspname = 'public'`);
    const between = rows.filter((r) => r.fromScoped && r.toScoped);
    expect(between.length).toBeGreaterThan(10);
    const problems = between
      .filter((r) => !r.cols.includes('region_id') || !r.refcols.includes('region_id'))
      .map((r) => `${r.from} -> ${r.to} (${r.conname}): (${r.cols}) references (${r.refcols}) without region_id`);
    expect(problems).toEqual([]);
  });

  it('grants the API role nothing that sidesteps RLS (TRUNCATE, TRIGGER, REFERENCES, CREATE, ownership)', async () => {
    const { rows } = await app.owner.query(
      `
      SELECT c.relname, p.priv
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        CROSS JOIN unnest(ARRAY['TRUNCATE', 'TRIGGER', 'REFERENCES']) AS p(priv)
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND has_table_privilege($1, c.oid, p.priv)`,
      [APP_ROLE],
    );
    expect(rows).toEqual([]);
    const { rows: schema } = await app.owner.query(`SELECT has_schema_privilege($1, 'public', 'CREATE') AS can_create`, [APP_ROLE]);
    expect(schema[0].can_create).toBe(false);
    const { rows: owned } = await app.owner.query(`SELECT relname FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = $1)`, [APP_ROLE]);
    expect(owned).toEqual([]);
  });

  it('reads the request context through plain (not SECURITY DEFINER) helper functions', async () => {
    const { rows } = await app.owner.query(`SELECT proname, prosecdef FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND proname LIKE 'app\\_%' ORDER BY 1`);
    expect(rows.map((r) => r.proname)).toEqual(
      expect.arrayContaining([
        'app_is_public',
        'app_municipality_id',
        'app_region_id',
        'app_role',
        'app_service_id',
        'app_unit_id',
        // the named predicates (migrations/rls.ts) of 1733300000000-reference-security-predicates
        'app_in_region',
        'app_in_municipality',
        'app_in_service',
        'app_in_unit',
        'app_has_role',
        'app_is_region_admin',
        'app_own_municipality',
        'app_own_service',
        'app_own_unit',
      ]),
    );
    // The exceptions, by name: a signed-in person's grants in every region are read before the
    // request has a tenant context (migration 1733600000000, src/http/auth.ts); it returns the rows of
    // the identity it is given only. On an identity's first sign-in, the people registered by its
    // verified match claim are bound to it (migration 1733705000000): only those with no subject
    // yet, audited. Only the API role may call either.
    expect(rows.filter((r) => r.prosecdef).map((r) => r.proname)).toEqual(['app_bind_sign_in_claim', 'app_identity_grants']);
    for (const [name, signature] of [
      ['app_identity_grants', 'app_identity_grants(text, text)'],
      ['app_bind_sign_in_claim', 'app_bind_sign_in_claim(text, text, text, text)'],
    ]) {
      const { rows: callers } = await app.owner.query(
        `SELECT r.rolname FROM pg_roles r WHERE has_function_privilege(r.oid, $1, 'EXECUTE') AND NOT r.rolsuper AND r.rolname NOT LIKE 'pg\\_%' AND r.oid <> (SELECT proowner FROM pg_proc WHERE proname = $2)`,
        [signature, name],
      );
      expect(callers.map((r) => r.rolname)).toEqual([APP_ROLE]);
    }
  });
});
