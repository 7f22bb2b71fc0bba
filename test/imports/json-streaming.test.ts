import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { KLASS_131_SAMPLE_VERSIONS } from '../../src/seed/reference/klass-131-sample';
import { Role } from '../../src/auth/roles';
import { jsonRecords, MAX_JSON_DEPTH, MAX_VALUE_TOKENS } from '../../src/services/imports/json-records';
import type { ImportProblem, JsonAdapter } from '../../src/services/imports/importer';
import { jsonStatAdapter, MAX_JSON_STAT_CELLS } from '../../src/services/statistics/adapters';
import { baseUrl, tableFingerprint } from '../helpers/fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * JSON imports stream (issue #23): the reader (src/services/imports/json-records.ts) yields records
 * as the bytes pass, the syntax scanner (json-syntax.ts) finds faults by line and column in the
 * stream, and JSON adapters get their large members one element at a time. The first part feeds the
 * reader a file in 1–7-byte chunks and compares with the file in one piece; the second posts files
 * to the real server and checks the answers and that a refused file wrote nothing.
 */

const SSB_JSONSTAT = fs.readFileSync(path.join(__dirname, '..', 'statistics', 'fixtures', 'ssb-jsonstat.json'), 'utf8');

/** The bytes in chunks of 1–7 bytes (a fixed pseudo-random sequence), or whole. */
function chunked(bytes: Buffer, small: boolean): Readable {
  if (!small) return Readable.from([bytes]);
  const chunks: Buffer[] = [];
  let seed = 7;
  for (let at = 0; at < bytes.length;) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const size = 1 + (seed % 7);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return Readable.from(chunks);
}

async function read(text: string | Buffer, small: boolean, jsonAdapters: JsonAdapter[] = []) {
  const problems: ImportProblem[] = [];
  const records: { line: number; record: Record<string, unknown> }[] = [];
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  for await (const r of jsonRecords(
    chunked(bytes, small),
    { columns: ['kommunenummer', 'name'], jsonAdapters },
    { add: (...p) => problems.push(...p), only: (p) => problems.splice(0, problems.length, p) },
  ))
    records.push(r);
  return { records, problems };
}

/** The fault the reader reports for a file, in one piece and in small chunks (they must agree). */
async function faultOf(text: string | Buffer) {
  const whole = await read(text, false);
  const small = await read(text, true);
  expect(small.problems).toEqual(whole.problems);
  expect(whole.problems).toHaveLength(1);
  expect(whole.problems[0].key).toBe('imports.notJson');
  return whole.problems[0].params as { line: number; column: number; reason: string };
}

describe('the JSON reader, in 1–7-byte chunks and whole', () => {
  it('yields the same records with the same numbers: a top-level array, { "rows": [...] }, text with æøå and escapes', async () => {
    const records = [{ kommunenummer: '3429', name: 'Folldal æøå ÆØÅ 😀 \u00e9' }, { kommunenummer: '3427', name: 'Tynset "sentrum"\n' }, 5, { kommunenummer: '5001', name: 'Trondheim' }];
    for (const file of [JSON.stringify(records, null, 2), JSON.stringify({ meta: { source: 'x' }, rows: records })]) {
      const whole = await read(file, false);
      const small = await read(file, true);
      expect(small).toEqual(whole);
      expect(whole.problems).toEqual([]);
      expect(whole.records).toEqual([
        { line: 1, record: records[0] },
        { line: 2, record: records[1] },
        { line: 3, record: { __notAnObject: true } },
        { line: 4, record: records[3] },
      ]);
    }
  });

  it('skips a UTF-8 byte order mark before the JSON, as the CSV reader does', async () => {
    const file = '[{"kommunenummer": "3429", "name": "Folldal"}]';
    const withBom = await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(file)]), true);
    expect(withBom).toEqual(await read(file, false));
    expect(withBom.records).toHaveLength(1);
  });

  it('finds a fault by line and column in characters, with æøå (two bytes each) split across chunks before it', async () => {
    // Line 3: `  {"name": "æøåæøå" x` — the x is the 21st character of the line (27th byte).
    const file = '[\n  {"name": "a"},\n  {"name": "æøåæøå" x}\n]';
    expect(await faultOf(file)).toEqual({ line: 3, column: 21, reason: 'unexpected character "x"; expected , or }' });
    // A character of four bytes counts two columns (UTF-16), as an editor shows it.
    expect(await faultOf('["😀" ,, ]')).toEqual({ line: 1, column: 8, reason: 'unexpected character ","; expected a value' });
    // An unexpected character of several bytes is named whole, even when a chunk ends inside it.
    expect(await faultOf('[1] ø')).toEqual({ line: 1, column: 5, reason: 'unexpected character "ø" after the end of the JSON' });
  });

  it('finds the same fault whichever byte a chunk ends at, also inside æ, ø, å or 😀', async () => {
    const bytes = Buffer.from('[{"name": "æøå"},\n {"name": "😀æ" ø}]', 'utf8');
    const expected = { line: 2, column: 17, reason: 'unexpected character "ø"; expected , or }' };
    for (let split = 1; split < bytes.length; split++) {
      const problems: ImportProblem[] = [];
      const input = Readable.from([bytes.subarray(0, split), bytes.subarray(split)]);
      for await (const _ of jsonRecords(input, { columns: ['name'] }, { add: (...p) => problems.push(...p), only: (p) => problems.splice(0, problems.length, p) })) void _;
      expect([split, problems.map((p) => p.params)]).toEqual([split, [expected]]);
    }
  });

  it('refuses nesting deeper than MAX_JSON_DEPTH at the first bracket too many, without building anything', async () => {
    expect(await faultOf('['.repeat(100_000))).toEqual({ line: 1, column: MAX_JSON_DEPTH + 1, reason: `nested deeper than ${MAX_JSON_DEPTH} levels` });
    expect(await faultOf(`[{"a":\n${'{"b":'.repeat(40)}1${'}'.repeat(40)}}]`)).toEqual({ line: 2, column: 5 * (MAX_JSON_DEPTH - 2) + 1, reason: `nested deeper than ${MAX_JSON_DEPTH} levels` });
  });

  it('reports a truncated file at its end: mid-string, mid-number, mid-literal, mid-array', async () => {
    const end = { reason: 'the file ends before the JSON does' };
    expect(await faultOf('[\n{"kommunenummer": "34')).toEqual({ line: 2, column: 22, ...end });
    expect(await faultOf('[\n{"kommunenummer": 3.')).toEqual({ line: 2, column: 21, ...end });
    expect(await faultOf('[{"a": 12e')).toEqual({ line: 1, column: 11, ...end });
    expect(await faultOf('[{"a": tr')).toEqual({ line: 1, column: 10, ...end });
    expect(await faultOf('[{"a": 1},')).toEqual({ line: 1, column: 11, ...end });
    expect(await faultOf('')).toEqual({ line: 1, column: 1, ...end });
  });

  it('names bad escapes, control characters, bad numbers and bytes that are not UTF-8 where they are', async () => {
    expect(await faultOf('[{"a": "x\\qy"}]')).toMatchObject({ line: 1, column: 11, reason: expect.stringContaining('not an escape in a text') });
    expect(await faultOf('[{"a": "x\ty"}]')).toEqual({ line: 1, column: 10, reason: 'control character U+0009 in a text (write it as an escape)' });
    expect(await faultOf('[01]')).toEqual({ line: 1, column: 3, reason: 'unexpected character "1"; expected , or ]' });
    expect(await faultOf('[-x]')).toEqual({ line: 1, column: 3, reason: 'unexpected character "x" in a number' });
    expect(await faultOf(Buffer.from([0x5b, 0x22, 0x61, 0xe6, 0x22, 0x5d]))).toEqual({ line: 1, column: 4, reason: 'bytes that are not UTF-8 in a text' });
    expect(await faultOf(Buffer.from([0x5b, 0xff, 0x5d]))).toEqual({ line: 1, column: 2, reason: 'unexpected bytes that are not UTF-8; expected a value' });
  });

  it('gives a JSON-stat dataset whose value and status come before its dimensions the same records as the ordered one', async () => {
    const ordered = JSON.parse(SSB_JSONSTAT);
    const { value, status, ...rest } = ordered;
    const valueFirst = JSON.stringify({ value, status, ...rest });
    const asObject = JSON.stringify({ status, value: Object.fromEntries((value as (number | null)[]).map((v, i) => [String(i), v])), ...rest });
    const expected = await read(SSB_JSONSTAT, false, [jsonStatAdapter]);
    expect(expected.records).toHaveLength(11);
    expect(expected.records[0]).toEqual({ line: 1, record: { kommunenummer: '3427', period: '2023', metric: 'Meldinger', value: 80 } });
    for (const file of [valueFirst, asObject]) {
      expect(await read(file, true, [jsonStatAdapter])).toEqual(expected);
      expect(await read(file, false, [jsonStatAdapter])).toEqual(expected);
    }
  });

  it('reads a member named __proto__ as a member: it lends a record or a head nothing', async () => {
    const { value, status: _status, ...rest } = JSON.parse(SSB_JSONSTAT);
    const hidden = await read(`{"__proto__": ${JSON.stringify(rest)}, "value": ${JSON.stringify(value)}}`, true, [jsonStatAdapter]);
    expect(hidden.records).toEqual([]);
    expect(hidden.problems.map((p) => p.key)).toEqual(['imports.notRecordsOrLayouts']);
    const record = await read('[{"__proto__": {"kommunenummer": "3429"}}]', true);
    expect(record.records).toHaveLength(1);
    expect(Object.keys(record.records[0].record)).toEqual(['__proto__']);
    expect(record.records[0].record.kommunenummer).toBeUndefined();
  });

  it('refuses a value built whole with more than MAX_VALUE_TOKENS tokens, before it is built', async () => {
    const huge = `{"dimension": [${'0,'.repeat(MAX_VALUE_TOKENS)}0]}`;
    expect((await read(huge, false, [jsonStatAdapter])).problems).toEqual([{ line: null, field: 'dimension', key: 'imports.jsonValueTooLarge', params: { count: MAX_VALUE_TOKENS } }]);
  });
});

describe('JSON imports through the server', () => {
  let app: TestApp;
  let leader: string;
  let operator: string;
  beforeAll(async () => {
    app = await startTestApp();
    leader = await app.token(Role.SERVICE_LEADER, { service: 'barnevern' });
    operator = await app.token(Role.OPERATOR, { sub: 'operator-json-streaming' });
  });
  afterAll(() => app.close());

  const post = async (kind: string, body: string | Buffer, token: string, query = '') => {
    const res = await fetch(`${baseUrl(app)}/imports/${kind}${query}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
    return { status: res.status, body: (await res.json()) as any };
  };
  const TABLES = ['statistics_observation', 'audit_record'];

  it('imports a JSON-stat dataset whose values come first, as the ordered one', async () => {
    const { value, status, ...rest } = JSON.parse(SSB_JSONSTAT);
    const ordered = await post('statistics', SSB_JSONSTAT, leader, '?dryRun=true');
    const valueFirst = await post('statistics', JSON.stringify({ value, status, ...rest }), leader, '?dryRun=true');
    expect(ordered.body).toMatchObject({ records: 11, inserted: 11, problems: [] });
    expect(valueFirst.body).toEqual(ordered.body);
  });

  it('refuses a JSON-stat dataset over the cell bound with its own message (English and bokmål), writing nothing', async () => {
    const before = await tableFingerprint(app, TABLES);
    const dataset = JSON.parse(SSB_JSONSTAT);
    // Sizes whose product is over the bound (values within it): refused once the dimensions are read.
    const tooBig = await post('statistics', JSON.stringify({ ...dataset, size: [3, 2, MAX_JSON_STAT_CELLS] }), leader);
    expect(tooBig.status).toBe(422);
    expect(tooBig.body.problems).toEqual([
      expect.objectContaining({
        key: 'statistics.jsonStat.tooManyCells',
        message: `The JSON-stat dataset has more than ${MAX_JSON_STAT_CELLS} cells; split the SSB query (fewer regions, periods or metrics per file).`,
      }),
    ]);
    // A value at an index past the bound, before the dimensions: refused as it passes.
    const { value: _value, status: _status, ...rest } = dataset;
    const res = await fetch(`${baseUrl(app)}/imports/statistics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${leader}`, 'accept-language': 'nb' },
      body: JSON.stringify({ value: { [String(MAX_JSON_STAT_CELLS)]: 1 }, ...rest }),
    });
    const nb = (await res.json()) as any;
    expect(res.status).toBe(422);
    expect(nb.problems).toEqual([
      {
        line: null,
        field: 'value',
        key: 'statistics.jsonStat.tooManyCells',
        params: { count: MAX_JSON_STAT_CELLS },
        message: expect.stringMatching(/^JSON-stat-datasettet har flere enn .+ celler\. Del spørringen mot SSB opp/),
      },
    ]);
    expect(await tableFingerprint(app, TABLES)).toEqual(before);
  });

  it('refuses a depth bomb of 10 million [ at the 33rd, a truncated file at its end and a fault mid-file, writing nothing', async () => {
    const before = await tableFingerprint(app, TABLES);
    const bomb = await post('statistics', Buffer.alloc(10_000_000, '['), leader);
    expect([bomb.status, bomb.body.problems[0].message]).toEqual([422, 'Not readable as JSON (line 1, column 33): nested deeper than 32 levels.']);
    const rows = Array.from({ length: 3000 }, (_, i) => ({ kommunenummer: '3429', period: String(1900 + (i % 100)), metric: 'reports_received', value: i }));
    const text = JSON.stringify(rows, null, 1);
    const truncated = await post('statistics', text.slice(0, text.length - 40), leader);
    expect(truncated.status).toBe(422);
    expect(truncated.body.problems).toEqual([
      expect.objectContaining({ key: 'imports.notJson', message: expect.stringMatching(/^Not readable as JSON \(line \d+, column \d+\): the file ends before the JSON does\.$/) }),
    ]);
    // Good records first (3000 of them, read and checked), then a fault: nothing is imported.
    const fault = await post('statistics', text.replace(/\n\]$/, ',\n{"kommunenummer": "3429", x}\n]'), leader);
    expect(fault.body.problems).toEqual([
      expect.objectContaining({
        key: 'imports.notJson',
        line: text.split('\n').length,
        message: `Not readable as JSON (line ${text.split('\n').length}, column 27): unexpected character "x"; expected a property name in double quotes.`,
      }),
    ]);
    expect(fault.body.applied).toBe(false);
    expect(await tableFingerprint(app, TABLES)).toEqual(before);
  });

  it('imports a JSON file of records that streams through (applied, then the same file again changes nothing)', async () => {
    // Four municipalities × twelve months of 2018 (not in the demo data).
    const unique = Array.from({ length: 48 }, (_, i) => ({
      kommunenummer: ['3426', '3427', '3428', '3429'][i % 4],
      period: `2018-${String(1 + Math.floor(i / 4)).padStart(2, '0')}`,
      metric: 'reports_received',
      value: i,
    }));
    const first = await post('statistics', JSON.stringify({ rows: unique }), leader);
    expect(first.body).toMatchObject({ applied: true, records: 48, inserted: 48, problems: [] });
    const again = await post('statistics', JSON.stringify(unique), leader);
    expect(again.body).toMatchObject({ applied: false, records: 48, inserted: 0, unchanged: 48 });
  });

  it('reads a KLASS version whose classificationItems come before validFrom', async () => {
    const { classificationItems, ...head } = KLASS_131_SAMPLE_VERSIONS[2024] as { classificationItems: unknown[] };
    const ordered = await post('municipality-classification', JSON.stringify(KLASS_131_SAMPLE_VERSIONS[2024]), operator, '?dryRun=true');
    const itemsFirst = await post('municipality-classification', JSON.stringify({ classificationItems, ...head }), operator, '?dryRun=true');
    expect(ordered.body.problems).toEqual([]);
    expect(ordered.body.records).toBe(classificationItems.length);
    expect(itemsFirst.body).toEqual(ordered.body);
  });
});
