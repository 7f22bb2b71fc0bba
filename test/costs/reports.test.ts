import ExcelJS from 'exceljs';
import { Role } from '../../src/auth/roles';
import { asApiRole, baseUrl, scalar } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { costFixture, CostFixture, importLedger, ledgerCsv, mutate, publishMonth, rawGql, refused, REPORT_FIELDS } from './fixtures';

/**
 * The report lifecycle through the API: DRAFT → PUBLISHED, immutable (API, RLS and trigger),
 * corrections as new superseding versions with a reason, every version read back byte for byte,
 * exact totals, exports, and the director's owned-services view.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const REPORT = `query($s: ID!, $p: String!, $v: Int) { costReport(serviceId: $s, period: $p, version: $v) { ${REPORT_FIELDS} } }`;

/** January and February 2024: shared costs and direct charges for Folldal and Tynset. */
async function withLedger(f: CostFixture) {
  const csv = ledgerCsv([
    { voucher: 'A-1', date: '2024-01-15', funksjon: f.shared.funksjon, ore: 100_000_01 },
    { voucher: 'A-1', line: 2, date: '2024-01-15', funksjon: f.shared.funksjon, ore: -1_000_00 },
    { voucher: 'A-2', date: '2024-02-03', funksjon: f.direct.funksjon, ore: 45_000_00, kommunenummer: '3429' },
    { voucher: 'A-3', date: '2024-02-20', funksjon: f.direct.funksjon, ore: 12_345_67, kommunenummer: '3427' },
    { voucher: 'A-4', date: '2024-02-28', funksjon: f.shared.funksjon, ore: 99_999_99 },
  ]);
  const res = await importLedger(app, f.hostFinance, csv);
  expect([res.status, res.body.inserted]).toEqual([200, 5]);
}

const line = (report: any, number: string | null, code: string | null) => report.lines.find((l: any) => (l.municipality?.number ?? null) === number && (l.category?.code ?? null) === code);

it('prepares a draft that owners cannot see, publishes it, and keeps the published version immutable in the API and the database', async () => {
  const f = await costFixture(app);
  await withLedger(f);
  const director = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
  const prepared = await mutate(app, f.hostFinance, 'prepareCostReport', { serviceId: f.serviceGid, period: '2024-02' }, `report { ${REPORT_FIELDS} }`);
  const draft = prepared.report;
  expect([draft.status, draft.version, draft.supersedes]).toEqual(['DRAFT', 1, null]);
  // Exact: the grand total is the ledger; each direct charge lands on its municipality only.
  expect(BigInt(line(draft, null, null).actualYtdOre)).toBe(100_000_01n - 1_000_00n + 45_000_00n + 12_345_67n + 99_999_99n);
  const directOf = (n: string) => BigInt(line(draft, n, `${f.code}-direkte`).actualYtdOre);
  expect([directOf('3429'), directOf('3427'), directOf('3424')]).toEqual([45_000_00n, 12_345_67n, 0n]);
  const sharedOf = (n: string) => BigInt(line(draft, n, `${f.code}-felles`).actualYtdOre);
  expect(['3424', '3426', '3427', '3428', '3429'].reduce((a, n) => a + sharedOf(n), 0n)).toBe(100_000_01n - 1_000_00n + 99_999_99n);
  // A larger population (Rendalen 286 > Folldal 264) never pays a smaller shared part.
  expect(sharedOf('3424') >= sharedOf('3429')).toBe(true);
  expect(draft.lines.filter((l: any) => l.sharePercent !== null).reduce((a: number, l: any) => a + l.sharePercent, 0)).toBeCloseTo(100, 1);

  // Owners do not see drafts.
  expect(ok(await app.gql(REPORT, { s: f.serviceGid, p: '2024-02' }, director)).costReport).toBeNull();

  const published = await mutate(app, f.hostFinance, 'publishCostReport', { reportId: draft.id }, 'report { status publishedAt } alerts { id }', 'CostReportIdInput');
  expect(published.report.status).toBe('PUBLISHED');
  expect(ok(await app.gql(REPORT, { s: f.serviceGid, p: '2024-02' }, director)).costReport.id).toBe(draft.id);

  // The API refuses every change of a published version.
  expect((await refused(app, f.hostFinance, 'publishCostReport', { reportId: draft.id }, 'CostReportIdInput')).map((e) => e.code)).toEqual(['IMMUTABLE']);
  expect((await refused(app, f.hostFinance, 'discardCostReportDraft', { reportId: draft.id }, 'CostReportIdInput')).map((e) => e.code)).toEqual(['IMMUTABLE']);

  // RLS alone: as the service's HOST_FINANCE with raw SQL, UPDATE and DELETE of a published version touch nothing.
  const id = Buffer.from(draft.id, 'base64url').toString().split(':')[1];
  const region = await scalar(app, `SELECT region_id FROM cost_report WHERE id = $1`, [id]);
  await asApiRole(app, { role: 'HOST_FINANCE', region_id: region, service_id: f.serviceId }, async (q) => {
    const updated = await q(`UPDATE cost_report SET note = 'changed' WHERE id = $1`, [id]);
    const deleted = await q(`DELETE FROM cost_report WHERE id = $1`, [id]);
    expect([updated[1], deleted[1]]).toEqual([0, 0]);
    await expect(q(`DELETE FROM cost_report_line WHERE report_id = $1`, [id])).resolves.toEqual([[], 0]);
    await expect(q(`UPDATE cost_report_line SET actual_ytd_ore = 0 WHERE report_id = $1`, [id])).rejects.toThrow(/permission denied/);
  });
  // Even the table owner is refused by the trigger.
  await expect(app.owner.query(`UPDATE cost_report SET note = 'changed' WHERE id = $1`, [id])).rejects.toThrow(/published and cannot change/);
  await expect(app.owner.query(`DELETE FROM cost_report_line WHERE report_id = $1`, [id])).rejects.toThrow(/cannot change/);
  await expect(app.owner.query(`UPDATE ledger_entry SET amount_ore = 0 WHERE service_id = $1`, [f.serviceId])).rejects.toThrow(/never changed/);
});

it('reads every version byte for byte the same, after new entries, a new budget and a new key', async () => {
  const f = await costFixture(app);
  await withLedger(f);
  await publishMonth(app, f, '2024-01');
  const director = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
  const before = await Promise.all([rawGql(app, f.hostFinance, REPORT, { s: f.serviceGid, p: '2024-01' }), rawGql(app, director, REPORT, { s: f.serviceGid, p: '2024-01' })]);
  expect(JSON.parse(before[1]).data.costReport.lines.length).toBeGreaterThan(0);

  await importLedger(app, f.hostFinance, ledgerCsv([{ voucher: 'B-1', date: '2024-01-31', funksjon: f.shared.funksjon, ore: 5_000_000_00 }]));
  await mutate(
    app,
    f.hostFinance,
    'setCostBudget',
    { serviceId: f.serviceGid, categoryId: f.shared.gid, year: 2024, amountOre: '1', monthlyProfile: [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0] },
    'budget { id }',
  );
  await mutate(
    app,
    f.hostFinance,
    'setCostAgreement',
    { serviceId: f.serviceGid, validFrom: '2024-01-01', equalShareBp: 10000, populationShareBp: 0, directCategoryIds: [], correctionReason: 'Ny nøkkel (test)' },
    'agreement { id }',
  );

  const after = await Promise.all([rawGql(app, f.hostFinance, REPORT, { s: f.serviceGid, p: '2024-01' }), rawGql(app, director, REPORT, { s: f.serviceGid, p: '2024-01' })]);
  expect(after).toEqual(before);
  // A new version would differ: the figures behind it changed.
  const draft = await mutate(app, f.hostFinance, 'prepareCostReport', { serviceId: f.serviceGid, period: '2024-01', correctionReason: 'Nytt bilag og ny nøkkel' }, 'report { contentSha256 }');
  expect(draft.report.contentSha256).not.toBe(JSON.parse(before[0]).data.costReport.contentSha256);
});

it('corrects a published month with a new version that supersedes it, and only with a reason', async () => {
  const f = await costFixture(app);
  await withLedger(f);
  const v1 = await publishMonth(app, f, '2024-02');
  const prepare = (input: Record<string, unknown>) => refused(app, f.hostFinance, 'prepareCostReport', { serviceId: f.serviceGid, period: '2024-02', ...input });
  expect((await prepare({})).map((e) => [e.field.join('.'), e.code])).toEqual([['input.correctionReason', 'INVALID']]);
  // Nothing changed: nothing to correct.
  expect((await prepare({ correctionReason: 'Feil' })).map((e) => e.code)).toEqual(['CONFLICT']);
  // A reason that names a person is refused.
  expect((await prepare({ correctionReason: 'Gjelder 010185 10002' })).map((e) => e.code)).toEqual(['PERSONAL_DATA']);

  await importLedger(app, f.hostFinance, ledgerCsv([{ voucher: 'K-1', date: '2024-02-29', funksjon: f.shared.funksjon, ore: -10_000_00 }]));
  const v2 = await publishMonth(app, f, '2024-02', 'Bilag A-4 var ført dobbelt; kreditert med K-1');
  const director = await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3426' });
  const reports = ok(
    await app.gql(
      `query($s: ID!) { all: costReports(serviceId: $s) { nodes { id version status correctionReason supersedes { id } supersededBy { id } } }
    current: costReports(serviceId: $s, currentOnly: true) { nodes { id } } }`,
      { s: f.serviceGid },
      director,
    ),
  );
  expect(reports.all.nodes).toEqual([
    { id: v2, version: 2, status: 'PUBLISHED', correctionReason: 'Bilag A-4 var ført dobbelt; kreditert med K-1', supersedes: { id: v1 }, supersededBy: null },
    { id: v1, version: 1, status: 'PUBLISHED', correctionReason: null, supersedes: null, supersededBy: { id: v2 } },
  ]);
  expect(reports.current.nodes).toEqual([{ id: v2 }]);
  const total = async (version: number) =>
    BigInt(ok(await app.gql(REPORT, { s: f.serviceGid, p: '2024-02', v: version }, director)).costReport.lines.find((l: any) => !l.municipality && !l.category).actualYtdOre);
  expect((await total(1)) - (await total(2))).toBe(10_000_00n);
});

it('refuses to publish a draft whose figures changed after it was prepared, and discards drafts', async () => {
  const f = await costFixture(app);
  await withLedger(f);
  const draft = await mutate(app, f.hostFinance, 'prepareCostReport', { serviceId: f.serviceGid, period: '2024-02' }, 'report { id }');
  await importLedger(app, f.hostFinance, ledgerCsv([{ voucher: 'S-1', date: '2024-02-10', funksjon: f.shared.funksjon, ore: 1 }]));
  expect((await refused(app, f.hostFinance, 'publishCostReport', { reportId: draft.report.id }, 'CostReportIdInput')).map((e) => e.code)).toEqual(['CONFLICT']);
  expect(await scalar(app, `SELECT status FROM cost_report WHERE service_id = $1`, [f.serviceId])).toBe('DRAFT');
  await mutate(app, f.hostFinance, 'discardCostReportDraft', { reportId: draft.report.id }, 'reportId', 'CostReportIdInput');
  expect(await scalar<number>(app, `SELECT count(*)::int FROM cost_report WHERE service_id = $1`, [f.serviceId])).toBe(0);
  // A month without an agreement cannot be computed.
  expect(
    (await refused(app, f.hostFinance, 'prepareCostReport', { serviceId: f.serviceGid, period: '2022-06' })).map((e) => [e.code, e.message.startsWith('No cost agreement and owners cover 2022-01')]),
  ).toEqual([['INVALID', true]]);
});

it('exports a version per municipality as CSV and XLSX with Norwegian formats, the same bytes every time', async () => {
  const f = await costFixture(app);
  await withLedger(f);
  const report = await publishMonth(app, f, '2024-02');
  const folldal = await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3429' });
  const get = async (path: string, token: string) => {
    const res = await fetch(`${baseUrl(app)}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
  };
  const csv = await get(`/costs/reports/${report}/export.csv`, folldal);
  expect([csv.status, csv.type]).toEqual([200, 'text/csv; charset=utf-8']);
  const text = csv.body.toString('utf8');
  expect(text.startsWith('\ufeffKostnadsrapport;Testtjeneste')).toBe(true);
  expect(text).toContain('Versjon;1\r\nStatus;PUBLISERT');
  expect(text).toContain('Kommune;Folldal (3429)');
  const direct = text
    .split('\r\n')
    .find((l) => l.startsWith('Kategori direkte'))!
    .split(';');
  expect(direct[4]).toBe('45000,00'); // Folldal's direct charge, decimal comma
  expect(text).toContain('Sum alle eierkommuner');
  expect(text).not.toContain('Tynset');
  expect((await get(`/costs/reports/${report}/export.csv`, folldal)).body.equals(csv.body)).toBe(true);

  const xlsx = await get(`/costs/reports/${report}/export.xlsx?municipality=3429`, f.hostFinance);
  expect(xlsx.status).toBe(200);
  await new Promise((r) => setTimeout(r, 2100)); // zip timestamps have a 2-second resolution
  expect((await get(`/costs/reports/${report}/export.xlsx?municipality=3429`, f.hostFinance)).body.equals(xlsx.body)).toBe(true);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.body as never);
  const ws = wb.worksheets[0];
  const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
  expect(rows.find((r) => r[1] === 'Status')![2]).toBe('PUBLISERT');
  const directRow = ws.getRows(1, ws.rowCount)!.find((r) => r.getCell(1).value === 'Kategori direkte ' + f.code.split('-').pop())!;
  expect(directRow.getCell(5).value).toBe(45000);
  expect(directRow.getCell(5).numFmt).toBe('#,##0.00');

  // Another municipality's file, a missing municipality, a draft for owners: refused.
  expect((await get(`/costs/reports/${report}/export.csv?municipality=3427`, folldal)).status).toBe(403);
  expect((await get(`/costs/reports/${report}/export.csv`, f.hostFinance)).status).toBe(400);
  expect((await get(`/costs/reports/${report}/export.pdf`, f.hostFinance)).status).toBe(404);
  expect((await get(`/costs/reports/${report}/export.csv`, await app.token(Role.TST_MEMBER, { unit: 'folldal-skole' }))).status).toBe(403);
  const valdres = await app.token(Role.MUNICIPAL_FINANCE, { region: 'valdres', municipality: '3449' });
  expect((await get(`/costs/reports/${report}/export.csv`, valdres)).status).toBe(404);
});

it('lists the services a municipality owns with its share and the latest published figures, in a fixed number of statements', async () => {
  const folldal = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
  const query = `{ ownedServiceCosts(year: 2024) { service { code } keyMonth sharePercent population agreement { equalShareBp } report { period version } own { actualYtdOre } total { actualYtdOre } } }`;
  const before = await app.gql(query, {}, folldal);
  const f = await costFixture(app, { equalShareBp: 10000, owners: ['3427', '3429'] });
  await withLedger(f);
  await publishMonth(app, f, '2024-01');
  await publishMonth(app, f, '2024-02');
  const after = await app.gql(query, {}, folldal);
  const mine = ok(after).ownedServiceCosts.find((o: any) => o.service.code === f.code);
  // Two owners, an equal key: 50 %; the newest published month; Folldal's own total and the total.
  expect(mine).toMatchObject({ keyMonth: '2024-12', sharePercent: 50, population: 264, agreement: { equalShareBp: 10000 }, report: { period: '2024-02', version: 1 } });
  expect(BigInt(mine.own.actualYtdOre) < BigInt(mine.total.actualYtdOre)).toBe(true);
  expect(ok(after).ownedServiceCosts.length).toBe(ok(before).ownedServiceCosts.length + 1);
  expect(after.extensions!.sqlStatements).toBe(before.extensions!.sqlStatements);
  // The opening (2), then three waves of reads: the services owned | the services, their keys, the
  // newest published reports and their lines | the owners' kommunenummer and population.
  expect(after.extensions!.sqlStatements).toBe(5);
  // Rendalen does not own it.
  const rendalen = ok(await app.gql(query, {}, await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3424' })));
  expect(rendalen.ownedServiceCosts.map((o: any) => o.service.code)).not.toContain(f.code);
});

it('answers the report query in the same number of statements for one report or many', async () => {
  const f = await costFixture(app);
  await withLedger(f);
  const query = `query($s: ID!) { costReports(serviceId: $s, first: 20) { totalCount nodes { id service { name } agreement { validFrom directCategories { code } } supersedes { id } supersededBy { id }
    lines { municipality { number name } category { code name accounts { funksjon } } actualYtdOre } total { forecastOre } } } }`;
  // The same shape both times (a correction in each), only more rows: 2 versions, then 5.
  const correct = async (period: string, voucher: string) => {
    await importLedger(app, f.hostFinance, ledgerCsv([{ voucher, date: `${period}-27`, funksjon: f.shared.funksjon, ore: 7 }]));
    await publishMonth(app, f, period, 'Sent bilag');
  };
  await publishMonth(app, f, '2024-01');
  await correct('2024-01', 'M-1');
  const one = await app.gql(query, { s: f.serviceGid }, f.leader);
  await publishMonth(app, f, '2024-02');
  await correct('2024-02', 'M-2');
  await publishMonth(app, f, '2024-03');
  const three = await app.gql(query, { s: f.serviceGid }, f.leader);
  expect([ok(one).costReports.totalCount, ok(three).costReports.totalCount]).toEqual([2, 5]);
  expect(ok(three).costReports.nodes.flatMap((n: any) => n.lines).length).toBeGreaterThan(ok(one).costReports.nodes[0].lines.length * 2);
  expect(three.extensions!.sqlStatements).toBe(one.extensions!.sqlStatements);
});
