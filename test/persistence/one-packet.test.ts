import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { Principal, Role } from '../../src/auth/roles';
import { CoalescingSocket } from '../../src/db/coalescing-socket';
import { createDataSource, withCredentials } from '../../src/db/data-source';
import { RequestDb } from '../../src/db/request-db';
import { dataModel } from '../../src/features/data';
import { APP_ROLE } from '../../migrations/rls';
import { TEST_ENV } from '../helpers/env';
import { municipalityId, regionId } from '../helpers/fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * A query's opening (BEGIN READ ONLY and the tenant context) and its first read leave for
 * PostgreSQL as one packet (src/db/coalescing-socket.ts, src/db/request-db.ts). What the socket
 * hands to the kernel is counted through the stream implementer's documented `_write` / `_writev`:
 * one call is one write to the connection.
 */
class CountingSocket extends CoalescingSocket {
  /** Each hand-over to the kernel: how many buffers it carried. */
  readonly writes: number[] = [];
  override _write(chunk: unknown, encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.writes.push(1);
    super._write(chunk, encoding, done);
  }
  override _writev(chunks: Array<{ chunk: unknown; encoding: BufferEncoding }>, done: (error?: Error | null) => void): void {
    this.writes.push(chunks.length);
    super._writev!(chunks, done);
  }
}

let app: TestApp;
let ds: DataSource;
let nord: string;
const sockets: CountingSocket[] = [];
const admin = (id: string): Principal => ({ role: Role.REGION_ADMIN, subject: 'one-packet-test', regionId: id });

beforeAll(async () => {
  app = await startTestApp();
  const options = createDataSource(withCredentials(app.ownerUrl, APP_ROLE, TEST_ENV.appPassword), dataModel, { poolSize: 1, pipeline: true }).options;
  // The API's options with a socket that counts its writes (one connection: every request below uses it).
  ds = new DataSource({ ...options, extra: { pipeline: true, stream: () => sockets[sockets.push(new CountingSocket()) - 1] } } as typeof options);
  await ds.initialize();
  nord = await regionId(app, 'nord-osterdal');
});
afterAll(async () => {
  await ds?.destroy();
  await app.close();
});

const writesDuring = async (work: () => Promise<unknown>): Promise<number[]> => {
  const [socket] = sockets;
  // What an earlier turn wrote (a COMMIT sent without waiting) leaves first.
  await new Promise((resolve) => setImmediate(resolve));
  const before = socket.writes.length;
  await work();
  return socket.writes.slice(before);
};

it('sends a query’s opening and its first read in one write, and the reads of a later wave in another', async () => {
  expect(sockets).toHaveLength(1);
  const db = new RequestDb(ds, admin(nord));
  db.readOnly();
  try {
    const first = await writesDuring(() => db.read({ sql: `SELECT json_build_array(current_setting('transaction_read_only'), app_role())`, params: [] }));
    // One write: the opening (one simple-query message) and the read's extended-query messages.
    expect(first).toHaveLength(1);
    expect(first[0]).toBeGreaterThanOrEqual(2);
    const second = await writesDuring(() => db.read({ sql: `SELECT to_json(app_region_id())`, params: [] }));
    expect(second).toHaveLength(1);
    expect(db.counter.statements).toBe(4);
  } finally {
    await db.finish(true);
  }
});

it('still answers under the opening it was sent with: the tenant context of this request, not the one before', async () => {
  const tynset = await municipalityId(app, '3427');
  for (const principal of [admin(nord), { role: Role.MUNICIPAL_DIRECTOR, subject: 'one-packet-test', regionId: nord, municipalityId: tynset }]) {
    const db = new RequestDb(ds, principal);
    db.readOnly();
    try {
      const writes = await writesDuring(async () =>
        expect(await db.read({ sql: `SELECT json_build_array(app_role(), app_municipality_id())`, params: [] })).toEqual([principal.role, principal.municipalityId ?? null]),
      );
      expect(writes).toHaveLength(1);
    } finally {
      await db.finish(true);
    }
  }
});

it('a write request sends its opening at once (START TRANSACTION is answered before the tenant context)', async () => {
  const db = new RequestDb(ds, admin(nord));
  try {
    const writes = await writesDuring(() => db.read({ sql: `SELECT to_json(current_setting('transaction_read_only'))`, params: [] }));
    expect(writes.length).toBeGreaterThanOrEqual(2);
  } finally {
    await db.finish(true);
  }
});

it('joins what is written in one turn of the event loop, and only that', async () => {
  const [socket] = sockets;
  const runner = ds.createQueryRunner();
  const client = (await runner.connect()) as PoolClient;
  try {
    const before = socket.writes.length;
    // Three queries issued in one turn: one write; a fourth in a later turn: another.
    const answers = await Promise.all([client.query('SELECT 1 AS n'), client.query('SELECT 2 AS n'), client.query('SELECT 3 AS n')]);
    expect(answers.map((a) => a.rows[0].n)).toEqual([1, 2, 3]);
    const joined = socket.writes.slice(before);
    await client.query('SELECT 4');
    expect(joined).toEqual([3]);
    expect(socket.writes.slice(before + joined.length)).toEqual([1]);
  } finally {
    await runner.release();
  }
});
