import { CellReason, MetricAggregation, MetricPeriod, StatisticsGroupBy } from '../../entities/statistics/enums';
import { formatPeriod, fromMonthIndex, monthIndex } from './periods';
import { TableCell } from './tables';
import { Message, render } from '../../i18n';

/**
 * Rows and totals of an activity-statistics query, from published tables (pure). Each row is
 * either one published cell, or a sum of published cells: shown only when every cell it adds up is
 * shown, otherwise marked INCOMPLETE with the sum of what is shown and how many are suppressed —
 * never a partial sum presented as a total, and never a sum of true counts, so comparing two
 * queries over overlapping periods or municipalities reveals nothing the tables do not show.
 * Aggregations that would be wrong (a stock added up over time, a year-only metric by month) are
 * refused before anything is computed.
 */
export interface QueryMetric {
  id: string;
  code: string;
  name: string;
  aggregation: MetricAggregation;
  finestPeriod: MetricPeriod;
  shareOfCode: string | null;
}

export interface PublishedTable {
  municipalities: string[];
  cell(municipalityId: string | null, month: number | null): TableCell | undefined;
}

export interface QuerySpec {
  metrics: QueryMetric[];
  /** Month indices (periods.monthIndex), inclusive. */
  from: number;
  to: number;
  groupBy: ReadonlySet<StatisticsGroupBy>;
  /** The selected municipalities (ids, in display order). */
  municipalities: string[];
  table(metricId: string, year: number): PublishedTable | undefined;
  /** Residents aged 0–17 on 1 January of a year. */
  population(municipalityId: string, year: number): number | undefined;
}

export interface RowData {
  metric: QueryMetric;
  municipalityId: string | null;
  period: string;
  from: string;
  to: string;
  value: number | null;
  suppressed: boolean;
  reason: CellReason | null;
  partialSum: number | null;
  suppressedContributors: number | null;
  missingContributors: number | null;
  per1000: number | null;
  changeFromPreviousYear: number | null;
  changePercent: number | null;
  sharePercent: number | null;
}

/** A refused aggregation: which argument and why (becomes a BAD_USER_INPUT). */
export class WrongAggregation extends Error {
  constructor(
    readonly field: string,
    readonly reason: Message,
  ) {
    super(render('en', reason));
  }
}

interface Segment {
  year: number;
  /** null = the whole year (its year cell); otherwise these months. */
  months: number[] | null;
}

interface Group {
  label: string;
  from: number;
  to: number;
  segments: Segment[];
}

function segmentsOf(from: number, to: number): Segment[] {
  const out: Segment[] = [];
  for (let year = fromMonthIndex(from).year; year <= fromMonthIndex(to).year; year++) {
    const first = Math.max(from, monthIndex(year, 1));
    const last = Math.min(to, monthIndex(year, 12));
    const whole = first === monthIndex(year, 1) && last === monthIndex(year, 12);
    out.push({ year, months: whole ? null : Array.from({ length: last - first + 1 }, (_, k) => fromMonthIndex(first + k).month) });
  }
  return out;
}

const label = (index: number, whole: boolean) => (whole ? String(fromMonthIndex(index).year) : formatPeriod(fromMonthIndex(index)));

function groupsOf(spec: QuerySpec): Group[] {
  const make = (from: number, to: number): Group => {
    const segments = segmentsOf(from, to);
    const wholeYears = segments.every((s) => s.months === null);
    const a = label(from, wholeYears);
    const b = label(to, wholeYears);
    return { label: a === b ? a : `${a}–${b}`, from, to, segments };
  };
  if (spec.groupBy.has(StatisticsGroupBy.MONTH)) return Array.from({ length: spec.to - spec.from + 1 }, (_, k) => make(spec.from + k, spec.from + k));
  if (spec.groupBy.has(StatisticsGroupBy.YEAR)) {
    const out: Group[] = [];
    for (let year = fromMonthIndex(spec.from).year; year <= fromMonthIndex(spec.to).year; year++) out.push(make(Math.max(spec.from, monthIndex(year, 1)), Math.min(spec.to, monthIndex(year, 12))));
    return out;
  }
  return [make(spec.from, spec.to)];
}

/** Refuses what would add up wrongly, naming the metric. */
export function checkAggregation(spec: QuerySpec): void {
  const groups = groupsOf(spec);
  for (const metric of spec.metrics) {
    for (const group of groups) {
      const monthly = group.segments.some((s) => s.months !== null);
      if (metric.finestPeriod === MetricPeriod.YEAR && monthly) {
        throw new WrongAggregation('from', { key: 'statistics.errors.wholeYearsOnly', params: { metric: metric.code } });
      }
      if (metric.aggregation === MetricAggregation.STOCK) {
        if (group.segments.length > 1) throw new WrongAggregation('groupBy', { key: 'statistics.errors.stockOverYears', params: { metric: metric.code } });
        const months = group.segments[0].months;
        if (months && months.length > 1) throw new WrongAggregation('groupBy', { key: 'statistics.errors.stockMonths', params: { metric: metric.code } });
      }
    }
  }
}

interface Part {
  cell: TableCell | undefined;
}

/** The published cells a row adds up (one per municipality and segment month or year). */
function partsOf(spec: QuerySpec, metric: QueryMetric, municipalities: string[], segments: Segment[]): Part[] {
  const parts: Part[] = [];
  for (const segment of segments) {
    const table = spec.table(metric.id, segment.year);
    const months = segment.months ?? [null];
    // The total row is the published total of all the table's municipalities; a subset is added up.
    const all = table !== undefined && sameSet(municipalities, table.municipalities);
    for (const month of months) {
      if (all) parts.push({ cell: table?.cell(null, month) });
      else for (const m of municipalities) parts.push({ cell: table?.cell(m, month) });
    }
  }
  return parts;
}

function sameSet(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(b);
  return a.every((x) => s.has(x));
}

type Value = Pick<RowData, 'value' | 'suppressed' | 'reason' | 'partialSum' | 'suppressedContributors' | 'missingContributors'>;

function combine(parts: Part[]): Value {
  if (parts.length === 1) {
    const cell = parts[0].cell;
    if (!cell) return { value: null, suppressed: false, reason: CellReason.MISSING, partialSum: null, suppressedContributors: null, missingContributors: null };
    if (cell.status === 'SHOWN')
      return { value: cell.value, suppressed: false, reason: null, partialSum: null, suppressedContributors: cell.total?.suppressed ?? null, missingContributors: cell.total?.missing ?? null };
    const t = cell.total;
    const reason = cell.status === 'MISSING' ? CellReason.MISSING : t && t.suppressed > 0 ? CellReason.INCOMPLETE : CellReason.SUPPRESSED;
    return { value: null, suppressed: cell.status === 'SUPPRESSED', reason, partialSum: t?.partialSum ?? null, suppressedContributors: t?.suppressed ?? null, missingContributors: t?.missing ?? null };
  }
  let shown = 0;
  let suppressed = 0;
  let missing = 0;
  for (const { cell } of parts) {
    if (cell?.status === 'SHOWN') shown += cell.value as number;
    else if (cell?.status === 'SUPPRESSED') suppressed += 1;
    else missing += 1;
  }
  if (!suppressed && !missing) return { value: shown, suppressed: false, reason: null, partialSum: null, suppressedContributors: 0, missingContributors: 0 };
  return {
    value: null,
    suppressed: suppressed > 0,
    reason: suppressed ? CellReason.INCOMPLETE : CellReason.MISSING,
    partialSum: shown,
    suppressedContributors: suppressed,
    missingContributors: missing,
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Rows (per municipality if grouped) and totals (all selected municipalities), with KOSTRA's derived indicators. */
export function runQuery(spec: QuerySpec): { rows: RowData[]; totals: RowData[] } {
  checkAggregation(spec);
  const groups = groupsOf(spec);
  const byMunicipality = spec.groupBy.has(StatisticsGroupBy.MUNICIPALITY);
  const yearly = spec.groupBy.has(StatisticsGroupBy.YEAR) && !spec.groupBy.has(StatisticsGroupBy.MONTH);
  const metricByCode = new Map(spec.metrics.map((m) => [m.code, m]));

  const valueOf = (metric: QueryMetric, municipality: string | null, segments: Segment[]) => combine(partsOf(spec, metric, municipality === null ? spec.municipalities : [municipality], segments));

  const row = (metric: QueryMetric, municipality: string | null, group: Group): RowData => {
    const v = valueOf(metric, municipality, group.segments);
    const single = group.segments.length === 1 ? group.segments[0] : null;
    const wholeYear = single !== null && single.months === null;
    const people = municipality === null ? spec.municipalities : [municipality];
    let per1000: number | null = null;
    if (v.value !== null && wholeYear) {
      // KOSTRA relates a year to the children living there at its end (1 January of the next year); the year's own figure if that is not known yet.
      const pops = people.map((m) => spec.population(m, single.year + 1) ?? spec.population(m, single.year));
      if (pops.every((p) => p !== undefined) && pops.length) {
        const total = (pops as number[]).reduce((s, p) => s + p, 0);
        if (total > 0) per1000 = round1((v.value / total) * 1000);
      }
    }
    let changeFromPreviousYear: number | null = null;
    let changePercent: number | null = null;
    if (yearly && v.value !== null && single) {
      const before = valueOf(metric, municipality, [{ year: single.year - 1, months: single.months }]);
      if (before.value !== null) {
        changeFromPreviousYear = v.value - before.value;
        changePercent = before.value > 0 ? round1((changeFromPreviousYear / before.value) * 100) : null;
      }
    }
    let sharePercent: number | null = null;
    const parent = metric.shareOfCode ? metricByCode.get(metric.shareOfCode) : undefined;
    if (parent && v.value !== null) {
      const whole = valueOf(parent, municipality, group.segments);
      if (whole.value) sharePercent = round1((v.value / whole.value) * 100);
    }
    const from = label(group.from, false);
    const to = label(group.to, false);
    return { metric, municipalityId: municipality, period: group.label, from, to, ...v, per1000, changeFromPreviousYear, changePercent, sharePercent };
  };

  const rows: RowData[] = [];
  const totals: RowData[] = [];
  for (const metric of spec.metrics) {
    for (const group of groups) {
      if (byMunicipality) for (const m of spec.municipalities) rows.push(row(metric, m, group));
      totals.push(row(metric, null, group));
    }
  }
  return { rows: byMunicipality ? rows : totals, totals };
}
