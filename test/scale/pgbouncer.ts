import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/db/free-port';
import { atLocalPort, listening, postgresUser } from './local-server';

/** A PgBouncer of the test's own (Debian's package, scripts/ensure-pgbouncer.sh) on a free loopback port. */
export interface Bouncer {
  port: number;
  /** `url` with host and port swapped for the bouncer's (same user, password, database). */
  via(url: string): string;
  stop(): Promise<void>;
}

export const PGBOUNCER = [process.env.PGBOUNCER_PATH, '/usr/sbin/pgbouncer'].find((p) => p && fs.existsSync(p)) ?? 'pgbouncer';

/**
 * Starts PgBouncer in transaction mode in front of `serverUrl`'s PostgreSQL: every database, a
 * pool of `poolSize` server connections per user and database, the given users' passwords in its
 * own userlist (SCRAM towards clients and server). As root it runs as the `postgres` OS user
 * (PgBouncer refuses root), like the embedded PostgreSQL.
 */
export async function startPgBouncer(serverUrl: string, users: { user: string; password: string }[], poolSize = 2): Promise<Bouncer> {
  // users[0] may use the admin console.
  const server = new URL(serverUrl);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samvirke-pgbouncer-'));
  const port = await freePort();
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  fs.writeFileSync(path.join(dir, 'userlist.txt'), users.map((u) => `${quote(u.user)} ${quote(u.password)}\n`).join(''));
  fs.writeFileSync(
    path.join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${server.hostname} port=${server.port}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = scram-sha-256',
      `auth_file = ${path.join(dir, 'userlist.txt')}`,
      'pool_mode = transaction',
      `default_pool_size = ${poolSize}`,
      'min_pool_size = 0',
      'reserve_pool_size = 0',
      'max_client_conn = 200',
      'max_db_connections = 0',
      'ignore_startup_parameters = extra_float_digits',
      // The admin console (database `pgbouncer`): the test reads SHOW SERVERS / SHOW STATS there.
      `admin_users = ${users[0]?.user ?? 'postgres'}`,
      `pidfile = ${path.join(dir, 'pgbouncer.pid')}`,
      '',
    ].join('\n'),
  );
  const asPostgres = process.getuid?.() === 0 ? postgresUser() : undefined;
  if (asPostgres) {
    fs.chmodSync(dir, 0o700);
    for (const f of ['', 'userlist.txt', 'pgbouncer.ini']) fs.chownSync(path.join(dir, f), asPostgres.uid, asPostgres.gid);
  }
  const output: string[] = [];
  const child: ChildProcess = spawn(PGBOUNCER, [path.join(dir, 'pgbouncer.ini')], { stdio: ['ignore', 'pipe', 'pipe'], ...(asPostgres ?? {}) });
  const remember = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout!.on('data', remember);
  child.stderr!.on('data', remember);
  let failed: Error | undefined;
  child.once('error', (error) => (failed = error));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; !(await listening(port)); i++) {
    if (failed || child.exitCode !== null || i > 100) {
      child.kill('SIGKILL');
      const why = failed ? `${failed.message} (run scripts/ensure-pgbouncer.sh, or set PGBOUNCER_PATH)` : output.join('').slice(-2000);
      throw new Error(`PgBouncer (${PGBOUNCER}) did not start: ${why}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    via: (url: string) => atLocalPort(url, port),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGINT');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
