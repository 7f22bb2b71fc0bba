import { EntityManager } from 'typeorm';
import { AlertSource, CostAlert, CostReport, CostReportLine, CostReportStatus, ForecastMethod } from '../../entities/costs';
import { SharedService } from '../../entities/reference/shared-service';
import { defineMutation } from '../mutation';
import { Message } from '../../i18n';
import { reject, RuleCheck, userError, UserErrorCode, UserErrorsException } from '../user-errors';
import { LineFigures, lineKey } from './alert-rules';
import { raiseAlertsFor } from './alerts';
import { ByReport, ReportPreparation } from './args';
import { storeExportLabels } from './export-snapshot';
import { HOST_FINANCE, ownServiceRow, PERIOD, serviceInScope } from './guard';
import { computeReportFor, ReportBasis } from './report-data';
import { kroner } from './format';
import { ComputedLine, ComputedReport, MAX_LINE_ORE, overflowingLine } from './report-math';

/**
 * The report lifecycle: HOST_FINANCE prepares a DRAFT version of a month (computed from the ledger,
 * budgets, agreement, owners and populations), and publishes it. A published version never changes
 * (RLS has no UPDATE/DELETE policy for it; a trigger refuses it too). A correction is a new version
 * of the same month that supersedes the published one, with a required reason.
 */

/** The versions of a month, newest first. */
async function versionsOf(tx: EntityManager, serviceId: string, period: string): Promise<CostReport[]> {
  return tx.getRepository(CostReport).find({ where: { serviceId, period }, order: { version: 'DESC' } });
}

const latestPublished = (versions: CostReport[]) => versions.find((v) => v.status === CostReportStatus.PUBLISHED) ?? null;

function lineRows(report: CostReport, lines: ComputedLine[]): Partial<CostReportLine>[] {
  return lines.map((l) => ({
    regionId: report.regionId,
    serviceId: report.serviceId,
    reportId: report.id,
    municipalityId: l.municipalityId,
    categoryId: l.categoryId,
    position: l.position,
    population: l.population,
    sharePpm: l.sharePpm,
    budgetYearOre: String(l.budgetYear),
    budgetYtdOre: String(l.budgetYtd),
    actualYtdOre: String(l.actualYtd),
    forecastOre: String(l.forecast),
    deviationOre: String(l.deviation),
    deviationBp: l.deviationBp,
  }));
}

/** Computes the month, or reports on `field` what keeps it from being computed. */
async function compute(tx: EntityManager, service: SharedService, period: string) {
  const { basis, report } = await computeReportFor(tx, service, Number(period.slice(0, 4)), Number(period.slice(5, 7)));
  if (!report) throw new UserErrorsException(basis.problems.map((p) => userError('period', p.key, p.params, UserErrorCode.INVALID)));
  const overflow = overflowProblem(basis, period, report.lines);
  if (overflow) reject('period', overflow.key, overflow.params, UserErrorCode.INVALID);
  return { basis, report };
}

/**
 * Why a month's figures do not fit a report line (each within ±10^15 øre), naming the month, the
 * category and the municipality; or null when they fit.
 */
export function overflowProblem(basis: Pick<ReportBasis, 'categories' | 'municipalities'>, period: string, lines: readonly ComputedLine[]): Message | null {
  const found = overflowingLine(lines);
  if (!found) return null;
  const { line, field, value } = found;
  const category = line.categoryId ? basis.categories.find((c) => c.id === line.categoryId) : undefined;
  const municipality = line.municipalityId ? basis.municipalities.find((m) => m.id === line.municipalityId) : undefined;
  const params = {
    period,
    figure: { key: `costs.figure.${field}` as const },
    amount: kroner(value),
    max: kroner(MAX_LINE_ORE),
    year: period.slice(0, 4),
    category: category ? `${category.code} ${category.name}` : '',
    municipality: municipality ? `${municipality.name} (${municipality.number})` : '',
  };
  const key = category ? (municipality ? 'costs.lineOverflowCategoryMunicipality' : 'costs.lineOverflowCategory') : municipality ? 'costs.lineOverflowMunicipality' : 'costs.lineOverflow';
  return { key, params };
}

export interface DraftSpec {
  service: SharedService;
  period: string;
  /** The published version the draft corrects, if any. */
  published: CostReport | null;
  correctionReason: string | null;
  note: string | null;
  by: string;
}

/** Stores a computed month as a DRAFT version with its lines (mutations and the demo seed alike). */
export async function insertDraft(tx: EntityManager, spec: DraftSpec, basis: ReportBasis, computed: ComputedReport): Promise<CostReport> {
  const repo = tx.getRepository(CostReport);
  const report = repo.create({
    regionId: spec.service.regionId,
    serviceId: spec.service.id,
    period: spec.period,
    version: (spec.published?.version ?? 0) + 1,
    status: CostReportStatus.DRAFT,
    supersedesId: spec.published?.id ?? null,
    correctionReason: spec.published ? spec.correctionReason : null,
    agreementId: basis.agreementId,
    populationYear: basis.input.year,
    ownerMunicipalityIds: basis.municipalities.map((m) => m.id),
    forecastMethod: ForecastMethod.RUN_RATE_BUDGET_PROFILE,
    contentSha256: computed.contentSha256,
    note: spec.note,
    preparedBy: spec.by,
    publishedAt: null,
    publishedBy: null,
  });
  await repo.insert(report);
  await tx.getRepository(CostReportLine).insert(lineRows(report, computed.lines));
  return repo.findOneByOrFail({ id: report.id });
}

/** DRAFT → PUBLISHED, then the alert rules on its lines. Returns the report and the alerts raised. */
export async function markPublished(
  tx: EntityManager,
  draft: CostReport,
  service: SharedService,
  lines: readonly ComputedLine[],
  by: string,
  at = new Date(),
): Promise<{ report: CostReport; alerts: CostAlert[] }> {
  const repo = tx.getRepository(CostReport);
  // Only while it is a draft: the draft's row is locked first, so of two concurrent publications the
  // second waits for the first, then finds no draft left (READ COMMITTED re-checks the condition)
  // and is refused, before it writes anything (its labels could not be stored: the labels' policy
  // admits them only for a draft).
  const stillDraft = await repo.createQueryBuilder('r').setLock('pessimistic_write').where('r.id = :id AND r.status = :draft', { id: draft.id, draft: CostReportStatus.DRAFT }).getExists();
  if (!stillDraft) reject('reportId', 'costs.versionPublishedDiscardedMeanwhile', { version: draft.version, period: draft.period }, UserErrorCode.CONFLICT);
  await storeExportLabels(tx, draft.id); // the labels its exports show, frozen with it (export-snapshot.ts)
  await repo.update({ id: draft.id }, { status: CostReportStatus.PUBLISHED, publishedAt: at, publishedBy: by }); // still the locked draft
  const report = await repo.findOneByOrFail({ id: draft.id });
  const previous = await previousLines(tx, report.serviceId, report.period, { supersedesId: report.supersedesId });
  const alerts = await raiseAlertsFor(tx, { service, period: report.period, source: AlertSource.PUBLICATION, reportId: report.id }, lines, previous);
  return { report, alerts };
}

/**
 * Prepares (or re-prepares) the DRAFT of a month. When a version of the month is published, the
 * draft is a correction: it needs a reason and must change something.
 */
export const prepareCostReport = defineMutation({
  name: 'prepareCostReport',
  roles: HOST_FINANCE,
  action: 'Preparing a cost report',
  async run({ tx, ctx, audit }, input: ReportPreparation) {
    const service = await serviceInScope(tx, ctx, input.serviceId);
    if (!PERIOD.test(input.period)) reject('period', 'costs.monthYyyyMmE');
    const versions = await versionsOf(tx, service.id, input.period);
    const published = latestPublished(versions);
    const reason = input.correctionReason?.trim() || null;
    const rules = new RuleCheck();
    if (published && !reason) rules.add(userError('correctionReason', 'costs.versionPublishedNewVersion', { version: published.version, period: input.period }));
    if (!published && reason) rules.add(userError('correctionReason', 'costs.nothingPublishedSoThere', { period: input.period }));
    rules.throwIfAny();
    const { basis, report: computed } = await compute(tx, service, input.period);
    if (published && published.contentSha256 === computed.contentSha256) {
      reject('period', 'costs.figuresThosePublishedVersion', { version: published.version }, UserErrorCode.CONFLICT);
    }
    const draft = versions.find((v) => v.status === CostReportStatus.DRAFT);
    if (draft) await tx.getRepository(CostReport).delete({ id: draft.id });
    const report = await insertDraft(tx, { service, period: input.period, published, correctionReason: reason, note: input.note?.trim() || null, by: ctx.principal.subject }, basis, computed);
    await audit({
      entity: 'CostReport',
      entityId: report.id,
      concerns: report.ownerMunicipalityIds,
      before: draft ?? null,
      after: { period: report.period, version: report.version, status: report.status, contentSha256: report.contentSha256, correctionReason: report.correctionReason },
    });
    return { report };
  },
});

/**
 * DRAFT → PUBLISHED. The figures are computed again first: if anything changed since the draft was
 * prepared (a ledger import, a budget), publishing is refused, so what is published is exactly what
 * was reviewed. Publishing evaluates the alert rules.
 */
export const publishCostReport = defineMutation({
  name: 'publishCostReport',
  roles: HOST_FINANCE,
  action: 'Publishing a cost report',
  async run({ tx, ctx, audit }, input: ByReport) {
    const before = await ownServiceRow(tx, ctx, CostReport, input.reportId, 'reportId', 'cost report');
    if (before.status !== CostReportStatus.DRAFT) reject('reportId', 'costs.versionPublishedImmutablePrepare', { version: before.version, period: before.period }, UserErrorCode.IMMUTABLE);
    const service = await tx.getRepository(SharedService).findOneByOrFail({ id: before.serviceId });
    const { report: computed } = await compute(tx, service, before.period);
    if (computed.contentSha256 !== before.contentSha256) {
      reject('reportId', 'costs.figuresChangedSinceDraft', {}, UserErrorCode.CONFLICT);
    }
    const { report, alerts } = await markPublished(tx, before, service, computed.lines, ctx.principal.subject);
    await audit({ entity: 'CostReport', entityId: report.id, concerns: report.ownerMunicipalityIds, before, after: { ...report, alerts: alerts.map((a) => a.id) } });
    return { report, alerts };
  },
});

/** Deletes a draft (a published version can never be deleted). */
export const discardCostReportDraft = defineMutation({
  name: 'discardCostReportDraft',
  roles: HOST_FINANCE,
  action: 'Discarding a cost report draft',
  async run({ tx, ctx, audit }, input: ByReport) {
    const report = await ownServiceRow(tx, ctx, CostReport, input.reportId, 'reportId', 'cost report');
    if (report.status !== CostReportStatus.DRAFT) reject('reportId', 'costs.versionPublishedNeverDeleted', { version: report.version, period: report.period }, UserErrorCode.IMMUTABLE);
    await tx.getRepository(CostReport).delete({ id: report.id });
    await audit({ entity: 'CostReport', entityId: report.id, concerns: report.ownerMunicipalityIds, before: report, after: null });
    return { reportId: report.nodeId };
  },
});

/**
 * The lines of the published report new figures are compared with (alert rules): the version a
 * correction supersedes; else the latest published report of an earlier month of the same year
 * (for live figures after an import: of the same month too).
 */
export async function previousLines(
  tx: EntityManager,
  serviceId: string,
  period: string,
  options: { supersedesId?: string | null; sameMonth?: boolean } = {},
): Promise<Map<string, LineFigures> | null> {
  const rows: { id: string }[] = options.supersedesId
    ? [{ id: options.supersedesId }]
    : await tx.query(
        `SELECT id FROM cost_report WHERE service_id = $1 AND status = 'PUBLISHED' AND period ${options.sameMonth ? '<=' : '<'} $2 AND period >= $3
        ORDER BY period DESC, version DESC LIMIT 1`,
        [serviceId, period, `${period.slice(0, 4)}-01`],
      );
  if (!rows.length) return null;
  const lines = await tx.getRepository(CostReportLine).findBy({ reportId: rows[0].id });
  return new Map(
    lines
      .filter((l) => l.municipalityId && l.categoryId)
      .map((l) => [
        lineKey(l.municipalityId!, l.categoryId!),
        {
          municipalityId: l.municipalityId!,
          categoryId: l.categoryId!,
          budgetYtd: BigInt(l.budgetYtdOre),
          actualYtd: BigInt(l.actualYtdOre),
          forecast: BigInt(l.forecastOre),
        },
      ]),
  );
}
