import { Writable } from 'node:stream';
import { Role } from '../../src/auth/roles';
import { createLogger } from '../../src/logger';
import { baseUrl } from '../helpers/fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';
import { HOSTILE_FILES, rawUpload, uploadThenReadyz } from './hostile-files';

/**
 * No upload to `POST /imports/<kind>` can take the service down or get a 500: for every import kind
 * and format, a hostile file (a quote inside an unquoted cell, random bytes, truncated or absurdly
 * nested JSON) is a 422 naming the line, an upload over IMPORT_LIMIT_MB is a 413, and an upload cut
 * off mid-body (the socket closed under the server) ends that request only. Nothing is written in
 * any case, and the server answers /readyz afterwards.
 */

// 10 MB of random bytes through csv-parse takes seconds on a busy machine (correctness, not speed, is tested here).
jest.setTimeout(120_000);

interface Kind {
  kind: string;
  token: (server: TestApp) => Promise<string>;
  columns: string[];
  /** A record the reader accepts, unique per i (for the valid start of a cut-off upload). */
  record: (i: number) => string[];
}

let app: TestApp;
/** The server of the reproduction: IMPORT_LIMIT_MB=1. */
let limited: TestApp;
const logs: { level: number; msg: string; requestId?: string }[] = [];

const KINDS: Kind[] = [
  { kind: 'population', token: (server) => server.token(Role.REGION_ADMIN), columns: ['kommunenummer', 'year', 'aged_0_17'], record: (i) => ['3429', String(1000 + i), '10'] },
  {
    kind: 'ledger',
    token: (server) => server.token(Role.HOST_FINANCE, { service: 'barnevern' }),
    columns: ['voucher', 'voucher_line', 'posting_date', 'account', 'art', 'funksjon', 'amount_ore', 'kommunenummer'],
    record: (i) => [`CUT-${i}`, '1', '2024-01-15', '1000', '100', '244', '1250', '3429'],
  },
  {
    kind: 'statistics',
    token: (server) => server.token(Role.SERVICE_LEADER, { service: 'barnevern' }),
    columns: ['kommunenummer', 'period', 'metric', 'value'],
    record: (i) => ['3429', `${2000 + (i % 20)}-${String(1 + (i % 12)).padStart(2, '0')}`, 'reports_received', String(i)],
  },
];
const FORMATS = [
  { format: 'csv' as const, type: 'text/csv' },
  { format: 'json' as const, type: 'application/json' },
];

/** A well-formed file of `bytes` or a little more: header and unique records. */
function validFile(k: Kind, format: 'csv' | 'json', bytes: number): Buffer {
  const parts: string[] = [format === 'csv' ? `${k.columns.join(',')}\n` : '['];
  let size = parts[0].length;
  for (let i = 0; size < bytes; i++) {
    const values = k.record(i);
    const line = format === 'csv' ? `${values.join(',')}\n` : `${i ? ',' : ''}\n${JSON.stringify(Object.fromEntries(k.columns.map((c, j) => [c, values[j]])))}`;
    parts.push(line);
    size += line.length;
  }
  if (format === 'json') parts.push(']');
  return Buffer.from(parts.join(''));
}

/** Everything an import can write: its tables and the audit trail. */
const written = async (server: TestApp) =>
  (
    await server.owner.query(`SELECT (SELECT count(*) FROM municipality_population)::int AS population, (SELECT count(*) FROM ledger_entry)::int AS ledger,
      (SELECT count(*) FROM statistics_observation)::int AS observations, (SELECT count(*) FROM statistics_import)::int AS statistics_imports,
      (SELECT count(*) FROM audit_record WHERE operation LIKE 'import:%')::int AS audited`)
  ).rows[0];

const readyz = async (server: TestApp) => (await fetch(`${baseUrl(server)}/readyz`)).status;

beforeAll(async () => {
  const log = createLogger(
    'info',
    new Writable({
      write: (chunk, _enc, done) =>
        void (
          logs.push(
            ...String(chunk)
              .trim()
              .split('\n')
              .map((l) => JSON.parse(l)),
          ),
          done()
        ),
    }),
  );
  app = await startTestApp({}, log);
  limited = await startTestApp({ importLimitBytes: 1024 * 1024 }, log);
});
afterAll(async () => {
  await app?.close();
  await limited?.close();
});

describe.each(KINDS.map((k) => [k.kind, k] as const))('POST /imports/%s', (_name, k) => {
  describe.each(FORMATS.map((f) => [f.format, f] as const))('as %s', (format, { type }) => {
    it.each(HOSTILE_FILES.filter((f) => f.format === format).map((f) => [f.name, f] as const))('answers %s with 422 naming the line, changing nothing', async (_file, file) => {
      const before = await written(app);
      const res = await rawUpload(baseUrl(app), `/imports/${k.kind}`, { headers: { 'content-type': type, authorization: `Bearer ${await k.token(app)}` }, body: file.body(k.columns) });
      expect(res.status).toBe(422);
      expect(res.json).toMatchObject({ kind: k.kind, applied: false, inserted: 0, updated: 0, deleted: 0 });
      const [problem] = res.json.problems;
      if (file.line === null) expect(problem.line).toEqual(expect.any(Number));
      else expect(problem.line).toBe(file.line);
      expect(problem.line).toBeGreaterThanOrEqual(1);
      expect(problem.message).toMatch(file.message);
      // A file that is not CSV / JSON at all is one problem, which names its line in the message too.
      if (/^Not readable/.test(problem.message)) expect([res.json.problems.length, problem.message]).toEqual([1, expect.stringContaining(`(line ${problem.line}`)]);
      expect(JSON.stringify(res.json).length).toBeLessThan(10_000);
      expect(await written(app)).toEqual(before);
      expect(await readyz(app)).toBe(200);
    });

    it('answers an upload over IMPORT_LIMIT_MB with 413, declared or not, changing nothing', async () => {
      const before = await written(limited);
      const token = await k.token(limited);
      const body = validFile(k, format, 2 * 1024 * 1024);
      for (const chunked of [false, true]) {
        const res = await rawUpload(baseUrl(limited), `/imports/${k.kind}`, { headers: { 'content-type': type, authorization: `Bearer ${token}` }, body, chunked });
        expect([chunked, res.status]).toEqual([chunked, 413]);
        expect(res.json.errors[0]).toMatchObject({ message: 'file: is larger than 1 MB (IMPORT_LIMIT_MB).', extensions: { code: 'BAD_USER_INPUT', field: 'file', rule: 'size' } });
      }
      // The reproduction: 2 MB of "a".
      const as = await rawUpload(baseUrl(limited), `/imports/${k.kind}`, {
        headers: { 'content-type': type, authorization: `Bearer ${token}` },
        body: Buffer.alloc(2 * 1024 * 1024, 'a'),
        chunked: true,
      });
      expect(as.status).toBe(413);
      expect(await written(limited)).toEqual(before);
      expect(await readyz(limited)).toBe(200);
    });

    it('ends an upload cut off mid-body (socket closed) alone, changing nothing', async () => {
      const before = await written(app);
      const token = await k.token(app);
      // 300 kB of a declared 1 MB file, then the network drops; for the ledger more than one batch is read.
      const body = validFile(k, format, 1024 * 1024);
      for (const cutAfter of [300 * 1024, 700 * 1024]) {
        const res = await rawUpload(baseUrl(app), `/imports/${k.kind}`, { headers: { 'content-type': type, authorization: `Bearer ${token}` }, body, cutAfter });
        expect(res.status).toBeNull();
      }
      expect(await readyz(app)).toBe(200);
      // The same file, whole, as a dry run: the server and its database connections are all still there.
      const whole = await rawUpload(baseUrl(app), `/imports/${k.kind}?dryRun=true`, { headers: { 'content-type': type, authorization: `Bearer ${token}` }, body });
      expect([whole.status, whole.json?.dryRun]).toEqual([whole.json?.problems?.length ? 422 : 200, true]);
      expect(await written(app)).toEqual(before);
    });
  });
});

it.each(KINDS.map((k) => [k.kind, k] as const))(
  'answers a %s CSV unreadable at line 2 once the rest of it (5 MB) has arrived, so the client gets the 422 and the connection serves the next request',
  async (_name, k) => {
    const before = await written(app);
    const rest = validFile(k, 'csv', 5 * 1024 * 1024).subarray(Buffer.byteLength(`${k.columns.join(',')}\n`));
    const body = Buffer.concat([Buffer.from(`${k.columns.join(',')}\n34"29${',1'.repeat(k.columns.length - 1)}\n`), rest]);
    const [answer, next] = await uploadThenReadyz(baseUrl(app), `/imports/${k.kind}`, { 'content-type': 'text/csv', authorization: `Bearer ${await k.token(app)}` }, body);
    expect([answer.status, answer.json?.problems?.[0]?.line]).toEqual([422, 2]);
    expect(answer.headers.connection).not.toBe('close');
    expect(next?.status).toBe(200);
    expect(await written(app)).toEqual(before);
  },
);

it('logs no unexpected error for any of it, and keeps serving', async () => {
  expect(logs.filter((l) => l.level >= 50)).toEqual([]);
  expect(await readyz(app)).toBe(200);
  expect(await readyz(limited)).toBe(200);
});
