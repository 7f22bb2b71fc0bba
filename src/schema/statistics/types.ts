import { Field, Float, Int, ObjectType } from 'type-graphql';
import { SharedService } from '../../entities/reference/shared-service';
import { CellReason, StatisticsGroupBy, StatisticsView } from '../../entities/statistics/enums';
import { StatisticsMetric } from '../../entities/statistics/metric';
import { StatisticsSuppressionRule } from '../../entities/statistics/records';
import { MutationPayload } from '../user-error';

@ObjectType({ description: 'One row of a statistics table: a metric for a municipality (or all selected ones) and a period.' })
export class StatisticsRow {
  @Field(() => StatisticsMetric)
  metric: StatisticsMetric;

  metricId: string;
  municipalityId: string | null;

  @Field({ description: 'The period as the row groups it: "2021", "2021-03", "2019–2022".' })
  period: string;

  @Field({ description: 'First month of the period ("2021-01").' })
  from: string;

  @Field({ description: 'Last month of the period ("2021-12").' })
  to: string;

  @Field(() => Int, { nullable: true, description: 'The count; null when suppressed, incomplete or missing (see reason).' })
  value: number | null;

  @Field({ description: 'True when the value is withheld to protect small counts.' })
  suppressed: boolean;

  @Field(() => CellReason, { nullable: true })
  reason: CellReason | null;

  @Field(() => Int, { nullable: true, description: 'INCOMPLETE / MISSING sums: the sum of the cells that are shown (not the total).' })
  partialSum: number | null;

  @Field(() => Int, { nullable: true, description: 'For sums: how many of the cells added up are suppressed.' })
  suppressedContributors: number | null;

  @Field(() => Int, { nullable: true, description: 'For sums: how many of the cells added up have no data.' })
  missingContributors: number | null;

  @Field(() => Float, { nullable: true, description: 'KOSTRA: per 1,000 residents aged 0–17 (a whole year; residents at its end where known).' })
  per1000Aged0To17: number | null;

  @Field(() => Int, { nullable: true, description: 'Change from the year before (rows grouped by YEAR; both years shown).' })
  changeFromPreviousYear: number | null;

  @Field(() => Float, { nullable: true, description: 'The same change in per cent of the year before.' })
  changePercent: number | null;

  @Field(() => Float, { nullable: true, description: 'For a metric that counts part of another (e.g. closed within 3 months): its share of that metric, in per cent.' })
  sharePercent: number | null;
}

@ObjectType({ description: 'Counts from min to max are suppressed; 0 is shown.' })
export class SuppressionRange {
  @Field(() => Int)
  min: number;

  @Field(() => Int)
  max: number;
}

@ObjectType({ description: 'An activity-statistics table with its totals, as the caller may see it.' })
export class ActivityStatistics {
  @Field(() => SharedService)
  service: SharedService;

  @Field(() => StatisticsView)
  view: StatisticsView;

  @Field(() => SuppressionRange)
  suppression: SuppressionRange;

  @Field(() => [StatisticsMetric])
  metrics: StatisticsMetric[];

  @Field()
  from: string;

  @Field()
  to: string;

  @Field(() => [StatisticsGroupBy])
  groupBy: StatisticsGroupBy[];

  @Field(() => [StatisticsRow], { description: 'One row per metric, period group and (if grouped) municipality.' })
  rows: StatisticsRow[];

  @Field(() => [StatisticsRow], { description: 'All selected municipalities together, per metric and period group (as seed 001\'s "Alle 5 kommuner").' })
  totals: StatisticsRow[];

  sourceIds: string[];
}

@ObjectType()
export class DefineStatisticsMetricPayload extends MutationPayload {
  @Field(() => StatisticsMetric, { nullable: true })
  metric?: StatisticsMetric;
}

@ObjectType()
export class SetStatisticsSuppressionPayload extends MutationPayload {
  @Field(() => StatisticsSuppressionRule, { nullable: true })
  suppression?: StatisticsSuppressionRule;

  @Field(() => Int, { nullable: true, description: 'Tables suppressed and published again.' })
  tablesPublished?: number;
}
