import { Role } from '../../src/auth/roles';
import { ratePer1000, referenceArea } from '../../src/services/statistics/reference-areas';
import { asApiRole, baseUrl, regionId, scalar, serviceId, tableFingerprint } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { MUNICIPALITY_DASHBOARD } from './queries';

/**
 * County and country figures from SSB's tables (src/services/statistics/reference-areas.ts): the
 * import (SSB JSON-stat with SSB's own region codes, and CSV), its refusals, RLS, and the
 * municipality dashboard's comparison rows beside the municipality and the cooperation.
 */
let app: TestApp;
let leader: string;
beforeAll(async () => {
  app = await startTestApp();
  leader = await app.token(Role.SERVICE_LEADER, { service: 'barnevern' });
});
afterAll(() => app.close());

async function post(body: string, contentType: string, token: string | null, dryRun = false) {
  const res = await fetch(`${baseUrl(app)}/imports/statistics-reference-areas${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** SSB's JSON-stat 2.0 as the statbank API answers a table: Region × ContentsCode × Tid, row-major. */
const jsonStat = (regions: string[], contents: string[], years: string[], values: (number | null)[]) =>
  JSON.stringify({
    version: '2.0',
    class: 'dataset',
    id: ['Region', 'ContentsCode', 'Tid'],
    size: [regions.length, contents.length, years.length],
    role: { geo: ['Region'], metric: ['ContentsCode'], time: ['Tid'] },
    dimension: {
      Region: { category: { index: regions } },
      ContentsCode: { category: { index: contents } },
      Tid: { category: { index: years } },
    },
    value: values,
  });

const figures = () => tableFingerprint(app, ['statistics_reference_figure']);

it("reads SSB's region codes: 0 / EAK the country, 34 / EKA34 a county, nothing else", () => {
  expect(['0', 'EAK', '34', 'EKA34', '3427', 'K-3427', 'EKG13', 'EAKUO', '3'].map(referenceArea)).toEqual([
    { kind: 'COUNTRY', code: '0' },
    { kind: 'COUNTRY', code: '0' },
    { kind: 'COUNTY', code: '34' },
    { kind: 'COUNTY', code: '34' },
    null,
    null,
    null,
    null,
    null,
  ]);
});

it('refuses bad files with the line and field, changes nothing, and lets only the service leader import', async () => {
  const before = await figures();
  const bad = await post('region,period,metric,value\n3427,2021,reports_received,5\n34,2021-03,reports_received,5\n0,2021,no_such_metric,1\n34,2021,reports_received,-3\n', 'text/csv', leader);
  expect(bad.status).toBe(422);
  expect(bad.body.problems.map((p: any) => [p.line, p.field, p.key])).toEqual(
    expect.arrayContaining([
      [2, 'region', 'statistics.referenceAreas.notArea'],
      [3, 'period', 'statistics.referenceAreas.yearOnly'],
      [5, 'value', 'statistics.import.negative'],
    ]),
  );
  const unknown = await post('region,period,metric,value\n0,2021,no_such_metric,1\n', 'text/csv', leader);
  expect(unknown.body.problems.map((p: any) => [p.line, p.field, p.key])).toEqual([[2, 'metric', 'statistics.import.unknownMetric']]);
  // Bokmål by default for a client that asks for it.
  const nb = await fetch(`${baseUrl(app)}/imports/statistics-reference-areas`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${leader}`, 'accept-language': 'nb' },
    body: 'region,period,metric,value\n3427,2021,reports_received,5\n',
  });
  expect(((await nb.json()) as any).problems[0].message).toContain('er ikke et fylke eller landet');
  for (const role of [Role.MUNICIPAL_DIRECTOR, Role.REGION_ADMIN]) {
    const token = await app.token(role, role === Role.MUNICIPAL_DIRECTOR ? { municipality: '3429' } : {});
    const denied = await post('region,period,metric,value\n0,2021,reports_received,1\n', 'text/csv', token);
    expect([role, denied.body.errors?.[0]?.extensions?.code]).toEqual([role, 'FORBIDDEN']);
  }
  const dry = await post('region,period,metric,value\n0,2021,reports_received,1\n', 'text/csv', leader, true);
  expect([dry.status, dry.body.inserted]).toEqual([200, 1]);
  expect(await figures()).toEqual(before);
});

it("imports SSB's county and country figures and shows them per 1,000 children beside the municipality and the cooperation, null where not imported", async () => {
  // 2021 and 2022: reports received (SSB code Meldinger) for Innlandet (34) and the country; the population aged 0–17 by CSV for 2021 only in the county.
  const counts = await post(jsonStat(['EKA34', 'EAK'], ['Meldinger'], ['2021', '2022'], [1200, 1300, 45000, null]), 'application/json', leader);
  expect([counts.status, counts.body.problems, counts.body.inserted]).toEqual([200, [], 3]);
  const population = await post('region;period;metric;value\n34;2021;population_0_17;75000\n0;2021;population_0_17;1100000\n0;2022;population_0_17;1090000\n', 'text/csv', leader);
  expect([population.status, population.body.inserted]).toEqual([200, 3]);
  // The same file again changes nothing; a new value replaces the old one.
  const again = await post(jsonStat(['EKA34', 'EAK'], ['Meldinger'], ['2021', '2022'], [1200, 1300, 45000, null]), 'application/json', leader);
  expect([again.body.inserted, again.body.updated, again.body.unchanged]).toEqual([0, 0, 3]);
  const replaced = await post('region,period,metric,value\n0,2021,reports_received,44000\n', 'text/csv', leader);
  expect([replaced.body.inserted, replaced.body.updated]).toEqual([0, 1]);

  const director = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
  const d = ok(await app.gql(MUNICIPALITY_DASHBOARD, { number: '3429', period: '2024-10' }, director)).municipalityDashboard;
  const barnevern = d.services.find((s: any) => s.service.name.toLowerCase().includes('barnevern'));
  const ref = (period: string) => barnevern.references.find((r: any) => r.metric.code === 'reports_received' && r.period === period);
  // Per 1,000 aged 0–17, one decimal: 1200 / 75000 and 44000 / 1100000; 2022 county has no population, the country no count.
  expect(ref('2021')).toMatchObject({ countyCode: '34', countyPer1000: 16, countryPer1000: 40 });
  expect(ref('2022')).toMatchObject({ countyPer1000: null, countryPer1000: null });
  expect(ref('2020')).toMatchObject({ countyPer1000: null, countryPer1000: null });
  // The municipality's and the cooperation's rates are those the statistics part shows.
  for (const period of ['2020', '2021', '2022']) {
    const own = barnevern.statistics.rows.find((r: any) => r.metric.code === 'reports_received' && r.period === period);
    const all = barnevern.statistics.cooperation.find((r: any) => r.metric.code === 'reports_received' && r.period === period);
    expect([period, ref(period).municipalityPer1000, ref(period).cooperationPer1000]).toEqual([period, own?.per1000Aged0To17 ?? null, all.per1000Aged0To17]);
  }
  // Not vacuous: the demo's 2022 has both a municipality and a cooperation rate (its 2021 total is suppressed as INCOMPLETE).
  expect([ref('2022').municipalityPer1000, ref('2022').cooperationPer1000].every((r) => typeof r === 'number')).toBe(true);
  // One row per metric and year of the cooperation's trend.
  expect(barnevern.references).toHaveLength(barnevern.statistics.cooperation.length);
});

it('RLS alone: the region and PUBLIC read the figures; another region reads nothing and no other service or region writes them', async () => {
  const region = await regionId(app, 'nord-osterdal');
  const barnevern = await serviceId(app, 'barnevern', 'nord-osterdal');
  await app.owner.query(`INSERT INTO statistics_reference_figure (region_id, service_id, area_kind, area_code, metric_id, year, value) VALUES ($1, $2, 'COUNTRY', '0', NULL, 2015, 1000)`, [
    region,
    barnevern,
  ]);
  const count = (q: (sql: string, p?: unknown[]) => Promise<any[]>) => q(`SELECT count(*)::int AS n FROM statistics_reference_figure WHERE service_id = $1`, [barnevern]).then((r) => r[0].n);
  const stored: number = await scalar(app, `SELECT count(*)::int FROM statistics_reference_figure WHERE service_id = $1`, [barnevern]);
  expect(stored).toBeGreaterThan(0);
  await asApiRole(app, { role: 'AUDITOR', region_id: region, municipality_id: await scalar(app, `SELECT id FROM municipality WHERE number = '3429'`) }, async (q) => {
    expect(await count(q)).toBe(stored);
    expect((await q(`UPDATE statistics_reference_figure SET value = 1 WHERE service_id = $1`, [barnevern]))[1]).toBe(0);
  });
  await asApiRole(app, { role: 'PUBLIC' }, async (q) => expect(await count(q)).toBe(stored));
  const otherRegion = await scalar(app, `SELECT id FROM region WHERE code <> 'nord-osterdal' ORDER BY code LIMIT 1`);
  const otherService = await scalar(app, `SELECT id FROM shared_service WHERE region_id = $1 AND code = 'barnevern'`, [otherRegion]);
  await asApiRole(app, { role: 'SERVICE_LEADER', region_id: otherRegion, service_id: otherService }, async (q) => {
    expect(await count(q)).toBe(0);
    expect((await q(`UPDATE statistics_reference_figure SET value = 1 WHERE service_id = $1`, [barnevern]))[1]).toBe(0);
    await expect(q(`INSERT INTO statistics_reference_figure (region_id, service_id, area_kind, area_code, year, value) VALUES ($1, $2, 'COUNTY', '34', 2016, 1)`, [region, barnevern])).rejects.toThrow(
      /row-level security/,
    );
  });
  // Another service's leader in the same region reads them (public) but cannot change them.
  const ppt = await serviceId(app, 'ppt', 'nord-osterdal');
  await asApiRole(app, { role: 'SERVICE_LEADER', region_id: region, service_id: ppt }, async (q) => {
    expect(await count(q)).toBe(stored);
    expect((await q(`UPDATE statistics_reference_figure SET value = 1 WHERE service_id = $1`, [barnevern]))[1]).toBe(0);
  });
});

it('rates a figure per 1,000 aged 0–17 with one decimal, as activityStatistics rounds, and none without a population', () => {
  expect([ratePer1000(1200, 75000), ratePer1000(44000, 1100000), ratePer1000(1, 3), ratePer1000(5, null), ratePer1000(5, 0)]).toEqual([16, 40, 333.3, null, null]);
});
