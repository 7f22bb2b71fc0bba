import { overflowingLine, MAX_LINE_ORE, ComputedLine } from '../../src/services/costs/report-math';
import { scalar } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { costFixture, importLedger, ledgerCsv } from './fixtures';

/**
 * Every ledger line is within ±10^15 øre, but a month's sum, a total over owners or categories, or
 * a forecast need not be: such a month is refused with a userError naming the month and the
 * category (never INTERNAL_SERVER_ERROR), and nothing is written.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const PREPARE = `mutation($i: PrepareCostReportInput!) { prepareCostReport(input: $i) { report { id } userErrors { field code message } } }`;
const QUARTER = 250_000_000_000_000; // 2.5 · 10^14 øre, a valid ledger amount

it('finds the first figure beyond what a report line holds', () => {
  const line = (figures: Partial<ComputedLine>): ComputedLine => ({
    municipalityId: 'm',
    categoryId: 'c',
    position: 0,
    population: null,
    sharePpm: null,
    budgetYear: 0n,
    budgetYtd: 0n,
    actualYtd: 0n,
    forecast: 0n,
    deviation: 0n,
    deviationBp: null,
    ...figures,
  });
  expect(overflowingLine([line({ actualYtd: MAX_LINE_ORE, forecast: -MAX_LINE_ORE })])).toBeNull();
  expect(overflowingLine([line({}), line({ forecast: MAX_LINE_ORE + 1n })])).toMatchObject({ figure: 'year-end forecast', value: MAX_LINE_ORE + 1n });
  expect(overflowingLine([line({ deviation: -MAX_LINE_ORE - 1n })])).toMatchObject({ figure: 'deviation' });
});

it('refuses to prepare a month whose ledger lines sum past the cap, naming month and category', async () => {
  const f = await costFixture(app);
  // Five valid lines in March: 1.25 · 10^15 øre together.
  const res = await importLedger(app, f.hostFinance, ledgerCsv(Array.from({ length: 5 }, (_, i) => ({ voucher: `BIG-${i}`, date: '2024-03-10', funksjon: f.shared.funksjon, ore: QUARTER }))));
  expect([res.status, res.body.applied, res.body.inserted]).toEqual([200, true, 5]);
  const code = await scalar<string>(app, `SELECT code FROM cost_category WHERE id = $1`, [f.shared.id]);
  for (const period of ['2024-03', '2024-04']) {
    const out = ok(await app.gql(PREPARE, { i: { serviceId: f.serviceGid, period } }, f.hostFinance)).prepareCostReport;
    expect(out.report).toBeNull();
    expect(out.userErrors).toHaveLength(1);
    expect(out.userErrors[0]).toMatchObject({ field: ['input', 'period'], code: 'INVALID' });
    expect(out.userErrors[0].message).toContain(`${period}, category ${code}`);
    expect(out.userErrors[0].message).toMatch(/more than the 10 000 000 000 000,00 kr a report line holds/);
  }
  expect(await scalar<number>(app, `SELECT count(*)::int FROM cost_report WHERE service_id = $1`, [f.serviceId])).toBe(0);
});

it('refuses a month whose forecast overflows although every actual figure fits, and the import says so instead of failing', async () => {
  const f = await costFixture(app);
  await app.gql(
    `mutation($i: CreateCostAlertRuleInput!) { createCostAlertRule(input: $i) { userErrors { code } } }`,
    { i: { serviceId: f.serviceGid, name: 'Over 25 %', basis: 'BUDGET', thresholdPercent: 25 } },
    f.hostFinance,
  );
  // January: 2.5 · 10^14 øre actual; forecast by run rate over twelve months is far past the cap.
  const res = await importLedger(app, f.hostFinance, ledgerCsv([{ voucher: 'FC-1', date: '2024-01-10', funksjon: f.shared.funksjon, ore: QUARTER }]));
  expect([res.status, res.body.applied]).toEqual([200, true]);
  expect(res.body.changes.some((c: string) => c.startsWith('Not reportable: 2024-01, category'))).toBe(true);
  const out = ok(await app.gql(PREPARE, { i: { serviceId: f.serviceGid, period: '2024-01' } }, f.hostFinance)).prepareCostReport;
  expect(out.userErrors.map((e: any) => e.code)).toEqual(['INVALID']);
  expect(out.userErrors[0].message).toMatch(/^2024-01, category .*: the year-end forecast would be/);
});
