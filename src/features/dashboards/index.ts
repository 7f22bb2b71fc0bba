import * as resolvers from '../../resolvers/dashboards';
import { Feature, resolversIn } from '../feature';
import { dashboardsData } from './data';

/** Dashboards: municipalityDashboard, serviceDashboard, municipalityComparison (docs/dashboards.md); no node type of its own. */
export const dashboards: Feature = {
  ...dashboardsData,
  resolvers: resolversIn(resolvers),
  nodeTypes: [],
};
