import http from 'node:http';
import { Role } from '../../src/auth/roles';
import { baseUrl } from '../helpers/fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * The process runs at most IMPORT_CONCURRENCY imports at once (each bounded by its batch, so the
 * heap budget holds): one more upload is refused before a byte of it is read, with 503, Retry-After
 * and a typed, translated error, and it changes nothing; once a slot is free the same file imports.
 */

jest.setTimeout(60_000);

let app: TestApp;
let leader: string;

beforeAll(async () => {
  // Refused at once (no wait for a slot): the waiting is tested on its own server below.
  app = await startTestApp({ importConcurrency: 2, importSlotWaitMs: 0 });
  leader = await app.token(Role.SERVICE_LEADER, { service: 'barnevern' });
});
afterAll(() => app?.close());

/** A statistics CSV with `n` unique records of one metric. */
function statisticsCsv(n: number, firstYear: number): Buffer {
  const lines = ['kommunenummer,period,metric,value'];
  for (let i = 0; i < n; i++) lines.push(`3429,${firstYear + Math.floor(i / 12)}-${String(1 + (i % 12)).padStart(2, '0')},reports_received,${i + 1}`);
  return Buffer.from(lines.join('\n') + '\n');
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
}

/** An upload to `server` that sends its head and the first half of its body, and the rest only when told. */
interface Held {
  finish: () => Promise<Answer>;
  /** The answer, if the server gave one before the rest of the file was sent (it should not). */
  early: () => Answer | undefined;
}

function heldUpload(server: TestApp, path: string, token: string, file: Buffer): Held {
  const url = new URL(baseUrl(server) + path);
  const req = http.request({
    host: url.hostname,
    port: url.port,
    path: url.pathname + url.search,
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'content-length': file.length },
  });
  let answered: Answer | undefined;
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve((answered = { status: res.statusCode!, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) })));
    });
    req.on('error', reject);
  });
  req.write(file.subarray(0, file.length >> 1));
  const finish = () => {
    unfinished.delete(finish);
    req.end(file.subarray(file.length >> 1));
    return answer;
  };
  unfinished.add(finish);
  return { finish, early: () => answered };
}

/** Held uploads a failed test left open: sent to their end, so that they give their slots back to the next test. */
const unfinished = new Set<() => Promise<Answer>>();
afterEach(async () => {
  await Promise.all([...unfinished].map((finish) => finish().catch(() => undefined)));
});

const post = (path: string, file: Buffer, headers: Record<string, string>) =>
  fetch(baseUrl(app) + path, { method: 'POST', headers: { 'content-type': 'text/csv', ...headers }, body: file }).then(async (res) => ({
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as any,
  }));

/**
 * Waits until the `held` imports on `server` hold their slot: each, once it has one, waits for the
 * rest of its file in an open transaction (idle, or waiting for a lock another holds). Generous:
 * the whole suite shares two cores. An upload the server answered early fails at once, with that
 * answer (not after the wait).
 */
async function waitForImportTransactions(server: TestApp, held: Held[]): Promise<void> {
  const n = held.length;
  const answeredEarly = () => held.map((h) => h.early()).filter((a) => a !== undefined);
  const inTransaction = async () =>
    Number(
      (
        await server.owner.query(
          `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND xact_start IS NOT NULL`,
        )
      ).rows[0].n,
    );
  for (let i = 0; i < 300 && !answeredEarly().length && (await inTransaction()) < n; i++) await new Promise((r) => setTimeout(r, 100));
  expect(answeredEarly().map((a) => ({ status: a.status, body: a.body }))).toEqual([]);
  expect(await inTransaction()).toBe(n);
}

const observations = async () => Number((await app.owner.query(`SELECT count(*) AS n FROM statistics_observation`)).rows[0].n);

test('a third import while two run is refused with 503 and Retry-After before it is read, changes nothing, and imports once a slot is free', async () => {
  const before = await observations();
  const held = [heldUpload(app, '/imports/statistics?dryRun=true', leader, statisticsCsv(120, 2010)), heldUpload(app, '/imports/statistics?dryRun=true', leader, statisticsCsv(120, 2010))];
  const third = statisticsCsv(24, 2001);
  // A probe sent earlier could take a slot before the held ones: wait until both hold theirs.
  await waitForImportTransactions(app, held);
  const refused = await post('/imports/statistics', third, { authorization: `Bearer ${leader}` });
  expect(refused.status).toBe(503);
  expect(refused.retryAfter).toBe('5');
  expect(refused.body.errors[0].extensions).toMatchObject({ code: 'IMPORTS_BUSY', limit: 'IMPORT_CONCURRENCY', max: 2, retryAfterSeconds: 5 });
  expect(refused.body.errors[0].message).toBe('This process is already running 2 imports at once (IMPORT_CONCURRENCY). Send the file again in 5 s.');
  const bokmal = await post('/imports/statistics', third, { authorization: `Bearer ${leader}`, 'accept-language': 'nb' });
  expect(bokmal.status).toBe(503);
  expect(bokmal.body.errors[0].message).toBe('Prosessen kjører allerede 2 importer samtidig (IMPORT_CONCURRENCY). Send filen på nytt om 5 s.');
  // A stranger, or a caller who may not import this kind, is told so, not that the process is busy.
  expect((await post('/imports/statistics', third, {})).status).toBe(401);
  expect((await post('/imports/statistics', third, { authorization: `Bearer ${await app.token(Role.HOST_FINANCE, { service: 'barnevern' })}` })).status).toBe(403);
  expect(await observations()).toBe(before);

  const answers = await Promise.all(held.map((h) => h.finish()));
  for (const a of answers) {
    expect([a.status, a.body.problems]).toEqual([200, []]);
    expect(a.body).toMatchObject({ dryRun: true, applied: false, records: 120, problems: [] });
  }
  // Both slots were given back: the refused file now imports.
  const accepted = await post('/imports/statistics', third, { authorization: `Bearer ${leader}` });
  expect(accepted.status).toBe(200);
  expect(accepted.body).toMatchObject({ applied: true, records: 24, inserted: 24 });
  expect(await observations()).toBe(before + 24);
});

test('a slot is given back when an import is refused or cut off: more imports than slots, one after another, all run', async () => {
  const bad = Buffer.from('kommunenummer,period,metric,value\n3429,not-a-period,reports_received,1\n');
  for (let i = 0; i < 4; i++) expect((await post('/imports/statistics?dryRun=true', bad, { authorization: `Bearer ${leader}` })).status).toBe(422);
  for (let i = 0; i < 3; i++) {
    const req = http.request(baseUrl(app) + '/imports/statistics', { method: 'POST', headers: { authorization: `Bearer ${leader}`, 'content-type': 'text/csv', 'content-length': 10_000 } });
    req.on('error', () => undefined);
    req.write('kommunenummer,period,metric,value\n3429,2001-01,reports_received,1\n');
    await new Promise((r) => setTimeout(r, 100));
    req.destroy();
  }
  let last = await post('/imports/statistics?dryRun=true', statisticsCsv(12, 1950), { authorization: `Bearer ${leader}` });
  // A cut-off upload gives its slot back when the server sees the socket close (asynchronously).
  for (let i = 0; i < 100 && last.status === 503; i++) {
    await new Promise((r) => setTimeout(r, 50));
    last = await post('/imports/statistics?dryRun=true', statisticsCsv(12, 1950), { authorization: `Bearer ${leader}` });
  }
  expect(last.status).toBe(200);
  expect(last.body).toMatchObject({ dryRun: true, records: 12, problems: [] });
});

describe('with IMPORT_SLOT_WAIT_MS', () => {
  let waiting: TestApp;
  beforeAll(async () => {
    waiting = await startTestApp({ importConcurrency: 1, importSlotWaitMs: 30_000 });
  });
  afterAll(() => waiting?.close());

  test('an upload that finds every slot taken waits for one and then imports, after the import that held it', async () => {
    const token = await waiting.token(Role.SERVICE_LEADER, { service: 'barnevern' });
    const order: string[] = [];
    const held = heldUpload(waiting, '/imports/statistics?dryRun=true', token, statisticsCsv(120, 2010));
    await waitForImportTransactions(waiting, [held]);
    // The only slot is taken: this one waits (it would be a 503 at once without the wait).
    const second = fetch(`${baseUrl(waiting)}/imports/statistics?dryRun=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: statisticsCsv(24, 2001),
    }).then(async (res) => {
      order.push('second');
      return { status: res.status, body: (await res.json()) as any };
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(order).toEqual([]);
    const heldAnswer = await held.finish().then((a) => {
      order.push('held');
      return a;
    });
    expect(heldAnswer.status).toBe(200);
    const answer = await second;
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ dryRun: true, records: 24, problems: [] });
    expect(order).toEqual(['held', 'second']);
  });
});
