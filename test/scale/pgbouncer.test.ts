import { Client, Pool } from 'pg';
import { APP_ROLE } from '../../migrations/rls';
import { signToken } from '../../src/auth/jwt';
import { Role } from '../../src/auth/roles';
import { listening, subscribe, Subscriber, until } from '../costs/live';
import { toGlobalId } from '../helpers/fixtures';
import { TEST_ENV } from '../helpers/env';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { Bouncer, startPgBouncer } from './pgbouncer';

/**
 * Issue 23: the API behind PgBouncer in transaction mode (Debian's package; scripts/ensure-pgbouncer.sh)
 * with a pool of two server connections. Two regions' requests interleave on those two
 * connections; nothing of one transaction — the tenant settings, prepared statements, READ ONLY,
 * plan_cache_mode — is left on a connection for the next. LISTEN (revocations, public-data
 * changes, subscriptions) cannot go through a transaction pool: it takes DATABASE_LISTEN_URL, here
 * the direct connection, and still hears every NOTIFY.
 */
let bouncer: Bouncer;
let app: TestApp;
let dbName: string;
const POOL = 2;

const NORD = ['3424', '3426', '3427', '3428', '3429'];
const VALDRES = ['3449', '3450', '3451'];
const REGION_QUERY = `{ region { code } municipalities { number } units(first: 100) { nodes { code municipality { number } } } }`;

beforeAll(async () => {
  const serverUrl = process.env[TEST_ENV.serverUrlVar]!;
  bouncer = await startPgBouncer(serverUrl, [{ user: APP_ROLE, password: TEST_ENV.appPassword }], POOL);
  app = await startTestApp({ preparedStatements: false }, undefined, {
    appUrl: (direct, name) => ((dbName = name), bouncer.via(direct)),
    configFor: ({ directAppUrl }) => ({ listenDatabaseUrl: directAppUrl }),
  });
});
afterAll(async () => {
  await app?.close();
  await bouncer?.stop();
});

/** Clients of the API role through PgBouncer (the URL of the API's own pool): each transaction gets whichever server connection is free. */
const pooledClients = () => new Pool({ connectionString: (app.appDataSource.options as { url: string }).url, max: 4 });

/** What one pooled transaction finds on its server connection before it sets anything. */
const LEFT_OVER = `SELECT current_setting('app.role', true) AS role, current_setting('app.region_id', true) AS region,
  current_setting('app.grants', true) AS grants, current_setting('plan_cache_mode') AS plan_cache_mode,
  current_setting('transaction_read_only') AS read_only, (SELECT count(*)::int FROM pg_prepared_statements) AS prepared,
  (SELECT count(*)::int FROM unit) AS units, (SELECT count(*)::int FROM municipality) AS municipalities, pg_backend_pid() AS pid`;

async function adminConsole<T>(sql: string): Promise<T[]> {
  const admin = new Client({ host: '127.0.0.1', port: bouncer.port, user: APP_ROLE, password: TEST_ENV.appPassword, database: 'pgbouncer' });
  await admin.connect();
  try {
    return (await admin.query(sql)).rows as T[];
  } finally {
    await admin.end();
  }
}

describe('behind PgBouncer in transaction mode (pool of two)', () => {
  it('answers two regions’ interleaved requests with their own data only, and leaves no session state on the pooled connections', async () => {
    const tokens = {
      nord: [await app.token(Role.REGION_ADMIN, { region: 'nord-osterdal' }), await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3427' })],
      valdres: [await app.token(Role.REGION_ADMIN, { region: 'valdres' }), await app.token(Role.MUNICIPAL_DIRECTOR, { region: 'valdres', municipality: '3449' })],
    };
    const unitIds = {
      nord: (await app.owner.query(`SELECT u.id FROM unit u JOIN region r ON r.id = u.region_id WHERE r.code = 'nord-osterdal' ORDER BY u.code LIMIT 1`)).rows[0].id as string,
      valdres: (await app.owner.query(`SELECT u.id FROM unit u JOIN region r ON r.id = u.region_id WHERE r.code = 'valdres' ORDER BY u.code LIMIT 1`)).rows[0].id as string,
    };
    const before = await adminConsole<{ database: string; total_xact_count: string }>('SHOW STATS');
    const xactsBefore = Number(before.find((s) => s.database === dbName)?.total_xact_count ?? 0);

    const raw = pooledClients();
    const leftovers: Record<string, unknown>[] = [];
    const answers: { region: 'nord' | 'valdres'; data: any }[] = [];
    const writes: { region: 'nord' | 'valdres'; res: any }[] = [];
    const ROUNDS = 12;
    await Promise.all(
      Array.from({ length: ROUNDS }, async (_, round) => {
        for (const region of ['nord', 'valdres'] as const) {
          const work: Promise<void>[] = tokens[region].map(async (token) => {
            answers.push({ region, data: ok(await app.gql(REGION_QUERY, {}, token)) });
          });
          // A mutation (a read-write transaction, TypeORM's savepoints) in every third round.
          if (round % 3 === 0) {
            work.push(
              (async () => {
                const res = ok(
                  await app.gql(
                    `mutation($id: ID!, $s: Int) { updateUnit(input: { id: $id, size: $s }) { userErrors { code } unit { municipality { number } } } }`,
                    { id: toGlobalId('Unit', unitIds[region]), s: 10 + round },
                    tokens[region][0],
                  ),
                );
                writes.push({ region, res });
              })(),
            );
          }
          // A transaction with no principal at all, through the same pool, between the regions' requests.
          work.push(
            (async () => {
              leftovers.push((await raw.query(LEFT_OVER)).rows[0]);
            })(),
          );
          await Promise.all(work);
        }
      }),
    );
    await raw.end();

    expect(answers).toHaveLength(ROUNDS * 4);
    expect(writes).toHaveLength((ROUNDS / 3) * 2);
    for (const { region, res } of writes) {
      expect(res.updateUnit.userErrors).toEqual([]);
      expect((region === 'nord' ? NORD : VALDRES).includes(res.updateUnit.unit.municipality.number)).toBe(true);
    }
    for (const { region, data } of answers) {
      const own = region === 'nord' ? NORD : VALDRES;
      expect(data.region.code).toBe(region === 'nord' ? 'nord-osterdal' : 'valdres');
      expect(data.municipalities.map((m: any) => m.number).every((n: string) => own.includes(n))).toBe(true);
      expect(data.units.nodes.length).toBeGreaterThan(0);
      expect(data.units.nodes.every((u: any) => own.includes(u.municipality.number))).toBe(true);
    }
    // Every pooled transaction without a principal found nothing set and saw no tenant row.
    expect(leftovers).toHaveLength(ROUNDS * 2);
    for (const l of leftovers) {
      expect(['', null]).toContain(l.role);
      expect(['', null]).toContain(l.region);
      expect(['', null]).toContain(l.grants);
      expect(l).toMatchObject({ plan_cache_mode: 'auto', read_only: 'off', prepared: 0, units: 0, municipalities: 0 });
    }
    // The two server connections carried them all: requests and raw transactions shared them.
    const servers = new Set(leftovers.map((l) => l.pid));
    expect(servers.size).toBeLessThanOrEqual(POOL);
    const api = (await app.owner.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND usename = $1 AND application_name <> 'samvirke-listen'`, [APP_ROLE]))
      .rows[0].n;
    expect(api).toBeLessThanOrEqual(POOL);
    const after = await adminConsole<{ database: string; total_xact_count: string }>('SHOW STATS');
    expect(Number(after.find((s) => s.database === dbName)?.total_xact_count ?? 0) - xactsBefore).toBeGreaterThanOrEqual(ROUNDS * 6);
  });

  it('runs mutations through the pool and reads them back in the next request', async () => {
    const token = await app.token(Role.REGION_ADMIN, { region: 'valdres' });
    const unit = (await app.owner.query(`SELECT u.id FROM unit u JOIN region r ON r.id = u.region_id WHERE r.code = 'valdres' ORDER BY u.code LIMIT 1`)).rows[0].id as string;
    const id = toGlobalId('Unit', unit);
    for (const size of [41, 42, 43]) {
      const res = ok(await app.gql(`mutation($id: ID!, $s: Int) { updateUnit(input: { id: $id, size: $s }) { userErrors { code } } }`, { id, s: size }, token));
      expect(res.updateUnit.userErrors).toEqual([]);
      expect(ok(await app.gql(`query($id: ID!) { node(id: $id) { ... on Unit { size } } }`, { id }, token)).node.size).toBe(size);
    }
    // A Nord-Østerdal admin cannot change it through the same pool.
    const other = await app.gql(`mutation($id: ID!) { updateUnit(input: { id: $id, size: 1 }) { userErrors { code } } }`, { id }, await app.token(Role.REGION_ADMIN, { region: 'nord-osterdal' }));
    expect(other.data?.updateUnit?.userErrors?.map((e: any) => e.code) ?? other.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect((await app.owner.query(`SELECT size FROM unit WHERE id = $1`, [unit])).rows[0].size).toBe(43);
  });

  it('hears a revoked grant at once (LISTEN on the direct DATABASE_LISTEN_URL, not through the pool)', async () => {
    const token = await signToken(app.config, { sub: 'kd-3426' });
    const post = async () =>
      (await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ viewer { role } }' }) })).status;
    expect(ok(await app.gql(`{ viewer { role } }`, {}, token)).viewer.role).toBe('MUNICIPAL_DIRECTOR');
    // Revoked by another session (the owner's), as an administrator elsewhere would; put back afterwards.
    const revoked = await app.owner.query(
      `WITH gone AS (DELETE FROM role_assignment WHERE person_id = (SELECT id FROM person WHERE subject = 'kd-3426') RETURNING *) SELECT json_agg(gone) AS rows FROM gone`,
    );
    try {
      expect(await until('the revocation to count', async () => (await post()) === 401, 5_000)).toBe(true);
    } finally {
      await app.owner.query(`INSERT INTO role_assignment SELECT * FROM json_populate_recordset(NULL::role_assignment, $1)`, [JSON.stringify(revoked.rows[0].rows)]);
    }
    expect(await until('the grant to count again', async () => (await post()) === 200, 5_000)).toBe(true);
  });

  it('delivers a WebSocket alert: NOTIFY heard on the direct connection, the event read through the pool', async () => {
    const { rows } = await app.owner.query(
      `SELECT a.id, a.region_id, a.service_id, m.number FROM cost_alert a JOIN municipality m ON m.id = a.municipality_id JOIN region r ON r.id = a.region_id WHERE r.code = 'nord-osterdal' ORDER BY a.raised_at LIMIT 1`,
    );
    expect(rows).toHaveLength(1);
    const alert = rows[0];
    const subscriber: Subscriber = subscribe(app, await app.token(Role.MUNICIPAL_FINANCE, { municipality: alert.number }));
    const valdres: Subscriber = subscribe(app, await app.token(Role.MUNICIPAL_FINANCE, { region: 'valdres', municipality: '3449' }));
    try {
      await listening(app);
      const notify = () => app.owner.query(`SELECT pg_notify('cost_alert', $1)`, [JSON.stringify({ id: alert.id, regionId: alert.region_id, serviceId: alert.service_id })]);
      await until(
        'the alert',
        async () => {
          await notify();
          return subscriber.events.length > 0;
        },
        10_000,
      );
      expect(subscriber.events[0]).toMatchObject({ id: expect.any(String), municipality: { number: alert.number } });
      expect(subscriber.errors).toEqual([]);
      expect(valdres.events).toEqual([]);
    } finally {
      await subscriber.dispose();
      await valdres.dispose();
    }
  });
});
