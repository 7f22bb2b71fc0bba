import { Role } from '../src/auth/roles';
import type { Scenario, TokenSpec } from './scenario-types';

/**
 * Scenarios of the plans feature beyond the full plan (which bench/scenarios.ts keeps): the
 * prevention gap analysis of the Sør-Aurdal plan (41 measures, 15 factors) and the region's
 * follow-up view (every adopted plan with its expiry, overdue milestones and reviews).
 */
const VALDRES_LEADER: TokenSpec = { role: Role.SERVICE_LEADER, service: 'barnevern', region: 'valdres' };
const DIRECTOR_TYNSET: TokenSpec = { role: Role.MUNICIPAL_DIRECTOR, municipality: '3427' };

export const PLAN_SCENARIOS: Scenario[] = [
  {
    name: 'preventionCoverage (41 measures)',
    query: `query Coverage($id: ID!) { preventionCoverage(planId: $id) {
      ageBands { label }
      factors { factor { kind code title } gapCount cells { level band { label } applicable gap measures { title } } }
      gaps { factor { code } level band { label } } measuresAddressingNoRisk { title } measuresWithoutLevel { title } } }`,
    variables: async ({ gql }) => {
      const data = await gql<{ strategicPlans: { nodes: { id: string }[] } }>('{ strategicPlans(first: 1) { nodes { id } } }', undefined, VALDRES_LEADER);
      return { id: data.strategicPlans.nodes[0].id };
    },
    token: VALDRES_LEADER,
  },
  {
    name: 'planFollowUp (region view)',
    query: `{ planFollowUp(asOf: "2026-11-24") {
      plan { title period } expiry { state monthsLeft actions { source reference } }
      overdueMilestones { milestone { title due } status dueBy } reviews { year missing { name } services { service { name } reviewed } } } }`,
    token: DIRECTOR_TYNSET,
  },
];
