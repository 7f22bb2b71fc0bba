import { Statistics1732800000000 } from '../../migrations/1732800000000-statistics-schema';
import { StatisticsImport, StatisticsMetric, statisticsEntities } from '../entities/statistics';
import { statisticsResolvers } from '../resolvers/statistics';
import { statisticsRoutes } from '../resolvers/statistics/csv-route';
import { seedStatistics } from '../seed/statistics';
import { statisticsImport } from '../services/statistics/import';
import { READ_STATISTICS_CATALOGUE } from '../services/statistics/read';
import { Feature } from './feature';

/** Activity statistics from fagsystem exports and SSB tables, with small-number suppression (docs/statistics.md). */
export const statistics: Feature = {
  name: 'statistics',
  entities: statisticsEntities,
  resolvers: statisticsResolvers,
  // Catalogue and import history are public information (RLS: region or PUBLIC).
  nodeTypes: [{ entity: StatisticsMetric, read: READ_STATISTICS_CATALOGUE }, { entity: StatisticsImport, read: READ_STATISTICS_CATALOGUE }],
  auditedTypes: { StatisticsSuppressionRule: READ_STATISTICS_CATALOGUE },
  migrations: [Statistics1732800000000],
  seed: seedStatistics,
  importers: [statisticsImport],
  routes: statisticsRoutes,
};
