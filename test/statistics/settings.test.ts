import { Role } from '../../src/auth/roles';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { ACTIVITY_QUERY, serviceGlobalId } from './fixtures/queries';

/** The configurable parts: PPT/NAV metrics, the suppression range (and what was published before it changed). */
let app: TestApp;
let admin: string;
let leader: string;
let barnevern: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = await app.token(Role.REGION_ADMIN);
  leader = await app.token(Role.SERVICE_LEADER, { service: 'barnevern' });
  barnevern = await serviceGlobalId(app, 'barnevern');
});
afterAll(() => app.close());

const DEFINE = `mutation($input: DefineStatisticsMetricInput!) { defineStatisticsMetric(input: $input) { metric { id code builtIn } userErrors { field code } } }`;
const metric = (input: Record<string, unknown>) => ({ serviceKind: 'PPT', code: 'tst_participations', name: 'Deltakelse i TST', unit: 'møter', aggregation: 'FLOW', finestPeriod: 'MONTH', ...input });

it("adds PPT and NAV metrics, refuses to touch barnevern's, and reports conflicts and bad shapes", async () => {
  const created = ok(await app.gql(DEFINE, { input: metric({}) }, admin)).defineStatisticsMetric;
  expect(created).toMatchObject({ metric: { code: 'tst_participations', builtIn: false }, userErrors: [] });
  const node = ok(await app.gql(`query($id: ID!) { node(id: $id) { ... on StatisticsMetric { code aggregation } } }`, { id: created.metric.id })).node;
  expect(node).toEqual({ code: 'tst_participations', aggregation: 'FLOW' });
  expect(ok(await app.gql(DEFINE, { input: metric({}) }, admin)).defineStatisticsMetric.userErrors).toEqual([{ field: ['input', 'code'], code: 'CONFLICT' }]);
  expect(ok(await app.gql(DEFINE, { input: metric({ serviceKind: 'BARNEVERN', code: 'my_metric' }) }, admin)).defineStatisticsMetric.userErrors).toEqual([
    { field: ['input', 'serviceKind'], code: 'IMMUTABLE' },
  ]);
  expect(ok(await app.gql(DEFINE, { input: metric({ code: 'part_of_nothing', shareOfCode: 'nothing_here' }) }, admin)).defineStatisticsMetric.userErrors).toEqual([
    { field: ['input', 'shareOfCode'], code: 'NOT_FOUND' },
  ]);
  for (const bad of [{ code: 'Bad Code' }, { name: '   ' }, { name: 'x'.repeat(201) }, { unit: '' }]) {
    const res = await app.gql(DEFINE, { input: metric(bad) }, admin);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  }
  const stored = Number((await app.owner.query(`SELECT count(*) AS n FROM statistics_metric WHERE code IN ('my_metric', 'part_of_nothing')`)).rows[0].n);
  expect(stored).toBe(0);
});

it('publishes every table again when the range changes, and keeps what was published before', async () => {
  const total2021 = async (asOf?: string) =>
    ok(await app.gql(ACTIVITY_QUERY, { serviceId: barnevern, from: '2021', to: '2021', groupBy: ['YEAR'], metrics: ['children_support_measures'], asOf })).activityStatistics;
  expect((await total2021()).totals[0]).toMatchObject({ value: null, partialSum: 58 });
  const before = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 20));
  // With 3–4 suppressed, Rendalen's and Folldal's 2 are not small: nothing is suppressed, the total is shown.
  // (With 1–2 it stays withheld: Rendalen's director, who knows their 2, would read Folldal's 2 off it.)
  const set = ok(
    await app.gql(`mutation { setStatisticsSuppression(input: { min: 3, max: 4 }) { suppression { min max } tablesPublished userErrors { code } } }`, {}, leader),
  ).setStatisticsSuppression;
  expect(set).toMatchObject({ suppression: { min: 3, max: 4 }, userErrors: [] });
  const now = await total2021();
  expect(now.suppression).toEqual({ min: 3, max: 4 });
  expect(now.totals[0]).toMatchObject({ value: 62, suppressed: false });
  // As published before the change: the withheld total, from the kept cells.
  expect((await total2021(before)).totals[0]).toMatchObject({ value: null, reason: 'INCOMPLETE', partialSum: 58 });

  const wrong = ok(await app.gql(`mutation { setStatisticsSuppression(input: { min: 3, max: 2 }) { suppression { min } userErrors { field code } } }`, {}, leader)).setStatisticsSuppression;
  expect(wrong).toEqual({ suppression: null, userErrors: [{ field: ['input', 'max'], code: 'INVALID' }] });
  expect((await app.gql(`mutation { setStatisticsSuppression(input: { min: 0, max: 2 }) { userErrors { code } } }`, {}, leader)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});
