import { Role } from '../../src/auth/roles';
import { importers } from '../../src/features/data';
import { baseUrl } from '../helpers/fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * No import holds what grows with its file beyond a bound (docs/scaling.md, "Memory budget"): a
 * streaming import keeps one batch and finds repeats in what it wrote; every other import keeps its
 * records until the plan and refuses a file with more than `maxRecords` of them. With the number of
 * imports a process runs bounded too (IMPORT_CONCURRENCY), no upload can push the API past its heap.
 */

jest.setTimeout(60_000);

test('every import kind bounds the records it holds: a streaming session that finds repeats itself, or maxRecords', () => {
  const unbounded = importers.filter((i) => !(i.session && i.sessionFindsDuplicates) && !(i.maxRecords && i.maxRecords <= 2_000_000)).map((i) => i.kind);
  expect(unbounded).toEqual([]);
  // Each kind is named once, so that the rule above sees every importer.
  expect(new Set(importers.map((i) => i.kind)).size).toBe(importers.length);
});

describe('a file with more records than its kind holds', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.close());

  test('population: 100,001 records are refused at the record past the bound, and nothing is written', async () => {
    const before = (await app.owner.query(`SELECT count(*)::int AS n FROM municipality_population`)).rows[0].n;
    const max = importers.find((i) => i.kind === 'population')!.maxRecords!;
    const lines = ['kommunenummer,year,aged_0_17'];
    // Unique, readable records: kommunenummer × year.
    for (let i = 0; i <= max; i++) lines.push(`${String(1000 + Math.floor(i / 100)).padStart(4, '0')},${1900 + (i % 100)},${i % 5000}`);
    const res = await fetch(`${baseUrl(app)}/imports/population`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await app.token(Role.REGION_ADMIN)}`, 'content-type': 'text/csv' },
      body: lines.join('\n'),
    });
    const body = (await res.json()) as { applied: boolean; records: number; problems: { key: string; line: number; message: string }[] };
    expect(res.status).toBe(422);
    expect(body.applied).toBe(false);
    expect(body.records).toBe(max + 1);
    expect(body.problems).toEqual([expect.objectContaining({ key: 'imports.tooManyRecords', line: max + 2 })]);
    expect((await app.owner.query(`SELECT count(*)::int AS n FROM municipality_population`)).rows[0].n).toBe(before);
  });
});
