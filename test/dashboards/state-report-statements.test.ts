import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { barnevern, leaderToken, LIST, PREPARE, prepared } from './state-report-fixtures';

/**
 * No N+1 in the state-of-service report: listing reports with every field a page renders costs the
 * same number of SQL statements for one report as for five, and preparing one costs the same for
 * every owner municipality (the parts are read in parallel waves, whatever the data).
 */
let app: TestApp;
let leader: string;
beforeAll(async () => {
  app = await startTestApp();
  leader = await leaderToken(app);
});
afterAll(() => app.close());

const statements = (res: { extensions?: { sqlStatements?: number } }) => {
  expect(typeof res.extensions?.sqlStatements).toBe('number');
  return res.extensions!.sqlStatements!;
};

it('lists one report or five with the same statement count', async () => {
  await prepared(app, '3429', 2023, leader);
  const one = await app.gql(LIST, { year: 2023 }, leader);
  expect(ok(one).stateReports.totalCount).toBe(1);
  for (const number of ['3424', '3426', '3427', '3428']) await prepared(app, number, 2023, leader);
  const five = await app.gql(LIST, { year: 2023 }, leader);
  expect(ok(five).stateReports.totalCount).toBe(5);
  expect(statements(five)).toBe(statements(one));
});

it('prepares each municipality with the same statement count', async () => {
  const serviceId = await barnevern(app);
  const counts = [];
  for (const number of ['3424', '3429']) {
    const res = await app.gql(PREPARE, { input: { serviceId, municipalityNumber: number, year: 2024 } }, leader);
    expect(ok(res).prepareStateReport.userErrors).toEqual([]);
    counts.push(statements(res));
  }
  expect(counts[0]).toBe(counts[1]);
  expect(counts[0]).toBeLessThanOrEqual(25);
});
