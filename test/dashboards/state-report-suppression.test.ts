import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { barnevern, leaderToken, prepared } from './state-report-fixtures';

/**
 * The report goes to the council: its activity statistics are the publication, as the public reads
 * them (docs/dashboards.md), never the leader's true counts. Every row of the report equals the
 * public's row of activityStatistics; a cell the public sees suppressed, and whose true count the
 * leader does see, is suppressed in the report, with no rate.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const ACTIVITY = `query($serviceId: ID!, $from: String!, $to: String!, $metrics: [String!]) {
  activityStatistics(serviceId: $serviceId, from: $from, to: $to, groupBy: [MUNICIPALITY, YEAR], metrics: $metrics) {
    view rows { metric { code } municipality { number } period value suppressed per1000Aged0To17 } totals { metric { code } period value suppressed per1000Aged0To17 } } }`;

it("shows the public's cells, not the leader's true counts", async () => {
  const serviceId = await barnevern(app);
  const leader = await leaderToken(app);
  const report = await prepared(app, '3429', 2022, leader);
  const stats = report.figures.statistics;
  const metrics = [...new Set(stats.rows.map((r: any) => r.metricCode))];
  const vars = { serviceId, from: stats.from, to: stats.to, metrics };
  const publicView = ok(await app.gql(ACTIVITY, vars)).activityStatistics;
  const leaderView = ok(await app.gql(ACTIVITY, vars, leader)).activityStatistics;
  expect([publicView.view, leaderView.view, stats.view]).toEqual(['SUPPRESSED', 'UNSUPPRESSED', 'SUPPRESSED']);

  const cell = (r: any) => [r.metricCode ?? r.metric.code, r.period, r.value, r.suppressed, r.per1000Aged0To17];
  const folldal = (rows: any[]) => rows.filter((r) => r.municipality.number === '3429');
  // Row for row the public's table (the municipality), and the cooperation's totals.
  expect(stats.rows.map(cell)).toEqual(folldal(publicView.rows).map(cell));
  expect(stats.cooperation.map(cell)).toEqual(publicView.totals.map(cell));

  // The cells the public sees suppressed, whose true count the leader reads: suppressed in the report too.
  const hiddenFromPublic = folldal(publicView.rows).filter((r: any) => r.suppressed);
  const leaderValue = new Map(folldal(leaderView.rows).map((r: any) => [`${r.metric.code} ${r.period}`, r.value]));
  const leaked = hiddenFromPublic.filter((r: any) => leaderValue.get(`${r.metric.code} ${r.period}`) !== null);
  expect(leaked.length).toBeGreaterThan(0);
  for (const r of leaked) {
    const inReport = stats.rows.find((x: any) => x.metricCode === r.metric.code && x.period === r.period);
    expect([inReport.value, inReport.suppressed, inReport.per1000Aged0To17]).toEqual([null, true, null]);
  }
});
