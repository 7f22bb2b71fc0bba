import { ActivityStatisticsResolver, StatisticsRowResolver } from './activity-statistics-resolver';

export const statisticsResolvers = [ActivityStatisticsResolver, StatisticsRowResolver];
