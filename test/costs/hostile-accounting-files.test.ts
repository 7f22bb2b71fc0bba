import { Role } from '../../src/auth/roles';
import { baseUrl, scalar } from '../helpers/fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';
import { HOSTILE_FILES, rawUpload } from '../imports/hostile-files';
import { costFixture, mutate } from './fixtures';

/**
 * The hostile files of test/imports/hostile-files.ts (random bytes, a stray quote, absurd JSON …)
 * and a cut-off upload against `ledger-erp` (with a mapping, so the ERP reader parses them) and
 * `kostra-regnskap` (as its position lines and as CSV/JSON): 422 with a problem that names a line,
 * nothing written, the server still up, never a 500.
 */
jest.setTimeout(120_000);

let app: TestApp;
let erpToken: string;
beforeAll(async () => {
  app = await startTestApp();
  const f = await costFixture(app);
  await mutate(app, f.hostFinance, 'defineLedgerMapping', { serviceId: f.serviceGid, profile: 'VISMA_ENTERPRISE' }, 'mapping { profile }');
  erpToken = f.hostFinance;
});
afterAll(() => app.close());

const written = async () =>
  (
    await app.owner
      .query(`SELECT (SELECT count(*) FROM ledger_entry)::int AS ledger, (SELECT count(*) FROM kostra_accounts_file)::int AS files, (SELECT count(*) FROM kostra_accounts_line)::int AS lines,
     (SELECT count(*) FROM audit_record WHERE operation LIKE 'import:%')::int AS audited`)
  ).rows[0];

const CASES = [
  ...HOSTILE_FILES.filter((f) => f.format === 'csv').map((f) => ['ledger-erp', 'text/csv', f] as const),
  ...HOSTILE_FILES.map((f) => ['kostra-regnskap', f.format === 'csv' ? 'text/plain' : 'application/json', f] as const),
];

it.each(CASES.map(([kind, type, f]) => [kind, f.name, type, f] as const))('%s: %s → 422 naming a line, nothing written, server up', async (kind, _name, type, file) => {
  const before = await written();
  const token = kind === 'ledger-erp' ? erpToken : await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3429' });
  const columns = kind === 'ledger-erp' ? ['Bilagsnr', 'Bilagsdato', 'Art', 'Ansvar', 'Funksjon', 'Prosjekt', 'Beløp'] : ['skjema', 'aargang'];
  const res = await rawUpload(baseUrl(app), `/imports/${kind}`, { headers: { 'content-type': type, authorization: `Bearer ${token}` }, body: file.body(columns) });
  expect(res.status).toBe(422);
  expect(res.json).toMatchObject({ kind, applied: false, inserted: 0 });
  expect(res.json.problems.length).toBeGreaterThanOrEqual(1);
  expect(res.json.problems[0].line ?? 1).toBeGreaterThanOrEqual(1);
  expect(JSON.stringify(res.json).length).toBeLessThan(200_000);
  expect(await written()).toEqual(before);
  expect((await fetch(`${baseUrl(app)}/readyz`)).status).toBe(200);
});

it('ledger-erp: an upload the client cuts off ends that request only, nothing written', async () => {
  const before = await written();
  const body = Buffer.from(`Bilagsnr;Bilagsdato;Art;Ansvar;Funksjon;Prosjekt;Beløp\n${'1;31.01.2026;101;1;244;;1,00\n'.repeat(2000)}`);
  const res = await rawUpload(baseUrl(app), '/imports/ledger-erp', { headers: { 'content-type': 'text/csv', authorization: `Bearer ${erpToken}` }, body, cutAfter: 30_000 });
  expect(res.status === null || res.status >= 400).toBe(true);
  expect(await written()).toEqual(before);
  expect(await scalar<number>(app, 'SELECT 1')).toBe(1);
  expect((await fetch(`${baseUrl(app)}/readyz`)).status).toBe(200);
});
