import { Role } from '../../src/auth/roles';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { barnevernId } from './fixtures';
import { COMPARISON, SERVICE_DASHBOARD } from './queries';

/**
 * Rates must not reveal a suppressed count (docs/dashboards.md, "Suppression and rates"): a
 * suppressed count's rate, change and ratio are null; a shown rate is the shown count over the
 * public population (it tells nothing the count does not); and no line of a table has exactly one
 * cell hidden from the reader next to a shown total, so total − shown cells never gives one back.
 */
let app: TestApp;
let barnevern: string;
let population: Map<string, number>;
const ALL_METRICS = ['reports_received', 'investigations_started', 'children_support_measures', 'children_care_measures', 'voluntary_placements'];
beforeAll(async () => {
  app = await startTestApp();
  barnevern = await barnevernId(app);
  const rows = (await app.owner.query(`SELECT m.number, p.year, p.aged_0_17 FROM municipality_population p JOIN municipality m ON m.id = p.municipality_id`)).rows;
  population = new Map(rows.map((r: any) => [`${r.number} ${r.year}`, r.aged_0_17]));
});
afterAll(() => app.close());

/** The checks every reader's table passes; `known`: the municipalities whose true counts the reader sees. */
function checkTable(rows: any[], cooperation: any[], known: string[]) {
  let hidden = 0;
  for (const r of [...rows, ...cooperation]) {
    if (r.value === null) {
      expect([r.per1000Aged0To17, r.changeFromPreviousYear, r.ratioToCooperation ?? null]).toEqual([null, null, null]);
      if (r.suppressed) hidden++;
    }
  }
  for (const r of rows.filter((x) => x.per1000Aged0To17 !== null)) {
    // The rate is the shown count per 1,000 of the public population (year end, or the year itself).
    const pops = [population.get(`${r.municipality.number} ${Number(r.period) + 1}`), population.get(`${r.municipality.number} ${r.period}`)].filter((p): p is number => !!p);
    expect(pops.some((p) => Math.abs((r.value * 1000) / p - r.per1000Aged0To17) <= 0.05)).toBe(true);
  }
  for (const total of cooperation.filter((t) => t.value !== null)) {
    const line = rows.filter((r) => r.metric.code === total.metric.code && r.period === total.period && !known.includes(r.municipality.number));
    expect([total.metric.code, total.period, line.filter((r) => r.suppressed).length === 1]).toEqual([total.metric.code, total.period, false]);
  }
  return hidden;
}

it("an auditor's comparison: suppressed counts have no rate, change or ratio, and no total gives one back", async () => {
  const auditor = await app.token(Role.AUDITOR, { municipality: '3429' });
  const c = ok(await app.gql(COMPARISON, { serviceId: barnevern, from: '2019', to: '2022', metrics: ALL_METRICS }, auditor)).municipalityComparison;
  expect(c.view).toBe('OWN_MUNICIPALITY');
  const hidden = checkTable(c.rows, c.cooperation, ['3429']);
  // The demo has small counts: the check ran over suppressed cells, and Folldal's own are all shown.
  expect(hidden).toBeGreaterThan(0);
  expect(c.rows.filter((r: any) => r.municipality.number === '3429' && r.suppressed)).toEqual([]);
});

it("host finance's service dashboard (the publication): the same", async () => {
  const hostFinance = await app.token(Role.HOST_FINANCE, { service: 'barnevern' });
  const d = ok(await app.gql(SERVICE_DASHBOARD, { serviceId: barnevern, period: '2022-12' }, hostFinance)).serviceDashboard;
  expect(d.statistics.view).toBe('SUPPRESSED');
  expect(checkTable(d.statistics.rows, d.statistics.cooperation, [])).toBeGreaterThan(0);
});
