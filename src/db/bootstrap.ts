import path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config';
import { APP_ROLE } from '../../migrations/rls';
import { createDataSource, DataModel, withCredentials, withDatabase } from './data-source';
import { startEmbeddedPostgres, EmbeddedDatabase } from './embedded';
import { readOrCreateSecret } from './secrets';
import { migrateJobQueue } from './job-queue';

export const EMBEDDED_DATABASE = 'samvirke';

/** What the database side needs of the features (src/features/data.ts `database`): the model and the demo seed. */
export interface DatabaseParts {
  model: DataModel;
  /** Inserts the demo data that is missing, as the owner (src/seed/index.ts with every feature's seeder); true when it inserted some. */
  seedDemo(owner: DataSource): Promise<boolean>;
}

export interface Database {
  /** Connection pool of the non-owner API role: every request goes through RLS. */
  app: DataSource;
  /** Owner connection URL (migrations, seed, tests that set up fixtures). */
  ownerUrl: string;
  embedded?: EmbeddedDatabase;
  close(): Promise<void>;
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

/** Creates or updates the API's login role. Needs CREATEROLE (true for the embedded and compose setups). */
export async function ensureAppRole(ownerUrl: string, password: string): Promise<void> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
    const verb = rows.length ? 'ALTER' : 'CREATE';
    const { rows: sql } = await client.query(`SELECT format('${verb} ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD %L', $1::text, $2::text) AS stmt`, [APP_ROLE, password]);
    await client.query(sql[0].stmt);
  } finally {
    await client.end();
  }
}

/** Runs pending migrations as the owner; returns their names. */
export async function migrate(ownerUrl: string, model: DataModel): Promise<string[]> {
  const owner = createDataSource(ownerUrl, model, { poolSize: 2, name: 'samvirke-migrate' });
  await owner.initialize();
  try {
    const done = await owner.runMigrations({ transaction: 'each' });
    // The job queue's own schema (graphile-worker's migrator; see src/db/job-queue.ts).
    await migrateJobQueue(ownerUrl);
    return done.map((m) => m.name);
  } finally {
    await owner.destroy();
  }
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
 * Brings up the database the way `npm start` needs it: embedded PostgreSQL unless DATABASE_URL is
 * set, the API role, all migrations, the demo seed (idempotent), and an RLS-bound pool.
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
    if (!appUrl) {
      const password = config.appDbPassword ?? readOrCreateSecret(path.join(config.dataDir, 'app-db-password'));
      await ensureAppRole(ownerUrl, password);
      appUrl = withCredentials(ownerUrl, APP_ROLE, password);
    }
    const ran = await migrate(ownerUrl, parts.model);
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
