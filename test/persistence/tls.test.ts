import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { Principal, Role } from '../../src/auth/roles';
import { createDataSource } from '../../src/db/data-source';
import { RequestDb } from '../../src/db/request-db';
import { dataModel } from '../../src/features/data';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * The API pool over TLS (a managed PostgreSQL that requires `sslmode`): node-postgres upgrades the
 * pool's socket (src/db/coalescing-socket.ts, given through its `stream` option) to TLS and then
 * writes through the TLS socket, so nothing is joined and everything still arrives, in order. The
 * test's PostgreSQL turns TLS on for this file (the self-signed certificate of test/fixtures/tls)
 * and off again; connections that do not ask for it, the other files', are not affected.
 */
let app: TestApp;
let ds: DataSource;
let dataDir: string;
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'tls');
const FILES = ['server.key', 'server.crt'];

async function setSsl(on: boolean): Promise<void> {
  await app.owner.query(on ? 'ALTER SYSTEM SET ssl = on' : 'ALTER SYSTEM RESET ssl');
  await app.owner.query('SELECT pg_reload_conf()');
  const want = on ? 'on' : 'off';
  for (let waited = 0; (await app.owner.query('SHOW ssl')).rows[0].ssl !== want; waited += 50) {
    if (waited > 5000) throw new Error(`ssl did not become ${want}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  app = await startTestApp();
  dataDir = (await app.owner.query('SHOW data_directory')).rows[0].data_directory as string;
  // PostgreSQL reads its key only if the server's OS user owns it and nobody else may read it.
  const owner = fs.statSync(path.join(dataDir, 'PG_VERSION'));
  for (const file of FILES) {
    const target = path.join(dataDir, file);
    fs.copyFileSync(path.join(FIXTURES, file), target);
    fs.chownSync(target, owner.uid, owner.gid);
    fs.chmodSync(target, 0o600);
  }
  await setSsl(true);
  const url = new URL(app.ownerUrl);
  url.searchParams.set('sslmode', 'no-verify'); // encrypted; the self-signed certificate is not checked
  ds = createDataSource(url.toString(), dataModel, { poolSize: 1, pipeline: true });
  await ds.initialize();
});
afterAll(async () => {
  await ds?.destroy();
  if (dataDir) {
    await setSsl(false);
    for (const file of FILES) fs.rmSync(path.join(dataDir, file), { force: true });
  }
  await app.close();
});

const principal: Principal = { role: Role.REGION_ADMIN, subject: 'tls-test', regionId: '5b0c3a43-63c5-4a4e-9a53-5d0b8a6f8e11' };
const encryptedRead = {
  sql: `SELECT json_build_array((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), current_setting('app.role', true), current_setting('app.region_id', true))`,
  params: [],
};

it('runs a query’s transaction (opening and first read written together) over TLS under the caller’s tenant context', async () => {
  const db = new RequestDb(ds, principal);
  db.readOnly();
  try {
    expect(await db.read(encryptedRead)).toEqual([true, 'REGION_ADMIN', principal.regionId]);
    // A second wave on the same connection, and TypeORM beside it.
    expect(await db.read({ sql: `SELECT to_json(current_setting('transaction_read_only'))`, params: [] })).toBe('on');
    expect((await (await db.manager()).query(`SELECT 2 + 2 AS n`))[0].n).toBe(4);
  } finally {
    await db.finish(true);
  }
});

it('runs a read-write transaction over TLS, and the connection goes back to the pool clean', async () => {
  const db = new RequestDb(ds, principal);
  try {
    expect(await db.read(encryptedRead)).toEqual([true, 'REGION_ADMIN', principal.regionId]);
  } finally {
    await db.finish(true);
  }
  const [after] = await ds.query(`SELECT current_setting('app.role', true) AS role, (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()) AS ssl`);
  expect(after).toEqual({ role: '', ssl: true });
});
