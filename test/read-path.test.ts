import { DataSource } from 'typeorm';
import { Principal, Role } from '../src/auth/roles';
import { createDataSource, withCredentials } from '../src/db/data-source';
import { dataModel } from '../src/features/data';
import { RequestDb, TENANT_CONTEXT, tenantContextValues } from '../src/db/request-db';
import { Municipality } from '../src/entities/reference/municipality';
import { Region } from '../src/entities/reference/region';
import { Unit } from '../src/entities/reference/unit';
import { Loaders } from '../src/loaders';
import { APP_ROLE } from '../migrations/rls';
import { municipalityId, regionId, toGlobalId } from './helpers/fixtures';
import { TEST_ENV } from './helpers/env';
import { ok, startTestApp, TestApp } from './helpers/test-app';

/**
 * The read path (src/db/request-db.ts, entity-rows.ts, reads.ts, src/loaders): entities come back
 * exactly as TypeORM's find() builds them, the reads of one wave travel as one statement, and the
 * tenant context opens the transaction, as parameters, local to it, so RLS still has the last word.
 */
let app: TestApp;
let owner: DataSource;
const principal = (role: Role, regionId?: string, municipalityId?: string): Principal => ({ role, subject: 'read-path-test', regionId, municipalityId });

beforeAll(async () => {
  app = await startTestApp();
  // The superuser sees every row of both regions (RLS does not apply to it): the comparison covers all data.
  owner = createDataSource(app.ownerUrl, dataModel, { poolSize: 2 });
  await owner.initialize();
  const admin = await app.token(Role.REGION_ADMIN);
  // Rows with the rarer column types filled: an audit record (jsonb, text[]), a plan review (date, text[]).
  const unit = (await app.owner.query(`SELECT id FROM unit WHERE code = 'tynset-barneskole'`)).rows[0].id;
  ok(await app.gql(`mutation($id: ID!) { updateUnit(input: { id: $id, size: 77 }) { userErrors { code } } }`, { id: toGlobalId('Unit', unit) }, admin));
  const leader = await app.token(Role.SERVICE_LEADER, { service: 'barnevern' });
  const plan = ok(await app.gql(`{ strategicPlans(first: 1, status: ADOPTED) { nodes { id } } }`, {}, leader)).strategicPlans.nodes[0].id;
  // A bigint beyond 2^53: it must come back as the exact string, not a rounded number.
  await app.owner.query(`UPDATE plan_measure SET budget_ore = 9007199254740993 WHERE id = (SELECT id FROM plan_measure ORDER BY id LIMIT 1)`);
  const review = ok(
    await app.gql(
      `mutation($id: ID!) { recordPlanReview(input: { planId: $id, reviewedOn: "2026-01-15", summary: "Gjennomgått", decidedChanges: ["Ett", "To"] }) { userErrors { code message } } }`,
      { id: plan },
      leader,
    ),
  );
  expect(review.recordPlanReview.userErrors).toEqual([]);
});
afterAll(async () => {
  await owner?.destroy();
  await app.close();
});

it('hydrates every entity exactly as TypeORM does, for every column type in use', async () => {
  const db = new RequestDb(owner, principal(Role.REGION_ADMIN, await regionId(app, 'nord-osterdal')));
  const loaders = new Loaders(db);
  const filledTypes = new Set<string>();
  try {
    const em = await db.manager();
    for (const meta of owner.entityMetadatas) {
      const entity = meta.target as new () => { id: string };
      const expected = await em.getRepository(entity).find({ order: { id: 'ASC' } });
      const actual = await loaders.list(entity, {}, { id: 'ASC' });
      expect([meta.name, actual.length]).toEqual([meta.name, expected.length]);
      expect(actual).toStrictEqual(expected);
      for (const row of actual) {
        expect(Object.getPrototypeOf(row)).toBe(entity.prototype);
        for (const c of meta.columns) {
          const value = (row as Record<string, unknown>)[c.propertyName];
          if (value !== null && value !== undefined) filledTypes.add(`${String(c.type)}${c.isArray ? '[]' : ''}`);
        }
      }
    }
  } finally {
    await db.finish(true);
  }
  // Every type the entities use was compared with a value (not only nulls).
  const used = new Set(owner.entityMetadatas.flatMap((m) => m.columns.map((c) => `${String(c.type)}${c.isArray ? '[]' : ''}`)));
  expect([...used].filter((t) => !filledTypes.has(t))).toEqual([]);
  for (const t of ['bigint', 'date', 'timestamptz', 'jsonb', 'text[]', 'int', 'uuid']) expect(used.has(t)).toBe(true);
  expect((await app.owner.query(`SELECT budget_ore::text AS b FROM plan_measure WHERE budget_ore = 9007199254740993`)).rows).toEqual([{ b: '9007199254740993' }]);
});

it('sends the reads of one wave as one statement, and answers byId from rows already read', async () => {
  const nord = await regionId(app, 'nord-osterdal');
  const tynset = await municipalityId(app, '3427');
  const db = new RequestDb(app.appDataSource, principal(Role.REGION_ADMIN, nord));
  const loaders = new Loaders(db);
  try {
    const [region, municipalities, units] = await Promise.all([
      loaders.byId(Region).load(nord),
      loaders.manyBy(Municipality, 'regionId', { number: 'ASC' }).load(nord),
      loaders.pageBy(Unit, 'municipalityId', { name: 'ASC' }, { offset: 0, limit: 2 }).load(tynset),
    ]);
    // START TRANSACTION, the tenant context, then the three reads together.
    expect(db.counter.statements).toBe(3);
    expect(region?.code).toBe('nord-osterdal');
    expect(municipalities.map((m) => m.number)).toEqual(['3424', '3426', '3427', '3428', '3429']);
    expect(units.rows).toHaveLength(2);
    expect(units.total).toBeGreaterThan(2);
    // Already read by manyBy/pageBy: no statement.
    expect(await loaders.byId(Municipality).load(tynset)).toBe(municipalities.find((m) => m.id === tynset));
    expect(await loaders.byId(Unit).load(units.rows[1].id)).toBe(units.rows[1]);
    expect(db.counter.statements).toBe(3);
    // After a write the request forgets what it read.
    loaders.clearAll();
    expect((await loaders.byId(Municipality).load(tynset))?.number).toBe('3427');
    expect(db.counter.statements).toBe(4);
  } finally {
    await db.finish(true);
  }
});

describe('tenant context', () => {
  let single: DataSource;
  beforeAll(async () => {
    // One connection: every transaction below runs on the same pooled connection.
    single = createDataSource(withCredentials(app.ownerUrl, APP_ROLE, TEST_ENV.appPassword), dataModel, { poolSize: 1 });
    await single.initialize();
  });
  afterAll(() => single.destroy());

  const settings = `SELECT current_setting('app.role', true) AS role, current_setting('app.region_id', true) AS region, current_setting('app.municipality_id', true) AS municipality, current_setting('plan_cache_mode') AS plans`;

  it('is set with the transaction (with generic plans for its prepared reads) and gone after it, on the same pooled connection', async () => {
    const valdres = await regionId(app, 'valdres');
    const nord = await regionId(app, 'nord-osterdal');
    const tynset = await municipalityId(app, '3427');
    const first = new RequestDb(single, principal(Role.REGION_ADMIN, valdres));
    expect((await (await first.manager()).query(settings))[0]).toEqual({ role: 'REGION_ADMIN', region: valdres, municipality: '', plans: 'force_generic_plan' });
    // RLS, not the loader, hides the other region's row.
    expect(await new Loaders(first).byId(Municipality).load(tynset)).toBeNull();
    await first.finish(true);

    const second = new RequestDb(single, principal(Role.MUNICIPAL_DIRECTOR, nord, tynset));
    expect((await (await second.manager()).query(settings))[0]).toEqual({ role: 'MUNICIPAL_DIRECTOR', region: nord, municipality: tynset, plans: 'force_generic_plan' });
    expect((await new Loaders(second).byId(Municipality).load(tynset))?.number).toBe('3427');
    await second.finish(true);

    // Outside a request transaction the connection carries no tenant.
    const [outside] = await single.query(settings);
    expect([outside.role ?? '', outside.region ?? '', outside.municipality ?? '', outside.plans]).toEqual(['', '', '', 'auto']);
  });

  it('sends values as parameters: a hostile value is only a value', async () => {
    const hostile = `x', true); DROP TABLE unit; SELECT set_config('app.role', 'REGION_ADMIN`;
    const runner = single.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query(TENANT_CONTEXT.text, tenantContextValues({ role: hostile as Role, subject: 's', regionId: `a'b\\c` }));
      expect(await runner.query(`SELECT current_setting('app.role') AS role, current_setting('app.region_id') AS region`)).toEqual([{ role: hostile, region: `a'b\\c` }]);
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
    expect((await app.owner.query(`SELECT count(*)::int AS n FROM unit`)).rows[0].n).toBeGreaterThan(0);
  });
});

describe('node(id:) reads the rows it refers to with the node', () => {
  const UNIT = `query($id: ID!) { node(id: $id) { id ... on Unit { name municipality { number } } } }`;
  const VIA_FRAGMENT = `query($id: ID!) { node(id: $id) { ...U } } fragment U on Unit { name municipality { number } }`;
  const WITHOUT = `query($id: ID!) { node(id: $id) { ... on Unit { name } } }`;
  const unitOf = async (code: string) => toGlobalId('Unit', (await app.owner.query(`SELECT id FROM unit WHERE code = $1`, [code])).rows[0].id);

  it('in one statement after the opening ones, through an inline or a named fragment', async () => {
    const director = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3427' });
    const id = await unitOf('tynset-barneskole');
    for (const query of [UNIT, VIA_FRAGMENT]) {
      const res = await app.gql(query, { id }, director);
      expect(ok(res).node).toMatchObject({ name: expect.any(String), municipality: { number: '3427' } });
      // START TRANSACTION, the tenant context, then unit and municipality together (COMMIT is after the count).
      expect(res.extensions?.sqlStatements).toBe(3);
    }
    const plain = await app.gql(WITHOUT, { id }, director);
    expect(ok(plain).node.name).toEqual(expect.any(String));
    expect(plain.extensions?.sqlStatements).toBe(3);
  });

  it('brings nothing of another region along: the node is null', async () => {
    const valdres = await app.token(Role.REGION_ADMIN, { region: 'valdres' });
    const res = await app.gql(UNIT, { id: await unitOf('tynset-barneskole') }, valdres);
    expect(ok(res).node).toBeNull();
  });
});
