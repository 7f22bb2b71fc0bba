import { RowData } from './query';

/** A computed row in the shape of the GraphQL StatisticsRow (plain object; the schema's class only declares fields). */
export interface StatisticsRowShape {
  metricId: string;
  municipalityId: string | null;
  period: string;
  from: string;
  to: string;
  value: number | null;
  suppressed: boolean;
  reason: RowData['reason'];
  partialSum: number | null;
  suppressedContributors: number | null;
  missingContributors: number | null;
  per1000Aged0To17: number | null;
  changeFromPreviousYear: number | null;
  changePercent: number | null;
  sharePercent: number | null;
}

export function toStatisticsRows(rows: RowData[]): StatisticsRowShape[] {
  return rows.map(({ metric, per1000, ...r }) => ({ ...r, metricId: metric.id, per1000Aged0To17: per1000 }));
}
