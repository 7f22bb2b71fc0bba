import { Client } from 'pg';
import { Role } from '../../src/auth/roles';
import { COMPARISON, MUNICIPALITY_DASHBOARD, SERVICE_DASHBOARD } from '../../test/dashboards/queries';
import { FULL_PLAN_QUERY } from '../../test/plans/fixtures/queries';
import { COMPLIANCE } from '../fora';
import type { Scenario, ScenarioSetup, TokenSpec } from '../scenario-types';
import { NATIONAL, YEARS } from './generate';

/**
 * The scenarios of `npm run bench -- --national` (bench/national/README in the README's "National
 * scale"): the three dashboards, forum compliance, the full plan, cost reports and statistics
 * tables, on the generated national database (generate.ts), as the people who would ask: a
 * municipal director of the middle region's host municipality, its barnevern leader, its auditor,
 * its region admin, and the public. The current query shapes (no pagination arguments yet: other
 * work changes the plan and forumCompliance queries).
 */

export interface NationalTarget {
  region: string;
  /** The host municipality (first by number) of the region. */
  municipality: string;
  municipalities: number;
  units: number;
}

/** The middle region by code, and its host municipality. */
export async function nationalTarget(ownerUrl: string): Promise<NationalTarget> {
  const db = new Client({ connectionString: ownerUrl });
  await db.connect();
  try {
    const regions = (await db.query<{ code: string }>(`SELECT code FROM region WHERE code LIKE $1 ORDER BY code`, [`${NATIONAL.regionPrefix}%`])).rows;
    if (!regions.length) throw new Error('no generated national regions in this database: run `npm run gen:national` first (the same DATA_DIR or DATABASE_URL)');
    const region = regions[Math.floor(regions.length / 2)].code;
    const {
      rows: [row],
    } = await db.query<{ number: string; municipalities: number; units: number }>(
      `SELECT (SELECT m.number FROM municipality m WHERE m.region_id = r.id ORDER BY m.number LIMIT 1) AS number,
              (SELECT count(*)::int FROM municipality m WHERE m.region_id = r.id) AS municipalities,
              (SELECT count(*)::int FROM unit u WHERE u.region_id = r.id) AS units
         FROM region r WHERE r.code = $1`,
      [region],
    );
    return { region, municipality: row.number, municipalities: row.municipalities, units: row.units };
  } finally {
    await db.end();
  }
}

const COST_REPORTS = `query Report($period: String!) {
  costReports(period: $period, first: 10) { nodes { id period version status service { name }
    lines { municipality { number name } category { code name } budgetYtdOre actualYtdOre forecastOre deviationOre deviationPercent sharePercent } } }
}`;

const STATISTICS = `query($id: ID!, $from: String!, $to: String!, $groupBy: [StatisticsGroupBy!]!) {
  activityStatistics(serviceId: $id, from: $from, to: $to, groupBy: $groupBy) {
    view rows { period value suppressed reason } totals { value reason partialSum suppressedContributors }
  }
}`;

const LAST_PERIOD = `${YEARS.last}-12`;

export function nationalScenarios(t: NationalTarget): Scenario[] {
  const director: TokenSpec = { role: Role.MUNICIPAL_DIRECTOR, municipality: t.municipality };
  const auditor: TokenSpec = { role: Role.AUDITOR, municipality: t.municipality };
  const leader: TokenSpec = { role: Role.SERVICE_LEADER, service: 'barnevern', region: t.region };
  const admin: TokenSpec = { role: Role.REGION_ADMIN, region: t.region };
  const finance: TokenSpec = { role: Role.HOST_FINANCE, service: 'barnevern', region: t.region };
  const barnevern = (token: TokenSpec) => async (setup: ScenarioSetup) => {
    const data = await setup.gql<{ sharedServices: { id: string; code: string }[] }>('{ sharedServices { id code } }', undefined, token);
    return data.sharedServices.find((s) => s.code === 'barnevern')!.id;
  };
  const plan = async (setup: ScenarioSetup) => {
    const data = await setup.gql<{ strategicPlans: { nodes: { id: string }[] } }>('{ strategicPlans(first: 1, status: ADOPTED) { nodes { id } } }', undefined, director);
    return { id: data.strategicPlans.nodes[0].id };
  };
  return [
    { name: 'municipalityDashboard', query: MUNICIPALITY_DASHBOARD, variables: { number: t.municipality, period: LAST_PERIOD }, token: director },
    { name: 'serviceDashboard', query: SERVICE_DASHBOARD, variables: async (s) => ({ serviceId: await barnevern(leader)(s), period: LAST_PERIOD }), token: leader },
    {
      name: 'municipalityComparison',
      query: COMPARISON,
      variables: async (s) => ({ serviceId: await barnevern(auditor)(s), from: String(YEARS.first), to: String(YEARS.last) }),
      token: auditor,
    },
    { name: 'forumCompliance (municipality-year)', query: COMPLIANCE, variables: { n: t.municipality, p: String(YEARS.last) }, token: admin },
    { name: 'strategicPlan (full)', query: FULL_PLAN_QUERY, variables: plan, token: director },
    { name: 'costReports (month)', query: COST_REPORTS, variables: { period: LAST_PERIOD }, token: finance },
    {
      name: 'statistics 10 years (PUBLIC)',
      query: STATISTICS,
      variables: async (s) => ({ id: await barnevern(leader)(s), from: String(YEARS.first), to: String(YEARS.last), groupBy: ['MUNICIPALITY', 'YEAR'] }),
      token: { role: Role.PUBLIC },
    },
    {
      name: 'statistics 10 years (leader)',
      query: STATISTICS,
      variables: async (s) => ({ id: await barnevern(leader)(s), from: String(YEARS.first), to: String(YEARS.last), groupBy: ['MUNICIPALITY', 'YEAR'] }),
      token: leader,
    },
  ];
}

/** The dashboards the target (p95 < 50 ms at 20 clients) is about. */
export const NATIONAL_DASHBOARDS = new Set(['municipalityDashboard', 'serviceDashboard', 'municipalityComparison']);
