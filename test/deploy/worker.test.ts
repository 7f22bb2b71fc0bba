import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { APP_ROLE } from '../../migrations/rls';
import { Role } from '../../src/auth/roles';
import { ensureWorkerRole } from '../../src/db/bootstrap';
import { withCredentials } from '../../src/db/data-source';
import { freePort } from '../../src/db/free-port';
import { costFixture, importLedger, ledgerCsv, mutate } from '../costs/fixtures';
import { TEST_ENV } from '../helpers/env';
import { GqlResponse, startTestApp, TestApp } from '../helpers/test-app';
import { build, killAll, spawnDist, Spawned, until, WORKER_TEST_PASSWORD } from './processes';

/**
 * Issue 23, least privilege: the API process holds only the API role's credentials (it enqueues
 * jobs through a SECURITY DEFINER trigger and cannot touch the queue otherwise); the job worker is a
 * process of its own with the role samvirke_worker, which may use the queue and, in the tenant
 * schema, only what its task needs, under RLS.
 */
jest.setTimeout(120_000);

const WORKER = 'samvirke_worker';
let app: TestApp;
let dataDir: string;

beforeAll(async () => {
  build();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samvirke-worker-'));
  app = await startTestApp({ webhookAllowPrivate: ['127.0.0.1'] });
  // What `npm run migrate` does with WORKER_DB_PASSWORD (the template's migration created the role without LOGIN).
  await ensureWorkerRole(app.ownerUrl, WORKER_TEST_PASSWORD);
}, 120_000);

const closing: (() => Promise<void>)[] = [];

afterAll(async () => {
  await killAll();
  for (const close of closing.splice(0)) await close();
  await app?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const workerUrl = () => withCredentials(app.ownerUrl, WORKER, WORKER_TEST_PASSWORD);
const appUrl = () => withCredentials(app.ownerUrl, APP_ROLE, TEST_ENV.appPassword);

async function as<T>(url: string, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The SQLSTATE a statement fails with, or 'ok'. */
const outcome = (c: Client, sql: string) =>
  c.query(sql).then(
    () => 'ok',
    (error: { code?: string }) => error.code,
  );

describe('the worker role samvirke_worker', () => {
  it('has exactly the privileges its task needs in the tenant schema', async () => {
    const tables = await app.owner.query(
      `SELECT c.relname AS "table", string_agg(a.privilege_type, ', ' ORDER BY a.privilege_type) AS privileges
         FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
        WHERE c.relnamespace = 'public'::regnamespace AND a.grantee = $1::regrole
        GROUP BY c.relname ORDER BY c.relname`,
      [WORKER],
    );
    expect(tables.rows).toEqual(
      ['cost_alert', 'cost_alert_delivery', 'cost_category', 'cost_webhook', 'migrations', 'municipality', 'ownership_period', 'ownership_period_owner', 'shared_service'].map((table) => ({
        table,
        privileges: 'SELECT',
      })),
    );
    const columns = await app.owner.query(
      `SELECT c.relname || '.' || att.attname AS "column", string_agg(a.privilege_type, ', ') AS privileges
         FROM pg_attribute att JOIN pg_class c ON c.oid = att.attrelid CROSS JOIN LATERAL aclexplode(att.attacl) a
        WHERE c.relnamespace = 'public'::regnamespace AND a.grantee = $1::regrole
        GROUP BY 1 ORDER BY 1`,
      [WORKER],
    );
    expect(columns.rows).toEqual(
      ['attempts', 'delivered_at', 'last_attempt_at', 'last_error', 'last_status', 'status'].map((column) => ({ column: `cost_alert_delivery.${column}`, privileges: 'UPDATE' })),
    );
    const role = await app.owner.query(`SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = $1`, [WORKER]);
    expect(role.rows).toEqual([{ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false }]);
  });

  it('cannot read tenant tables it does not need, nor write where it must not', async () => {
    const results = await as(workerUrl(), async (c) => ({
      readPeople: await outcome(c, 'SELECT * FROM person LIMIT 1'),
      readGrants: await outcome(c, 'SELECT * FROM role_assignment LIMIT 1'),
      readAudit: await outcome(c, 'SELECT * FROM audit_record LIMIT 1'),
      readLedger: await outcome(c, 'SELECT * FROM ledger_entry LIMIT 1'),
      readUnits: await outcome(c, 'SELECT * FROM unit LIMIT 1'),
      redirectDelivery: await outcome(c, `UPDATE cost_alert_delivery SET url = 'https://example.org/'`),
      deleteDelivery: await outcome(c, 'DELETE FROM cost_alert_delivery'),
      raiseAlert: await outcome(c, `INSERT INTO cost_alert (region_id) VALUES (gen_random_uuid())`),
      changeWebhook: await outcome(c, `UPDATE cost_webhook SET active = false`),
      changeMunicipality: await outcome(c, `UPDATE municipality SET name = 'x'`),
      createTable: await outcome(c, 'CREATE TABLE worker_was_here (id int)'),
      // What it may read, it reads under RLS: without a tenant context, nothing.
      deliveriesWithoutContext: (await c.query('SELECT count(*)::int AS n FROM cost_alert_delivery')).rows[0].n,
      municipalitiesWithoutContext: (await c.query('SELECT count(*)::int AS n FROM municipality')).rows[0].n,
      // The queue is its own.
      queue: await outcome(c, 'SELECT count(*) FROM graphile_worker._private_jobs'),
    }));
    expect(results).toEqual({
      readPeople: '42501',
      readGrants: '42501',
      readAudit: '42501',
      readLedger: '42501',
      readUnits: '42501',
      redirectDelivery: '42501',
      deleteDelivery: '42501',
      raiseAlert: '42501',
      changeWebhook: '42501',
      changeMunicipality: '42501',
      createTable: '42501',
      deliveriesWithoutContext: 0,
      municipalitiesWithoutContext: 0,
      queue: 'ok',
    });
    expect((await app.owner.query('SELECT count(*)::int AS n FROM municipality')).rows[0].n).toBeGreaterThan(0);
  });

  it('is the only non-owner role that may use the queue: the API role may not', async () => {
    const api = await as(appUrl(), async (c) => ({
      read: await outcome(c, 'SELECT count(*) FROM graphile_worker._private_jobs'),
      enqueue: await outcome(c, `SELECT graphile_worker.add_job('costs:deliver-alert', '{}'::json)`),
    }));
    expect(api).toEqual({ read: '42501', enqueue: '42501' });
  });
});

/** A webhook receiver on loopback that answers 204 and remembers each request's `webhook-id`. */
async function receiver() {
  const ids: string[] = [];
  const server = http.createServer((req, res) => {
    ids.push(String(req.headers['webhook-id']));
    req.resume();
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  closing.push(close);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, ids, close };
}

/** `app` with its GraphQL and import requests sent to the spawned API process at `url`. */
function through(url: string): TestApp {
  return {
    ...app,
    url,
    async gql(query, variables, token) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { ...((await res.json()) as GqlResponse), status: res.status };
    },
  };
}

async function ready(run: Spawned, base: string): Promise<void> {
  await until(
    'the API to be ready',
    async () => {
      if (run.child.exitCode !== null) throw new Error(`the API exited:\n${run.output()}`);
      return (
        (await fetch(`${base}/readyz`).then(
          (r) => r.status,
          () => 0,
        )) === 200
      );
    },
    60_000,
    run.output,
  );
}

describe('the API process and the worker process', () => {
  it("the API started with only the API role's URL serves and enqueues; a separately started worker process does the job", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const api = spawnDist('src/main.js', {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      JWT_SECRET: TEST_ENV.jwtSecret,
      APP_DATABASE_URL: appUrl(),
      WEBHOOK_ALLOW_PRIVATE: '127.0.0.1',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
    });
    await ready(api, base);
    const viaApi = through(`${base}/graphql`);

    // It serves requests.
    const reply = await viaApi.gql('{ municipalities(regionCode: "nord-osterdal") { number } }');
    expect(reply.data.municipalities).toHaveLength(5);

    // It enqueues: an import raises an alert whose webhook delivery becomes a job (in the import's transaction).
    const hook = await receiver();
    const f = await costFixture(viaApi);
    await mutate(viaApi, f.hostFinance, 'createCostAlertRule', { serviceId: f.serviceGid, name: 'Over 25 %', basis: 'BUDGET', thresholdPercent: 25 }, 'rule { id }');
    await mutate(viaApi, await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' }), 'setCostAlertWebhook', { url: hook.url, rotateSecret: true }, 'secret');
    const imported = await importLedger(viaApi, f.hostFinance, ledgerCsv([{ voucher: 'WORKER', date: '2024-01-20', funksjon: f.direct.funksjon, ore: 80_000_00, kommunenummer: '3429' }]));
    expect(imported.status).toBe(200);
    const delivery = async () => (await app.owner.query(`SELECT id, status, attempts FROM cost_alert_delivery WHERE service_id = $1`, [f.serviceId])).rows;
    const [pending] = await delivery();
    expect(pending).toMatchObject({ status: 'PENDING', attempts: 0 });
    const queued = await app.owner.query(
      `SELECT j.payload->>'deliveryId' AS id FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE t.identifier = 'costs:deliver-alert'`,
    );
    expect(queued.rows).toEqual([{ id: pending.id }]);

    // The worker, a process of its own with its own role, delivers it.
    const worker = spawnDist('src/worker.js', { NODE_ENV: 'test', LOG_LEVEL: 'info', WORKER_DATABASE_URL: workerUrl(), WEBHOOK_ALLOW_PRIVATE: '127.0.0.1' });
    await until('the worker to start', () => worker.output().includes('Samvirke worker running the tasks costs:deliver-alert'), 60_000, worker.output);
    await until(
      'the delivery',
      async () => (await delivery())[0].status === 'DELIVERED',
      60_000,
      () => `${worker.output()}\n${api.output()}`,
    );
    expect(hook.ids).toEqual([pending.id]);
    expect((await app.owner.query(`SELECT count(*)::int AS n FROM graphile_worker._private_jobs`)).rows[0].n).toBe(0);

    // Who is connected: the API process as the API role only, the worker as the worker role only (no owner session).
    const sessions = await app.owner.query(
      `SELECT DISTINCT application_name AS app, usename AS role FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'samvirke-%' ORDER BY 1, 2`,
    );
    expect(sessions.rows).toEqual([
      { app: 'samvirke-api', role: APP_ROLE },
      { app: 'samvirke-jobs', role: WORKER },
      // The API's LISTEN connection (subscriptions; also this test's own in-process server's).
      { app: 'samvirke-listen', role: APP_ROLE },
      { app: 'samvirke-worker', role: WORKER },
    ]);

    worker.child.kill('SIGTERM');
    api.child.kill('SIGTERM');
    expect(await worker.exit).toBe(0);
    expect(await api.exit).toBe(0);
    await hook.close();
  });

  it('the API with the API role alone cannot run the jobs in-process: JOBS_IN_PROCESS=true is refused with a message', async () => {
    const api = spawnDist('src/main.js', { NODE_ENV: 'test', JWT_SECRET: TEST_ENV.jwtSecret, APP_DATABASE_URL: appUrl(), JOBS_IN_PROCESS: 'true', PORT: String(await freePort()), DATA_DIR: dataDir });
    expect(await api.exit).toBe(1);
    expect(api.output()).toContain("Samvirke failed to start: JOBS_IN_PROCESS=true needs the owner's DATABASE_URL; with APP_DATABASE_URL alone the jobs run in the worker process (npm run worker)");
  });

  it('the worker refuses to start without its own role: a clear message, exit 1', async () => {
    const worker = spawnDist('src/worker.js', { NODE_ENV: 'production', DATABASE_URL: app.ownerUrl });
    expect(await worker.exit).toBe(1);
    expect(worker.output()).toContain('Samvirke worker failed to start: WORKER_DATABASE_URL is not set');
    expect(worker.output()).not.toMatch(/\n\s+at /);
  });

  it('the worker refuses a password of the examples in production', async () => {
    const worker = spawnDist('src/worker.js', { NODE_ENV: 'production', WORKER_DATABASE_URL: withCredentials(app.ownerUrl, WORKER, 'change-me') });
    expect(await worker.exit).toBe(1);
    expect(worker.output()).toContain('the password in WORKER_DATABASE_URL is an example value');
  });
});
