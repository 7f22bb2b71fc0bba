import { StateReport } from '../../entities/dashboards';
import * as resolvers from '../../resolvers/dashboards';
import { READ_STATE_REPORTS } from '../../services/dashboards/state-report';
import { Feature, resolversIn } from '../feature';
import { dashboardsData } from './data';

/** Dashboards: municipalityDashboard, serviceDashboard, municipalityComparison, and the state-of-service report (docs/dashboards.md). */
export const dashboards: Feature = {
  ...dashboardsData,
  resolvers: resolversIn(resolvers),
  nodeTypes: [{ entity: StateReport, read: READ_STATE_REPORTS }],
};
