import { StatisticsGroupBy } from '../../entities/statistics/enums';
import { MetricAggregation, MetricPeriod } from '../../entities/statistics/enums';
import { SharedServiceKind } from '../../entities/reference/shared-service';

/** activityStatistics(...) and the CSV export. */
export interface ActivityStatisticsArgs {
  /** Global ID of the shared service. */
  serviceId: string;
  /** Metric codes; default: the whole catalogue of the service's kind. */
  metrics?: string[] | null;
  /** "2019" or "2019-01". */
  from: string;
  /** "2022" or "2022-12". */
  to: string;
  groupBy: StatisticsGroupBy[];
  /** A subset of the service's municipalities; default all. */
  municipalityNumbers?: string[] | null;
  /** The table as it was published (or stored) at this moment; default now. */
  asOf?: Date | null;
}

export interface NewStatisticsMetric {
  serviceKind: SharedServiceKind;
  code: string;
  name: string;
  unit: string;
  aggregation: MetricAggregation;
  finestPeriod: MetricPeriod;
  description?: string | null;
  ssbCode?: string | null;
  shareOfCode?: string | null;
}

export interface SuppressionRuleInput {
  /** Smallest count suppressed (≥ 1). */
  min: number;
  /** Largest count suppressed (≥ min). */
  max: number;
}
