import fs from 'node:fs';
import path from 'node:path';
import { ApiQuery, asApiRole, municipalityId, regionId, serviceId, unitId } from './helpers/fixtures';
import { startTestApp, TestApp } from './helpers/test-app';

/**
 * Issue 19, the database side: a request's rights are the UNION of its grants (`app.grants`, keys
 * `ROLE:scope`), each grant a role at ONE scope — never a product of all roles and all scopes —
 * enforced by row-level security alone (migration 1733500000000-reference-grant-aware-policies).
 * The single-grant settings (`app.role` + one scope id) keep meaning exactly what they meant.
 */
jest.setTimeout(180_000);

let app: TestApp;
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp();
  ids.nord = await regionId(app, 'nord-osterdal');
  ids.valdres = await regionId(app, 'valdres');
  ids.tynset = await municipalityId(app, '3427');
  ids.folldal = await municipalityId(app, '3429');
  ids.tynsetSchool = await unitId(app, 'tynset-barneskole', 'nord-osterdal');
  ids.alvdalSchool = await unitId(app, 'alvdal-barneskole', 'nord-osterdal');
  ids.tynsetUngdom = await unitId(app, 'tynset-ungdomsskole', 'nord-osterdal');
  ids.bagnSchool = await unitId(app, 'sor-aurdal-bagn-skule', 'valdres');
  ids.valdresMunicipality = await municipalityId(app, '3449');
  ids.valdresBarnevern = await serviceId(app, 'barnevern', 'valdres');
});
afterAll(() => app.close());

const CONTEXT_CALLS = /\bapp_(role|municipality_id|service_id|unit_id)\(\)/;

/** As the API role with `app.grants` (and the region; the single-grant settings left empty). */
const withGrants = <T>(keys: string[], region: string, work: (q: ApiQuery) => Promise<T>) =>
  asApiRole(app, { region_id: region, grants: keys.join(','), role: '', municipality_id: '', service_id: '', unit_id: '' }, work);

const ownerIds = async (sql: string, params: unknown[]) => (await app.owner.query(sql, params)).rows.map((r) => r.id as string).sort();
const idsOf = (rows: any[]) => rows.map((r) => r.id as string).sort();
const unitFora = (unit: string) => ownerIds(`SELECT id FROM forum WHERE unit_id = $1`, [unit]);
const meetingsOfUnit = (unit: string) => ownerIds(`SELECT m.id FROM forum_meeting m JOIN forum f ON f.id = m.forum_id WHERE f.unit_id = $1`, [unit]);
/** A leader-only write (forum_meeting_update: TST_LEADER of the forum's unit): how many of the unit's meetings it reaches. */
const touchMeetings = (q: ApiQuery, unit: string) =>
  q(`WITH u AS (UPDATE forum_meeting SET place = place WHERE forum_id IN (SELECT id FROM forum WHERE unit_id = $1) RETURNING 1) SELECT count(*)::int AS n FROM u`, [unit]).then(
    (r) => r[0].n as number,
  );

describe('the request context behind the policies', () => {
  it('no policy and no function reads the single-grant settings except app_grant_keys()', async () => {
    const { rows: policies } = await app.owner.query(
      `SELECT tablename || '.' || policyname AS name, coalesce(qual, '') || ' ' || coalesce(with_check, '') AS expr FROM pg_policies WHERE schemaname = 'public'`,
    );
    expect(policies.length).toBeGreaterThan(200);
    expect(policies.filter((p) => CONTEXT_CALLS.test(p.expr)).map((p) => p.name)).toEqual([]);
    const { rows: functions } = await app.owner.query(`
      SELECT p.oid::regprocedure::text AS name, pg_get_functiondef(p.oid) AS def FROM pg_proc p
       WHERE p.pronamespace = 'public'::regnamespace AND p.prokind = 'f'
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`);
    const readers = functions.filter((f) => CONTEXT_CALLS.test(f.def.replace(/^[\s\S]*?\bAS\b/, ''))).map((f) => f.name);
    // Of 1733400000000-reference-onboarding: app_is_operator() — OPERATOR is the deployment's role,
    // held by no grant of any region, so it reads the request's role as it is; app_has_context() —
    // whether a request context was set at all (public classification data), not a grant.
    expect(readers.sort()).toEqual(['app_grant_keys()', 'app_has_context()', 'app_is_operator()']);
    // The context functions themselves are still there (the PostGraphile rig and old code read them).
    expect(functions.map((f) => f.name)).toEqual(expect.arrayContaining(['app_role()', 'app_unit_id()', 'app_holds(uuid,text[])', 'app_scopes(text[])']));
  });

  it('no policy multiplies roles and scopes (a role test beside a scope test that names other roles)', async () => {
    // `app_has_role('TST_LEADER') AND app_in_unit(unit_id)` would let a leader at A and member at B
    // lead at B; such a policy must say app_holds / `unit_id = ANY ((SELECT app_scopes('TST_LEADER'))…)`.
    const { rows } = await app.owner.query(`SELECT tablename || '.' || policyname AS name FROM pg_policies WHERE schemaname = 'public'
       AND concat(qual, ' ', with_check) ~ 'app_has_role' AND concat(qual, ' ', with_check) ~ 'app_in_(unit|service|municipality)\\('`);
    expect(rows).toEqual([]);
  });

  it('builds the keys from app.grants, or the one key of the single-grant settings', async () => {
    const u = ids.tynsetSchool;
    const cases: [Record<string, string>, string[] | null][] = [
      [{ role: 'TST_MEMBER', unit_id: u, municipality_id: ids.tynset }, [`TST_MEMBER:${u}`]],
      [{ role: 'MUNICIPAL_DIRECTOR', municipality_id: ids.tynset }, [`MUNICIPAL_DIRECTOR:${ids.tynset}`]],
      [{ role: 'AUDITOR', municipality_id: ids.tynset }, [`AUDITOR:${ids.tynset}`]],
      [{ role: 'REGION_ADMIN', region_id: ids.nord }, [`REGION_ADMIN:${ids.nord}`]],
      [{ role: 'HOST_FINANCE', service_id: ids.valdresBarnevern }, [`HOST_FINANCE:${ids.valdresBarnevern}`]],
      [{ role: 'TST_LEADER' }, ['TST_LEADER:']],
      [{ role: 'PUBLIC' }, []],
      [{}, null],
      [{ role: 'TST_MEMBER', unit_id: u, grants: `TST_LEADER:${ids.alvdalSchool},AUDITOR:${ids.folldal}` }, [`TST_LEADER:${ids.alvdalSchool}`, `AUDITOR:${ids.folldal}`]],
    ];
    for (const [settings, keys] of cases) {
      const got = await asApiRole(app, settings, (q) => q(`SELECT app_grant_keys() AS keys`));
      expect({ settings, keys: got[0].keys }).toEqual({ settings, keys });
    }
  });

  it('answers role, scope and pair questions for a request with several grants', async () => {
    const keys = [`TST_LEADER:${ids.tynsetSchool}`, `TST_MEMBER:${ids.alvdalSchool}`, `MUNICIPAL_DIRECTOR:${ids.folldal}`, `REGION_ADMIN:${ids.nord}`];
    const [r] = await withGrants(keys, ids.nord, (q) =>
      q(
        `SELECT app_has_role('TST_MEMBER') AS member, app_has_role('AUDITOR', 'HOST_FINANCE') AS auditor_or_finance, app_has_role('TST') AS prefix,
                app_holds($1, 'TST_LEADER') AS leads_tynset, app_holds($2, 'TST_LEADER') AS leads_alvdal, app_holds($2, 'TST_LEADER', 'TST_MEMBER') AS in_alvdal,
                app_holds(NULL, 'TST_LEADER') IS NOT TRUE AS null_scope_refused, app_scopes('TST_LEADER', 'TST_MEMBER') AS tst, app_scopes('AUDITOR') AS audits,
                app_is_region_admin() AS admin, app_own_unit($2) AS own_alvdal, app_own_municipality($3) AS own_folldal, app_in_municipality($1) AS unit_as_municipality`,
        [ids.tynsetSchool, ids.alvdalSchool, ids.folldal],
      ),
    );
    expect(r).toEqual({
      member: true,
      auditor_or_finance: false,
      prefix: false,
      leads_tynset: true,
      leads_alvdal: false,
      in_alvdal: true,
      null_scope_refused: true,
      tst: [ids.tynsetSchool, ids.alvdalSchool],
      audits: [],
      admin: true,
      own_alvdal: true,
      own_folldal: true,
      unit_as_municipality: false,
    });
    // A REGION_ADMIN key of another region is no admin grant here.
    const [other] = await withGrants([`REGION_ADMIN:${ids.valdres}`], ids.nord, (q) => q(`SELECT app_is_region_admin() AS admin`));
    expect(other.admin).toBe(false);
  });

  it('keeps the grant functions plain, inlinable SQL', async () => {
    const { rows } = await app.owner.query(`
      SELECT proname, l.lanname = 'sql' AS sql, provolatile, proisstrict, prosecdef FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
       WHERE pronamespace = 'public'::regnamespace AND proname IN ('app_grant_keys', 'app_has_role', 'app_holds', 'app_scopes') ORDER BY 1`);
    expect(rows).toEqual(['app_grant_keys', 'app_has_role', 'app_holds', 'app_scopes'].map((proname) => ({ proname, sql: true, provolatile: 's', proisstrict: false, prosecdef: false })));
    const { rows: plan } = await app.owner.query(
      `EXPLAIN (VERBOSE, COSTS OFF) SELECT 1 FROM unit WHERE app_holds(id, 'TST_LEADER') AND id = ANY (app_scopes('TST_MEMBER')) AND app_has_role('AUDITOR')`,
    );
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toContain('current_setting');
    expect(text).not.toMatch(/app_holds|app_scopes|app_has_role|app_grant_keys/);
  });
});

describe('single-grant settings mean what they meant (the PostGraphile rig, old clients)', () => {
  /** The policies as the migrations before 1733500000000 left them (their recorded effects). */
  function policiesBefore(): Record<string, { using: string | null; check: string | null }> {
    const dir = path.join(__dirname, 'migrations/effects');
    const out: Record<string, { using: string | null; check: string | null }> = {};
    for (const file of fs.readdirSync(dir).sort()) {
      if (Number(file.slice(0, 13)) >= 1733500000000) continue;
      const effect = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
      Object.assign(out, effect.policies?.set ?? {});
      for (const key of effect.policies?.dropped ?? []) delete out[key];
    }
    return out;
  }

  it('every re-written policy admits exactly the rows it admitted before, for every role at every scope', async () => {
    const before = policiesBefore();
    const { rows: now } = await app.owner.query(`SELECT tablename, policyname, qual, with_check FROM pg_policies WHERE schemaname = 'public'`);
    // [table, [label, before, now][]] for the expressions the migration changed.
    const byTable = new Map<string, [string, string, string][]>();
    for (const p of now) {
      const old = before[`${p.tablename}.${p.policyname}`];
      if (!old) continue; // a policy of a later migration
      for (const [part, was, is] of [
        ['using', old.using, p.qual],
        ['check', old.check, p.with_check],
      ] as const) {
        if (was == null || was === is) continue;
        byTable.set(p.tablename, [...(byTable.get(p.tablename) ?? []), [`${p.policyname}.${part}`, was, is as string]]);
      }
    }
    expect([...byTable.values()].flat().length).toBeGreaterThan(200);

    // Every role at every scope of its kind in both regions (units: the first 6 of each region), PUBLIC and no context.
    const scopes = async (sql: string) => (await app.owner.query(sql)).rows.map((r) => r.id as string);
    const regions = await scopes(`SELECT id FROM region`);
    const services = await scopes(`SELECT id FROM shared_service`);
    const municipalities = await scopes(`SELECT id FROM municipality WHERE region_id IN (SELECT id FROM region)`);
    const units = await scopes(`SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY region_id ORDER BY code) AS n FROM unit) u WHERE n <= 6`);
    const regionOf = new Map<string, string>(
      (
        await app.owner.query(`SELECT id, region_id FROM shared_service UNION ALL SELECT id, region_id FROM municipality UNION ALL SELECT id, region_id FROM unit UNION ALL SELECT id, id FROM region`)
      ).rows.map((r) => [r.id, r.region_id]),
    );
    const contexts: Record<string, string>[] = [
      {},
      { role: 'PUBLIC' },
      ...regions.map((id) => ({ role: 'REGION_ADMIN', region_id: id })),
      ...['SERVICE_LEADER', 'HOST_FINANCE'].flatMap((role) => services.map((id) => ({ role, region_id: regionOf.get(id)!, service_id: id }))),
      ...['MUNICIPAL_DIRECTOR', 'MUNICIPAL_FINANCE', 'AUDITOR'].flatMap((role) => municipalities.map((id) => ({ role, region_id: regionOf.get(id)!, municipality_id: id }))),
      ...['TST_LEADER', 'TST_MEMBER'].flatMap((role) => units.map((id) => ({ role, region_id: regionOf.get(id)!, unit_id: id }))),
    ];
    expect(contexts.length).toBeGreaterThan(50);

    const mismatches: string[] = [];
    let admitted = 0;
    await app.owner.query('BEGIN');
    try {
      for (const context of contexts) {
        await app.owner.query(
          `SELECT set_config('app.role', $1, true), set_config('app.region_id', $2, true), set_config('app.municipality_id', $3, true),
                  set_config('app.service_id', $4, true), set_config('app.unit_id', $5, true), set_config('app.grants', '', true)`,
          [context.role ?? '', context.region_id ?? '', context.municipality_id ?? '', context.service_id ?? '', context.unit_id ?? ''],
        );
        for (const [table, exprs] of byTable) {
          const columns = exprs.map(([, was, is], i) => `count(*) FILTER (WHERE ((${was}) IS TRUE) <> ((${is}) IS TRUE))::int AS d${i}, count(*) FILTER (WHERE (${is}) IS TRUE)::int AS a${i}`);
          const { rows } = await app.owner.query(`SELECT ${columns.join(', ')} FROM ${table}`);
          exprs.forEach(([label], i) => {
            admitted += rows[0][`a${i}`];
            if (rows[0][`d${i}`] !== 0) mismatches.push(`${table}.${label} under ${JSON.stringify(context)}: ${rows[0][`d${i}`]} rows differ`);
          });
        }
      }
    } finally {
      await app.owner.query('ROLLBACK');
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(admitted).toBeGreaterThan(10_000); // the comparison is not over empty sets
  });
});

describe('several grants in one request (app.grants), RLS alone as the API role', () => {
  it('TST_MEMBER at two units sees the meetings (and their fora) of both units and of no third unit', async () => {
    const keys = [`TST_MEMBER:${ids.tynsetSchool}`, `TST_MEMBER:${ids.alvdalSchool}`];
    const expectedMeetings = [...(await meetingsOfUnit(ids.tynsetSchool)), ...(await meetingsOfUnit(ids.alvdalSchool))].sort();
    const expectedMemberships = await ownerIds(`SELECT x.id FROM forum_membership x JOIN forum f ON f.id = x.forum_id WHERE f.unit_id = ANY ($1)`, [[ids.tynsetSchool, ids.alvdalSchool]]);
    expect(expectedMeetings.length).toBeGreaterThan(2);
    expect(expectedMemberships.length).toBeGreaterThan(0);
    expect((await meetingsOfUnit(ids.tynsetUngdom)).length).toBeGreaterThan(0); // a third unit with meetings, which must stay hidden
    await withGrants(keys, ids.nord, async (q) => {
      expect(idsOf(await q(`SELECT id FROM forum_meeting`))).toEqual(expectedMeetings);
      expect(idsOf(await q(`SELECT id FROM forum_membership`))).toEqual(expectedMemberships);
      expect(await q(`SELECT count(*)::int AS n FROM forum_meeting m JOIN forum f ON f.id = m.forum_id WHERE f.unit_id = $1`, [ids.tynsetUngdom])).toEqual([{ n: 0 }]);
      // The fora themselves (their configuration) are readable region-wide by every forum role, as before.
      const fora = idsOf(await q(`SELECT id FROM forum WHERE unit_id = ANY ($1)`, [[ids.tynsetSchool, ids.alvdalSchool]]));
      expect(fora).toEqual([...(await unitFora(ids.tynsetSchool)), ...(await unitFora(ids.alvdalSchool))].sort());
    });
  });

  it('TST_MEMBER at two units cannot do what only a TST_LEADER may (edit or add meetings)', async () => {
    const keys = [`TST_MEMBER:${ids.tynsetSchool}`, `TST_MEMBER:${ids.alvdalSchool}`];
    await withGrants(keys, ids.nord, async (q) => {
      expect(await touchMeetings(q, ids.tynsetSchool)).toBe(0);
      expect(await touchMeetings(q, ids.alvdalSchool)).toBe(0);
      await expect(
        q(`INSERT INTO forum_meeting (region_id, forum_id, starts_at, planned_minutes, created_by) SELECT region_id, id, now(), 60, 'test' FROM forum WHERE unit_id = $1`, [ids.tynsetSchool]),
      ).rejects.toThrow(/row-level security/);
    });
  });

  it('TST_LEADER at A and TST_MEMBER at B: a leader’s write is allowed at A and refused at B', async () => {
    const atA = (await meetingsOfUnit(ids.tynsetSchool)).length;
    expect(atA).toBeGreaterThan(0);
    const keys = [`TST_LEADER:${ids.tynsetSchool}`, `TST_MEMBER:${ids.alvdalSchool}`];
    await withGrants(keys, ids.nord, async (q) => {
      expect(await touchMeetings(q, ids.tynsetSchool)).toBe(atA);
      expect(await touchMeetings(q, ids.alvdalSchool)).toBe(0);
      // B's meetings are readable (member), not writable (not leader).
      expect((await q(`SELECT m.id FROM forum_meeting m JOIN forum f ON f.id = m.forum_id WHERE f.unit_id = $1`, [ids.alvdalSchool])).length).toBeGreaterThan(0);
      const [inserted] = await q(
        `INSERT INTO forum_meeting (region_id, forum_id, starts_at, planned_minutes, created_by) SELECT region_id, id, now(), 60, 'test' FROM forum WHERE unit_id = $1 RETURNING id`,
        [ids.tynsetSchool],
      );
      expect(inserted.id).toBeDefined();
      await q('SAVEPOINT b');
      await expect(
        q(`INSERT INTO forum_meeting (region_id, forum_id, starts_at, planned_minutes, created_by) SELECT region_id, id, now(), 60, 'test' FROM forum WHERE unit_id = $1`, [ids.alvdalSchool]),
      ).rejects.toThrow(/row-level security/);
      await q('ROLLBACK TO SAVEPOINT b');
    });
    // The same keys as single grants: the leader alone reaches A, the member alone nothing.
    await withGrants([`TST_LEADER:${ids.tynsetSchool}`], ids.nord, async (q) => expect(await touchMeetings(q, ids.tynsetSchool)).toBe(atA));
    await withGrants([`TST_MEMBER:${ids.tynsetSchool}`], ids.nord, async (q) => expect(await touchMeetings(q, ids.tynsetSchool)).toBe(0));
  });

  it('MUNICIPAL_DIRECTOR of one municipality and TST_MEMBER in another: the director’s rows and the unit’s fora, not the other municipality’s director-only rows', async () => {
    // Folldal's director and a member at Tynset barneskole. The meetings of Tynset's municipal fora
    // are for Tynset's director (and region-wide oversight), not for a member of a Tynset unit.
    const keys = [`MUNICIPAL_DIRECTOR:${ids.folldal}`, `TST_MEMBER:${ids.tynsetSchool}`];
    const tynsetMunicipalFora = await ownerIds(`SELECT id FROM forum WHERE municipality_id = $1 AND unit_id IS NULL`, [ids.tynset]);
    const tynsetDirectorMeetings = await ownerIds(`SELECT id FROM forum_meeting WHERE forum_id = ANY ($1)`, [tynsetMunicipalFora]);
    // A director reads the meetings of every forum of the municipality (its units' fora included).
    const folldalMeetings = await ownerIds(`SELECT m.id FROM forum_meeting m JOIN forum f ON f.id = m.forum_id WHERE f.municipality_id = $1`, [ids.folldal]);
    const folldalAlerts = await ownerIds(`SELECT id FROM cost_alert WHERE municipality_id = $1`, [ids.folldal]);
    expect(tynsetDirectorMeetings.length).toBeGreaterThan(0);
    expect(folldalAlerts.length).toBeGreaterThan(0);
    expect(folldalMeetings.length).toBeGreaterThan(0);
    await withGrants(keys, ids.nord, async (q) => {
      expect(idsOf(await q(`SELECT id FROM forum_meeting`))).toEqual([...folldalMeetings, ...(await meetingsOfUnit(ids.tynsetSchool))].sort());
      expect(await q(`SELECT id FROM forum_meeting WHERE id = ANY ($1)`, [tynsetDirectorMeetings])).toEqual([]);
      expect(idsOf(await q(`SELECT id FROM cost_alert`))).toEqual(folldalAlerts);
      // The director's write on a municipal forum of the other municipality is refused.
      expect(await q(`WITH u AS (UPDATE forum_meeting SET place = place WHERE forum_id = ANY ($1) RETURNING 1) SELECT count(*)::int AS n FROM u`, [tynsetMunicipalFora])).toEqual([{ n: 0 }]);
    });
    // Tynset's director alone does see them (the rows exist and the check is not vacuous).
    await withGrants([`MUNICIPAL_DIRECTOR:${ids.tynset}`], ids.nord, async (q) =>
      expect(idsOf(await q(`SELECT id FROM forum_meeting WHERE id = ANY ($1)`, [tynsetDirectorMeetings]))).toEqual(tynsetDirectorMeetings),
    );
  });

  it('keys naming scopes of another region see nothing of it, with app.region_id of the first', async () => {
    const foreign = [
      `TST_MEMBER:${ids.bagnSchool}`,
      `TST_LEADER:${ids.bagnSchool}`,
      `MUNICIPAL_DIRECTOR:${ids.valdresMunicipality}`,
      `REGION_ADMIN:${ids.valdres}`,
      `SERVICE_LEADER:${ids.valdresBarnevern}`,
      `HOST_FINANCE:${ids.valdresBarnevern}`,
    ];
    const { rows: tables } = await app.owner.query(`
      SELECT c.relname AS name FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'region_id' AND NOT a.attisdropped
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND c.relrowsecurity ORDER BY 1`);
    expect(tables.length).toBeGreaterThan(50);
    // The same keys with the Valdres region id do see Valdres rows: the keys are valid, only the region differs.
    const seenInValdres = await withGrants(foreign, ids.valdres, (q) => q(`SELECT (SELECT count(*) FROM forum)::int AS fora, (SELECT count(*) FROM unit)::int AS units`));
    expect(seenInValdres[0].fora).toBeGreaterThan(0);
    await withGrants(foreign, ids.nord, async (q) => {
      const leaks: string[] = [];
      for (const { name } of tables) {
        const [{ n }] = await q(`SELECT count(*)::int AS n FROM ${name} WHERE region_id <> $1`, [ids.nord]);
        if (n) leaks.push(`${name}: ${n}`);
      }
      expect(leaks).toEqual([]);
      expect(await q(`SELECT id FROM region WHERE id = $1`, [ids.valdres])).toEqual([]);
      // And the foreign keys grant nothing scoped in Nord-Østerdal either (no scope of theirs is a Nord row's).
      expect(await q(`SELECT app_is_region_admin() AS admin`)).toEqual([{ admin: false }]);
      expect(await touchMeetings(q, ids.tynsetSchool)).toBe(0);
      expect(await q(`SELECT id FROM cost_alert`)).toEqual([]);
    });
  });
});
