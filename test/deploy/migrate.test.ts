import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_ROLE } from '../../migrations/rls';
import { ensureDatabase } from '../../src/db/bootstrap';
import { withCredentials, withDatabase } from '../../src/db/data-source';
import { freePort } from '../../src/db/free-port';
import { dataModel } from '../../src/features/data';
import { TEST_ENV } from '../helpers/env';
import { build, killAll, spawnDist, until, WORKER_TEST_PASSWORD } from './processes';

/**
 * Issue 23: the migrations are a step of their own (`npm run migrate`, as the owner, under an
 * advisory lock), and the API in production does not migrate: it refuses a schema older than its code.
 */
jest.setTimeout(120_000);

const names = dataModel.migrations.map((m) => m.name);
const serverUrl = () => process.env[TEST_ENV.serverUrlVar]!;
const databases: string[] = [];
let dataDir: string;

/** An empty database of its own (no template: nothing migrated). */
async function freshDatabase(): Promise<string> {
  const name = `deploy_${process.pid}_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(serverUrl(), name);
  databases.push(name);
  return withDatabase(serverUrl(), name);
}

async function query<T = any>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(() => {
  build();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samvirke-deploy-'));
}, 120_000);

afterAll(async () => {
  await killAll();
  const admin = new Client({ connectionString: serverUrl() });
  await admin.connect();
  for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
  await admin.end();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run migrate', () => {
  const migrateEnv = (url: string) => ({
    DATABASE_URL: url,
    APP_DB_PASSWORD: TEST_ENV.appPassword,
    WORKER_DB_PASSWORD: WORKER_TEST_PASSWORD,
    // As in production: no JWT_SECRET needed, a step that verifies no token.
    NODE_ENV: 'production',
    SEED_DEMO: 'false',
  });

  it('two runs started at once on a fresh database both finish, and each migration ran once', async () => {
    const url = await freshDatabase();
    const runs = [spawnDist('scripts/migrate.js', migrateEnv(url)), spawnDist('scripts/migrate.js', migrateEnv(url))];
    const codes = await Promise.all(runs.map((r) => r.exit));
    const outputs = runs.map((r) => r.output());
    expect({ codes, outputs }).toEqual({ codes: [0, 0], outputs: expect.any(Array) });
    // One of them ran every migration; the other waited for the lock and found nothing left to do.
    expect(outputs.filter((o) => o.includes(`migrations applied: ${names.join(', ')}`))).toHaveLength(1);
    expect(outputs.filter((o) => o.includes(`schema up to date (${names.length} migrations)`))).toHaveLength(1);

    const ran = await query<{ name: string; runs: number }>(url, 'SELECT name, count(*)::int AS runs FROM migrations GROUP BY name ORDER BY min(id)');
    expect(ran).toEqual(names.map((name) => ({ name, runs: 1 })));
    // The job queue's schema too (graphile-worker's migrator), and the worker role can log in.
    expect((await query(url, `SELECT count(*)::int AS n FROM graphile_worker.migrations`))[0].n).toBeGreaterThan(0);
    const worker = await query(url, `SELECT rolcanlogin, rolbypassrls, rolsuper FROM pg_roles WHERE rolname = 'samvirke_worker'`);
    expect(worker).toEqual([{ rolcanlogin: true, rolbypassrls: false, rolsuper: false }]);
  });

  it('says what is missing instead of migrating: no DATABASE_URL', async () => {
    const run = spawnDist('scripts/migrate.js', { NODE_ENV: 'production' });
    expect(await run.exit).toBe(1);
    expect(run.output()).toContain('DATABASE_URL is not set: npm run migrate runs the migrations as the database owner');
    expect(run.output()).not.toMatch(/\n\s+at /);
  });
});

describe('the API in production against a database someone else migrated', () => {
  const apiEnv = async (appUrl: string) => ({
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(48).toString('base64'),
    APP_DATABASE_URL: appUrl,
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
  });

  it('refuses to serve a schema that lacks the newest migration: a clear message, exit 1, no stack trace, nothing changed', async () => {
    const url = await freshDatabase();
    // Every migration of the code but the newest, as a database of the previous release would be.
    const previous = new DataSource({ type: 'postgres', url, migrations: dataModel.migrations.slice(0, -1), migrationsTableName: 'migrations', migrationsTransactionMode: 'each', logging: false });
    await previous.initialize();
    await previous.runMigrations({ transaction: 'each' });
    await previous.destroy();

    const api = spawnDist('src/main.js', await apiEnv(withCredentials(url, APP_ROLE, TEST_ENV.appPassword)));
    expect(await api.exit).toBe(1);
    expect(api.output()).toContain(`Samvirke failed to start: the database schema is older than this code: 1 migration of the code has not run (${names[names.length - 1]}). Run the migrations first`);
    expect(api.output()).toContain('npm run migrate');
    expect(api.output()).not.toMatch(/\n\s+at /);
    // It did not migrate (it could not: it holds only the API role's credentials).
    expect((await query(url, 'SELECT count(*)::int AS n FROM migrations'))[0].n).toBe(names.length - 1);
  });

  it("with the owner's DATABASE_URL in production (the single-process start): migrates under the lock, then keeps no owner connection and runs no job", async () => {
    const url = await freshDatabase();
    const env = { ...(await apiEnv(withCredentials(url, APP_ROLE, TEST_ENV.appPassword))), DATABASE_URL: url, APP_DB_PASSWORD: TEST_ENV.appPassword };
    delete (env as Record<string, string | undefined>).APP_DATABASE_URL;
    const api = spawnDist('src/main.js', env);
    try {
      await until(
        'the API to be ready',
        () =>
          fetch(`http://127.0.0.1:${env.PORT}/readyz`).then(
            (r) => r.ok,
            () => false,
          ),
        60_000,
        api.output,
      );
      expect(api.output()).toContain('single-process start');
      expect((await query(url, 'SELECT count(*)::int AS n FROM migrations'))[0].n).toBe(names.length);
      const owner = new URL(url).username;
      const sessions = await query(url, `SELECT usename, application_name FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
      // Only the API role's pool (and its LISTEN connection) stays: no owner session, no job runner.
      expect(sessions.filter((s: { usename: string }) => s.usename === owner)).toEqual([]);
      expect(sessions.some((s: { usename: string }) => s.usename === APP_ROLE)).toBe(true);
    } finally {
      api.child.kill('SIGTERM');
      await api.exit;
    }
  });

  it('refuses JOBS_IN_PROCESS=true in production: the worker process runs the jobs', async () => {
    const url = await freshDatabase();
    const api = spawnDist('src/main.js', { ...(await apiEnv(withCredentials(url, APP_ROLE, TEST_ENV.appPassword))), DATABASE_URL: url, JOBS_IN_PROCESS: 'true' });
    expect(await api.exit).toBe(1);
    expect(api.output()).toContain('JOBS_IN_PROCESS=true is for development');
    expect((await query(url, `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`))[0].n).toBe(0);
  });
});
