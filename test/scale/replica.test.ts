import { Client } from 'pg';
import { Role } from '../../src/auth/roles';
import { until } from '../costs/live';
import { TEST_ENV } from '../helpers/env';
import { toGlobalId } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { Replica, startStreamingReplica } from './replica';

/**
 * Issue 23: DATABASE_READ_URL on a real streaming replica of the test's PostgreSQL (the embedded
 * binaries; base backup through pg_backup_start/pg_backup_stop, test/scale/replica.ts). With the
 * replica's replay paused, a value only the primary has tells which server answered: queries and
 * anonymous GETs read the replica, mutations run on the primary, and the writer's own reads (by
 * this process's memory, or on any API replica by the `Samvirke-Consistency` header its write's
 * answer carried) go to the primary right after its write.
 */
let replica: Replica;
let app: TestApp;
let replicaAdmin: Client;
/** READ_YOUR_WRITES_MS here: long enough for the writer's next requests on a busy machine. */
const WINDOW_MS = 8_000;
let startedAt = 0;

beforeAll(async () => {
  replica = await startStreamingReplica(process.env[TEST_ENV.serverUrlVar]!);
  app = await startTestApp({ readYourWritesMs: WINDOW_MS }, undefined, {
    // The test's database exists on the replica once it has replayed its creation.
    configFor: async ({ directAppUrl }) => (await replica.caughtUp(), { readDatabaseUrl: replica.via(directAppUrl) }),
  });
  replicaAdmin = await replica.admin();
  startedAt = Date.now();
}, 120_000);
afterAll(async () => {
  await replicaAdmin?.query('SELECT pg_wal_replay_resume()').catch(() => undefined);
  await replicaAdmin?.end();
  await app?.close();
  await replica?.stop();
});

const SIZE = `query($id: ID!) { node(id: $id) { ... on Unit { size } } }`;
const UPDATE = `mutation($id: ID!, $s: Int) { updateUnit(input: { id: $id, size: $s }) { userErrors { code } unit { size } } }`;

async function post(query: string, variables: Record<string, unknown>, token?: string, headers: Record<string, string> = {}) {
  const res = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { headers: res.headers, body: (await res.json()) as { data?: any; errors?: any[] } };
}

/** An anonymous GET of the region's name (a query: it may be served by the replica). */
async function anonymousRegionName(code: string): Promise<string> {
  const res = await fetch(`${app.url}?${new URLSearchParams({ query: `query($c: String!) { region(code: $c) { name } }`, variables: JSON.stringify({ c: code }) })}`, {
    headers: { 'apollo-require-preflight': 'true' },
  });
  const body = (await res.json()) as { data: { region: { name: string } } };
  return body.data.region.name;
}

describe('a read replica behind DATABASE_READ_URL', () => {
  it('is a real standby: in recovery, streaming from the primary, read-only', async () => {
    const { rows } = await replicaAdmin.query(`SELECT pg_is_in_recovery() AS recovery, (SELECT status FROM pg_stat_wal_receiver) AS receiver`);
    expect(rows[0]).toEqual({ recovery: true, receiver: 'streaming' });
    await expect(replicaAdmin.query(`CREATE TABLE nope (id int)`)).rejects.toThrow(/read-only transaction/);
  });

  it('reads from the replica, writes on the primary, and gives the writer its own writes at once', async () => {
    const unit = (await app.owner.query(`SELECT u.id, u.size FROM unit u JOIN region r ON r.id = u.region_id WHERE r.code = 'valdres' ORDER BY u.code LIMIT 1`)).rows[0];
    const id = toGlobalId('Unit', unit.id);
    const writer = await app.token(Role.REGION_ADMIN, { region: 'valdres', sub: 'replica-writer' });
    const reader = await app.token(Role.REGION_ADMIN, { region: 'valdres', sub: 'replica-reader' });
    const other = await app.token(Role.REGION_ADMIN, { region: 'valdres', sub: 'replica-other' });
    const before = ok(await app.gql(SIZE, { id }, reader)).node.size;

    // Starting to listen counts as a public change (what changed unheard is unknown): anonymous
    // reads stay on the primary for the window after start.
    await new Promise((r) => setTimeout(r, Math.max(0, startedAt + WINDOW_MS + 500 - Date.now())));
    await replica.caughtUp();
    await replicaAdmin.query('SELECT pg_wal_replay_pause()');
    try {
      // A change only the primary has (and one the API is not told of: triggers off, so no NOTIFY).
      await app.owner.query(`BEGIN; SET LOCAL session_replication_role = replica; UPDATE region SET name = 'Valdres (primær)' WHERE code = 'valdres'; COMMIT`);
      expect(await anonymousRegionName('valdres')).toBe('Valdres');
      expect(ok(await app.gql(`{ region { name } }`, {}, reader)).region.name).toBe('Valdres');

      // The mutation runs on the primary (the paused standby refuses every write).
      const write = await post(UPDATE, { id, s: before + 100 }, writer);
      expect(write.body.errors).toBeUndefined();
      expect(write.body.data.updateUnit).toEqual({ userErrors: [], unit: { size: before + 100 } });
      expect((await app.owner.query(`SELECT size FROM unit WHERE id = $1`, [unit.id])).rows[0].size).toBe(before + 100);
      const consistency = write.headers.get('samvirke-consistency');
      expect(consistency).toMatch(/^\d+$/);

      // The writer reads its own write (the primary); a principal that did not write reads the replica.
      expect(ok(await app.gql(SIZE, { id }, writer)).node.size).toBe(before + 100);
      expect(ok(await app.gql(`{ region { name } }`, {}, writer)).region.name).toBe('Valdres (primær)');
      expect(ok(await app.gql(SIZE, { id }, reader)).node.size).toBe(before);
      // On another API replica the writer's client sends the value back: the primary answers.
      const carried = await post(SIZE, { id }, other, { 'samvirke-consistency': consistency! });
      expect(carried.body.data.node.size).toBe(before + 100);
      expect(carried.headers.get('samvirke-consistency')).toBeNull();
      // A value from long ago (outside READ_YOUR_WRITES_MS) or not a number is the replica again.
      expect((await post(SIZE, { id }, other, { 'samvirke-consistency': String(Number(consistency) - WINDOW_MS - 1_000) })).body.data.node.size).toBe(before);
      expect((await post(SIZE, { id }, other, { 'samvirke-consistency': 'soon' })).body.data.node.size).toBe(before);

      // Public data changed (a NOTIFY on public_data): anonymous reads go to the primary, whose
      // changes the public answers' ETags follow.
      await app.owner.query(`UPDATE region SET name = 'Valdres (kunngjort)' WHERE code = 'valdres'`);
      expect(await until('anonymous reads on the primary', async () => (await anonymousRegionName('valdres')) === 'Valdres (kunngjort)', 10_000)).toBe(true);
    } finally {
      await replicaAdmin.query('SELECT pg_wal_replay_resume()');
    }
    await replica.caughtUp();
    expect(ok(await app.gql(SIZE, { id }, reader)).node.size).toBe(before + 100);
    expect(ok(await app.gql(`{ region { name } }`, {}, reader)).region.name).toBe('Valdres (kunngjort)');
    await app.owner.query(`UPDATE region SET name = 'Valdres' WHERE code = 'valdres'`);
  }, 60_000);
});
