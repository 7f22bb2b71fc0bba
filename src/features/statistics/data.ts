import { Statistics1732800000000 } from '../../../migrations/1732800000000-statistics-schema';
import * as entities from '../../entities/statistics';
import { seedStatistics } from '../../seed/statistics';
import { statisticsImport } from '../../services/statistics/import';
import { kostraBarnevernImport, kostraSosialhjelpImport } from '../../services/statistics/kostra-import';
import { StatisticsKostraMetrics1733420000000 } from '../../../migrations/1733420000000-statistics-kostra-metrics';
import { StatisticsReferenceAreas1733852000000 } from '../../../migrations/1733852000000-statistics-reference-areas';
import { referenceAreaImport } from '../../services/statistics/reference-areas';
import { entitiesIn, FeatureData } from '../feature';

/** Activity statistics from fagsystem exports and SSB tables, with small-number suppression (docs/statistics.md). */
export const statisticsData: FeatureData = {
  name: 'statistics',
  // Published cells are read and written with SQL (services/statistics/publish.ts), not as entities.
  entities: entitiesIn(entities),
  migrations: [Statistics1732800000000, StatisticsKostraMetrics1733420000000, StatisticsReferenceAreas1733852000000],
  seed: seedStatistics,
  importers: [statisticsImport, kostraBarnevernImport, kostraSosialhjelpImport, referenceAreaImport],
};
