import { fromGlobalId } from '../../src/global-id';
import { scalar } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { costFixture, importLedger, ledgerCsv, mutate } from './fixtures';

/**
 * Publishing is a state change of one row that must happen once: concurrent publications of the
 * same draft (a double click, two tabs, a retrying client) give one publication, one audit record
 * and one set of alerts; every other request is refused with CONFLICT and changes nothing.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const PUBLISH = `mutation($input: CostReportIdInput!) { publishCostReport(input: $input) { report { id status version } alerts { id } userErrors { field code message } } }`;

it('publishes a draft exactly once when the same publication arrives concurrently', async () => {
  const f = await costFixture(app);
  await mutate(app, f.hostFinance, 'createCostAlertRule', { serviceId: f.serviceGid, name: 'Over 25 %', basis: 'BUDGET', thresholdPercent: 25 }, 'rule { id }');
  await importLedger(app, f.hostFinance, ledgerCsv([{ voucher: 'R-1', date: '2024-03-20', funksjon: f.shared.funksjon, ore: 50_000_00 }]));
  const codes: string[] = [];
  for (const period of ['2024-03', '2024-04', '2024-05']) {
    const draft = await mutate(app, f.hostFinance, 'prepareCostReport', { serviceId: f.serviceGid, period }, 'report { id }');
    // Truly concurrent HTTP requests, each in its own transaction.
    const answers = (await Promise.all(Array.from({ length: 4 }, () => app.gql(PUBLISH, { input: { reportId: draft.report.id } }, f.hostFinance)))).map((res) => ok(res).publishCostReport);
    const published = answers.filter((a) => a.report);
    expect([period, published.map((a) => a.report.status)]).toEqual([period, ['PUBLISHED']]);
    const refusals = answers.filter((a) => !a.report);
    expect(refusals).toHaveLength(3);
    // An overlapping publication is a CONFLICT; one that starts after the first committed finds it published (IMMUTABLE).
    for (const r of refusals) expect(['CONFLICT', 'IMMUTABLE']).toContain(r.userErrors[0].code);
    codes.push(...refusals.map((r) => r.userErrors[0].code));
    const reportId = fromGlobalId(draft.report.id)!.id;
    expect(await scalar<number>(app, `SELECT count(*)::int FROM audit_record WHERE operation = 'publishCostReport' AND entity_id = $1`, [reportId])).toBe(1);
    expect(await scalar<number>(app, `SELECT count(*)::int FROM cost_report WHERE service_id = $1 AND period = $2`, [f.serviceId, period])).toBe(1);
  }
  // The requests did overlap (what used to publish twice): some were refused as CONFLICT.
  expect(codes).toContain('CONFLICT');
});
