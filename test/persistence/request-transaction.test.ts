import { DataSource, QueryFailedError } from 'typeorm';
import { Principal, Role } from '../../src/auth/roles';
import { createDataSource, withCredentials } from '../../src/db/data-source';
import { dataModel } from '../../src/features/data';
import { RequestDb } from '../../src/db/request-db';
import { Unit } from '../../src/entities/reference/unit';
import { Loaders } from '../../src/loaders';
import { APP_ROLE } from '../../migrations/rls';
import { municipalityId, regionId } from '../helpers/fixtures';
import { TEST_ENV } from '../helpers/env';
import { ok, startTestApp, TestApp } from '../helpers/test-app';

/**
 * The request transaction on TypeORM's public QueryRunner API (src/db/request-db.ts): reads
 * (`ctx.loaders`) and TypeORM's statements (`ctx.db.manager()`) are one transaction on one
 * connection under the caller's tenant context; a mutation's `em.transaction` is a savepoint that
 * rolls back alone; the connection goes back to the pool clean, whatever happened.
 */
let app: TestApp;
let single: DataSource;
let nord: string;
let tynset: string;
const admin = (regionId: string): Principal => ({ role: Role.REGION_ADMIN, subject: 'persistence-test', regionId });
const sizeOf = async (code: string) => (await app.owner.query(`SELECT size FROM unit WHERE code = $1`, [code])).rows[0]?.size as number | undefined;

beforeAll(async () => {
  app = await startTestApp();
  // One connection of the API role: every request below runs on the same pooled connection.
  single = createDataSource(withCredentials(app.ownerUrl, APP_ROLE, TEST_ENV.appPassword), dataModel, { poolSize: 1, pipeline: true });
  await single.initialize();
  nord = await regionId(app, 'nord-osterdal');
  tynset = await municipalityId(app, '3427');
});
afterAll(async () => {
  await single?.destroy();
  await app.close();
});

it('runs reads and TypeORM statements in one transaction on one connection', async () => {
  const db = new RequestDb(single, admin(nord));
  try {
    const read = db.read<[string, number]>({ sql: `SELECT json_build_array(txid_current()::text, pg_backend_pid())`, params: [] });
    const em = await db.manager();
    const [viaTypeorm] = await em.query(`SELECT txid_current()::text AS txid, pg_backend_pid() AS pid`);
    expect(await read).toEqual([viaTypeorm.txid, viaTypeorm.pid]);
    // A write through TypeORM is seen by the next read of the same request, before COMMIT.
    await em.query(`UPDATE unit SET size = 4321 WHERE code = 'tynset-barneskole'`);
    const rows = await new Loaders(db).list(Unit, { code: 'tynset-barneskole' });
    expect(rows.map((u) => u.size)).toEqual([4321]);
    expect(await sizeOf('tynset-barneskole')).not.toBe(4321);
  } finally {
    await db.finish(false);
  }
  expect(await sizeOf('tynset-barneskole')).not.toBe(4321);
});

it('opens a query’s transaction READ ONLY with the tenant context in one message, and PostgreSQL refuses a write in it', async () => {
  const db = new RequestDb(single, admin(nord));
  db.readOnly();
  try {
    const context = await db.read<[string, string, string]>({ sql: `SELECT json_build_array(current_setting('transaction_read_only'), app_role(), app_region_id())`, params: [] });
    expect(context).toEqual(['on', 'REGION_ADMIN', nord]);
    expect(db.counter.statements).toBe(3);
    const em = await db.manager();
    await expect(em.query(`UPDATE unit SET size = 4321 WHERE code = 'tynset-barneskole'`)).rejects.toThrow(/read-only transaction/);
  } finally {
    await db.finish(true);
  }
  expect(await sizeOf('tynset-barneskole')).not.toBe(4321);
  // The connection went back clean: the next request on it is an ordinary read-write one.
  const next = new RequestDb(single, admin(nord));
  try {
    expect(await next.read({ sql: `SELECT json_build_array(current_setting('transaction_read_only'), app_role())`, params: [] })).toEqual(['off', 'REGION_ADMIN']);
  } finally {
    await next.finish(true);
  }
});

it('answers reads and TypeORM’s statements issued at the same moment in one request, each with its own result, in one transaction', async () => {
  const db = new RequestDb(single, admin(nord));
  try {
    const em = await db.manager();
    // TypeORM statements and a batch of reads issued in the same tick: all on the pipelined wire at once.
    const [write, count, read, txids] = await Promise.all([
      em.query(`UPDATE unit SET size = size WHERE code = 'tynset-barneskole' RETURNING code`),
      em.query(`SELECT count(*)::int AS n, txid_current()::text AS txid FROM unit WHERE code LIKE 'tynset-%'`),
      db.read<string[]>({ sql: `SELECT json_agg(code ORDER BY code) FROM unit WHERE code LIKE 'tynset-%'`, params: [] }),
      db.read<string>({ sql: `SELECT to_json(txid_current()::text)`, params: [] }),
    ]);
    expect(write[0]).toEqual([{ code: 'tynset-barneskole' }]);
    expect(read).toContain('tynset-barneskole');
    expect(count).toEqual([{ n: read.length, txid: txids }]);
  } finally {
    await db.finish(false);
  }
});

it('makes em.transaction a savepoint: a failing one rolls back only its own writes, and the request goes on', async () => {
  const tolgaBefore = await sizeOf('tolga-skole');
  expect(tolgaBefore).not.toBe(22);
  const db = new RequestDb(single, admin(nord));
  db.counter.log = [];
  try {
    const em = await db.manager();
    await em.transaction((tx) => tx.query(`UPDATE unit SET size = 11 WHERE code = 'tynset-barneskole'`));
    // Written, then a CHECK violation (size BETWEEN 0 AND 100000): the savepoint rolls back both.
    const failing = em.transaction(async (tx) => {
      await tx.query(`UPDATE unit SET size = 22 WHERE code = 'tolga-skole'`);
      await tx.query(`UPDATE unit SET size = -1 WHERE code = 'tynset-barneskole'`);
    });
    await expect(failing).rejects.toBeInstanceOf(QueryFailedError);
    // The request transaction is not aborted: reads and writes still run, and see the first savepoint.
    const loaders = new Loaders(db);
    const units = await loaders.list(Unit, { code: ['tynset-barneskole', 'tolga-skole'] }, { code: 'ASC' });
    expect(units.map((u) => [u.code, u.size])).toEqual([
      ['tolga-skole', tolgaBefore],
      ['tynset-barneskole', 11],
    ]);
  } finally {
    await db.finish(true);
  }
  expect(db.counter.log.filter((s) => /SAVEPOINT/.test(s))).toEqual(['SAVEPOINT typeorm_1', 'RELEASE SAVEPOINT typeorm_1', 'SAVEPOINT typeorm_1', 'ROLLBACK TO SAVEPOINT typeorm_1']);
  expect(await sizeOf('tynset-barneskole')).toBe(11);
  expect(await sizeOf('tolga-skole')).toBe(tolgaBefore);
});

it('gives the connection back clean after a failed read, a failed write or a rollback', async () => {
  const failedRead = new RequestDb(single, admin(nord));
  await expect(failedRead.read({ sql: `SELECT 1 / $1::int`, params: [0] })).rejects.toBeInstanceOf(QueryFailedError);
  // The transaction is aborted: anything else fails too, and COMMIT ends it (PostgreSQL rolls back).
  await expect((await failedRead.manager()).query(`SELECT 1`)).rejects.toThrow(/aborted/);
  await failedRead.finish(true);
  await expect(failedRead.read({ sql: `SELECT 1`, params: [] })).rejects.toThrow(/already finished/);

  const failedWrite = new RequestDb(single, admin(nord));
  await expect((await failedWrite.manager()).query(`UPDATE unit SET size = -1 WHERE code = 'tynset-barneskole'`)).rejects.toBeInstanceOf(QueryFailedError);
  await failedWrite.finish(false);

  // The same (only) connection serves the next request, in a fresh transaction with its own tenant.
  const next = new RequestDb(single, { role: Role.MUNICIPAL_DIRECTOR, subject: 'persistence-test', regionId: nord, municipalityId: tynset });
  try {
    const em = await next.manager();
    const [state] = await em.query(`SELECT current_setting('app.role') AS role, current_setting('app.municipality_id') AS municipality, now() = statement_timestamp() AS fresh`);
    expect(state).toEqual({ role: 'MUNICIPAL_DIRECTOR', municipality: tynset, fresh: false });
    const units = await new Loaders(next).list(Unit, {}, { code: 'ASC' });
    expect(units.length).toBeGreaterThan(0);
    expect(units.every((u) => u.regionId === nord)).toBe(true);
  } finally {
    await next.finish(true);
  }
});

it('keeps each concurrent request in its own tenant context', async () => {
  const valdres = await regionId(app, 'valdres');
  const pool = createDataSource(withCredentials(app.ownerUrl, APP_ROLE, TEST_ENV.appPassword), dataModel, { poolSize: 3 });
  await pool.initialize();
  try {
    const regionsSeen = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const region = i % 2 ? nord : valdres;
        const db = new RequestDb(pool, admin(region));
        try {
          const units = await new Loaders(db).list(Unit);
          const [{ r }] = await (await db.manager()).query(`SELECT current_setting('app.region_id') AS r`);
          return { region, rows: [...new Set(units.map((u) => u.regionId))], setting: r as string };
        } finally {
          await db.finish(true);
        }
      }),
    );
    for (const seen of regionsSeen) expect(seen).toEqual({ region: seen.region, rows: [seen.region], setting: seen.region });
  } finally {
    await pool.destroy();
  }
});

it('an operation whose second mutation fails keeps the first (each mutation is its own savepoint)', async () => {
  const token = await app.token(Role.REGION_ADMIN);
  const input = { municipalityNumber: '3427', code: 'persistence-savepoint', name: 'Savepoint', kind: 'OTHER', size: 3 };
  const res = ok(
    await app.gql(
      `mutation($input: CreateUnitInput!) { a: createUnit(input: $input) { unit { code } userErrors { code } } b: createUnit(input: $input) { unit { code } userErrors { code } } }`,
      { input },
      token,
    ),
  );
  expect(res.a).toEqual({ unit: { code: 'persistence-savepoint' }, userErrors: [] });
  expect(res.b.unit).toBeNull();
  expect(res.b.userErrors.length).toBeGreaterThan(0);
  expect((await app.owner.query(`SELECT count(*)::int AS n FROM unit WHERE code = 'persistence-savepoint'`)).rows[0].n).toBe(1);
  expect((await app.owner.query(`SELECT count(*)::int AS n FROM audit_record WHERE operation = 'createUnit' AND after->>'code' = 'persistence-savepoint'`)).rows[0].n).toBe(1);
});
