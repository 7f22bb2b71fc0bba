import { StateReports1733820000000 } from '../../../migrations/1733820000000-dashboards-state-reports';
import * as entities from '../../entities/dashboards';
import { entitiesIn, FeatureData } from '../feature';

/**
 * Dashboards: one query per screen over the other features' services, and the yearly
 * state-of-service report built from them (docs/dashboards.md). Its one table is the report's
 * (state_report); no seed or importer of its own.
 */
export const dashboardsData: FeatureData = {
  name: 'dashboards',
  entities: entitiesIn(entities),
  migrations: [StateReports1733820000000],
};
