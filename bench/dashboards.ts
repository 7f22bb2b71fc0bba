import { Role } from '../src/auth/roles';
// The same operations the dashboard tests send (every part selected), so the bench measures what the statement-count test guards.
import { COMPARISON, MUNICIPALITY_DASHBOARD, SERVICE_DASHBOARD } from '../test/dashboards/queries';
import { LARGE } from './large-dataset';
import type { Scenario, ScenarioSetup, TokenSpec } from './scenario-types';

/**
 * The dashboards of `npm run bench` (docs/dashboards.md): each of the three queries on the demo
 * region, and the two that apply to it on the generated large region (bench/large-dataset.ts: 40
 * owner municipalities, 1,000 units, a plan with 200 measures).
 */
const DIRECTOR: TokenSpec = { role: Role.MUNICIPAL_DIRECTOR, municipality: '3429' };
const AUDITOR: TokenSpec = { role: Role.AUDITOR, municipality: '3429' };
const LEADER: TokenSpec = { role: Role.SERVICE_LEADER, service: 'barnevern', region: 'nord-osterdal' };
const DIRECTOR_LARGE: TokenSpec = { role: Role.MUNICIPAL_DIRECTOR, municipality: LARGE.directorMunicipality };
const LEADER_LARGE: TokenSpec = { role: Role.SERVICE_LEADER, service: 'barnevern', region: LARGE.region };

/** The barnevern service's global ID, as the token's holder sees it. */
const barnevernOf = (token: TokenSpec) => async (setup: ScenarioSetup) => {
  const data = await setup.gql<{ sharedServices: { id: string; code: string }[] }>('{ sharedServices { id code } }', undefined, token);
  return { serviceId: data.sharedServices.find((s) => s.code === 'barnevern')!.id };
};

export const DASHBOARD_SCENARIOS: Scenario[] = [
  { name: 'municipalityDashboard', query: MUNICIPALITY_DASHBOARD, variables: { number: '3429', period: '2024-10' }, token: DIRECTOR },
  { name: 'serviceDashboard', query: SERVICE_DASHBOARD, variables: async (setup) => ({ ...(await barnevernOf(LEADER)(setup)), period: '2024-10' }), token: LEADER },
  { name: 'municipalityComparison', query: COMPARISON, variables: async (setup) => ({ ...(await barnevernOf(AUDITOR)(setup)), from: '2019', to: '2022' }), token: AUDITOR },
  { name: 'municipalityDashboard (large region)', query: MUNICIPALITY_DASHBOARD, variables: { number: LARGE.directorMunicipality }, token: DIRECTOR_LARGE },
  { name: 'serviceDashboard (large region)', query: SERVICE_DASHBOARD, variables: barnevernOf(LEADER_LARGE), token: LEADER_LARGE },
];
