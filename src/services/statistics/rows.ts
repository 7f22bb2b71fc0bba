import { RowData } from './query';

/** A computed row in the shape of the GraphQL StatisticsRow (plain object; the schema's class only declares fields). */
export type StatisticsRowShape = Omit<RowData, 'metric' | 'per1000'> & { metricId: string; per1000Aged0To17: number | null };

export function toStatisticsRows(rows: RowData[]): StatisticsRowShape[] {
  return rows.map(({ metric, per1000, ...r }) => ({ ...r, metricId: metric.id, per1000Aged0To17: per1000 }));
}

const withMetrics = new WeakMap<RowData[], unknown[]>();

/**
 * The rows with each one's metric (already loaded: no per-row lookup for thousands of rows). An
 * answer served from the answer cache (answer-cache.ts) is the same object each time, and so are its
 * converted rows: converted once per answer, not once per request.
 */
export function rowsWithMetric<M extends { id: string }>(rows: RowData[], metrics: M[]): (StatisticsRowShape & { metric: M })[] {
  let done = withMetrics.get(rows) as (StatisticsRowShape & { metric: M })[] | undefined;
  if (!done) {
    const byId = new Map(metrics.map((m) => [m.id, m]));
    done = toStatisticsRows(rows).map((r) => ({ ...r, metric: byId.get(r.metricId)! }));
    withMetrics.set(rows, done);
  }
  return done;
}
