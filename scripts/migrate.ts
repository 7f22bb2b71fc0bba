import 'reflect-metadata';
import { Client } from 'pg';
import { APP_ROLE } from '../migrations/rls';
import { loadConfig } from '../src/config';
import { migrate, seed } from '../src/db/bootstrap';
import { database } from '../src/features/data';

/**
 * `npm run migrate` (the compose service `migrate`, once before the API and the worker start): the
 * database's schema as a step of its own, as the owner (DATABASE_URL), under the migration lock, so
 * two of them started at once run the migrations one after the other and each migration runs once.
 *
 * - APP_DB_PASSWORD: creates or updates the API's login role samvirke_app with it (needed the first
 *   time: the migrations grant to that role).
 * - WORKER_DB_PASSWORD: the same for the job worker's role samvirke_worker (a migration creates it
 *   without LOGIN; without this password it cannot log in).
 * - SEED_DEMO=true (default outside production): inserts the demo regions that are missing.
 *
 * Exits 0 when the schema is up to date, 1 with a message (no stack trace) otherwise.
 */
export async function migrateCommand(env: NodeJS.ProcessEnv, out: { log(line: string): void; error(line: string): void }): Promise<number> {
  try {
    const config = loadConfig(env, { verifiesTokens: false });
    const ownerUrl = config.databaseUrl;
    if (!ownerUrl) {
      out.error('DATABASE_URL is not set: npm run migrate runs the migrations as the database owner (the API and the worker never get that URL). See docs/deployment.md.');
      return 1;
    }
    if (config.appDbPassword === undefined && !(await roleExists(ownerUrl, APP_ROLE))) {
      out.error(`APP_DB_PASSWORD is not set and the role ${APP_ROLE} does not exist yet: the first migrate creates the API's role with that password.`);
      return 1;
    }
    const ran = await migrate(ownerUrl, database.model, { app: config.appDbPassword, worker: config.workerDbPassword });
    out.log(ran.length ? `migrations applied: ${ran.join(', ')}` : `schema up to date (${database.model.migrations.length} migrations)`);
    if (config.workerDbPassword === undefined) out.log('WORKER_DB_PASSWORD not set: the worker role samvirke_worker keeps the login it had (none on a new database).');
    if (config.seedDemo && (await seed(ownerUrl, database))) out.log('seeded demo regions Nord-Østerdal and Valdres');
    return 0;
  } catch (error) {
    out.error(`migrate failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

async function roleExists(url: string, role: string): Promise<boolean> {
  const client = new Client({ connectionString: url, application_name: 'samvirke-migrate' });
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount === 1;
  } finally {
    await client.end();
  }
}

if (require.main === module) {
  void migrateCommand(process.env, { log: (l) => console.log(l), error: (l) => console.error(l) }).then((code) => process.exit(code));
}
