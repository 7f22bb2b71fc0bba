import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { APP_ROLE } from '../../migrations/rls';
import { AppConfig } from '../config';
import { DatabaseParts, EMBEDDED_DATABASE, openDatabase } from './bootstrap';
import { createDataSource, withCredentials } from './data-source';
import { readOrCreateSecret } from './secrets';

export interface CliDatabase {
  /** A pool of the API role: every statement runs under RLS, like a request. */
  app: DataSource;
  /** How it was reached, for the tool's first line. */
  via: string;
  close(): Promise<void>;
}

/** The port of the embedded cluster a running `npm start` holds in this data folder, if any. */
function runningEmbeddedPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const [pid, , , port] = fs.readFileSync(pidFile, 'utf8').split('\n');
  try {
    process.kill(Number(pid), 0);
  } catch {
    return null;
  }
  return Number(port) || null;
}

/**
 * The database for a command-line tool (imports): `APP_DATABASE_URL` alone (as in the production
 * image, where the API role is all a tool needs); `DATABASE_URL` when set; otherwise the embedded
 * cluster of a running `npm start` in DATA_DIR; otherwise the same start-up as `npm start`
 * (embedded PostgreSQL, migrations, demo seed), stopped again by `close()`. `parts`: the features'
 * data side (src/features/data.ts), which loads no resolver.
 */
export async function openCliDatabase(config: AppConfig, log: (message: string) => void, parts: DatabaseParts): Promise<CliDatabase> {
  const appPassword = () => config.appDbPassword ?? readOrCreateSecret(path.join(config.dataDir, 'app-db-password'));
  const connect = async (url: string, via: string): Promise<CliDatabase> => {
    const app = createDataSource(url, parts.model, { poolSize: 2, name: 'samvirke-cli' });
    await app.initialize();
    return { app, via, close: () => app.destroy() };
  };
  if (config.appDatabaseUrl && !config.databaseUrl) return connect(config.appDatabaseUrl, 'APP_DATABASE_URL'); // the production image: the API role only
  if (config.databaseUrl) return connect(config.appDatabaseUrl ?? withCredentials(config.databaseUrl, APP_ROLE, appPassword()), 'DATABASE_URL');
  const port = runningEmbeddedPort(config.dataDir);
  if (port) return connect(`postgres://${APP_ROLE}:${encodeURIComponent(appPassword())}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`, `the running server's PostgreSQL (port ${port})`);
  const db = await openDatabase(config, (m) => (m.startsWith('[postgres]') ? undefined : log(m)), parts);
  return { app: db.app, via: `embedded PostgreSQL in ${config.dataDir} (started for this command)`, close: () => db.close() };
}
