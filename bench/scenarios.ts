import { Role } from '../src/auth/roles';
// The same query the constant-SQL test uses, so the benchmark measures what the test guards.
import { FULL_PLAN_QUERY } from '../test/plans/fixtures/queries';
import { COST_SCENARIOS } from './costs';
import { DASHBOARD_SCENARIOS } from './dashboards';
import { FORA_SCENARIOS } from './fora';
import { KOSTRA_SCENARIOS } from './kostra-15f';
import { LARGE } from './large-dataset';
import { PLAN_SCENARIOS } from './plans';
import { STATISTICS_SCENARIOS } from './statistics';
import type { Scenario, ScenarioSetup, TokenSpec } from './scenario-types';

export type { Scenario, ScenarioSetup, TokenSpec, Variables } from './scenario-types';

const REGION_ADMIN: TokenSpec = { role: Role.REGION_ADMIN, region: 'nord-osterdal' };
const DIRECTOR_FOLLDAL: TokenSpec = { role: Role.MUNICIPAL_DIRECTOR, municipality: '3429' };
const DIRECTOR_TYNSET: TokenSpec = { role: Role.MUNICIPAL_DIRECTOR, municipality: '3427' };
/** A director in the generated large region (bench/large-dataset.ts). */
const DIRECTOR_LARGE: TokenSpec = { role: Role.MUNICIPAL_DIRECTOR, municipality: LARGE.directorMunicipality };

const SERVICES_OWNERS_UNITS = '{ sharedServices { name host { name } owners { number name units(first: 5) { totalCount nodes { name kind size } } } } }';
const NODE_QUERY = 'query Node($id: ID!) { node(id: $id) { id ... on Unit { code name kind size municipality { number name } } } }';

export const SCENARIOS: Scenario[] = [
  {
    name: 'viewer',
    query: '{ viewer { role subject region { name } municipality { number name } } }',
    token: DIRECTOR_FOLLDAL,
  },
  {
    name: 'region+municipalities',
    query: '{ region { code name municipalities { id number name } sharedServices { name } } }',
    token: DIRECTOR_FOLLDAL,
  },
  {
    name: 'sharedServices→owners→units',
    query: '{ sharedServices { name host { name } owners { number name units(first: 20) { totalCount nodes { name kind size } } } } }',
    token: { role: Role.SERVICE_LEADER, service: 'barnevern', region: 'nord-osterdal' },
  },
  {
    name: 'units(first: 20)',
    query: `query Units($first: Int, $after: String) {
      units(first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { id code name kind size municipality { number name } } }
      }
    }`,
    variables: { first: 20 },
    token: DIRECTOR_FOLLDAL,
  },
  {
    name: 'node(id)',
    query: NODE_QUERY,
    variables: firstUnitOf('3429', DIRECTOR_FOLLDAL),
    token: DIRECTOR_FOLLDAL,
  },
  {
    name: 'public municipalities',
    query: '{ municipalities(regionCode: "nord-osterdal") { number name region { name } } }',
    token: { role: Role.PUBLIC },
  },
  {
    // Writes: one UPDATE plus one audit row per request. Each unit is "resized" to the size it
    // already has, cycling over all units of the region, so the data stays as seeded and
    // concurrent requests rarely wait on the same row lock.
    name: 'updateUnit (mutation)',
    query: `mutation Update($input: UpdateUnitInput!) {
      updateUnit(input: $input) { unit { id size } userErrors { field message code } }
    }`,
    variables: async ({ gql }) => {
      const data = await gql<{ units: { nodes: { id: string; size: number }[] } }>('{ units(first: 100) { nodes { id size } } }', undefined, REGION_ADMIN);
      return data.units.nodes.map((u) => ({ input: { id: u.id, size: u.size } }));
    },
    token: REGION_ADMIN,
  },
  {
    // The whole adopted Nord-Østerdal plan as a municipal director's dashboard asks for it: its
    // texts, goals, focus areas, the measure with responsibles and implementation status per
    // municipality, bodies, milestones with progress, models, routes and the five council decisions.
    name: 'strategicPlan (full)',
    query: FULL_PLAN_QUERY,
    variables: firstAdoptedPlan(DIRECTOR_TYNSET),
    token: DIRECTOR_TYNSET,
  },
  {
    name: 'public adopted plans',
    query: '{ strategicPlans(regionCode: "nord-osterdal", first: 10) { totalCount nodes { id title period status currentVersion { goals { title } focusAreas { title } } } } }',
    token: { role: Role.PUBLIC },
  },
  ...PLAN_SCENARIOS,
  ...FORA_SCENARIOS,
  ...STATISTICS_SCENARIOS,
  ...KOSTRA_SCENARIOS,
  ...COST_SCENARIOS,
  ...DASHBOARD_SCENARIOS,

  // The same shapes on the generated large region: 40 owner municipalities with 25 units each, a plan of 200 measures × 40 municipalities.
  { name: 'large: sharedServices→owners→units(first: 5)', query: SERVICES_OWNERS_UNITS, token: DIRECTOR_LARGE },
  { name: 'large: strategicPlan (full)', query: FULL_PLAN_QUERY, variables: firstAdoptedPlan(DIRECTOR_LARGE), token: DIRECTOR_LARGE },
  { name: 'large: municipalities', query: '{ municipalities { number name } }', token: DIRECTOR_LARGE },
  { name: 'large: node(id)', query: NODE_QUERY, variables: firstUnitOf(LARGE.directorMunicipality, DIRECTOR_LARGE), token: DIRECTOR_LARGE },
  {
    name: 'large: units(first: 20)',
    query: `query Units($after: String) { units(first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id code name kind size municipality { number name } } } } }`,
    // A page deep in the region's 1,000 units.
    variables: { after: Buffer.from('offset:499').toString('base64url') },
    token: DIRECTOR_LARGE,
  },
];

/** The global ID of the first unit (by name) of a municipality, looked up before the run. */
function firstUnitOf(municipality: string, token: TokenSpec) {
  return async ({ gql }: ScenarioSetup) => {
    const data = await gql<{ units: { nodes: { id: string }[] } }>(`{ units(municipalityNumber: "${municipality}", first: 1) { nodes { id } } }`, undefined, token);
    return { id: data.units.nodes[0].id };
  };
}

/** The global ID of the first adopted plan the caller sees. */
function firstAdoptedPlan(token: TokenSpec) {
  return async ({ gql }: ScenarioSetup) => {
    const data = await gql<{ strategicPlans: { nodes: { id: string }[] } }>('{ strategicPlans(first: 1, status: ADOPTED) { nodes { id } } }', undefined, token);
    return { id: data.strategicPlans.nodes[0].id };
  };
}
