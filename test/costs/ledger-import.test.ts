import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Role } from '../../src/auth/roles';
import { Readable } from 'node:stream';
import { importCli } from '../../scripts/import';
import { ledgerImport } from '../../src/services/costs/ledger-import';
import { readImport } from '../../src/services/imports/run';
import { scalar } from '../helpers/fixtures';
import { TEST_ENV } from '../helpers/env';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { costFixture, CostFixture, importLedger, LEDGER_HEADER, ledgerCsv, mutate } from './fixtures';

/**
 * The ledger import (the import framework's `ledger` kind): every row validated with line and
 * field, all or nothing, dry run, idempotent, entries never changed, the agreement's direct
 * charges, alerts on the new figures, HTTP and CLI on one code path.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const entries = (f: CostFixture) => scalar<number>(app, `SELECT count(*)::int FROM ledger_entry WHERE service_id = $1`, [f.serviceId]);
const audits = (f: CostFixture) => scalar<number>(app, `SELECT count(*)::int FROM audit_record WHERE operation = 'import:ledger' AND entity_id = $1`, [f.serviceId]);

it('dry-runs, imports, and changes nothing the second time', async () => {
  const f = await costFixture(app);
  const csv = ledgerCsv([
    { voucher: 'B-1', date: '2024-01-15', funksjon: f.shared.funksjon, ore: 1_234_567_89 },
    { voucher: 'B-1', line: 2, date: '2024-01-15', funksjon: f.shared.funksjon, ore: -34_567_89 },
    { voucher: 'B-2', date: '2024-02-01', funksjon: f.direct.funksjon, ore: 50_000_00, kommunenummer: '3429' },
  ]);
  const dry = await importLedger(app, f.hostFinance, csv, true);
  expect(dry.status).toBe(200);
  expect(dry.body).toMatchObject({ kind: 'ledger', dryRun: true, applied: false, records: 3, inserted: 3, unchanged: 0, problems: [] });
  expect(dry.body.changes).toEqual([
    `2024-01 Kategori felles ${f.code.split('-').pop()} (${f.shared.funksjon}): 2 new entries, 1 200 000,00 kr`,
    `2024-02 Kategori direkte ${f.code.split('-').pop()} (${f.direct.funksjon}): 1 new entry, 50 000,00 kr`,
  ]);
  expect(await entries(f)).toBe(0);

  const done = await importLedger(app, f.hostFinance, csv);
  expect(done.body).toMatchObject({ applied: true, inserted: 3 });
  expect(await entries(f)).toBe(3);
  const stored = (
    await app.owner.query(
      `SELECT e.voucher, e.voucher_line, e.amount_ore::text AS ore, m.number FROM ledger_entry e LEFT JOIN municipality m ON m.id = e.municipality_id WHERE e.service_id = $1 ORDER BY 1, 2`,
      [f.serviceId],
    )
  ).rows;
  expect(stored).toEqual([
    { voucher: 'B-1', voucher_line: 1, ore: '123456789', number: null },
    { voucher: 'B-1', voucher_line: 2, ore: '-3456789', number: null },
    { voucher: 'B-2', voucher_line: 1, ore: '5000000', number: '3429' },
  ]);
  expect(await audits(f)).toBe(1);

  const again = await importLedger(app, f.hostFinance, csv);
  expect(again.body).toMatchObject({ applied: false, inserted: 0, unchanged: 3, problems: [] });
  expect([await entries(f), await audits(f)]).toEqual([3, 1]);
  // Readable through GraphQL, paged.
  const page = ok(
    await app.gql(
      `query($s: ID!) { ledgerEntries(serviceId: $s, period: "2024-01", first: 1) { totalCount nodes { voucher voucherLine amountOre category { code } municipality { number } } } }`,
      { s: f.serviceGid },
      f.leader,
    ),
  );
  expect(page.ledgerEntries).toEqual({ totalCount: 2, nodes: [{ voucher: 'B-1', voucherLine: 1, amountOre: 123456789, category: { code: `${f.code}-felles` }, municipality: null }] });
});

it("keeps the planner's statistics of the ledger true: an import that outgrows them analyses the table in its own transaction", async () => {
  const reltuples = () => scalar<number>(app, `SELECT reltuples::int FROM pg_class WHERE oid = 'ledger_entry'::regclass`);
  const f = await costFixture(app);
  const stored = await scalar<number>(app, `SELECT count(*)::int FROM ledger_entry`);
  // More lines than the table holds and than the threshold (1,000): the import must analyse.
  const n = Math.max(1500, stored + 1);
  const lines = Array.from({ length: n }, (_, i) => ({ voucher: `STAT-${Math.floor(i / 4)}`, line: 1 + (i % 4), date: '2024-03-15', funksjon: f.shared.funksjon, ore: 100 + i }));
  const res = await importLedger(app, f.hostFinance, ledgerCsv(lines));
  expect(res.body).toMatchObject({ applied: true, inserted: n });
  // The statistics count rows this import wrote: it analyses each time its inserts reach what the
  // statistics said (at least 1,000), so afterwards they say at least half of what the table holds
  // (an estimate from the sample), and more than it held before.
  const counted = await reltuples();
  expect(counted).toBeGreaterThan(stored);
  expect(counted).toBeGreaterThanOrEqual(Math.floor((stored + n) / 2));
  // And the same file again compares each line with one probe: unchanged, nothing written.
  expect((await importLedger(app, f.hostFinance, ledgerCsv(lines))).body).toMatchObject({ applied: false, unchanged: n, inserted: 0 });
});

it('reports every unreadable row with its line and field, and imports nothing of the file', async () => {
  const f = await costFixture(app);
  const file = [
    LEDGER_HEADER,
    `G-1,1,2024-01-10,4711,370,${f.shared.funksjon},100,`,
    `G 2,1,2024-01-10,4711,370,${f.shared.funksjon},100,`,
    `G-3,0,2024-01-10,4711,370,${f.shared.funksjon},100,`,
    `G-4,1,2024-02-30,4711,370,${f.shared.funksjon},100,`,
    `G-5,1,2024-01-10,4711,37,${f.shared.funksjon},100,`,
    `G-6,1,2024-01-10,4711,370,${f.shared.funksjon},12.50,`,
    `G-7,1,2024-01-10,4711,370,${f.shared.funksjon},10000000000000001,`,
    `G-8,1,2024-01-10,4711,370,${f.shared.funksjon},100,429`,
    `G-1,1,2024-01-11,4711,370,${f.shared.funksjon},100,`,
    `G-9,1,2024-01-10,47\u000011,370,${f.shared.funksjon},100,`,
    `G-10,1,2024-01-32,4711,370,${f.shared.funksjon},100,`,
  ].join('\n');
  const res = await importLedger(app, f.hostFinance, file);
  expect(res.status).toBe(422);
  expect(res.body.problems.map((p: any) => [p.line, p.field])).toEqual([
    [3, 'voucher'],
    [4, 'voucher_line'],
    [5, 'posting_date'],
    [6, 'art'],
    [7, 'amount_ore'],
    [8, 'amount_ore'],
    [9, 'kommunenummer'],
    [10, null],
    [11, 'account'],
    [12, 'posting_date'],
  ]);
  expect(res.body.problems[5].message).toContain('12.50 kr is 1250');
  expect(res.body.problems[7].message).toBe('Duplicate of line 2 (G-1/1).');
  expect(await entries(f)).toBe(0);
});

it('rolls the whole file back when one row breaks a rule, and imports it once the row is fixed', async () => {
  const f = await costFixture(app);
  const good = [
    { voucher: 'R-1', date: '2024-03-01', funksjon: f.shared.funksjon, ore: 100 },
    { voucher: 'R-2', date: '2024-03-02', funksjon: f.direct.funksjon, ore: 200, kommunenummer: '3427' },
  ];
  const cases: [(typeof good)[number], string, string][] = [
    [{ voucher: 'R-3', date: '2024-03-03', funksjon: '999', ore: 300 }, 'art', 'No cost category of your region covers funksjon 999'],
    [{ voucher: 'R-3', date: '2024-03-03', funksjon: f.direct.funksjon, ore: 300 }, 'kommunenummer', 'is charged directly to the municipality it concerns'],
    [{ voucher: 'R-3', date: '2024-03-03', funksjon: f.direct.funksjon, ore: 300, kommunenummer: '3449' }, 'kommunenummer', '3449 is not an owner'],
    [{ voucher: 'R-3', date: '2024-03-03', funksjon: f.shared.funksjon, ore: 300, kommunenummer: '3429' }, 'kommunenummer', 'is shared by the allocation key in 2024-03'],
    [{ voucher: 'R-3', date: '2019-03-03', funksjon: f.shared.funksjon, ore: 300 }, 'posting_date', 'No cost agreement and owners cover 2019-03'],
  ];
  for (const [bad, field, message] of cases) {
    const res = await importLedger(app, f.hostFinance, ledgerCsv([...good, bad]));
    expect([res.status, res.body.applied, res.body.problems.map((p: any) => [p.line, p.field])]).toEqual([422, false, [[4, field]]]);
    expect(res.body.problems[0].message).toContain(message);
    expect(await entries(f)).toBe(0);
  }
  expect((await importLedger(app, f.hostFinance, ledgerCsv(good))).body.inserted).toBe(2);
});

it('rolls back the batches already written when a later batch breaks a rule', async () => {
  const f = await costFixture(app);
  const many = Array.from({ length: 12_001 }, (_, i) => ({ voucher: `L-${i}`, date: `2024-0${1 + (i % 9)}-15`, funksjon: f.shared.funksjon, ore: 100 + i }));
  many[12_000] = { voucher: 'L-LAST', date: '2024-09-15', funksjon: '998', ore: 1 };
  const res = await importLedger(app, f.hostFinance, ledgerCsv(many));
  expect([res.status, res.body.applied, res.body.inserted, res.body.problems.map((p: any) => [p.line, p.field])]).toEqual([422, false, 0, [[12_002, 'art']]]);
  expect(await entries(f)).toBe(0);
  many.pop();
  const done = await importLedger(app, f.hostFinance, ledgerCsv(many));
  expect([done.status, done.body.inserted]).toEqual([200, 12_000]);
  expect(await scalar(app, `SELECT sum(amount_ore)::text FROM ledger_entry WHERE service_id = $1`, [f.serviceId])).toBe(String(12_000 * 100 + (11_999 * 12_000) / 2));
});

it('refuses a file with more records than the importer takes, before holding them', async () => {
  const csv = ledgerCsv([1, 2, 3, 4].map((i) => ({ voucher: `M-${i}`, date: '2024-01-01', funksjon: '301', ore: i })));
  const { problems, records } = await readImport({ ...ledgerImport, maxRecords: 2 }, Readable.from([csv]), { format: 'csv', dryRun: true });
  expect([records, problems.report()]).toEqual([3, [{ line: 4, field: null, key: 'imports.tooManyRecords', params: { count: 2 } }]]);
});

it('never changes an entry: the same voucher line with other values is refused', async () => {
  const f = await costFixture(app);
  await importLedger(app, f.hostFinance, ledgerCsv([{ voucher: 'C-1', date: '2024-04-01', funksjon: f.shared.funksjon, ore: 1000 }]));
  const res = await importLedger(
    app,
    f.hostFinance,
    ledgerCsv([
      { voucher: 'C-1', date: '2024-04-01', funksjon: f.shared.funksjon, ore: 999 },
      { voucher: 'C-2', date: '2024-04-01', funksjon: f.shared.funksjon, ore: 1 },
    ]),
  );
  expect(res.status).toBe(422);
  expect(res.body.problems).toEqual([expect.objectContaining({ line: 2, field: 'voucher', message: expect.stringContaining('entries are never changed: post a correction as a new voucher line') })]);
  expect(await scalar(app, `SELECT string_agg(amount_ore::text, ',') FROM ledger_entry WHERE service_id = $1`, [f.serviceId])).toBe('1000');
});

it('raises the alerts an import crosses, once', async () => {
  const f = await costFixture(app);
  await mutate(app, f.hostFinance, 'createCostAlertRule', { serviceId: f.serviceGid, name: 'Over 20 %', basis: 'BUDGET', thresholdPercent: 20, thresholdOre: '100000' }, 'rule { id }');
  // Budget of the direct category: 600 000 kr a year; Folldal's keyed part of January is about 6 000 kr.
  const csv = ledgerCsv([{ voucher: 'P-1', date: '2024-01-20', funksjon: f.direct.funksjon, ore: 80_000_00, kommunenummer: '3429' }]);
  const res = await importLedger(app, f.hostFinance, csv);
  expect(res.body.changes.filter((c: string) => c.startsWith('Alert:'))).toEqual([expect.stringContaining('Folldal (3429)')]);
  const alerts = ok(await app.gql(`query($s: ID!) { costAlerts(serviceId: $s) { nodes { period source municipality { number } category { code } actualOre } } }`, { s: f.serviceGid }, f.hostFinance))
    .costAlerts.nodes;
  expect(alerts).toEqual([{ period: '2024-01', source: 'IMPORT', municipality: { number: '3429' }, category: { code: `${f.code}-direkte` }, actualOre: 8000000 }]);
  // More of the same month: the line is still over the rule, nothing new to report.
  await importLedger(app, f.hostFinance, ledgerCsv([{ voucher: 'P-2', date: '2024-01-21', funksjon: f.direct.funksjon, ore: 1_00, kommunenummer: '3429' }]));
  expect(await scalar<number>(app, `SELECT count(*)::int FROM cost_alert WHERE service_id = $1`, [f.serviceId])).toBe(1);
});

it("lets only the service's host finance import, into its own service", async () => {
  const f = await costFixture(app);
  const other = await costFixture(app);
  const csv = ledgerCsv([{ voucher: 'X-1', date: '2024-01-15', funksjon: f.shared.funksjon, ore: 100 }]);
  const finance = await importLedger(app, await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3429' }), csv);
  expect([finance.status, finance.body.errors[0].extensions.code]).toEqual([403, 'FORBIDDEN']);
  expect((await importLedger(app, undefined, csv)).status).toBe(401);
  // The other service's host finance imports into their own service only.
  expect((await importLedger(app, other.hostFinance, csv)).body.inserted).toBe(1);
  expect([await entries(f), await entries(other)]).toEqual([0, 1]);
  // A Valdres host finance has none of Nord-Østerdal's categories.
  const valdres = await importLedger(app, await app.token(Role.HOST_FINANCE, { region: 'valdres', service: 'barnevern' }), csv);
  expect(valdres.body.problems.map((p: any) => p.field)).toEqual(['art']);
});

describe('npm run import -- ledger (the same code path from the command line)', () => {
  const run = async (args: string[]) => {
    const lines: string[] = [];
    const code = await importCli(
      args,
      { DATABASE_URL: app.ownerUrl, APP_DB_PASSWORD: TEST_ENV.appPassword, LOG_LEVEL: 'silent', LANG: 'en_GB.UTF-8' },
      { log: (l) => lines.push(l), error: (l) => lines.push(`! ${l}`) },
    );
    return { code, out: lines.join('\n') };
  };
  const file = (content: string) => {
    const p = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-')), 'ledger.csv');
    fs.writeFileSync(p, content);
    return p;
  };

  it("dry-runs and imports as the service's host finance, and exits 1 on a bad file", async () => {
    const f = await costFixture(app);
    const good = file(ledgerCsv([{ voucher: 'CLI-1', date: '2024-05-05', funksjon: f.shared.funksjon, ore: 123_45 }]));
    const dry = await run(['ledger', good, '--dry-run', '--role', 'HOST_FINANCE', '--service', f.code]);
    expect(dry).toEqual({ code: 0, out: expect.stringContaining(`ledger: 1 records; dry run, would be: 1 new, 0 changed, 0 removed, 0 unchanged\n  2024-05 Kategori felles`) });
    expect(await entries(f)).toBe(0);
    expect((await run(['ledger', good, '--role', 'HOST_FINANCE', '--service', f.code])).code).toBe(0);
    expect(await entries(f)).toBe(1);
    expect(await run(['ledger', good, '--role', 'HOST_FINANCE', '--service', f.code])).toEqual({
      code: 0,
      out: expect.stringContaining('nothing to change: 0 new, 0 changed, 0 removed, 1 unchanged'),
    });
    const bad = await run(['ledger', file(`${LEDGER_HEADER}\nCLI-2,1,2024-05-05,4711,370,${f.shared.funksjon},1.5,\n`), '--role', 'HOST_FINANCE', '--service', f.code]);
    expect(bad).toEqual({ code: 1, out: expect.stringContaining('line 2, amount_ore: "1.5" is not a whole number of øre') });
    expect((await run(['ledger', good, '--role', 'MUNICIPAL_FINANCE', '--municipality', '3429'])).out).toContain('refused: Importing ledger entries needs one of the roles HOST_FINANCE');
  });
});
