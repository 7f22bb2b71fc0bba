import { Role } from '../src/auth/roles';
import { APP_ROLE } from '../migrations/rls';
import { municipalityId, regionId, scalar, serviceId, tableFingerprint, toGlobalId, unitId } from './helpers/fixtures';
import { ok, startTestApp, TestApp } from './helpers/test-app';

/**
 * Regions are hard tenants: Valdres must never see or touch Nord-Østerdal, through the API and,
 * below it, through PostgreSQL row-level security alone.
 */
let app: TestApp;
let valdresAdmin: string;
let valdresDirector: string;
let nordAdmin: string;
let nordDirector: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp();
  valdresAdmin = await app.token(Role.REGION_ADMIN, { region: 'valdres' });
  valdresDirector = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3449' });
  nordAdmin = await app.token(Role.REGION_ADMIN, { region: 'nord-osterdal' });
  nordDirector = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3427' });
  ids.valdres = await regionId(app, 'valdres');
  ids.nord = await regionId(app, 'nord-osterdal');
  ids.tynset = await municipalityId(app, '3427');
  ids.tynsetSchool = await unitId(app, 'tynset-barneskole', 'nord-osterdal');
  ids.bagnSchool = await unitId(app, 'sor-aurdal-bagn-skule', 'valdres');
  ids.nordBarnevern = await serviceId(app, 'barnevern', 'nord-osterdal');
  ids.valdresBarnevern = await serviceId(app, 'barnevern', 'valdres');
  ids.nordPeriod = await scalar(app, 'SELECT id FROM ownership_period WHERE service_id = $1', [ids.nordBarnevern]);
  // One audit record in each region, written through the API.
  for (const [token, unit] of [
    [nordAdmin, ids.tynsetSchool],
    [valdresAdmin, ids.bagnSchool],
  ]) {
    const res = ok(await app.gql(`mutation($id: ID!) { updateUnit(input: { id: $id, size: 99 }) { userErrors { code } } }`, { id: toGlobalId('Unit', unit) }, token));
    expect(res.updateUnit.userErrors).toEqual([]);
  }
});
afterAll(() => app.close());

const VALDRES_NUMBERS = ['3449', '3450', '3451'];
const NORD_NUMBERS = ['3424', '3426', '3427', '3428', '3429'];

describe('lists never show another region', () => {
  const LISTS = `{
    region { code municipalities { number } sharedServices { code host { number } owners { number } } }
    municipalities { number }
    sharedServices { name host { number } owners { number } ownershipPeriods { owners { number } } }
    units(first: 100) { totalCount nodes { code municipality { number } } }
  }`;

  it.each([
    ['Valdres REGION_ADMIN', () => valdresAdmin, 'valdres', VALDRES_NUMBERS],
    ['Valdres MUNICIPAL_DIRECTOR', () => valdresDirector, 'valdres', VALDRES_NUMBERS],
    ['Nord-Østerdal REGION_ADMIN', () => nordAdmin, 'nord-osterdal', NORD_NUMBERS],
    ['Nord-Østerdal MUNICIPAL_DIRECTOR', () => nordDirector, 'nord-osterdal', NORD_NUMBERS],
  ])('%s sees only its own region', async (_name, token, code, numbers) => {
    const unitCount = await scalar<number>(app, `SELECT count(*)::int FROM unit u JOIN region r ON r.id = u.region_id WHERE r.code = $1`, [code]);
    expect(unitCount).toBeGreaterThan(0);
    const data = ok(await app.gql(LISTS, {}, token()));
    const mine = new Set(numbers);
    expect(data.region.code).toBe(code);
    expect(data.region.municipalities.map((m: any) => m.number)).toEqual(numbers);
    expect(data.municipalities.map((m: any) => m.number)).toEqual(numbers);
    expect(data.sharedServices.length).toBeGreaterThan(0);
    for (const s of data.sharedServices) {
      expect(mine.has(s.host.number)).toBe(true);
      for (const o of s.owners) expect(mine.has(o.number)).toBe(true);
      for (const p of s.ownershipPeriods) for (const o of p.owners) expect(mine.has(o.number)).toBe(true);
    }
    expect(data.units.totalCount).toBe(unitCount);
    expect(data.units.nodes).toHaveLength(unitCount);
    for (const u of data.units.nodes) expect(mine.has(u.municipality.number)).toBe(true);
  });

  it('returns nothing when a signed-in caller names the other region or its municipalities', async () => {
    const data = ok(
      await app.gql(
        `{
      region(code: "nord-osterdal") { code }
      municipalities(regionCode: "nord-osterdal") { number }
      sharedServices(regionCode: "nord-osterdal") { code }
      municipality(number: "3427") { name }
      units(municipalityNumber: "3427") { totalCount nodes { code } }
    }`,
        {},
        valdresAdmin,
      ),
    );
    expect(data).toEqual({ region: null, municipalities: [], sharedServices: [], municipality: null, units: { totalCount: 0, nodes: [] } });
  });

  it('shows each REGION_ADMIN only the audit records of its own region', async () => {
    const q = `{ auditRecords(first: 100) { totalCount nodes { entity entityId operation } } }`;
    const valdres = ok(await app.gql(q, {}, valdresAdmin)).auditRecords;
    const nord = ok(await app.gql(q, {}, nordAdmin)).auditRecords;
    expect(valdres.nodes.map((n: any) => n.entityId)).toEqual([toGlobalId('Unit', ids.bagnSchool)]);
    expect(nord.nodes.map((n: any) => n.entityId)).toEqual([toGlobalId('Unit', ids.tynsetSchool)]);
    expect(valdres.totalCount).toBe(1);
    expect(nord.totalCount).toBe(1);
  });
});

describe("node(id:) and sharedService(id:) with another region's IDs", () => {
  const cases: [string, () => string][] = [
    ['Region', () => toGlobalId('Region', ids.nord)],
    ['Municipality', () => toGlobalId('Municipality', ids.tynset)],
    ['Unit', () => toGlobalId('Unit', ids.tynsetSchool)],
    ['SharedService', () => toGlobalId('SharedService', ids.nordBarnevern)],
    ['OwnershipPeriod', () => toGlobalId('OwnershipPeriod', ids.nordPeriod)],
  ];
  it.each(cases)('a foreign %s is null for Valdres, and found by its own region', async (type, id) => {
    const q = `query($id: ID!) { node(id: $id) { __typename id } }`;
    expect(ok(await app.gql(q, { id: id() }, valdresAdmin)).node).toBeNull();
    expect(ok(await app.gql(q, { id: id() }, valdresDirector)).node).toBeNull();
    expect(ok(await app.gql(q, { id: id() }, nordDirector)).node).toEqual({ __typename: type, id: id() });
  });

  it('sharedService(id:) of another region is null; its own is found', async () => {
    const q = `query($id: ID!) { sharedService(id: $id) { code } }`;
    expect(ok(await app.gql(q, { id: toGlobalId('SharedService', ids.nordBarnevern) }, valdresAdmin)).sharedService).toBeNull();
    expect(ok(await app.gql(q, { id: toGlobalId('SharedService', ids.valdresBarnevern) }, valdresAdmin)).sharedService).toEqual({ code: 'barnevern' });
  });

  it('node(id:) is null for garbage and for a global ID of the wrong type', async () => {
    const q = `query($id: ID!) { node(id: $id) { id } }`;
    for (const id of ['garbage', toGlobalId('Nope', ids.tynset), toGlobalId('Unit', ids.tynset), Buffer.from('Unit:not-a-uuid').toString('base64url')]) {
      expect(ok(await app.gql(q, { id }, nordAdmin)).node).toBeNull();
    }
  });
});

describe("mutations with another region's IDs change nothing", () => {
  const TABLES = ['unit', 'ownership_period', 'ownership_period_owner', 'audit_record'];

  async function expectNotFound(query: string, variables: Record<string, unknown>, field: string[]) {
    const before = await tableFingerprint(app, TABLES);
    const data = ok(await app.gql(query, variables, valdresAdmin));
    const payload = Object.values(data)[0] as { userErrors: { field: string[]; code: string }[] };
    expect(payload.userErrors).toContainEqual(expect.objectContaining({ field, code: 'NOT_FOUND' }));
    expect(await tableFingerprint(app, TABLES)).toEqual(before);
  }

  it('updateUnit of a Nord-Østerdal unit', async () => {
    await expectNotFound(`mutation($id: ID!) { updateUnit(input: { id: $id, name: "Kapret", size: 1 }) { unit { id } userErrors { field code } } }`, { id: toGlobalId('Unit', ids.tynsetSchool) }, [
      'input',
      'id',
    ]);
    expect(await scalar(app, 'SELECT name FROM unit WHERE id = $1', [ids.tynsetSchool])).toBe('Tynset barneskole');
  });

  it('setServiceOwnership on a Nord-Østerdal service', async () => {
    await expectNotFound(
      `mutation($id: ID!) { setServiceOwnership(input: { serviceId: $id, validFrom: "2030-01-01", ownerMunicipalityNumbers: ["3449"] }) { ownershipPeriod { id } userErrors { field code } } }`,
      { id: toGlobalId('SharedService', ids.nordBarnevern) },
      ['input', 'serviceId'],
    );
  });

  it('createUnit in a Nord-Østerdal municipality', async () => {
    await expectNotFound(
      `mutation { createUnit(input: { municipalityNumber: "3427", code: "inntrenger-skole", name: "Inntrenger skole", kind: SCHOOL, size: 10 }) { unit { id } userErrors { field code } } }`,
      {},
      ['input', 'municipalityNumber'],
    );
  });

  it('setServiceOwnership listing a Nord-Østerdal owner municipality', async () => {
    await expectNotFound(
      `mutation($id: ID!) { setServiceOwnership(input: { serviceId: $id, validFrom: "2030-01-01", ownerMunicipalityNumbers: ["3449", "3450", "3451", "3427"] }) { ownershipPeriod { id } userErrors { field code } } }`,
      { id: toGlobalId('SharedService', ids.valdresBarnevern) },
      ['input', 'ownerMunicipalityNumbers', '3'],
    );
  });
});

describe('row-level security alone, bypassing the service layer', () => {
  /** Runs `work` in a transaction of the API role with the given RLS context (none if null). */
  async function asApi<T>(context: Record<string, string> | null, work: (q: (sql: string, p?: unknown[]) => Promise<any>) => Promise<T>): Promise<T> {
    const runner = app.appDataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      for (const [k, v] of Object.entries(context ?? {})) await runner.query(`SELECT set_config($1, $2, true)`, [`app.${k}`, v]);
      return await work((sql, p) => runner.query(sql, p));
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }
  const valdresCtx = () => ({ role: 'REGION_ADMIN', region_id: ids.valdres });

  it('connects as a role that owns nothing, is no superuser and cannot bypass RLS', async () => {
    const [me] = await app.appDataSource.query(`SELECT current_user AS name, r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolcreatedb
      FROM pg_roles r WHERE r.rolname = current_user`);
    expect(me).toEqual({ name: APP_ROLE, rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false });
    const { rows: owned } = await app.owner.query(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) = $1`,
      [APP_ROLE],
    );
    expect(owned).toEqual([]);
    const { rows: tables } = await app.owner.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
    expect(tables[0].n).toBeGreaterThan(5);
  });

  it("SELECT without WHERE returns only the context region's rows", async () => {
    const all = await scalar<number>(app, `SELECT count(*)::int FROM unit`);
    const valdresCount = await scalar<number>(app, `SELECT count(*)::int FROM unit WHERE region_id = $1`, [ids.valdres]);
    expect(all).toBeGreaterThan(valdresCount);
    const rows = await asApi(valdresCtx(), (q) => q(`SELECT * FROM unit`));
    expect(rows).toHaveLength(valdresCount);
    expect(new Set(rows.map((r: any) => r.region_id))).toEqual(new Set([ids.valdres]));
    const municipalities = await asApi(valdresCtx(), (q) => q(`SELECT number FROM municipality ORDER BY number`));
    expect(municipalities.map((m: any) => m.number)).toEqual(VALDRES_NUMBERS);
  });

  it("UPDATE and DELETE of another region's row affect 0 rows", async () => {
    const before = await tableFingerprint(app, ['unit']);
    const [updated, deleted] = await asApi(valdresCtx(), async (q) => [
      await q(`UPDATE unit SET name = 'Kapret' WHERE id = $1`, [ids.tynsetSchool]),
      await q(`DELETE FROM unit WHERE id = $1`, [ids.tynsetSchool]),
    ]);
    expect(updated[1]).toBe(0);
    expect(deleted[1]).toBe(0);
    // ...while the same statements do reach the caller's own rows (the test would pass vacuously otherwise).
    const own = await asApi(valdresCtx(), (q) => q(`UPDATE unit SET size = size WHERE id = $1`, [ids.bagnSchool]));
    expect(own[1]).toBe(1);
    expect(await tableFingerprint(app, ['unit'])).toEqual(before);
  });

  it('INSERT of a row for another region fails with an RLS error, and so does moving a row there', async () => {
    await expect(
      asApi(valdresCtx(), (q) => q(`INSERT INTO unit (region_id, municipality_id, code, name, kind, size) VALUES ($1, $2, 'inntrenger', 'Inntrenger', 'SCHOOL', 1)`, [ids.nord, ids.tynset])),
    ).rejects.toThrow(/row-level security/);
    await expect(asApi(valdresCtx(), (q) => q(`UPDATE unit SET region_id = $1, municipality_id = $2 WHERE id = $3`, [ids.nord, ids.tynset, ids.bagnSchool]))).rejects.toThrow(/row-level security/);
  });

  it('lets a non-admin role of the region read reference data but write nothing', async () => {
    const ctx = { role: 'MUNICIPAL_DIRECTOR', region_id: ids.valdres, municipality_id: await municipalityId(app, '3449') };
    const [rows, updated] = await asApi(ctx, async (q) => [await q(`SELECT id FROM unit`), await q(`UPDATE unit SET size = size + 1`)]);
    expect(rows.length).toBe(4);
    expect(updated[1]).toBe(0);
    await expect(
      asApi(ctx, (q) => q(`INSERT INTO unit (region_id, municipality_id, code, name, kind, size) VALUES ($1, $2, 'ny', 'Ny', 'SCHOOL', 1)`, [ids.valdres, ctx.municipality_id])),
    ).rejects.toThrow(/row-level security/);
  });

  it('with no context set, every table the API role can read returns 0 rows', async () => {
    const { rows: tables } = await app.owner.query(
      `SELECT c.relname AS tablename FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'migrations' AND has_table_privilege($1, c.oid, 'SELECT') ORDER BY 1`,
      [APP_ROLE],
    );
    expect(tables.map((t) => t.tablename)).toEqual(expect.arrayContaining(['region', 'municipality', 'unit', 'shared_service', 'ownership_period', 'person', 'audit_record']));
    const counts = await asApi(null, async (q) => {
      const out: Record<string, number> = {};
      for (const { tablename } of tables) out[tablename] = (await q(`SELECT count(*)::int AS n FROM ${tablename}`))[0].n;
      return out;
    });
    const nonEmpty = Object.entries(counts).filter(([, n]) => n > 0);
    expect(nonEmpty).toEqual([]);
    // The owner sees the seeded rows, so the zeros above are RLS, not empty tables.
    expect(await scalar<number>(app, `SELECT count(*)::int FROM unit`)).toBeGreaterThan(0);
  });

  it("a pooled connection does not carry one transaction's context into the next", async () => {
    const runner = app.appDataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`SELECT set_config('app.role', 'REGION_ADMIN', true), set_config('app.region_id', $1, true)`, [ids.valdres]);
      expect((await runner.query(`SELECT count(*)::int AS n FROM unit`))[0].n).toBe(4);
      await runner.commitTransaction();
      await runner.startTransaction();
      const [after] = await runner.query(`SELECT current_setting('app.region_id', true) AS region, app_region_id() AS fn, (SELECT count(*)::int FROM unit) AS n`);
      await runner.commitTransaction();
      // The setting reverts to '' (not NULL) once it was set in the session: that is why app_region_id() uses NULLIF.
      expect(after).toEqual({ region: '', fn: null, n: 0 });
    } finally {
      await runner.release();
    }
  });

  it('after real API requests, no connection in the pool holds a tenant context', async () => {
    for (let i = 0; i < 6; i++) ok(await app.gql(`{ units(first: 5) { nodes { name } } auditRecords { totalCount } }`, {}, valdresAdmin));
    // Take every connection of the pool (the server shares it) at once and look at each.
    const runners = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const r = app.appDataSource.createQueryRunner();
        await r.connect();
        return r;
      }),
    );
    try {
      const states = await Promise.all(
        runners.map((r) =>
          r.query(`SELECT coalesce(current_setting('app.role', true), '') AS role,
        coalesce(current_setting('app.region_id', true), '') AS region, (SELECT count(*)::int FROM unit) AS units`),
        ),
      );
      for (const [s] of states) expect(s).toEqual({ role: '', region: '', units: 0 });
    } finally {
      await Promise.all(runners.map((r) => r.release()));
    }
  });
});
