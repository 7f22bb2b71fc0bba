import type ExcelJSModule from 'exceljs';
import type JSZipModule from 'jszip';
import { actsAt, facetsOf, ROLE_SCOPE } from '../../auth/roles';
import { Context } from '../../context';
import { CostReport, CostReportLine, CostReportStatus } from '../../entities/costs';
import { Municipality } from '../../entities/reference/municipality';
import { badInput, notFound } from '../../errors';
import { idOfType } from '../../global-id';
import { ownScope, requireRole, requireScope } from '../access';
import { CsvCell, CsvNumber, spreadsheetCsv } from '../csv';
import { KOMMUNENUMMER, KOMMUNENUMMER_MESSAGE } from '../reference/kommunenummer';
import { exportLabels } from './export-snapshot';
import { kroner, kronerDecimal, percent } from './format';
import { REPORT_READERS } from './guard';

/**
 * A report version for one owner municipality as a file (CSV or XLSX): the version and status,
 * the key, then the municipality's lines per category, its total and the total of all owners.
 * Norwegian formats: decimal comma, `;` between CSV fields, UTF-8 with BOM (Excel in Norwegian
 * opens it as numbers); XLSX cells hold numbers formatted `# ##0,00` (the locale's separators).
 * The same version always gives the same bytes (no clock in the file: its dates are the report's),
 * and a published version's labels (service, municipality and category names, KOSTRA funksjon,
 * the key) are those stored at publication, so renaming or remapping afterwards changes no byte.
 * Text cells are neutralised against formula injection (src/services/csv.ts); XLSX writes text as
 * string cells, never as formulas.
 */

export type ExportFormat = 'csv' | 'xlsx';

interface ExportModel {
  filename: string;
  /** When the file's dates say it was made: publication (or preparation of a draft). */
  at: Date;
  facts: [string, string][];
  header: string[];
  /** Category name, KOSTRA funksjon, then the amounts (øre) and the deviation (basis points). */
  rows: { label: string; funksjon: string; amounts: string[]; deviationBp: number | null; bold?: boolean }[];
}

const STATUS_NO: Record<CostReportStatus, string> = { DRAFT: 'UTKAST (ikke publisert)', PUBLISHED: 'PUBLISERT' };
const HEADER = ['Kategori', 'KOSTRA-funksjon', 'Budsjett år (kr)', 'Budsjett hittil i år (kr)', 'Regnskap hittil i år (kr)', 'Prognose år (kr)', 'Avvik hittil i år (kr)', 'Avvik (%)'];
const MONTHS_NO = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'];

async function exportModel(ctx: Context, reportGlobalId: string, municipalityNumber: string | undefined): Promise<ExportModel> {
  ctx = requireRole(ctx, REPORT_READERS, 'Exporting a cost report');
  if (municipalityNumber !== undefined && !KOMMUNENUMMER.test(municipalityNumber)) throw badInput('municipality', 'pattern', KOMMUNENUMMER_MESSAGE);
  const id = idOfType(reportGlobalId, 'CostReport');
  // A municipal caller exports its own lines; a service caller any owner's. A caller with both
  // kinds of roles is the service for its own service's reports, the municipality for the others'.
  const serviceRoles = facetsOf(ctx.principal).filter((f) => ROLE_SCOPE[f.role] === 'SERVICE');
  const mixed = serviceRoles.length > 0 && serviceRoles.length < facetsOf(ctx.principal).length;
  const ownMunicipalityFirst = !serviceRoles.length;
  // One wave: the report and the municipality the file is for.
  const [report, [first]] = await Promise.all([
    id ? ctx.loaders.byId(CostReport).load(id) : null,
    ownMunicipalityFirst ? ctx.loaders.list(Municipality, { id: ownScope(ctx, 'MUNICIPALITY') }) : municipalityNumber ? ctx.loaders.list(Municipality, { number: municipalityNumber }) : [],
  ]);
  if (!report) throw notFound({ key: 'costs.notFound.costReport' });
  const municipal = ownMunicipalityFirst || (mixed && !serviceRoles.some((f) => actsAt(f, report.serviceId)));
  const municipality = municipal && !ownMunicipalityFirst ? ((await ctx.loaders.byId(Municipality).load(ownScope(ctx, 'MUNICIPALITY'))) ?? undefined) : first;
  if (!municipal && !municipalityNumber) throw badInput('municipality', 'required', { key: 'costs.errors.exportNameMunicipality' });
  if (municipal) requireScope(!municipalityNumber || municipalityNumber === municipality?.number, { key: 'costs.errors.exportOwnMunicipalityOnly' });
  if (!municipality || !report.ownerMunicipalityIds.includes(municipality.id)) throw notFound({ key: 'costs.notFound.ownerMunicipality', params: { number: municipalityNumber ?? '' } });

  // Every label the file shows comes from the version's labels: frozen at publication (export-snapshot.ts).
  const [labels, lines] = await Promise.all([exportLabels(ctx, report), ctx.loaders.list(CostReportLine, { reportId: report.id }, { position: 'ASC' })]);
  const owner = labels.municipalities[municipality.id] ?? { name: municipality.name, number: municipality.number };
  const categoryName = (id: string) => labels.categories[id]?.name ?? '';
  const funksjonOf = (id: string) => [...new Set(labels.categories[id]?.funksjon ?? [])].sort().join(', ');
  const own = lines.filter((l) => l.municipalityId === municipality.id);
  const ownTotal = own.find((l) => l.categoryId === null)!;
  const grand = lines.find((l) => l.municipalityId === null && l.categoryId === null)!;
  const row = (label: string, funksjon: string, l: CostReportLine, bold = false) => ({
    label,
    funksjon,
    bold,
    deviationBp: l.deviationBp,
    amounts: [l.budgetYearOre, l.budgetYtdOre, l.actualYtdOre, l.forecastOre, l.deviationOre],
  });
  const month = Number(report.period.slice(5, 7));
  const facts: [string, string][] = [
    ['Kostnadsrapport', labels.service.name],
    ['Periode', `${report.period} (hittil i år: januar–${MONTHS_NO[month - 1]})`],
    ['Versjon', String(report.version)],
    ['Status', STATUS_NO[report.status]],
    ...(report.publishedAt ? [['Publisert', report.publishedAt.toISOString()] as [string, string]] : []),
    ...(report.correctionReason ? [['Korrigerer forrige versjon', report.correctionReason] as [string, string]] : []),
    ['Kommune', `${owner.name} (${owner.number})`],
    ['Andel av felleskostnader', `${percent(ownTotal.sharePpm === null ? null : Math.round(ownTotal.sharePpm / 100))} %`],
    [`Innbyggere 0–17 år 1.1.${report.populationYear}`, String(ownTotal.population ?? '')],
    ['Fordelingsnøkkel', labels.agreement ? `${percent(labels.agreement.equalShareBp)} % likt, ${percent(labels.agreement.populationShareBp)} % etter innbyggere 0–17 år` : ''],
    ['Belastes kommunen direkte', labels.directCategoryIds.map(categoryName).sort().join(', ')],
    ['Prognosemetode', 'Regnskap hittil i år × årsbudsjett ÷ budsjett hittil i år (budsjettprofil)'],
    ['Innhold (SHA-256)', report.contentSha256],
    ...(report.note ? [['Merknad', report.note] as [string, string]] : []),
  ];
  return {
    filename: `kostnadsrapport-${labels.service.code}-${report.period}-v${report.version}-${owner.number}`,
    at: report.publishedAt ?? report.preparedAt,
    facts,
    header: HEADER,
    rows: [
      ...own.filter((l) => l.categoryId !== null).map((l) => row(categoryName(l.categoryId!), funksjonOf(l.categoryId!), l)),
      row(`Sum ${owner.name}`, '', ownTotal, true),
      row('Sum alle eierkommuner', '', grand, true),
    ],
  };
}

export function renderCsv(model: ExportModel): Buffer {
  // Text cells (labels, names, notes, reasons) are neutralised against formula injection; the
  // amounts and the deviation are numbers (src/services/csv.ts).
  const records: CsvCell[][] = [
    ...model.facts.map(([k, v]) => [k, v]),
    [],
    model.header,
    ...model.rows.map((r) => [r.label, r.funksjon, ...r.amounts.map((a) => new CsvNumber(kroner(a, { grouped: false }))), new CsvNumber(percent(r.deviationBp))]),
  ];
  return Buffer.from(spreadsheetCsv(records, { bom: true }), 'utf8');
}

/** Loaded on the first XLSX export: 37 MB that the API's other paths and the import command never need. */
const excel = (): { ExcelJS: typeof ExcelJSModule; JSZip: typeof JSZipModule } => ({ ExcelJS: require('exceljs'), JSZip: require('jszip') });

export async function renderXlsx(model: ExportModel): Promise<Buffer> {
  const { ExcelJS, JSZip } = excel();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Samvirke';
  wb.lastModifiedBy = 'Samvirke';
  wb.created = model.at;
  wb.modified = model.at;
  const ws = wb.addWorksheet('Kostnadsrapport');
  ws.columns = [{ width: 40 }, { width: 16 }, ...model.header.slice(2).map(() => ({ width: 20 }))];
  for (const [k, v] of model.facts) ws.addRow([k, v]).getCell(1).font = { bold: true };
  ws.addRow([]);
  ws.addRow(model.header).font = { bold: true };
  for (const r of model.rows) {
    // Kroner as a decimal number (exact decimal text in the file for amounts below 10^13 kr).
    const added = ws.addRow([r.label, r.funksjon, ...r.amounts.map((a) => Number(kronerDecimal(a))), r.deviationBp === null ? null : r.deviationBp / 100]);
    for (let c = 3; c <= 7; c++) added.getCell(c).numFmt = '#,##0.00';
    added.getCell(8).numFmt = '0.00" %"';
    if (r.bold) added.font = { bold: true };
  }
  // exceljs dates every zip entry with the clock; rewritten with the report's date, so a version
  // always exports to the same bytes.
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const out = new JSZip();
  for (const [name, file] of Object.entries(zip.files)) if (!file.dir) out.file(name, await file.async('uint8array'), { date: model.at, createFolders: false });
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export async function exportCostReport(
  ctx: Context,
  reportGlobalId: string,
  municipalityNumber: string | undefined,
  format: ExportFormat,
): Promise<{ filename: string; contentType: string; body: Buffer }> {
  const model = await exportModel(ctx, reportGlobalId, municipalityNumber);
  return format === 'csv'
    ? { filename: `${model.filename}.csv`, contentType: 'text/csv; charset=utf-8', body: renderCsv(model) }
    : { filename: `${model.filename}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await renderXlsx(model) };
}
