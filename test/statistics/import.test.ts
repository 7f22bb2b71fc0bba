import { osloToday } from '../../src/services/dates';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Role } from '../../src/auth/roles';
import { importCli } from '../../scripts/import';
import { baseUrl } from '../helpers/fixtures';
import { TEST_ENV } from '../helpers/env';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { ACTIVITY_QUERY, serviceGlobalId } from './fixtures/queries';

/**
 * Importing activity statistics: validation with line numbers, all or nothing, idempotent, dry run
 * printing what would change, re-import replacing a period while keeping what was there, the
 * JSON-stat and wide-CSV adapters, and the CLI on the same code path. Each test uses its own years
 * (2018 and 2023–2024 are not in the demo data) so the tests do not depend on each other.
 */
let app: TestApp;
let leader: string;
let nav: string;
beforeAll(async () => {
  app = await startTestApp();
  leader = await app.token(Role.SERVICE_LEADER, { service: 'barnevern' });
  nav = await serviceGlobalId(app, 'nav');
});
afterAll(() => app.close());

async function post(body: string, { token = leader as string | null, type = 'text/csv', query = '' } = {}) {
  const res = await fetch(`${baseUrl(app)}/imports/statistics${query}`, { method: 'POST', headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) }, body });
  return { status: res.status, body: (await res.json()) as any };
}
/** Current and replaced observations of one metric and year (owner's view: the check bypasses RLS on purpose). */
const stored = async (metric: string, year: number) =>
  (
    await app.owner.query(
      `SELECT m.number, o.month, o.value, o.replaced_at IS NOT NULL AS replaced FROM statistics_observation o JOIN municipality m ON m.id = o.municipality_id
       JOIN statistics_metric s ON s.id = o.metric_id JOIN shared_service v ON v.id = o.service_id
      WHERE s.code = $1 AND o.year = $2 AND v.code = 'barnevern' AND v.region_id = o.region_id AND o.region_id = (SELECT id FROM region WHERE code = 'nord-osterdal')
      ORDER BY o.replaced_at NULLS FIRST, m.number, o.month`,
      [metric, year],
    )
  ).rows;
const imports = async () => Number((await app.owner.query(`SELECT count(*) AS n FROM audit_record WHERE operation = 'import:statistics'`)).rows[0].n);

it('reports every bad record with its line and field, and imports none of the file', async () => {
  const before = await stored('children_care_measures', 2024);
  const file = [
    'kommunenummer;period;metric;value',
    '3429;2024;children_care_measures;3', // fine
    '3449;2024;children_care_measures;3', // Sør-Aurdal: Valdres, not an owner of this service
    '3427;2024;no_such_metric;3',
    `3427;${Number(osloToday(new Date()).slice(0, 4)) + 1};reports_received;3`,
    '3428;2024;children_care_measures;-2',
    '3429;2024;children_care_measures;4', // duplicate of line 2
    '3426;2024-03;children_care_measures;2', // a stock given per month where only the year is defined
    '3424;2024-13;reports_received;1',
    '3424;2024;reports_received;x1',
    '3424;2024;reports_received;1\u00002',
  ].join('\n');
  const res = await post(file);
  expect(res.status).toBe(422);
  expect(res.body.applied).toBe(false);
  // Each problem also carries its message key and params (docs/i18n.md).
  expect(res.body.problems).toEqual([
    { line: 5, field: 'period', key: 'statistics.import.periodNotEnded', params: expect.any(Object), message: expect.stringContaining('is in the future or has not ended yet') },
    { line: 6, field: 'value', key: 'statistics.import.negative', params: { value: '-2' }, message: '-2 is negative; a count is 0 or more.' },
    { line: 7, field: null, key: 'imports.duplicate', params: { first: 2, identity: '3429 2024 children_care_measures' }, message: 'Duplicate of line 2 (3429 2024 children_care_measures).' },
    { line: 9, field: 'period', key: 'statistics.import.notPeriod', params: { value: '2024-13' }, message: expect.stringContaining('is not a period') },
    { line: 10, field: 'value', key: 'imports.notWholeNumber', params: { value: 'x1' }, message: '"x1" is not a whole number.' },
    { line: 11, field: 'value', key: 'imports.nulByte', params: {}, message: 'Contains a NUL byte.' },
  ]);
  // Rules that need the database are checked once every record reads well.
  const rules = await post(
    ['kommunenummer,period,metric,value', '3429,2024,children_care_measures,3', '3449,2024,children_care_measures,3', '3427,2024,no_such_metric,3', '3426,2024-03,children_care_measures,2'].join('\n'),
  );
  expect(rules.body.problems).toEqual([
    expect.objectContaining({ line: 3, field: 'kommunenummer', key: 'statistics.import.notOwner', message: expect.stringContaining('3449 is not a municipality of this service') }),
    expect.objectContaining({ line: 4, field: 'metric', key: 'statistics.import.unknownMetric', message: expect.stringContaining('Unknown metric "no_such_metric" for BARNEVERN') }),
    expect.objectContaining({ line: 5, field: 'period', key: 'statistics.import.stockPerYearOnly', message: 'children_care_measures is a stock defined per year only; give 2024, not a month.' }),
  ]);
  expect(await stored('children_care_measures', 2024)).toEqual(before);
  expect(await imports()).toBe(0);
});

it('dry-runs, imports, changes nothing the second time, and a re-import replaces the period keeping the history', async () => {
  const file = 'kommunenummer,period,metric,value\n3427,2023,children_care_measures,9\n3428,2023,children_care_measures,4\n3429,2023,children_care_measures,3\n';
  const dry = await post(file, { query: '?dryRun=true' });
  expect(dry.body).toMatchObject({ dryRun: true, applied: false, inserted: 3, updated: 0, deleted: 0, problems: [] });
  expect(dry.body.changes).toEqual(['Tynset (3427) children_care_measures 2023: new → 9', 'Alvdal (3428) children_care_measures 2023: new → 4', 'Folldal (3429) children_care_measures 2023: new → 3']);
  expect(await stored('children_care_measures', 2023)).toEqual([]);

  const done = await post(file);
  expect(done.body).toMatchObject({ applied: true, inserted: 3 });
  const auditsAfterFirst = await imports();
  const again = await post(file);
  expect(again.body).toMatchObject({ applied: false, inserted: 0, updated: 0, deleted: 0, unchanged: 3 });
  expect(await imports()).toBe(auditsAfterFirst);

  // The period again: Tynset corrected, Alvdal gone from the export, Folldal unchanged.
  const revised = await post('kommunenummer,period,metric,value\n3427,2023,children_care_measures,10\n3429,2023,children_care_measures,3\n', { query: '?dryRun=1' });
  expect(revised.body).toMatchObject({ inserted: 0, updated: 1, deleted: 1, unchanged: 1 });
  expect(revised.body.changes).toEqual(['Tynset (3427) children_care_measures 2023: 9 → 10', 'Alvdal (3428) children_care_measures 2023: 4 → removed']);
  await post('kommunenummer,period,metric,value\n3427,2023,children_care_measures,10\n3429,2023,children_care_measures,3\n');
  expect(await stored('children_care_measures', 2023)).toEqual([
    { number: '3427', month: null, value: 10, replaced: false },
    { number: '3429', month: null, value: 3, replaced: false },
    { number: '3427', month: null, value: 9, replaced: true },
    { number: '3428', month: null, value: 4, replaced: true },
  ]);
  // What was published before is kept, and can be read as of then.
  const published = async (current: boolean) =>
    Number(
      (
        await app.owner.query(
          `SELECT count(*) AS n FROM statistics_published_cell c JOIN statistics_metric m ON m.id = c.metric_id WHERE m.code = 'children_care_measures' AND c.year = 2023 AND (c.replaced_at IS NULL) = $1`,
          [current],
        )
      ).rows[0].n,
    );
  expect([await published(true), await published(false)]).toEqual([6, 6]);
});

it('publishes the new table at once: the public sees the suppressed figures of the import', async () => {
  await post(
    'kommunenummer,period,metric,value\n3424,2018,children_support_measures,2\n3426,2018,children_support_measures,2\n3427,2018,children_support_measures,30\n3428,2018,children_support_measures,12\n3429,2018,children_support_measures,9\n',
  );
  const id = await serviceGlobalId(app, 'barnevern');
  const res = ok(await app.gql(ACTIVITY_QUERY, { serviceId: id, from: '2018', to: '2018', groupBy: ['MUNICIPALITY', 'YEAR'], metrics: ['children_support_measures'] }));
  expect(res.activityStatistics.rows.map((r: any) => r.value)).toEqual([null, null, 30, 12, 9]);
  expect(res.activityStatistics.totals[0]).toMatchObject({ value: null, reason: 'INCOMPLETE', partialSum: 51, suppressedContributors: 2 });
});

it('refuses a flow whose year disagrees with its months, and rolls everything back', async () => {
  const months = Array.from({ length: 12 }, (_, i) => `3427,2024-${String(i + 1).padStart(2, '0')},investigations_started,2`);
  const bad = await post(['kommunenummer,period,metric,value', ...months, '3427,2024,investigations_started,25', '3428,2024,investigations_started,9'].join('\n'));
  expect(bad.body.problems).toEqual([
    expect.objectContaining({
      line: 14,
      field: 'value',
      key: 'statistics.import.flowYearNotSum',
      message: 'investigations_started is a flow: its year 2024 (25) must be the sum of its months (they add up to 24).',
    }),
  ]);
  expect(await stored('investigations_started', 2024)).toEqual([]);
  const good = await post(['kommunenummer,period,metric,value', ...months, '3427,2024,investigations_started,24'].join('\n'));
  expect(good.body).toMatchObject({ applied: true, inserted: 13 });
});

it("reads SSB JSON-stat 2.0 (a file built like SSB's) and a wide fagsystem CSV through adapters", async () => {
  const jsonStat = fs.readFileSync(path.join(__dirname, 'fixtures', 'ssb-jsonstat.json'), 'utf8');
  const res = await post(jsonStat, { type: 'application/json', query: '?dryRun=true' });
  expect(res.body.problems).toEqual([]);
  expect(res.body).toMatchObject({ records: 11, inserted: 11 });
  expect(res.body.changes).toEqual(
    expect.arrayContaining(['Folldal (3429) reports_received 2024: new → 20', 'Tynset (3427) children_support_measures 2024: new → 31', 'Alvdal (3428) reports_received 2023: new → 35']),
  );
  expect(res.body.changes.some((c: string) => c.startsWith('Alvdal (3428) reports_received 2024'))).toBe(false); // SSB's ".." is no observation

  const wide = 'Kommunenr;Periode;Meldinger;Barn med hjelpetiltak\n3429;2024;11;\n3427;2024;70;29\n';
  const w = await post(wide, { query: '?dryRun=true' });
  expect(w.body).toMatchObject({ records: 3, inserted: 3, problems: [] });
  const unknownLayout = await post('Kommune;Periode;Meldinger\n3429;2024;11\n', { query: '?dryRun=true' });
  expect(unknownLayout.body.problems[0].message).toContain('or the layout of fagsystem wide export');
});

it('refuses callers who may not import, before reading the file', async () => {
  const director = await post('kommunenummer,period,metric,value\n3429,2023,children_care_measures,3\n', { token: await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' }) });
  expect([director.status, director.body.errors[0].extensions.code]).toEqual([403, 'FORBIDDEN']);
  // The leader of another service imports into that service (NAV has its own catalogue).
  const navLeader = await app.token(Role.SERVICE_LEADER, { service: 'nav' });
  const wrongKind = await post('kommunenummer,period,metric,value\n3429,2023,children_care_measures,3\n', { token: navLeader });
  expect(wrongKind.body.problems).toEqual([expect.objectContaining({ line: 2, field: 'metric', message: expect.stringContaining('Unknown metric "children_care_measures" for NAV') })]);
  expect(nav).toBeTruthy();
});

describe('npm run import -- statistics (the same code path from the command line)', () => {
  const run = async (args: string[]) => {
    const lines: string[] = [];
    const code = await importCli(
      args,
      { DATABASE_URL: app.ownerUrl, APP_DB_PASSWORD: TEST_ENV.appPassword, LOG_LEVEL: 'silent', LANG: 'en_GB.UTF-8' },
      { log: (l) => lines.push(l), error: (l) => lines.push(`! ${l}`) },
    );
    return { code, out: lines.join('\n') };
  };
  const file = (content: string, name = 'statistics.csv') => {
    const p = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'import-')), name);
    fs.writeFileSync(p, content);
    return p;
  };

  it('dry-runs, prints what would change, imports, and exits 1 on a bad file', async () => {
    const good = file('kommunenummer,period,metric,value\n3426,2023,voluntary_placements,2\n');
    const as = ['--role', 'SERVICE_LEADER', '--service', 'barnevern'];
    expect(await run(['statistics', good, '--dry-run', ...as])).toEqual({
      code: 0,
      out: expect.stringContaining('statistics: 1 records; dry run, would be: 1 new, 0 changed, 0 removed, 0 unchanged\n  Tolga (3426) voluntary_placements 2023: new → 2'),
    });
    expect(await stored('voluntary_placements', 2023)).toEqual([]);
    expect((await run(['statistics', good, ...as])).code).toBe(0);
    expect(await stored('voluntary_placements', 2023)).toEqual([{ number: '3426', month: null, value: 2, replaced: false }]);
    const bad = await run(['statistics', file('kommunenummer,period,metric,value\n3426,2023,voluntary_placements,-1\n'), ...as]);
    expect(bad).toEqual({ code: 1, out: expect.stringContaining('line 2, value: -1 is negative') });
    expect((await run(['statistics', good, '--role', 'MUNICIPAL_DIRECTOR', '--municipality', '3429'])).out).toContain('refused: Importing activity statistics needs one of the roles SERVICE_LEADER');
  });
});

it('maps a kommunenummer of the file’s period to today’s municipality (KLASS 131), and refuses one never valid then, naming the valid ones', async () => {
  // Folldal was 0439 until 2019 and is 3429 since 2020; Tynset 0437 → 3427.
  const mapped = await post('kommunenummer,period,metric,value\n0439,2017,children_support_measures,6\n0437,2017,children_support_measures,25\n');
  expect(mapped.status).toBe(200);
  expect(await stored('children_support_measures', 2017)).toEqual([
    { number: '3427', month: null, value: 25, replaced: false },
    { number: '3429', month: null, value: 6, replaced: false },
  ]);
  const before = await imports();
  const refused = await post('kommunenummer,period,metric,value\n0439,2021,children_support_measures,6\n');
  expect(refused.status).toBe(422);
  expect(refused.body.problems).toEqual([expect.objectContaining({ line: 2, field: 'kommunenummer', message: expect.stringMatching(/^0439 is not a kommunenummer valid in 2021 .*3429 Folldal/) })]);
  expect(await imports()).toBe(before);
});
