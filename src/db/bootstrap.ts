import path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config';
import { APP_ROLE } from '../../migrations/rls';
import { WORKER_ROLE } from '../../migrations/1733840000000-costs-jobs-worker-role';
import { createDataSource, DataModel, withCredentials, withDatabase } from './data-source';
import { startEmbeddedPostgres, EmbeddedDatabase } from './embedded';
import { readOrCreateSecret } from './secrets';
import { grantJobQueue, migrateJobQueue } from './job-queue';

export const EMBEDDED_DATABASE = 'samvirke';

/** What the database side needs of the features (src/features/data.ts `database`): the model and the demo seed. */
export interface DatabaseParts {
  model: DataModel;
  /** Inserts the demo data that is missing, as the owner (src/seed/index.ts with every feature's seeder); true when it inserted some. */
  seedDemo(owner: DataSource): Promise<boolean>;
}

/** The API role's pool, and nothing else: what the API holds in production (`connectAppDatabase`). */
export interface AppDatabase {
  /** Connection pool of the non-owner API role: every request goes through RLS. */
  app: DataSource;
  close(): Promise<void>;
}

/** A database this process owns (`openDatabase`: embedded PostgreSQL or DATABASE_URL). */
export interface Database extends AppDatabase {
  /** Owner connection URL (migrations, seed, the in-process job runner, tests that set up fixtures). */
  ownerUrl: string;
  embedded?: EmbeddedDatabase;
}

export async function ensureDatabase(serverUrl: string, database: string, template?: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : '';
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}${from}`);
    }
  } finally {
    await client.end();
  }
}

/**
 * Creates or updates a non-owner login role (the API's, the job worker's) with `password`. Needs
 * CREATEROLE (true for the embedded and compose setups, whose owner is the superuser).
 */
async function ensureLoginRole(client: Client, role: string, password: string): Promise<void> {
  const { rows } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  const verb = rows.length ? 'ALTER' : 'CREATE';
  const { rows: sql } = await client.query(`SELECT format('${verb} ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD %L', $1::text, $2::text) AS stmt`, [role, password]);
  await client.query(sql[0].stmt);
}

/** Creates or updates the API's login role (samvirke_app). */
export async function ensureAppRole(ownerUrl: string, password: string): Promise<void> {
  await withClient(ownerUrl, (client) => ensureLoginRole(client, APP_ROLE, password));
}

/** Creates or updates the job worker's login role (samvirke_worker; its grants are a migration's). */
export async function ensureWorkerRole(ownerUrl: string, password: string): Promise<void> {
  await withClient(ownerUrl, (client) => ensureLoginRole(client, WORKER_ROLE, password));
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'samvirke-migrate' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The advisory lock every migration run holds (session-level, on a connection of its own): two
 * replicas or `npm run migrate` runs starting at once run the migrations one after the other, and
 * the second finds nothing left to do. The key is a constant of ours: "samvirke" in ASCII, 0x73616d7669726b65.
 */
export const MIGRATION_LOCK_KEY = '8314046742445321061';

/** Passwords the migrate step gives the login roles (each role is left as it is when its password is not given). */
export interface RolePasswords {
  app?: string;
  worker?: string;
}

/**
 * Runs pending migrations as the owner, under the migration lock: the login roles (when their
 * passwords are given), the schema migrations, the job queue's schema (graphile-worker's migrator)
 * and the worker role's grants there. Returns the names of the migrations it ran.
 */
export async function migrate(ownerUrl: string, model: DataModel, passwords: RolePasswords = {}): Promise<string[]> {
  return withClient(ownerUrl, async (lock) => {
    await lock.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    try {
      if (passwords.app !== undefined) await ensureLoginRole(lock, APP_ROLE, passwords.app);
      if (passwords.worker !== undefined) await ensureLoginRole(lock, WORKER_ROLE, passwords.worker);
      const owner = createDataSource(ownerUrl, model, { poolSize: 2, name: 'samvirke-migrate', countStatements: false });
      await owner.initialize();
      try {
        const done = await owner.runMigrations({ transaction: 'each' });
        // The job queue's own schema (graphile-worker's migrator; see src/db/job-queue.ts), then the
        // worker role's privileges there (its role exists by now: a migration creates it).
        await migrateJobQueue(ownerUrl);
        await grantJobQueue(lock, WORKER_ROLE);
        return done.map((m) => m.name);
      } finally {
        await owner.destroy();
      }
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
    }
  });
}

/** The schema is older than the code: migrations of the code have not run. */
export class SchemaBehind extends Error {
  constructor(readonly missing: string[]) {
    super(
      `the database schema is older than this code: ${missing.length} migration${missing.length === 1 ? '' : 's'} of the code ${missing.length === 1 ? 'has' : 'have'} not run (${missing.join(', ')}). ` +
        'Run the migrations first, as the database owner: npm run migrate (docker compose: the migrate service)',
    );
    this.name = 'SchemaBehind';
  }
}

/**
 * Refuses a database that lacks migrations of the code (`pool`: a non-owner role's; the API role and
 * the worker role may read the migrations table). Migrations the code does not know (a newer release
 * ran them) are fine: a replica of the previous release keeps serving while the next one rolls out.
 */
export async function checkSchema(pool: DataSource): Promise<void> {
  const expected = pool.migrations.map((m) => m.name ?? m.constructor.name);
  let rows: { name: string }[];
  try {
    rows = await pool.query('SELECT name FROM migrations');
  } catch (error) {
    // An empty database: no migration has run.
    if ((error as { code?: string }).code === '42P01') throw new SchemaBehind(expected);
    throw error;
  }
  const executed = new Set(rows.map((r) => r.name));
  const missing = expected.filter((name) => !executed.has(name));
  if (missing.length) throw new SchemaBehind(missing);
}

export async function seed(ownerUrl: string, parts: DatabaseParts): Promise<boolean> {
  const owner = createDataSource(ownerUrl, parts.model, { poolSize: 2, name: 'samvirke-seed' });
  await owner.initialize();
  try {
    return await parts.seedDemo(owner);
  } finally {
    await owner.destroy();
  }
}

/**
 * Brings up the database the way `npm start` needs it in development: embedded PostgreSQL unless
 * DATABASE_URL (the owner) is set, the API role, all migrations, the demo seed (idempotent), and an
 * RLS-bound pool. A production API does not come here with an external database: it gets only the
 * API role's URL (`connectAppDatabase`) and the migrations are a step of their own (`npm run migrate`).
 */
export async function openDatabase(config: AppConfig, log: (msg: string) => void, parts: DatabaseParts): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let ownerUrl: string;
  if (config.databaseUrl) {
    ownerUrl = config.databaseUrl;
  } else {
    embedded = await startEmbeddedPostgres({ dir: config.dataDir, port: config.embeddedPgPort, log: (m) => log(`[postgres] ${m}`) });
    await ensureDatabase(embedded.url, EMBEDDED_DATABASE);
    ownerUrl = withDatabase(embedded.url, EMBEDDED_DATABASE);
    log(`embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in ${config.dataDir})`);
  }
  try {
    let appUrl = config.appDatabaseUrl;
    const passwords: RolePasswords = {};
    if (!appUrl) {
      passwords.app = config.appDbPassword ?? readOrCreateSecret(path.join(config.dataDir, 'app-db-password'));
      appUrl = withCredentials(ownerUrl, APP_ROLE, passwords.app);
    }
    const ran = await migrate(ownerUrl, parts.model, passwords);
    if (ran.length) log(`migrations applied: ${ran.join(', ')}`);
    if (config.seedDemo && (await seed(ownerUrl, parts))) log('seeded demo regions Nord-Østerdal and Valdres');
    const app = createDataSource(appUrl, parts.model, { poolSize: config.dbPoolSize, name: 'samvirke-api', countStatements: config.env !== 'production', pipeline: true });
    await app.initialize();
    return {
      app,
      ownerUrl,
      embedded,
      async close() {
        if (app.isInitialized) await app.destroy();
        if (embedded) await embedded.stop();
      },
    };
  } catch (error) {
    if (embedded) await embedded.stop();
    throw error;
  }
}

/**
 * Connects to a database someone else migrated, with one non-owner role's URL (the API's
 * APP_DATABASE_URL, the worker's WORKER_DATABASE_URL): no migrations, no seed, and a refusal
 * (`SchemaBehind`) when the schema lacks migrations of this code.
 */
export async function connectMigratedDatabase(url: string, parts: DatabaseParts, options: { poolSize: number; name: string; countStatements: boolean; pipeline?: boolean }): Promise<AppDatabase> {
  const app = createDataSource(url, parts.model, options);
  await app.initialize();
  try {
    await checkSchema(app);
  } catch (error) {
    await app.destroy();
    throw error;
  }
  return {
    app,
    async close() {
      if (app.isInitialized) await app.destroy();
    },
  };
}
