import { FeatureData } from '../feature';

/**
 * Dashboards: one query per screen over the other features' services (docs/dashboards.md). A view
 * of what other features hold: no table, migration, seed or importer of its own.
 */
export const dashboardsData: FeatureData = {
  name: 'dashboards',
  entities: [],
  migrations: [],
};
