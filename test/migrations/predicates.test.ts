import { Client } from 'pg';
import * as current from '../../migrations/rls';
import * as v1 from '../../migrations/rls-v1';
import { Role } from '../../src/auth/roles';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * The predicates of migrations/rls.ts are calls of named SQL functions that a migration created
 * (1733300000000-reference-security-predicates), and each means what the written-out predicate of
 * the same name meant for the migrations before it (migrations/rls-v1.ts): checked by evaluating
 * both for every role and every combination of context and row scope.
 */
let app: TestApp;
let db: Client;
beforeAll(async () => {
  app = await startTestApp();
  db = app.owner; // a superuser evaluates the expressions; no table is read
});
afterAll(() => app.close());

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

/** [name, predicate emitted by rls.ts today, the written-out predicate of the old migrations]. */
const PAIRS: [string, string, string][] = [
  ['inRegion', current.inRegion, v1.inRegion],
  ['isPublic', current.isPublic, v1.isPublic],
  ['regionOrPublic', current.regionOrPublic, v1.regionOrPublic],
  ['regionAdmin', current.regionAdmin, v1.regionAdmin],
  ['hasRole(AUDITOR)', current.hasRole('AUDITOR'), v1.hasRole('AUDITOR')],
  ['hasRole(REGION_ADMIN, SERVICE_LEADER)', current.hasRole('REGION_ADMIN', 'SERVICE_LEADER'), v1.hasRole('REGION_ADMIN', 'SERVICE_LEADER')],
  ['NOT hasRole(PUBLIC)', `NOT ${current.hasRole('PUBLIC')}`, `NOT (${v1.hasRole('PUBLIC')})`],
  ['ownMunicipality()', current.ownMunicipality(), v1.ownMunicipality()],
  ['ownMunicipality([MUNICIPAL_DIRECTOR])', current.ownMunicipality(['MUNICIPAL_DIRECTOR']), v1.ownMunicipality(['MUNICIPAL_DIRECTOR'])],
  ['ownService()', current.ownService(), v1.ownService()],
  ['ownService([HOST_FINANCE])', current.ownService(['HOST_FINANCE']), v1.ownService(['HOST_FINANCE'])],
  ['ownUnit()', current.ownUnit(), v1.ownUnit()],
  ['ownUnit([TST_LEADER])', current.ownUnit(['TST_LEADER']), v1.ownUnit(['TST_LEADER'])],
  ['and(inRegion, ownMunicipality())', current.and(current.inRegion, current.ownMunicipality()), v1.and(v1.inRegion, v1.ownMunicipality())],
];

/**
 * The grant-aware helpers (issue 19) under single-grant settings mean what the role-and-scope
 * predicates of the old migrations meant (test/rls-grants.test.ts checks them with several grants).
 */
const GRANT_PAIRS: [string, string, string][] = [
  ['holdsAt(unit_id, TST_LEADER)', current.holdsAt('unit_id', 'TST_LEADER'), v1.ownUnit(['TST_LEADER'])],
  ['holdsAt(unit_id, TST_LEADER, TST_MEMBER)', current.holdsAt('unit_id', 'TST_LEADER', 'TST_MEMBER'), v1.ownUnit()],
  ['holdsAt(service_id, HOST_FINANCE)', current.holdsAt('service_id', 'HOST_FINANCE'), v1.ownService(['HOST_FINANCE'])],
  ['holdsAt(municipality_id, MUNICIPAL_DIRECTOR, AUDITOR)', current.holdsAt('municipality_id', 'MUNICIPAL_DIRECTOR', 'AUDITOR'), v1.ownMunicipality(['MUNICIPAL_DIRECTOR', 'AUDITOR'])],
  ['holdsRole(AUDITOR)', current.holdsRole('AUDITOR'), v1.hasRole('AUDITOR')],
  ['holdsRole(REGION_ADMIN, SERVICE_LEADER)', current.holdsRole('REGION_ADMIN', 'SERVICE_LEADER'), v1.hasRole('REGION_ADMIN', 'SERVICE_LEADER')],
  ['and(inRegion, holdsRegionAdmin)', current.and(current.inRegion, current.holdsRegionAdmin), v1.regionAdmin],
  ['region_id = ANY (scopesOf(REGION_ADMIN))', `region_id = ANY (${current.scopesOf('REGION_ADMIN')}::uuid[])`, v1.regionAdmin],
];
const ALL_PAIRS = [...PAIRS, ...GRANT_PAIRS];

describe('security predicates are named SQL functions', () => {
  it('emits only calls of functions, never the rule itself', () => {
    for (const [name, expr] of PAIRS) {
      // What is left after removing the function calls is only brackets, AND/OR/NOT and column names.
      const rest = expr.replace(/\bapp_\w+\((?:'[A-Z_]+'(?:, )?|[a-z_.]+)*\)/g, '').replace(/\b(AND|OR|NOT)\b|[()\s]/g, '');
      expect({ name, rest }).toEqual({ name, rest: '' });
    }
  });

  it('calls only functions that exist in the migrated schema', async () => {
    const called = new Set(ALL_PAIRS.flatMap(([, expr]) => [...expr.matchAll(/\b(app_\w+)\(/g)].map((m) => m[1])));
    const { rows } = await db.query(`SELECT DISTINCT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND proname = ANY ($1)`, [[...called]]);
    expect(rows.map((r) => r.proname).sort()).toEqual([...called].sort());
  });

  it('means what the written-out predicates of the earlier migrations mean, for every role, context and row', async () => {
    const roles: (string | null)[] = [...Object.values(Role), null];
    const scopes = [A, null];
    const columns = ALL_PAIRS.map(([, now, before], i) => `(${now}) IS TRUE AS now_${i}, (${before}) IS TRUE AS before_${i}`).join(',\n');
    // Rows: every combination of region/municipality/service/unit being the caller's (A), another (B) or missing.
    const values = ['A', 'B', null].flatMap((r) => ['A', 'B', null].flatMap((m) => ['A', 'B'].flatMap((s) => ['A', 'B'].map((u) => [r, m, s, u]))));
    const rowsSql = values.map((v) => `(${v.map((x) => (x === 'A' ? `'${A}'::uuid` : x === 'B' ? `'${B}'::uuid` : 'NULL::uuid')).join(', ')})`).join(', ');
    const mismatches: string[] = [];
    let evaluated = 0;
    let trueSomewhere = 0;
    await db.query('BEGIN');
    try {
      for (const role of roles) {
        for (const region of scopes)
          for (const municipality of scopes)
            for (const service of scopes)
              for (const unit of scopes) {
                await db.query(
                  `SELECT set_config('app.role', $1, true), set_config('app.region_id', $2, true), set_config('app.municipality_id', $3, true),
                                 set_config('app.service_id', $4, true), set_config('app.unit_id', $5, true)`,
                  [role ?? '', region ?? '', municipality ?? '', service ?? '', unit ?? ''],
                );
                const { rows } = await db.query(`SELECT r.*, ${columns} FROM (VALUES ${rowsSql}) AS r(region_id, municipality_id, service_id, unit_id)`);
                for (const row of rows) {
                  ALL_PAIRS.forEach(([name], i) => {
                    evaluated += 1;
                    if (row[`now_${i}`]) trueSomewhere += 1;
                    if (row[`now_${i}`] !== row[`before_${i}`]) {
                      mismatches.push(`${name}: role ${role}, context ${[region, municipality, service, unit].map((x) => (x ? 'A' : '-')).join('/')}, row ${JSON.stringify(row)}`);
                    }
                  });
                }
              }
      }
    } finally {
      await db.query('ROLLBACK');
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(evaluated).toBeGreaterThan(10_000);
    expect(trueSomewhere).toBeGreaterThan(100); // not everything false
  });

  it('keeps the predicate functions inlinable: plain SQL, STABLE, not STRICT, not SECURITY DEFINER', async () => {
    const { rows } = await db.query(`
      SELECT proname, l.lanname = 'sql' AS sql, provolatile, proisstrict, prosecdef, proconfig
        FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
       WHERE pronamespace = 'public'::regnamespace AND proname IN ('app_in_region', 'app_in_municipality', 'app_in_service', 'app_in_unit', 'app_has_role',
             'app_is_region_admin', 'app_own_municipality', 'app_own_service', 'app_own_unit')`);
    expect(rows).toHaveLength(9);
    for (const r of rows)
      expect({ name: r.proname, sql: r.sql, volatile: r.provolatile, strict: r.proisstrict, definer: r.prosecdef, config: r.proconfig }).toEqual({
        name: r.proname,
        sql: true,
        volatile: 's',
        strict: false,
        definer: false,
        config: null,
      });
  });

  it('is inlined by the planner (the plan shows the rule, not the call)', async () => {
    const { rows } = await db.query(`EXPLAIN (VERBOSE, COSTS OFF) SELECT 1 FROM (VALUES ('${A}'::uuid, '${A}'::uuid)) AS r(region_id, municipality_id)
                                      WHERE ${current.and(current.inRegion, current.ownMunicipality())}`);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toContain('current_setting');
    expect(plan).not.toMatch(/app_in_region|app_own_municipality/);
  });

  it('refuses a role name that is not one (no SQL through a helper)', () => {
    expect(() => current.hasRole("X') OR true OR ('" as never)).toThrow('Not a role name');
    expect(() => current.holdsAt('unit_id', "X') OR true OR ('" as never)).toThrow('Not a role name');
    expect(() => current.holdsRole()).toThrow('At least one role');
  });
});
