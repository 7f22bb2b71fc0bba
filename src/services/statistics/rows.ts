import { RowData } from './query';

/** A computed row in the shape of the GraphQL StatisticsRow (plain object; the schema's class only declares fields). */
export type StatisticsRowShape = Omit<RowData, 'metric' | 'per1000'> & { metricId: string; per1000Aged0To17: number | null };

export function toStatisticsRows(rows: RowData[]): StatisticsRowShape[] {
  return rows.map(({ metric, per1000, ...r }) => ({ ...r, metricId: metric.id, per1000Aged0To17: per1000 }));
}
