import { Writable } from 'node:stream';
import { generate15f } from '../../bench/kostra-15f';
import { Role } from '../../src/auth/roles';
import { createLogger } from '../../src/logger';
import { randomBytesSeeded, rawUpload } from '../imports/hostile-files';
import { baseUrl } from '../helpers/fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';
import { record, zipOf } from './kostra-helpers';

/**
 * The KOSTRA readers against hostile uploads, as test/imports/hostile-uploads.test.ts does for CSV
 * and JSON: random bytes, a zip that is none, an upload over IMPORT_LIMIT_MB, an upload cut off
 * mid-body — a 422 or 413 (or no answer for the cut-off one), nothing written, no error logged, and
 * the server goes on serving.
 */

jest.setTimeout(120_000);

const logs: { level: number; msg: string }[] = [];
let app: TestApp;
let limited: TestApp;
beforeAll(async () => {
  app = await startTestApp({}, createLogger('info', new Writable({ write: (chunk, _enc, done) => void (logs.push(JSON.parse(String(chunk))), done()) })));
  limited = await startTestApp({ importLimitBytes: 1024 * 1024 });
});
afterAll(async () => {
  await app?.close();
  await limited?.close();
});

const observations = async (server: TestApp) => Number((await server.owner.query(`SELECT count(*) AS n FROM statistics_observation`)).rows[0].n);
const readyz = async (server: TestApp) => (await fetch(`${baseUrl(server)}/readyz`)).status;
const xml = (individs: number) => Buffer.from([...generate15f({ kommunenummer: '3427', year: 2021, individs })].join(''), 'utf8');
const nav = (lines: number) =>
  Buffer.from(Array.from({ length: lines }, (_, i) => record({ journal: `H${i}`, duf: String(100000000000 + i), bidrag: Array.from({ length: 12 }, () => 10) })).join('\n'), 'latin1');

const KINDS = [
  { kind: 'kostra-barnevern', service: 'barnevern', type: 'application/xml', file: xml },
  { kind: 'kostra-barnevern', service: 'barnevern', type: 'application/zip', file: (n: number) => zipOf([{ name: 'a.xml', data: xml(n) }]) },
  { kind: 'kostra-sosialhjelp', service: 'nav', type: 'text/x-kostra-11f', file: nav },
];

describe.each(KINDS.map((k) => [`${k.kind} (${k.type})`, k] as const))('%s', (_name, k) => {
  it('refuses random bytes, and a zip that is none, with a 422 naming the file', async () => {
    const before = await observations(app);
    const token = await app.token(Role.SERVICE_LEADER, { service: k.service });
    const bodies = [randomBytesSeeded(200_000), Buffer.concat([Buffer.from('PK\x03\x04'), randomBytesSeeded(5_000)])];
    for (const body of bodies) {
      const res = await rawUpload(baseUrl(app), `/imports/${k.kind}?fileName=hostile.bin`, { headers: { 'content-type': k.type, authorization: `Bearer ${token}` }, body });
      expect(res.status).toBe(422);
      expect(res.json.problems.length).toBeGreaterThan(0);
      expect(res.json.problems[0].field ?? res.json.problems[0].message).toContain('hostile.bin');
    }
    expect(await observations(app)).toBe(before);
  });

  it('answers an upload over IMPORT_LIMIT_MB with 413, declared or not', async () => {
    const token = await limited.token(Role.SERVICE_LEADER, { service: k.service });
    const body = k.file(k.kind === 'kostra-sosialhjelp' ? 8_000 : 4_000);
    expect(body.length).toBeGreaterThan(1024 * 1024);
    for (const chunked of [false, true]) {
      const res = await rawUpload(baseUrl(limited), `/imports/${k.kind}`, { headers: { 'content-type': k.type, authorization: `Bearer ${token}` }, body, chunked });
      expect([chunked, res.status]).toEqual([chunked, 413]);
    }
    expect(await readyz(limited)).toBe(200);
  });

  it('ends an upload cut off mid-body alone, changing nothing', async () => {
    const before = await observations(app);
    const token = await app.token(Role.SERVICE_LEADER, { service: k.service });
    const body = k.file(k.kind === 'kostra-sosialhjelp' ? 3_000 : 1_500);
    const res = await rawUpload(baseUrl(app), `/imports/${k.kind}`, { headers: { 'content-type': k.type, authorization: `Bearer ${token}` }, body, cutAfter: Math.floor(body.length / 2) });
    expect(res.status).toBeNull();
    expect(await readyz(app)).toBe(200);
    expect(await observations(app)).toBe(before);
  });
});

it('logs no error for any of it, and keeps serving', async () => {
  expect(logs.filter((l) => l.level >= 50)).toEqual([]);
  expect(await readyz(app)).toBe(200);
});
