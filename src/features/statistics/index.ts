import { StatisticsImport, StatisticsMetric } from '../../entities/statistics';
import { statisticsRoutes } from '../../http/statistics/csv-route';
import * as resolvers from '../../resolvers/statistics';
import { READ_STATISTICS_CATALOGUE } from '../../services/statistics/read';
import { Feature, resolversIn } from '../feature';
import { statisticsData } from './data';

/** Activity statistics from fagsystem exports and SSB tables, with small-number suppression (docs/statistics.md). */
export const statistics: Feature = {
  ...statisticsData,
  resolvers: resolversIn(resolvers),
  // Catalogue and import history are public information (RLS: region or PUBLIC).
  nodeTypes: [
    { entity: StatisticsMetric, read: READ_STATISTICS_CATALOGUE },
    { entity: StatisticsImport, read: READ_STATISTICS_CATALOGUE },
  ],
  auditedTypes: { StatisticsSuppressionRule: READ_STATISTICS_CATALOGUE },
  routes: statisticsRoutes,
};
