import { EntityManager } from 'typeorm';
import { holds, PUBLIC_PRINCIPAL, Role } from '../../auth/roles';
import { Context, nowOf, todayOf } from '../../context';
import { StateReport, StateReportSectionKey, StateReportStatus } from '../../entities/dashboards';
import { Municipality } from '../../entities/reference/municipality';
import { SharedService } from '../../entities/reference/shared-service';
import { badInput } from '../../errors';
import { idOfType, toGlobalId } from '../../global-id';
import { ReadRule, requireRead, requireScope, sqlScopesOf } from '../access';
import { complianceOf, serviceForumReport } from '../fora/insights';
import { findByGlobalId } from '../lookup';
import { defineMutation } from '../mutation';
import { PageRequest, pageWindow, toConnection } from '../paging';
import { assertKommunenummer } from '../reference/kommunenummer';
import { reject, UserErrorCode } from '../user-errors';
import { ByStateReport, StateReportFilter, StateReportPreparation, StateReportSectionText } from './args';
import { lineWithChange, plansOf, recentCostFigures, statisticsTrend, StatisticsRowView } from './dashboards';
import { dashboardPeriod } from './figures';
import { complianceByKind, contentSha256, MAX_SECTION_LENGTH, REPORT_TREND_YEARS, reportYear, ReportStatisticsRow, StateReportFigures, withSection } from './state-report-figures';

/**
 * The yearly state-of-service report (tilstandsrapport; docs/dashboards.md): the service leader
 * prepares a draft per owner municipality and year from the dashboards' own functions (so its
 * figures are the dashboards'), writes the narrative sections, and publishes it; a published
 * version never changes (the trigger of 1733820000000-dashboards-state-reports refuses it too).
 */

export const STATE_REPORT_WRITERS = [Role.SERVICE_LEADER];
const MUNICIPAL_READERS = [Role.MUNICIPAL_DIRECTOR, Role.MUNICIPAL_FINANCE, Role.AUDITOR];

/** The service's leader every version; the owner municipality's director, finance and auditor published versions; the region admin all (RLS says the same). */
export const READ_STATE_REPORTS: ReadRule<{ serviceId: string; municipalityId: string; status: StateReportStatus }> = {
  action: 'Reading state-of-service reports',
  roles: [Role.REGION_ADMIN, Role.SERVICE_LEADER, ...MUNICIPAL_READERS],
  wholeRegion: [Role.REGION_ADMIN],
  row: (ctx, r) => holds(ctx.principal, Role.SERVICE_LEADER, r.serviceId) || (r.status === StateReportStatus.PUBLISHED && holds(ctx.principal, MUNICIPAL_READERS, r.municipalityId)),
  auditSnapshot: (s) =>
    `((${s}->>'serviceId') = ANY (${sqlScopesOf([Role.SERVICE_LEADER])}) OR (${s}->>'status') = '${StateReportStatus.PUBLISHED}' AND (${s}->>'municipalityId') = ANY (${sqlScopesOf(MUNICIPAL_READERS)}))`,
};

const toReportRow = (r: StatisticsRowView): ReportStatisticsRow => ({
  metricCode: r.metric.code,
  metricName: r.metric.name,
  period: r.period,
  value: r.value,
  suppressed: r.suppressed,
  reason: r.reason ?? null,
  per1000Aged0To17: r.per1000Aged0To17,
  changeFromPreviousYear: r.changeFromPreviousYear,
});

/**
 * The figures of a municipality's report for a year, from the dashboards' functions: activity
 * statistics as the public sees them (the leader's true counts never enter a report to the
 * council), the newest published cost report of the year, the municipality's seats in the
 * service's fora in the year's two terms, and the service's adopted plans in the municipality.
 * The parts are read in parallel: a fixed number of statements whatever the data size.
 */
export async function stateReportFigures(ctx: Context, service: SharedService, municipality: Municipality, year: number, asOf: string, month: string): Promise<StateReportFigures> {
  // As the public: statisticsTrend judges the view by the caller, and the publication is what the council may read.
  const asPublic: Context = { ...ctx, principal: PUBLIC_PRINCIPAL };
  const serviceGlobalId = toGlobalId('SharedService', service.id);
  const terms = [`${year}-SPRING`, `${year}-AUTUMN`];
  const period = dashboardPeriod(month, todayOf(ctx));
  const [statistics, costs, fora, plans, compliance] = await Promise.all([
    statisticsTrend(asPublic, service, year - REPORT_TREND_YEARS + 1, year, null, [municipality.id]),
    recentCostFigures(ctx, [service.id], period),
    Promise.all(terms.map((term) => serviceForumReport(ctx, term, serviceGlobalId))),
    plansOf(ctx, { serviceId: service.id }, [municipality.id], asOf),
    // The owner's fora compliance in the term in force on asOf, computed as forumCompliance computes it and read
    // with the service leader's rights (the fora's structure rows; docs/permissions.md): counts only.
    complianceOf(ctx, municipality, period.term),
  ]);
  const costFigures = costs.get(service.id)!;
  const { line } = lineWithChange(costFigures, municipality.id);
  const report = costFigures.latest?.report;
  return {
    service: { name: service.name, kind: service.kind },
    municipality: { number: municipality.number, name: municipality.name },
    year,
    asOf,
    statistics: {
      view: statistics.view,
      suppression: { min: statistics.suppression.min, max: statistics.suppression.max },
      from: statistics.from,
      to: statistics.to,
      rows: statistics.rows.map(toReportRow),
      cooperation: statistics.cooperation.map(toReportRow),
    },
    costs:
      line && report
        ? {
            reportPeriod: report.period,
            reportVersion: report.version,
            budgetYearOre: String(line.budgetYearOre),
            budgetYtdOre: String(line.budgetYtdOre),
            actualYtdOre: String(line.actualYtdOre),
            forecastOre: String(line.forecastOre),
            deviationOre: String(line.deviationOre),
          }
        : null,
    fora: fora.map((f, i) => ({
      term: terms[i],
      label: f.period.label,
      from: f.period.from,
      to: f.period.to,
      attendance: f.attendance
        .filter((a) => a.municipality?.id === municipality.id)
        .map((a) => ({ kindCode: a.kind.code, kindName: a.kind.name, meetingsHeld: a.meetingsHeld, expected: a.expected, present: a.present, rate: a.rate })),
    })),
    foraCompliance: {
      term: period.term,
      label: compliance.period.label,
      from: compliance.period.from,
      to: compliance.period.to,
      kinds: complianceByKind(compliance.forums, compliance.missingForums),
      mandatoryExpected: compliance.summary.mandatoryExpected,
      mandatoryPresent: compliance.summary.mandatoryPresent,
      mandatoryAttendanceRate: compliance.summary.mandatoryAttendanceRate,
    },
    plans: plans
      .map((p) => ({ p, own: p.implementation.find((i) => i.municipality.id === municipality.id) }))
      .filter(({ own }) => own)
      .map(({ p, own }) => ({
        planId: toGlobalId('StrategicPlan', p.plan.id),
        title: p.plan.title,
        measureCount: own!.measureCount,
        counts: own!.counts.map((c) => ({ status: String(c.status), count: c.count, share: c.share })),
        overdueMilestones: p.overdueMilestones.map((m) => ({ title: m.milestone.title, dueBy: m.dueBy, status: String(m.status) })),
        expiry: { periodEnd: p.expiry.periodEnd, state: String(p.expiry.state), monthsLeft: p.expiry.monthsLeft, flagged: p.expiry.flagged },
      })),
  };
}

/** Did the municipality own the service on some day from `from` to `to`? */
async function ownedDuring(tx: EntityManager, serviceId: string, municipalityId: string, from: string, to: string): Promise<boolean> {
  const [row]: { owned: boolean }[] = await tx.query(
    `SELECT EXISTS (SELECT 1 FROM ownership_period p JOIN ownership_period_owner o ON o.period_id = p.id
       WHERE p.service_id = $1 AND o.municipality_id = $2 AND p.valid_from <= $4::date AND (p.valid_to IS NULL OR p.valid_to >= $3::date)) AS owned`,
    [serviceId, municipalityId, from, to],
  );
  return row.owned;
}

/** What an audit record keeps of a report (its figures are in the row; the sections' texts are kept). */
const auditView = (r: StateReport) => ({
  serviceId: r.serviceId,
  municipalityId: r.municipalityId,
  year: r.year,
  version: r.version,
  status: r.status,
  figuresAsOf: r.figuresAsOf,
  sections: r.sections,
  contentSha256: r.contentSha256,
});

/** A report of the caller's own service (another region's: NOT_FOUND; another service's: FORBIDDEN), locked, and still a draft (else IMMUTABLE). */
async function ownDraft(tx: EntityManager, ctx: Context, reportId: string): Promise<StateReport> {
  const found = await findByGlobalId(tx, StateReport, reportId, 'reportId', 'state-of-service report');
  requireScope(holds(ctx.principal, Role.SERVICE_LEADER, found.serviceId), { key: 'dashboards.errors.stateReportLeaderOnly' });
  const immutable = (r: StateReport) => reject('reportId', 'dashboards.reportPublished', { version: r.version, year: r.year, next: r.version + 1 }, UserErrorCode.IMMUTABLE);
  if (found.status !== StateReportStatus.DRAFT) immutable(found);
  // Locked while a draft (RLS lets the leader lock drafts only): of two concurrent publications the second finds none.
  const report = await tx
    .getRepository(StateReport)
    .createQueryBuilder('r')
    .setLock('pessimistic_write')
    .where('r.id = :id AND r.status = :draft', { id: found.id, draft: StateReportStatus.DRAFT })
    .getOne();
  if (!report) immutable(found);
  return report!;
}

/**
 * Creates the draft of a municipality's report for a year, or refreshes the figures of its draft
 * (the sections stay). After a publication, the next version.
 */
export const prepareStateReport = defineMutation({
  name: 'prepareStateReport',
  roles: STATE_REPORT_WRITERS,
  action: 'Preparing a state-of-service report',
  async run({ tx, ctx, audit }, input: StateReportPreparation) {
    const service = await findByGlobalId(tx, SharedService, input.serviceId, 'serviceId', 'shared service');
    requireScope(holds(ctx.principal, Role.SERVICE_LEADER, service.id), { key: 'dashboards.errors.stateReportPrepareLeaderOnly' });
    const when = reportYear(input.year, todayOf(ctx));
    if ('problem' in when) reject('year', when.problem, when.params);
    const municipality = await tx.getRepository(Municipality).findOneBy({ number: input.municipalityNumber });
    if (!municipality) reject('municipalityNumber', 'reference.noSuchMunicipality', { n: input.municipalityNumber }, UserErrorCode.NOT_FOUND);
    if (!(await ownedDuring(tx, service.id, municipality.id, `${when.year}-01-01`, when.asOf)))
      reject('municipalityNumber', 'dashboards.reportNotOwner', { name: municipality.name, number: municipality.number, service: service.name, year: when.year });
    const figures = await stateReportFigures(ctx, service, municipality, when.year, when.asOf, when.month);
    const repo = tx.getRepository(StateReport);
    const versions = await repo.find({ where: { serviceId: service.id, municipalityId: municipality.id, year: when.year }, order: { version: 'DESC' } });
    const draft = versions.find((v) => v.status === StateReportStatus.DRAFT) ?? null;
    const at = nowOf(ctx);
    let id: string;
    if (draft) {
      await repo.update({ id: draft.id }, { figures, figuresAsOf: when.asOf, preparedAt: at, preparedBy: ctx.principal.subject });
      id = draft.id;
    } else {
      const created = repo.create({
        regionId: service.regionId,
        serviceId: service.id,
        municipalityId: municipality.id,
        year: when.year,
        version: (versions[0]?.version ?? 0) + 1,
        status: StateReportStatus.DRAFT,
        figures,
        figuresAsOf: when.asOf,
        sections: {},
        preparedAt: at,
        preparedBy: ctx.principal.subject,
        publishedAt: null,
        publishedBy: null,
        contentSha256: null,
      });
      await repo.insert(created);
      id = created.id;
    }
    const report = await repo.findOneByOrFail({ id });
    await audit({ entity: 'StateReport', entityId: report.id, concerns: [municipality.id], before: draft ? auditView(draft) : null, after: auditView(report) });
    return { report };
  },
});

/** Writes (or, with blank text, removes) a narrative section of a draft. */
export const writeStateReportSection = defineMutation({
  name: 'writeStateReportSection',
  roles: STATE_REPORT_WRITERS,
  action: 'Writing a state-of-service report',
  async run({ tx, ctx, audit }, input: StateReportSectionText) {
    const before = await ownDraft(tx, ctx, input.reportId);
    if (!Object.values(StateReportSectionKey).includes(input.key as StateReportSectionKey)) reject('key', 'dashboards.reportSectionKey');
    if ((input.text ?? '').length > MAX_SECTION_LENGTH) reject('text', 'dashboards.reportSectionTooLong', { max: MAX_SECTION_LENGTH });
    const sections = withSection(before.sections, input.key as StateReportSectionKey, input.text);
    const repo = tx.getRepository(StateReport);
    await repo.update({ id: before.id }, { sections });
    const report = await repo.findOneByOrFail({ id: before.id });
    await audit({ entity: 'StateReport', entityId: report.id, concerns: [report.municipalityId], before: auditView(before), after: auditView(report) });
    return { report };
  },
});

/** DRAFT → PUBLISHED: the figures and sections are frozen, with their SHA-256. */
export const publishStateReport = defineMutation({
  name: 'publishStateReport',
  roles: STATE_REPORT_WRITERS,
  action: 'Publishing a state-of-service report',
  async run({ tx, ctx, audit }, input: ByStateReport) {
    const before = await ownDraft(tx, ctx, input.reportId);
    const repo = tx.getRepository(StateReport);
    await repo.update(
      { id: before.id },
      { status: StateReportStatus.PUBLISHED, publishedAt: nowOf(ctx), publishedBy: ctx.principal.subject, contentSha256: contentSha256(before.figures, before.sections) },
    );
    const report = await repo.findOneByOrFail({ id: before.id });
    await audit({ entity: 'StateReport', entityId: report.id, concerns: [report.municipalityId], before: auditView(before), after: auditView(report) });
    return { report };
  },
});

/** stateReport(id:): null when it does not exist or you may not read it. */
export async function findStateReport(ctx: Context, globalId: string): Promise<StateReport | null> {
  ctx = requireRead(ctx, READ_STATE_REPORTS);
  const id = idOfType(globalId, 'StateReport');
  if (!id) throw badInput('id', 'id', { key: 'common.errors.notIdOf', params: { type: 'StateReport' } });
  const report = await ctx.loaders.byId(StateReport).load(id);
  if (!report) return null;
  if (holds(ctx.principal, Role.REGION_ADMIN) || (await READ_STATE_REPORTS.row!(ctx, report))) return report;
  return null;
}

/** stateReports(serviceId:, municipalityNumber:, year:): newest year first; what RLS and READ_STATE_REPORTS let you read. */
export async function listStateReports(ctx: Context, filter: StateReportFilter) {
  ctx = requireRead(ctx, READ_STATE_REPORTS);
  const window = pageWindow(filter as PageRequest);
  const where: Record<string, unknown> = {};
  if (filter.serviceId) {
    const id = idOfType(filter.serviceId, 'SharedService');
    if (!id) throw badInput('serviceId', 'id', { key: 'common.errors.notIdOf', params: { type: 'SharedService' } });
    where.serviceId = id;
  }
  if (filter.municipalityNumber) {
    assertKommunenummer(filter.municipalityNumber, 'municipalityNumber');
    const [municipality] = await ctx.loaders.list(Municipality, { number: filter.municipalityNumber });
    if (!municipality) return toConnection([], 0, window.offset);
    where.municipalityId = municipality.id;
  }
  if (filter.year !== null && filter.year !== undefined) where.year = filter.year;
  // RLS shows drafts only to the service's leader and the region admin, published versions also to the owner's municipal roles.
  const { rows, total } = await ctx.loaders.page(StateReport, where, { year: 'DESC', version: 'DESC', id: 'ASC' }, window);
  return toConnection(rows, total, window.offset);
}
