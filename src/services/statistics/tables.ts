import { MetricAggregation, MetricPeriod } from '../../entities/statistics/enums';
import { PRIMARY, SECONDARY, suppressTable, SuppressionRule, SuppressionTable } from './suppression';

/**
 * The table of one metric in one year, the unit of publication (pure). Rows are the service's
 * municipalities plus the total row (all of them); columns depend on the metric:
 *
 * | metric | columns | totals |
 * |---|---|---|
 * | flow, monthly | 12 months + the year | the year adds up the months; the total row adds up the municipalities |
 * | stock, monthly | 12 months (at month end) + the year (its own figure) | only the total row: a stock is never added up over time |
 * | flow or stock, yearly | the year | the total row |
 *
 * Every cell of this table is published (shown or suppressed); anything else a query asks for is
 * added up from published cells, never from true counts, so two queries cannot be subtracted to
 * learn more than the table shows.
 */
export interface TableMetric {
  aggregation: MetricAggregation;
  finestPeriod: MetricPeriod;
}

export interface ObservationValue {
  municipalityId: string;
  month: number | null;
  value: number;
}

export type CellStatus = 'SHOWN' | 'SUPPRESSED' | 'MISSING';

/** One cell as stored in the publication (and as the unsuppressed view computes it). */
export interface TableCell {
  municipalityId: string | null;
  month: number | null;
  status: CellStatus;
  value: number | null;
  /** Totals only: what they add up. */
  total: { contributors: number; suppressed: number; missing: number; partialSum: number | null } | null;
}

export interface TableLayout {
  municipalities: string[];
  /** Month numbers; null = the year. */
  columns: (number | null)[];
  /** Index of the year column when it is the total of the months. */
  totalCol: number | null;
}

export function layoutOf(metric: TableMetric, municipalities: string[]): TableLayout {
  if (metric.finestPeriod === MetricPeriod.YEAR) return { municipalities, columns: [null], totalCol: null };
  const columns = [...Array.from({ length: 12 }, (_, i) => i + 1), null];
  return { municipalities, columns, totalCol: metric.aggregation === MetricAggregation.FLOW ? 12 : null };
}

/** The true counts of a table, totals computed (null = missing), in row-major order. */
export function trueValues(layout: TableLayout, observations: ObservationValue[]): (number | null)[] {
  const rows = layout.municipalities.length + 1;
  const cols = layout.columns.length;
  const values: (number | null)[] = new Array(rows * cols).fill(null);
  const rowOf = new Map(layout.municipalities.map((m, i) => [m, i]));
  const colOf = new Map(layout.columns.map((c, i) => [c, i]));
  for (const o of observations) {
    const r = rowOf.get(o.municipalityId);
    const c = colOf.get(o.month);
    if (r !== undefined && c !== undefined) values[r * cols + c] = o.value;
  }
  const sum = (cells: number[]) => (cells.some((i) => values[i] === null) ? null : cells.reduce((s, i) => s + (values[i] as number), 0));
  const inner = layout.columns.map((_, c) => c).filter((c) => c !== layout.totalCol);
  // A flow's year is the sum of its months when all twelve are there (an imported year figure otherwise).
  if (layout.totalCol !== null) {
    for (let r = 0; r < rows - 1; r++) {
      const months = sum(inner.map((c) => r * cols + c));
      if (months !== null) values[r * cols + layout.totalCol] = months;
    }
  }
  const totalRow = rows - 1;
  for (let c = 0; c < cols; c++) values[totalRow * cols + c] = sum(layout.municipalities.map((_, r) => r * cols + c));
  return values;
}

/** Cost of losing a cell to secondary suppression: a municipality's year figure is dearest, its months cheapest (docs/statistics.md). */
export const CELL_WEIGHT = { municipalityMonth: 1, totalMonth: 3, totalYear: 10, municipalityYear: 20 } as const;

function weight(layout: TableLayout, row: number, col: number): number {
  const total = row === layout.municipalities.length;
  const year = layout.columns[col] === null;
  if (year) return total ? CELL_WEIGHT.totalYear : CELL_WEIGHT.municipalityYear;
  return total ? CELL_WEIGHT.totalMonth : CELL_WEIGHT.municipalityMonth;
}

export interface PublishOptions {
  rule: SuppressionRule;
  /** Cells (by index) that must also be protected downwards, and cells suppressed from the start. */
  protectDown?: Map<number, number>;
  alsoSuppress?: number[];
  /** A revision: the table as previously published (true values, suppressed cells); see suppression.ts. */
  previous?: SuppressionTable['previous'];
}

/** Suppresses a table and turns it into the cells to publish. */
export function publishTable(layout: TableLayout, values: (number | null)[], options: PublishOptions): TableCell[] {
  const rows = layout.municipalities.length + 1;
  const cols = layout.columns.length;
  const table: SuppressionTable = {
    rows,
    cols,
    values,
    totalRow: rows - 1,
    totalCol: layout.totalCol,
    // Value breaks ties: of two cells of the same kind, losing the smaller one costs less.
    cost: (r, c) => weight(layout, r, c) * 100_000 + (values[r * cols + c] ?? 0),
    protectDown: options.protectDown,
    alsoSuppress: options.alsoSuppress,
    // Each municipality's director sees their own true counts (OWN_MUNICIPALITY).
    insiderRows: true,
    previous: options.previous,
  };
  const { state } = suppressTable(table, options.rule);
  return cellsOf(layout, values, (i) => (state[i] === PRIMARY || state[i] === SECONDARY ? 'SUPPRESSED' : 'SHOWN'));
}

/** All cells shown (the view of those who may see true counts). */
export function unsuppressedTable(layout: TableLayout, values: (number | null)[]): TableCell[] {
  return cellsOf(layout, values, () => 'SHOWN');
}

function cellsOf(layout: TableLayout, values: (number | null)[], visible: (i: number) => 'SHOWN' | 'SUPPRESSED'): TableCell[] {
  const rows = layout.municipalities.length + 1;
  const cols = layout.columns.length;
  const status = (i: number): CellStatus => (values[i] === null ? 'MISSING' : visible(i));
  const cells: TableCell[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      const totalRow = r === rows - 1;
      const totalCol = c === layout.totalCol;
      let parts: number[] = [];
      if (totalRow && !totalCol) parts = layout.municipalities.map((_, k) => k * cols + c);
      else if (totalCol && !totalRow)
        parts = layout.columns
          .map((_, k) => k)
          .filter((k) => k !== c)
          .map((k) => r * cols + k);
      // The grand total is reported as a total over municipalities (as the seed's "prikket 2 kommuner").
      else if (totalRow && totalCol) parts = layout.municipalities.map((_, k) => k * cols + c);
      const s = status(i);
      const isTotal = totalRow || totalCol;
      cells.push({
        municipalityId: totalRow ? null : layout.municipalities[r],
        month: layout.columns[c],
        status: s,
        value: s === 'SHOWN' ? values[i] : null,
        total: isTotal
          ? {
              contributors: parts.length,
              suppressed: parts.filter((p) => status(p) === 'SUPPRESSED').length,
              missing: parts.filter((p) => status(p) === 'MISSING').length,
              partialSum: s === 'SHOWN' ? null : parts.filter((p) => status(p) === 'SHOWN').reduce((sum, p) => sum + (values[p] as number), 0),
            }
          : null,
      });
    }
  }
  return cells;
}
