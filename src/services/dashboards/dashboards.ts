import { actsAt, facetsOf, Principal, Role, ROLE_SCOPE } from '../../auth/roles';
import { Context, nowOf, todayOf } from '../../context';
import { aggregate, sqlOf } from '../../db/reads';
import { CostAlert, CostReport, CostReportLine, CostReportStatus } from '../../entities/costs';
import { ImplementationStatus, PlanMilestone, PlanVersion, StrategicPlan, StrategicPlanStatus } from '../../entities/plans';
import { Municipality } from '../../entities/reference/municipality';
import { SharedService } from '../../entities/reference/shared-service';
import { StatisticsGroupBy, StatisticsView } from '../../entities/statistics/enums';
import { StatisticsMetric } from '../../entities/statistics/metric';
import { badInput, notFound } from '../../errors';
import { idOfType, toGlobalId } from '../../global-id';
import { requireRole, requireScope } from '../access';
import { OwnedServiceCost, ownedServiceCosts } from '../costs/owned';
import { listCostAlerts } from '../costs/read';
import { osloMonth } from '../dates';
import { ComplianceSummary } from '../fora/compliance';
import { ServiceReport, municipalityCompliance, serviceForumReport } from '../fora/insights';
import { Window } from '../fora/periods';
import { addMonths, milestoneFollowUp, MilestoneFollowUp, PlanExpiry } from '../plans/follow-up';
import { planExpiry } from '../plans/insights';
import { Progress, statusCounts } from '../plans/analysis';
import { planLoaders } from '../plans/read';
import { assertKommunenummer } from '../reference/kommunenummer';
import { activityStatistics, catalogueOfService } from '../statistics/read';
import { rowsWithMetric, StatisticsRowShape } from '../statistics/rows';
import { SuppressionRule } from '../statistics/suppression';
import { countyOf, referenceRates } from '../statistics/reference-areas';
import { ComparisonArgs, MunicipalityDashboardArgs, ServiceDashboardArgs } from './args';
import {
  comparedRate,
  comparisonYears,
  CostChange,
  costChange,
  countStatuses,
  DashboardPeriod,
  dashboardPeriod,
  KEY_METRICS,
  referenceComparison,
  ReferenceComparisonRow,
  StatusCount,
  TREND_YEARS,
  worstStatus,
} from './figures';

/**
 * One query per screen (docs/dashboards.md): each part is computed by the feature's own service
 * (the same figures the feature query answers), called in parallel so that the reads of every
 * part travel in the same waves — a fixed number of statements whatever the data size
 * (test/dashboards/statement-count.test.ts). A part the caller's role may not read by
 * docs/permissions.md is null, and `hidden` says why; it is never read.
 */

export const MUNICIPALITY_DASHBOARD_READERS = [Role.MUNICIPAL_DIRECTOR, Role.MUNICIPAL_FINANCE, Role.AUDITOR];
export const SERVICE_DASHBOARD_READERS = [Role.SERVICE_LEADER, Role.HOST_FINANCE];
export const COMPARISON_READERS = [Role.MUNICIPAL_DIRECTOR, Role.AUDITOR];
/** Months ahead a milestone counts as due soon, and a plan's expiry is flagged. */
export const HORIZON_MONTHS = 6;
/** Open alerts listed per service (the count covers all). */
export const ALERTS_LISTED = 10;

export interface HiddenPart {
  part: string;
  reason: string;
}

/**
 * The caller as its facets of `roles` held at `scopeId` (one municipality or service), each
 * narrowed to that one scope: what the dashboard of that scope is read as. Null when none.
 */
function actingAt(ctx: Context, roles: readonly Role[], scopeId: string): Context | null {
  const facets: Principal[] = facetsOf(ctx.principal)
    .filter((f) => roles.includes(f.role) && actsAt(f, scopeId))
    .map((f) => (ROLE_SCOPE[f.role] === 'MUNICIPALITY' ? { ...f, municipalityId: scopeId } : { ...f, serviceId: scopeId }));
  if (!facets.length) return null;
  if (facets.length === 1) return { ...ctx, principal: facets[0] };
  return { ...ctx, principal: { ...facets[0], grantKeys: ctx.principal.grantKeys, facets } };
}

// ---- costs -------------------------------------------------------------------------------------

export interface CostMonth {
  report: CostReport;
  /** Total lines (all categories): one per owner municipality the caller may read, and the grand total (municipalityId null). */
  lines: CostReportLine[];
}

export interface CostFigures {
  /** The newest published report of the period's year up to the period. */
  latest: CostMonth | null;
  /** The published report of the month before it (same year), for the change. */
  previous: CostMonth | null;
}

/**
 * The two newest published months up to `period` (newest version each) of each service, with their
 * total lines the caller may read (RLS: an owner its own and the grand total). Two reads, one wave.
 */
export async function recentCostFigures(ctx: Context, serviceIds: string[], period: DashboardPeriod): Promise<Map<string, CostFigures>> {
  const out = new Map<string, CostFigures>(serviceIds.map((id) => [id, { latest: null, previous: null }]));
  if (!serviceIds.length) return out;
  const recent = `SELECT x.id FROM (SELECT r.id, dense_rank() OVER (PARTITION BY r.service_id ORDER BY r.period DESC) AS month_rank,
      row_number() OVER (PARTITION BY r.service_id, r.period ORDER BY r.version DESC) AS version_rank
      FROM cost_report r WHERE r.service_id = ANY($1::uuid[]) AND r.status = $2::text AND r.period LIKE $3::text AND r.period <= $4::text) x
    WHERE x.month_rank <= 2 AND x.version_rank = 1`;
  const reportRows = ctx.db.rows(CostReport);
  const lineRows = ctx.db.rows(CostReportLine);
  const reportsSql = sqlOf(reportRows, 'dashboards:recentReports', () => `SELECT ${aggregate(reportRows.json('t'), [])} FROM ${reportRows.table} t WHERE t.id IN (${recent})`);
  const linesSql = sqlOf(
    lineRows,
    'dashboards:recentLines',
    () => `SELECT ${aggregate(lineRows.json('t'), ['t.position ASC'])} FROM ${lineRows.table} t WHERE t.category_id IS NULL AND t.report_id IN (${recent})`,
  );
  const params = [serviceIds, CostReportStatus.PUBLISHED, `${period.year}-%`, period.month];
  const [reports, lines] = await Promise.all([
    ctx.loaders.readRows(CostReport, { sql: reportsSql, params }).then((found) => found.map((r) => r.row)),
    ctx.loaders.readRows(CostReportLine, { sql: linesSql, params }).then((found) => found.map((r) => r.row)),
  ]);
  for (const id of serviceIds) {
    const [latest, previous] = reports.filter((r) => r.serviceId === id).sort((a, b) => b.period.localeCompare(a.period));
    const month = (report: CostReport | undefined) => (report ? { report, lines: lines.filter((l) => l.reportId === report.id) } : null);
    out.set(id, { latest: month(latest), previous: month(previous) });
  }
  return out;
}

const figuresOf = (line: CostReportLine | undefined) =>
  line ? { budgetYtdOre: String(line.budgetYtdOre), actualYtdOre: String(line.actualYtdOre), forecastOre: String(line.forecastOre), deviationOre: String(line.deviationOre) } : null;

/** A municipality's line (null: the grand total) of a month and its change since the month before. */
export function lineWithChange(figures: CostFigures, municipalityId: string | null): { line: CostReportLine | null; change: CostChange | null } {
  const find = (m: CostMonth | null) => m?.lines.find((l) => l.municipalityId === municipalityId);
  const line = find(figures.latest) ?? null;
  const before = find(figures.previous);
  return { line, change: costChange(figuresOf(line ?? undefined), before && figures.previous ? { ...figuresOf(before)!, period: figures.previous.report.period } : null) };
}

export interface OpenAlerts {
  count: number;
  newest: CostAlert[];
}

/** Open (unacknowledged) alerts of each service, as costAlerts(acknowledged: false, serviceId:) answers the caller: one wave. */
async function openAlerts(ctx: Context, serviceIds: string[]): Promise<Map<string, OpenAlerts>> {
  const pages = await Promise.all(serviceIds.map((id) => listCostAlerts(ctx, { serviceId: toGlobalId('SharedService', id), acknowledged: false, first: ALERTS_LISTED })));
  return new Map(serviceIds.map((id, i) => [id, { count: pages[i].totalCount, newest: pages[i].edges.map((e) => e.node) }]));
}

// ---- statistics --------------------------------------------------------------------------------

export interface StatisticsRowView extends StatisticsRowShape {
  metric: StatisticsMetric;
}

export interface StatisticsTrend {
  view: StatisticsView;
  suppression: SuppressionRule;
  metrics: StatisticsMetric[];
  from: string;
  to: string;
  /** Per municipality and year (the municipalities the dashboard is about). */
  rows: StatisticsRowView[];
  /** The cooperation as a whole (every municipality of the service), per year. */
  cooperation: StatisticsRowView[];
}

/** The key metrics of the service's kind that its catalogue has (unless `asked`). */
async function metricsOf(ctx: Context, service: SharedService, asked: string[] | null | undefined): Promise<string[]> {
  if (asked?.length) return asked;
  const catalogue = await catalogueOfService(ctx, service);
  const key = KEY_METRICS[service.kind] ?? [];
  const known = catalogue.filter((m) => key.includes(m.code)).map((m) => m.code);
  return known.length ? known : catalogue.slice(0, 4).map((m) => m.code);
}

/**
 * activityStatistics grouped by municipality and year, as the caller may see it (suppression as
 * for any reader; rates per 1,000 aged 0–17 only where the count is shown), rows narrowed to
 * `municipalityIds` (all when null).
 */
export async function statisticsTrend(ctx: Context, service: SharedService, from: number, to: number, asked: string[] | null | undefined, municipalityIds: string[] | null): Promise<StatisticsTrend> {
  const metrics = await metricsOf(ctx, service, asked);
  const result = await activityStatistics(ctx, {
    serviceId: toGlobalId('SharedService', service.id),
    from: String(from),
    to: String(to),
    groupBy: [StatisticsGroupBy.MUNICIPALITY, StatisticsGroupBy.YEAR],
    metrics,
  });
  // Converted once per answer (rowsWithMetric: an answer from the statistics answer cache is the
  // same object each time), not once per request: shared, so read here and never changed.
  const rows = rowsWithMetric(result.rows, result.metrics);
  const wanted = municipalityIds ? new Set(municipalityIds) : null;
  return {
    view: result.view,
    suppression: result.suppression,
    metrics: result.metrics,
    from: result.from,
    to: result.to,
    rows: wanted ? rows.filter((r) => r.municipalityId !== null && wanted.has(r.municipalityId)) : rows,
    cooperation: rowsWithMetric(result.totals, result.metrics),
  };
}

// ---- plans -------------------------------------------------------------------------------------

/** Implementation of a plan's measures in one municipality (the plans feature's Progress.perMunicipality). */
export type PlanImplementation = Progress['perMunicipality'][number];

export interface DashboardPlan {
  plan: StrategicPlan;
  /** Implementation of the adopted version's measures in each municipality the dashboard is about. */
  implementation: PlanImplementation[];
  /** Not done, due from asOf to HORIZON_MONTHS ahead. */
  milestonesDue: MilestoneFollowUp[];
  overdueMilestones: MilestoneFollowUp[];
  expiry: PlanExpiry;
}

/** Per municipality and status: how many of a version's measures have an implementation row of that status there. */
const IMPLEMENTATION_COUNTS = `SELECT json_build_object(
    'measures', (SELECT count(*)::int FROM plan_measure WHERE version_id = $1::uuid),
    'rows', coalesce((SELECT json_agg(json_build_object('municipalityId', c.municipality_id, 'status', c.status, 'count', c.n))
      FROM (SELECT i.municipality_id, i.status, count(*)::int AS n FROM measure_implementation i JOIN plan_measure m ON m.version_id = $1::uuid AND m.key = i.measure_key
            WHERE i.plan_id = $2::uuid AND i.municipality_id = ANY($3::uuid[]) GROUP BY i.municipality_id, i.status) c), '[]'::json))`;

/**
 * planProgress's `perMunicipality` (the plans feature's `progress`) for the dashboard's
 * municipalities: each measure of the adopted version counted once per municipality under the
 * status of its implementation row there (NOT_STARTED without one), the shares by the plans
 * feature's own `statusCounts`. Counted in SQL (one read) instead of loading the version's measures
 * and every implementation row (a plan of 200 measures in 40 municipalities has 8,000: most of a
 * service dashboard's time otherwise); test/dashboards/agreement.test.ts compares the figures with
 * `progress.perMunicipality`.
 */
async function progressIn(ctx: Context, plan: StrategicPlan, version: PlanVersion | null, municipalityIds: string[]): Promise<PlanImplementation[]> {
  if (!version) return [];
  const [municipalities, counted] = await Promise.all([
    planLoaders.municipalities(ctx, plan.id),
    ctx.db.read<{ measures: number; rows: { municipalityId: string; status: ImplementationStatus; count: number }[] }>({
      sql: IMPLEMENTATION_COUNTS,
      params: [version.id, plan.id, municipalityIds],
    }),
  ]);
  return municipalities
    .filter((m) => municipalityIds.includes(m.id))
    .map((municipality) => {
      const here = counted.rows.filter((r) => r.municipalityId === municipality.id && r.status !== ImplementationStatus.NOT_STARTED);
      const started = here.reduce((n, r) => n + r.count, 0);
      const statuses = [...here.flatMap((r) => Array<ImplementationStatus>(r.count).fill(r.status)), ...Array<ImplementationStatus>(counted.measures - started).fill(ImplementationStatus.NOT_STARTED)];
      return { municipality, measureCount: counted.measures, counts: statusCounts(statuses) };
    });
}

/**
 * The adopted plans that cover the municipality (or the service), with their implementation in the
 * dashboard's municipalities, milestones due soon and overdue on asOf, and expiry — computed by the
 * plans feature's functions (planProgress, milestoneFollowUp, planExpiry), as planFollowUp does.
 */
export async function plansOf(ctx: Context, covers: { municipalityId?: string; serviceId?: string }, municipalityIds: string[], asOf: string): Promise<DashboardPlan[]> {
  const plans = await ctx.loaders.list(StrategicPlan, { status: StrategicPlanStatus.ADOPTED }, { periodEndYear: 'ASC', title: 'ASC', id: 'ASC' });
  const coverage = await Promise.all(
    plans.map(async (plan) => {
      if (covers.municipalityId) return (await planLoaders.municipalities(ctx, plan.id)).some((m) => m.id === covers.municipalityId);
      return (await planLoaders.services(ctx, plan.id)).some((s) => s.id === covers.serviceId);
    }),
  );
  const horizon = addMonths(asOf, HORIZON_MONTHS);
  return Promise.all(
    plans
      .filter((_, i) => coverage[i])
      .map(async (plan) => {
        const version = plan.adoptedVersionId ? await ctx.loaders.byId(PlanVersion).load(plan.adoptedVersionId) : null;
        const [progress, milestones, recorded, expiry] = await Promise.all([
          progressIn(ctx, plan, version, municipalityIds),
          version ? planLoaders.milestones(ctx, version.id) : ([] as PlanMilestone[]),
          planLoaders.milestoneProgress(ctx, plan.id),
          planExpiry(ctx, plan, asOf, HORIZON_MONTHS),
        ]);
        const followUps = milestones.map((m) => milestoneFollowUp(m, recorded, asOf, version?.adoptedOn ?? null));
        const open = (f: MilestoneFollowUp) => f.status !== 'DONE' && f.status !== 'CANCELLED';
        return {
          plan,
          implementation: progress,
          milestonesDue: followUps.filter((f) => open(f) && !f.overdue && f.dueBy !== null && f.dueBy >= asOf && f.dueBy <= horizon),
          overdueMilestones: followUps.filter((f) => f.overdue),
          expiry,
        };
      }),
  );
}

// ---- fora --------------------------------------------------------------------------------------

export interface ForaCompliance {
  period: Window;
  summary: ComplianceSummary;
  /** Fora by their status in the period (the most severe of their cadence windows). */
  forumsByStatus: StatusCount[];
  /** Every cadence window of every forum, by status. */
  cadenceWindows: StatusCount[];
}

async function foraCompliance(ctx: Context, number: string, term: string): Promise<ForaCompliance> {
  const report = await municipalityCompliance(ctx, number, term);
  const windows = report.forums.map((f) => f.cadence.flatMap((c) => c.windows.map((w) => String(w.status))));
  return {
    period: report.period,
    summary: report.summary,
    forumsByStatus: countStatuses(windows.map(worstStatus).filter((s): s is string => s !== null)),
    cadenceWindows: countStatuses(windows.flat()),
  };
}

// ---- municipalityDashboard ---------------------------------------------------------------------

export interface MunicipalServiceSection {
  service: SharedService;
  costs: OwnedServiceCost;
  /** The municipality's total line of the newest published report up to the period, and its change since the month before. */
  ownLine: CostReportLine | null;
  ownChange: CostChange | null;
  /** The month of that report (null: none published this year up to the period). */
  reportPeriod: string | null;
  openAlerts: OpenAlerts;
  statistics: StatisticsTrend;
  /** Per metric and year: the municipality's rate beside the cooperation's, the county's and the country's (SSB's, where imported). */
  references: (ReferenceComparisonRow & { metric: StatisticsMetric })[];
}

export interface MunicipalityDashboard {
  municipality: Municipality;
  period: DashboardPeriod;
  services: MunicipalServiceSection[];
  fora: ForaCompliance | null;
  plans: DashboardPlan[];
  hidden: HiddenPart[];
}

/** municipalityDashboard(number:, period:): MUNICIPAL_DIRECTOR, MUNICIPAL_FINANCE, AUDITOR of that municipality. */
export async function municipalityDashboard(ctx: Context, args: MunicipalityDashboardArgs): Promise<MunicipalityDashboard> {
  ctx = requireRole(ctx, MUNICIPALITY_DASHBOARD_READERS, 'Reading a municipality dashboard');
  assertKommunenummer(args.number, 'number');
  const period = dashboardPeriod(args.period, todayOf(ctx));
  const [municipality] = await ctx.loaders.list(Municipality, { number: args.number });
  if (!municipality) throw notFound({ key: 'common.notFound.municipalityInRegion', params: { number: args.number } });
  const as = actingAt(ctx, MUNICIPALITY_DASHBOARD_READERS, municipality.id);
  requireScope(!!as, { key: 'dashboards.errors.ownMunicipalityOnly', params: { name: municipality.name } });
  const me = as!;
  const hidden: HiddenPart[] = [];
  const mayReadFora = facetsOf(me.principal).some((f) => f.role === Role.MUNICIPAL_DIRECTOR);
  if (!mayReadFora) hidden.push({ part: 'fora', reason: "Fora compliance is read by the municipality's MUNICIPAL_DIRECTOR (and REGION_ADMIN) only (docs/permissions.md, feature fora)." });

  const servicesPart = (async () => {
    const owned = await ownedServiceCosts(me, period.year);
    const ids = owned.map((o) => o.service.id);
    const county = countyOf(municipality.number);
    const [figures, alerts, statistics, areas] = await Promise.all([
      recentCostFigures(me, ids, period),
      openAlerts(me, ids),
      Promise.all(owned.map((o) => statisticsTrend(me, o.service, period.year - TREND_YEARS + 1, period.year, null, [municipality.id]))),
      referenceRates(me, ids, ['0', county], period.year - TREND_YEARS + 1, period.year),
    ]);
    return owned.map((costs, i): MunicipalServiceSection => {
      const f = figures.get(costs.service.id)!;
      const { line, change } = lineWithChange(f, municipality.id);
      const trend = statistics[i];
      const metricOf = new Map(trend.metrics.map((m) => [m.id, m]));
      const references = referenceComparison(
        trend.rows,
        trend.cooperation,
        areas.filter((a) => a.serviceId === costs.service.id),
        county,
      ).map((r) => ({ ...r, metric: metricOf.get(r.metricId)! }));
      return {
        service: costs.service,
        costs,
        ownLine: line,
        ownChange: change,
        reportPeriod: f.latest?.report.period ?? null,
        openAlerts: alerts.get(costs.service.id)!,
        statistics: trend,
        references,
      };
    });
  })();
  const [services, fora, plans] = await Promise.all([
    servicesPart,
    mayReadFora ? foraCompliance(me, municipality.number, period.term) : null,
    plansOf(me, { municipalityId: municipality.id }, [municipality.id], period.asOf),
  ]);
  return { municipality, period, services, fora, plans, hidden };
}

// ---- serviceDashboard --------------------------------------------------------------------------

export interface OwnerCosts {
  municipality: Municipality;
  line: CostReportLine | null;
  change: CostChange | null;
}

export interface ServiceDashboard {
  service: SharedService;
  period: DashboardPeriod;
  owners: Municipality[];
  /** The newest published report of the period's year up to the period (null: none). */
  report: CostReport | null;
  ownerCosts: OwnerCosts[];
  total: { line: CostReportLine | null; change: CostChange | null };
  openAlerts: OpenAlerts;
  statistics: StatisticsTrend;
  foraLoad: ServiceReport | null;
  plans: DashboardPlan[];
  hidden: HiddenPart[];
}

/** The service's owner municipalities on a day (kommunenummer order). */
async function ownersOn(ctx: Context, serviceId: string, day: string): Promise<Municipality[]> {
  const rows = ctx.db.rows(Municipality);
  const sql = sqlOf(
    rows,
    'dashboards:ownersOn',
    () => `SELECT ${aggregate(rows.json('t'), ['t.number ASC'])} FROM ${rows.table} t WHERE t.id IN (SELECT o.municipality_id FROM ownership_period_owner o JOIN ownership_period p ON p.id = o.period_id
      WHERE p.service_id = $1::uuid AND p.valid_from <= $2::date AND (p.valid_to IS NULL OR p.valid_to >= $2::date))`,
  );
  return (await ctx.loaders.readRows(Municipality, { sql, params: [serviceId, day] })).map((r) => r.row);
}

function serviceIdOf(globalId: string): string {
  const id = idOfType(globalId, 'SharedService');
  if (!id) throw badInput('serviceId', 'id', { key: 'common.errors.notIdOf', params: { type: 'SharedService' } });
  return id;
}

/** serviceDashboard(serviceId:, period:): SERVICE_LEADER and HOST_FINANCE of the service. */
export async function serviceDashboard(ctx: Context, args: ServiceDashboardArgs): Promise<ServiceDashboard> {
  ctx = requireRole(ctx, SERVICE_DASHBOARD_READERS, 'Reading a service dashboard');
  const id = serviceIdOf(args.serviceId);
  const period = dashboardPeriod(args.period, todayOf(ctx));
  const as = actingAt(ctx, SERVICE_DASHBOARD_READERS, id);
  requireScope(!!as, { key: 'dashboards.errors.ownServiceOnly' });
  const me = as!;
  const service = await me.loaders.byId(SharedService).load(id);
  if (!service) throw notFound({ key: 'common.notFound.sharedService' });
  const hidden: HiddenPart[] = [
    { part: 'fora compliance', reason: "Each owner's fora compliance is read by its MUNICIPAL_DIRECTOR (and REGION_ADMIN) only (docs/permissions.md, feature fora); the service's part is foraLoad." },
  ];
  const leads = facetsOf(me.principal).some((f) => f.role === Role.SERVICE_LEADER);
  if (!leads) hidden.push({ part: 'foraLoad', reason: 'serviceForumLoad is read by the SERVICE_LEADER (and REGION_ADMIN) only (docs/permissions.md, feature fora).' });
  // The plans need the owners only: they start as soon as the owners are read, beside the other parts.
  const ownersRead = ownersOn(me, id, period.asOf);
  const [owners, figures, alerts, statistics, foraLoad, plans] = await Promise.all([
    ownersRead,
    recentCostFigures(me, [id], period),
    openAlerts(me, [id]),
    statisticsTrend(me, service, period.year - TREND_YEARS + 1, period.year, null, null),
    leads ? serviceForumReport(me, period.term, args.serviceId) : null,
    ownersRead.then((found) =>
      plansOf(
        me,
        { serviceId: id },
        found.map((o) => o.id),
        period.asOf,
      ),
    ),
  ]);
  const f = figures.get(id)!;
  const ownerIds = new Set(owners.map((o) => o.id));
  return {
    service,
    period,
    owners,
    report: f.latest?.report ?? null,
    ownerCosts: owners.map((municipality) => ({ municipality, ...lineWithChange(f, municipality.id) })),
    total: lineWithChange(f, null),
    openAlerts: alerts.get(id)!,
    statistics: { ...statistics, rows: statistics.rows.filter((r) => r.municipalityId !== null && ownerIds.has(r.municipalityId)) },
    foraLoad,
    plans,
    hidden,
  };
}

// ---- municipalityComparison --------------------------------------------------------------------

export interface ComparedRow extends StatisticsRowView {
  /** The municipality's rate ÷ the cooperation's rate of the same metric and year (both shown), two decimals. */
  ratioToCooperation: number | null;
  standsOut: boolean;
}

export interface MunicipalityComparison {
  service: SharedService;
  view: StatisticsView;
  suppression: SuppressionRule;
  metrics: StatisticsMetric[];
  from: string;
  to: string;
  rows: ComparedRow[];
  cooperation: StatisticsRowView[];
}

/** municipalityComparison(serviceId:, metrics:, from:, to:): AUDITOR and MUNICIPAL_DIRECTOR of an owner municipality. */
export async function municipalityComparison(ctx: Context, args: ComparisonArgs): Promise<MunicipalityComparison> {
  ctx = requireRole(ctx, COMPARISON_READERS, 'Comparing the owner municipalities of a service');
  const id = serviceIdOf(args.serviceId);
  const years = comparisonYears(args.from, args.to, osloMonth(nowOf(ctx)).year);
  if (args.metrics && args.metrics.length > 100) throw badInput('metrics', 'size', { key: 'statistics.errors.atMostMetrics', params: { max: 100 } });
  const [service, owners] = await Promise.all([ctx.loaders.byId(SharedService).load(id), ownersOn(ctx, id, todayOf(ctx))]);
  if (!service) throw notFound({ key: 'common.notFound.sharedService' });
  const mine = owners.filter((o) => holds(ctx, o.id));
  requireScope(mine.length > 0, { key: 'dashboards.errors.compareOwnedServiceOnly', params: { name: service.name } });
  const trend = await statisticsTrend(ctx, service, years.from, years.to, args.metrics, null);
  const coop = new Map(trend.cooperation.map((r) => [`${r.metricId} ${r.period}`, r.per1000Aged0To17]));
  const rows = trend.rows.map((r) => {
    const compared = comparedRate(r.per1000Aged0To17, coop.get(`${r.metricId} ${r.period}`) ?? null);
    return { ...r, ratioToCooperation: compared?.ratio ?? null, standsOut: compared?.standsOut ?? false };
  });
  return { service, view: trend.view, suppression: trend.suppression, metrics: trend.metrics, from: trend.from, to: trend.to, rows, cooperation: trend.cooperation };
}

const holds = (ctx: Context, municipalityId: string) => facetsOf(ctx.principal).some((f) => COMPARISON_READERS.includes(f.role) && actsAt(f, municipalityId));
