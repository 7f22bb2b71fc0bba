import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import { SharedService } from '../../entities/reference/shared-service';
import { StatisticsGroupBy } from '../../entities/statistics/enums';
import { StatisticsMetric } from '../../entities/statistics/metric';
import { StatisticsImport } from '../../entities/statistics/records';
import { DefineStatisticsMetricInput, SetStatisticsSuppressionInput } from '../../schema/statistics/inputs';
import { ActivityStatistics, DefineStatisticsMetricPayload, SetStatisticsSuppressionPayload, StatisticsRow } from '../../schema/statistics/types';
import { notFound } from '../../errors';
import { idOfType } from '../../global-id';
import { activityStatistics, catalogueOfService } from '../../services/statistics/read';
import { defineStatisticsMetric, setStatisticsSuppression } from '../../services/statistics/settings';
import { rowsWithMetric } from '../../services/statistics/rows';

@Resolver(() => ActivityStatistics)
export class ActivityStatisticsResolver {
  @Query(() => ActivityStatistics, {
    description:
      "Activity statistics of a shared service. The leader of the service sees true counts; a municipality's own roles see theirs; everyone else (PUBLIC included) the suppressed table. Also as CSV: GET /statistics/activity.csv with the same arguments.",
  })
  async activityStatistics(
    @Arg('serviceId', () => ID) serviceId: string,
    @Arg('from', { description: 'A year ("2019") or a month ("2019-01").' }) from: string,
    @Arg('to', { description: 'A year ("2022") or a month ("2022-12").' }) to: string,
    @Arg('groupBy', () => [StatisticsGroupBy], { defaultValue: [StatisticsGroupBy.YEAR] }) groupBy: StatisticsGroupBy[],
    @Arg('metrics', () => [String], { nullable: true, description: 'Metric codes; default the whole catalogue.' }) metrics: string[] | null,
    @Arg('municipalityNumbers', () => [String], { nullable: true, description: "A subset of the service's municipalities." }) municipalityNumbers: string[] | null,
    @Arg('asOf', () => Date, { nullable: true, description: 'The table as published at this time.' }) asOf: Date | null,
    @Ctx() ctx: Context,
  ): Promise<ActivityStatistics> {
    const result = await activityStatistics(ctx, { serviceId, from, to, groupBy, metrics, municipalityNumbers, asOf });
    return { ...result, rows: rowsWithMetric(result.rows, result.metrics), totals: rowsWithMetric(result.totals, result.metrics) };
  }

  @Query(() => [StatisticsMetric], { description: "The metric catalogue of a shared service's kind." })
  async statisticsMetrics(@Arg('serviceId', () => ID) serviceId: string, @Ctx() ctx: Context): Promise<StatisticsMetric[]> {
    const uuid = idOfType(serviceId, 'SharedService');
    const service = uuid ? await ctx.loaders.byId(SharedService).load(uuid) : null;
    if (!service) throw notFound({ key: 'common.notFound.sharedService' });
    return catalogueOfService(ctx, service);
  }

  @FieldResolver(() => [StatisticsImport], { description: 'The imports the numbers came from (with their notes, e.g. that demo data is illustrative).' })
  async sources(@Root() s: ActivityStatistics, @Ctx() ctx: Context): Promise<StatisticsImport[]> {
    const found = await ctx.loaders.byId(StatisticsImport).loadMany(s.sourceIds);
    return found.filter((i): i is StatisticsImport => !!i && !(i instanceof Error)).sort((a, b) => a.importedAt.getTime() - b.importedAt.getTime());
  }

  @Mutation(() => DefineStatisticsMetricPayload, { description: 'REGION_ADMIN: adds a metric to the catalogue of PPT, NAV or other services.' })
  defineStatisticsMetric(@Arg('input') input: DefineStatisticsMetricInput, @Ctx() ctx: Context) {
    return defineStatisticsMetric(ctx, input);
  }

  @Mutation(() => SetStatisticsSuppressionPayload, { description: 'SERVICE_LEADER: the suppression range of your service; every table is published again.' })
  setStatisticsSuppression(@Arg('input') input: SetStatisticsSuppressionInput, @Ctx() ctx: Context) {
    return setStatisticsSuppression(ctx, input);
  }
}

@Resolver(() => StatisticsRow)
export class StatisticsRowResolver {
  @FieldResolver(() => Municipality, { nullable: true, description: 'Null on totals (all selected municipalities).' })
  municipality(@Root() row: StatisticsRow, @Ctx() ctx: Context) {
    return row.municipalityId ? ctx.loaders.byId(Municipality).load(row.municipalityId) : null;
  }
}
