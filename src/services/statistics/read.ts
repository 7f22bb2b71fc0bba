import { ALL_ROLES, ReadRule } from '../access';
import { holds, Role } from '../../auth/roles';
import { Context } from '../../context';
import { SharedService } from '../../entities/reference/shared-service';
import { StatisticsGroupBy, StatisticsView } from '../../entities/statistics/enums';
import { StatisticsMetric } from '../../entities/statistics/metric';
import { badInput, notFound } from '../../errors';
import { idOfType } from '../../global-id';
import { assertKommunenummer } from '../reference/kommunenummer';
import { ActivityStatisticsArgs } from './args';
import { monthIndex, parsePeriod } from './periods';
import { readServiceMunicipalities, readSuppressionRule } from './publish';
import { PublishedTable, QueryMetric, RowData, runQuery, WrongAggregation } from './query';
import { SuppressionRule } from './suppression';
import { layoutOf, TableCell, trueValues, unsuppressedTable } from './tables';
import { answerCacheOf, answerKey } from './answer-cache';

/** Cells one answer may hold; the CSV export allows more (it streams no objects per cell). */
export const MAX_CELLS = 20_000;
export const MAX_CSV_CELLS = 500_000;

const MUNICIPAL_ROLES = [Role.MUNICIPAL_DIRECTOR, Role.MUNICIPAL_FINANCE, Role.AUDITOR];

export interface ActivityStatisticsResult {
  service: SharedService;
  view: StatisticsView;
  suppression: SuppressionRule;
  metrics: StatisticsMetric[];
  from: string;
  to: string;
  groupBy: StatisticsGroupBy[];
  rows: RowData[];
  totals: RowData[];
  /** Imports the numbers came from. */
  sourceIds: string[];
  municipalities: { id: string; number: string; name: string }[];
}

/** The catalogue of a service's kind in the service's region (PUBLIC can read every region's catalogue). */
export function catalogueOfService(ctx: Context, service: SharedService): Promise<StatisticsMetric[]> {
  return ctx.loaders.list(StatisticsMetric, { serviceKind: service.kind, regionId: service.regionId }, { position: 'ASC', code: 'ASC' });
}

/** Who sees true counts: the service's leader; a municipality's own roles for their own municipality. Everyone else: the publication. */
export function viewOf(ctx: Context, serviceId: string, municipalityIds: string[]): StatisticsView {
  if (holds(ctx.principal, Role.SERVICE_LEADER, serviceId)) return StatisticsView.UNSUPPRESSED;
  if (ownMunicipalitiesIn(ctx, municipalityIds).length) return StatisticsView.OWN_MUNICIPALITY;
  return StatisticsView.SUPPRESSED;
}

/** Of `municipalityIds`, those the caller holds a municipal role at (their true counts are theirs to see). */
const ownMunicipalitiesIn = (ctx: Context, municipalityIds: string[]) => municipalityIds.filter((id) => holds(ctx.principal, MUNICIPAL_ROLES, id));

type CellRow = {
  metric_id: string;
  year: number;
  month: number | null;
  municipality_id: string | null;
  status: TableCell['status'];
  value: number | null;
  is_total: boolean;
  partial_sum: number | null;
  contributors: number | null;
  suppressed_contributors: number | null;
  missing_contributors: number | null;
  import_id: string;
};

/** The activity statistics of a service, as the caller may see them (docs/statistics.md). */
export async function activityStatistics(ctx: Context, args: ActivityStatisticsArgs, maxCells = MAX_CELLS): Promise<ActivityStatisticsResult> {
  const serviceUuid = idOfType(args.serviceId, 'SharedService');
  const service = serviceUuid ? await ctx.loaders.byId(SharedService).load(serviceUuid) : null;
  if (!service) throw notFound({ key: 'common.notFound.sharedService' });
  const from = parsePeriod(args.from);
  const to = parsePeriod(args.to);
  if (!from) throw badInput('from', 'period', { key: 'statistics.errors.yearOrMonth', params: { year: '2019', month: '2019-01' } });
  if (!to) throw badInput('to', 'period', { key: 'statistics.errors.yearOrMonth', params: { year: '2022', month: '2022-12' } });
  const fromIndex = monthIndex(from.year, from.month ?? 1);
  const toIndex = monthIndex(to.year, to.month ?? 12);
  if (fromIndex > toIndex) throw badInput('to', 'order', { key: 'common.errors.notBeforeFrom' });
  const groupBy = [...new Set(args.groupBy)];

  const catalogue = await catalogueOfService(ctx, service);
  let metrics = catalogue;
  if (args.metrics?.length) {
    if (args.metrics.length > 100) throw badInput('metrics', 'size', { key: 'statistics.errors.atMostMetrics', params: { max: 100 } });
    const byCode = new Map(catalogue.map((m) => [m.code, m]));
    const unknown = args.metrics.filter((c) => !byCode.has(c));
    if (unknown.length)
      throw badInput('metrics', 'unknown', {
        key: 'statistics.errors.unknownMetrics',
        params: { metrics: unknown.map((u) => `"${u.slice(0, 60)}"`).join(', '), kind: service.kind, known: catalogue.map((m) => m.code).join(', ') },
      });
    metrics = [...new Set(args.metrics)].map((c) => byCode.get(c)!);
  }
  const all = await readServiceMunicipalities(ctx, service.id);
  let selected = all;
  if (args.municipalityNumbers?.length) {
    if (args.municipalityNumbers.length > 1000) throw badInput('municipalityNumbers', 'size', { key: 'common.errors.atMost', params: { max: 1000 } });
    args.municipalityNumbers.forEach((n) => assertKommunenummer(n, 'municipalityNumbers'));
    const wanted = new Set(args.municipalityNumbers);
    selected = all.filter((m) => wanted.has(m.number));
    const unknown = args.municipalityNumbers.filter((n) => !all.some((m) => m.number === n));
    if (unknown.length) throw badInput('municipalityNumbers', 'unknown', { key: 'statistics.errors.notMunicipalityOfService', params: { numbers: unknown.slice(0, 10).join(', ') } });
  }
  const months = toIndex - fromIndex + 1;
  const groups = groupBy.includes(StatisticsGroupBy.MONTH) ? months : groupBy.includes(StatisticsGroupBy.YEAR) ? to.year - from.year + 1 : 1;
  const cells = metrics.length * groups * ((groupBy.includes(StatisticsGroupBy.MUNICIPALITY) ? selected.length : 0) + 1);
  if (cells > maxCells)
    throw badInput('groupBy', 'size', { key: 'statistics.errors.tooManyCells', params: { cells, max: maxCells, csv: maxCells === MAX_CELLS ? { key: 'statistics.errors.orCsv' } : '' } });

  const view = viewOf(
    ctx,
    service.id,
    all.map((m) => m.id),
  );
  // What the answer is computed from besides the cells, and the publication's version: the key of a kept answer (answer-cache.ts).
  const [version, populations, rule] = await Promise.all([
    ctx.db.read<{ imports: number; latest: string | null }>({
      sql: `SELECT json_build_object('imports', count(*), 'latest', max(imported_at)) FROM statistics_import WHERE service_id = $1::uuid`,
      params: [service.id],
    }),
    ctx.db.read<{ municipality_id: string; year: number; aged_0_17: number }[]>({
      sql: `SELECT coalesce(json_agg(json_build_object('municipality_id', municipality_id, 'year', year, 'aged_0_17', aged_0_17) ORDER BY municipality_id, year), '[]')
      FROM municipality_population WHERE municipality_id = ANY($1::uuid[]) AND year BETWEEN $2::int AND $3::int`,
      params: [selected.map((m) => m.id), from.year, to.year + 1],
    }),
    readSuppressionRule(ctx, service.id),
  ]);
  const cache = answerCacheOf<Omit<ActivityStatisticsResult, 'service'>>(ctx);
  const cacheKey = answerKey(ctx, [
    service.id,
    service.kind,
    view,
    args.from,
    args.to,
    groupBy,
    metrics.map((m) => m.id),
    args.municipalityNumbers ?? null,
    args.asOf?.toISOString() ?? null,
    maxCells,
    version,
    catalogue.map((m) => [m.id, m.code, m.aggregation, m.finestPeriod, m.shareOfCode, m.name]),
    all,
    populations,
    rule,
  ]);
  const kept = cache.get(cacheKey);
  if (kept) return { service, ...kept };
  const ids = metrics.map((m) => m.id);
  // A parent of a share and the year before (for the change) are read too.
  const extra = metrics.flatMap((m) => (m.shareOfCode ? catalogue.filter((c) => c.code === m.shareOfCode && !ids.includes(c.id)) : []));
  const queryMetrics = [...metrics, ...extra];
  const firstYear = from.year - 1;
  const asOf = args.asOf ?? null;
  const sourceIds = new Set<string>();
  const tables = new Map<string, PublishedTable>();
  const key = (metricId: string, year: number) => `${metricId} ${year}`;

  // Whole years not split by month need only the year cells of the publication.
  const needMonths = groupBy.includes(StatisticsGroupBy.MONTH) || fromIndex % 12 !== 0 || toIndex % 12 !== 11;
  const readPublished = async () => {
    const rows = await ctx.db.read<CellRow[]>({
      sql: `SELECT coalesce(json_agg(json_build_object('metric_id', metric_id, 'year', year, 'month', month, 'municipality_id', municipality_id, 'status', status, 'value', value,
              'is_total', is_total, 'partial_sum', partial_sum, 'contributors', contributors, 'suppressed_contributors', suppressed_contributors,
              'missing_contributors', missing_contributors, 'import_id', import_id)), '[]')
         FROM statistics_published_cell
        WHERE service_id = $1::uuid AND metric_id = ANY($2::uuid[]) AND year BETWEEN $3::int AND $4::int AND (month IS NULL OR $5::boolean)
          AND ${asOf ? `published_at <= $6::timestamptz AND (replaced_at IS NULL OR replaced_at > $6::timestamptz)` : 'replaced_at IS NULL'}`,
      params: [service.id, queryMetrics.map((m) => m.id), firstYear, to.year, needMonths, ...(asOf ? [asOf] : [])],
    });
    const byTable = new Map<string, Map<string, TableCell>>();
    const municipalitiesOf = new Map<string, Set<string>>();
    for (const r of rows) {
      const k = key(r.metric_id, r.year);
      if (!byTable.has(k)) {
        byTable.set(k, new Map());
        municipalitiesOf.set(k, new Set());
      }
      if (r.municipality_id) municipalitiesOf.get(k)!.add(r.municipality_id);
      if (r.year >= from.year) sourceIds.add(r.import_id);
      byTable.get(k)!.set(`${r.municipality_id ?? '*'} ${r.month ?? 0}`, {
        municipalityId: r.municipality_id,
        month: r.month,
        status: r.status,
        value: r.value,
        total: r.is_total ? { contributors: r.contributors!, suppressed: r.suppressed_contributors!, missing: r.missing_contributors!, partialSum: r.partial_sum } : null,
      });
    }
    return { byTable, municipalitiesOf };
  };

  /** True counts (RLS returns only what the caller may see), as tables with every cell shown. */
  const readTrue = async (municipalityIds: string[]) => {
    const rows = await ctx.db.read<{ metric_id: string; year: number; month: number | null; municipality_id: string; value: number; import_id: string }[]>({
      sql: `SELECT coalesce(json_agg(json_build_object('metric_id', o.metric_id, 'year', o.year, 'month', o.month, 'municipality_id', o.municipality_id, 'value', o.value, 'import_id', o.import_id)), '[]')
         FROM statistics_observation o
         ${asOf ? 'JOIN statistics_import i ON i.id = o.import_id' : ''}
        WHERE o.service_id = $1::uuid AND o.metric_id = ANY($2::uuid[]) AND o.year BETWEEN $3::int AND $4::int AND o.municipality_id = ANY($5::uuid[])
          AND ${asOf ? `i.imported_at <= $6::timestamptz AND (o.replaced_at IS NULL OR o.replaced_at > $6::timestamptz)` : 'o.replaced_at IS NULL'}`,
      params: [service.id, queryMetrics.map((m) => m.id), firstYear, to.year, municipalityIds, ...(asOf ? [asOf] : [])],
    });
    const grouped = new Map<string, { municipalityId: string; month: number | null; value: number }[]>();
    for (const r of rows) {
      if (r.year >= from.year) sourceIds.add(r.import_id);
      const k = key(r.metric_id, r.year);
      if (!grouped.has(k)) grouped.set(k, []);
      grouped.get(k)!.push({ municipalityId: r.municipality_id, month: r.month, value: r.value });
    }
    const out = new Map<string, Map<string, TableCell>>();
    for (const m of queryMetrics) {
      for (let year = firstYear; year <= to.year; year++) {
        const obs = grouped.get(key(m.id, year));
        if (!obs) continue;
        const layout = layoutOf(m, municipalityIds);
        const cells = unsuppressedTable(layout, trueValues(layout, obs));
        out.set(key(m.id, year), new Map(cells.map((c) => [`${c.municipalityId ?? '*'} ${c.month ?? 0}`, c])));
      }
    }
    return out;
  };

  const cellKey = (municipalityId: string | null, month: number | null) => `${municipalityId ?? '*'} ${month ?? 0}`;
  if (view === StatisticsView.UNSUPPRESSED) {
    const truth = await readTrue(all.map((m) => m.id));
    for (const [k, cells] of truth) tables.set(k, { municipalities: all.map((m) => m.id), cell: (m, month) => cells.get(cellKey(m, month)) });
  } else {
    const { byTable, municipalitiesOf } = await readPublished();
    const own = new Set(
      view === StatisticsView.OWN_MUNICIPALITY
        ? ownMunicipalitiesIn(
            ctx,
            all.map((m) => m.id),
          )
        : [],
    );
    const ownTruth = own.size ? await readTrue([...own]) : new Map<string, Map<string, TableCell>>();
    for (const k of new Set([...byTable.keys(), ...ownTruth.keys()])) {
      const published = byTable.get(k);
      const mine = ownTruth.get(k);
      tables.set(k, {
        municipalities: [...(municipalitiesOf.get(k) ?? [])],
        // The caller's own municipality from the true counts; everything else (totals included) as published.
        cell: (m, month) => (m !== null && own.has(m) ? (mine?.get(cellKey(m, month)) ?? missingCell(m, month)) : published?.get(cellKey(m, month))),
      });
    }
  }

  const population = new Map(populations.map((p) => [`${p.municipality_id} ${p.year}`, p.aged_0_17]));
  const toQueryMetric = (m: StatisticsMetric): QueryMetric => ({ id: m.id, code: m.code, name: m.name, aggregation: m.aggregation, finestPeriod: m.finestPeriod, shareOfCode: m.shareOfCode });
  let result: { rows: RowData[]; totals: RowData[] };
  try {
    // A share's whole is in the query too (extra), and dropped from the answer.
    const all = runQuery({
      metrics: queryMetrics.map(toQueryMetric),
      from: fromIndex,
      to: toIndex,
      groupBy: new Set(groupBy),
      municipalities: selected.map((m) => m.id),
      table: (metricId, year) => tables.get(key(metricId, year)),
      population: (m, year) => population.get(`${m} ${year}`),
    });
    const asked = (r: RowData) => ids.includes(r.metric.id);
    result = { rows: all.rows.filter(asked), totals: all.totals.filter(asked) };
  } catch (error) {
    if (error instanceof WrongAggregation) throw badInput(error.field, 'aggregation', error.reason);
    throw error;
  }
  const answer = { view, suppression: rule, metrics, from: args.from, to: args.to, groupBy, ...result, sourceIds: [...sourceIds], municipalities: selected };
  cache.set(cacheKey, answer, answer.rows.length + answer.totals.length);
  return { service, ...answer };
}

function missingCell(municipalityId: string, month: number | null): TableCell {
  return { municipalityId, month, status: 'MISSING', value: null, total: null };
}

/** The metric catalogue, imports and suppression rules are public information (readStatisticsCatalogue; RLS: region or PUBLIC). */
export const READ_STATISTICS_CATALOGUE: ReadRule = { action: 'Reading the statistics catalogue', roles: ALL_ROLES };
