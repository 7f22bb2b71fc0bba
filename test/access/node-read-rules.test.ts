import { features } from '../../src/features';
import { toGlobalId } from '../../src/global-id';
import { regionId } from '../helpers/fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';
import { buildScenario, Principal, principals } from './fixtures';
import { prepared, published } from '../dashboards/state-report-fixtures';

/**
 * node(id:) obeys exactly the read rule of each type's list query: for every node type, rows of the
 * demo seed and the scenario (picked to fall inside and outside each scope), and every role with
 * realistic scopes, node(id:) returns the row exactly when the role's list query returns it, and
 * null otherwise (never an error: not allowed reads as not there). docs/permissions.md, "node(id:)".
 */

type Row = Record<string, any>;
interface ListCase {
  /** SQL picking rows (column `id`, plus what `list` needs); $1 Nord-Østerdal, $2 Valdres. */
  pick: string;
  /** The list query that shows rows of the type (only the rows' `id`s are selected). */
  list: (row: Row) => { query: string; vars?: Record<string, unknown> };
}

const FORA = `SELECT f.id FROM forum f LEFT JOIN unit u ON u.id = f.unit_id WHERE f.region_id = $1 AND (f.unit_id IS NULL OR u.code IN ('folldal-skole', 'tynset-barneskole', 'tolga-skole'))`;
const perForum = (table: string, order: string) => `SELECT DISTINCT ON (forum_id) id, forum_id FROM ${table} WHERE forum_id IN (${FORA}) ORDER BY forum_id, ${order}`;
const ofForum = (selection: string) => (r: Row) => ({ query: `query($f: ID!) { forum(id: $f) { ${selection} } }`, vars: { f: toGlobalId('Forum', r.forum_id) } });
const versionContent = (table: string) =>
  `SELECT DISTINCT ON (v.region_id, v.status) c.id, v.plan_id FROM ${table} c JOIN plan_version v ON v.id = c.version_id WHERE c.region_id IN ($1, $2) ORDER BY v.region_id, v.status, c.id`;
const ofPlan = (selection: string) => (r: Row) => ({ query: `query($p: ID!) { strategicPlan(id: $p) { ${selection} } }`, vars: { p: toGlobalId('StrategicPlan', r.plan_id) } });
const serviceMonth = (connection: string) => (r: Row) => ({
  query: `query($s: ID, $p: String) { ${connection}(first: 100, serviceId: $s, period: $p) { nodes { id } } }`,
  vars: { s: toGlobalId('SharedService', r.service_id), p: r.period },
});

const CASES: Record<string, ListCase> = {
  Region: { pick: `SELECT id FROM region WHERE id IN ($1, $2)`, list: () => ({ query: `{ municipalities { region { id } } }` }) },
  Municipality: {
    pick: `SELECT id FROM municipality WHERE number IN ('3429', '3427') OR id = (SELECT id FROM municipality WHERE region_id = $2 ORDER BY number LIMIT 1)`,
    list: () => ({ query: `{ municipalities { id } }` }),
  },
  SharedService: {
    pick: `(SELECT id FROM shared_service WHERE region_id = $1) UNION ALL (SELECT id FROM shared_service WHERE region_id = $2 LIMIT 1)`,
    list: () => ({ query: `{ sharedServices { id } }` }),
  },
  OwnershipPeriod: {
    pick: `(SELECT id FROM ownership_period WHERE region_id = $1 ORDER BY id LIMIT 2) UNION ALL (SELECT id FROM ownership_period WHERE region_id = $2 LIMIT 1)`,
    list: () => ({ query: `{ sharedServices { ownershipPeriods { id } } }` }),
  },
  Unit: {
    pick: `SELECT u.id, m.number FROM unit u JOIN municipality m ON m.id = u.municipality_id WHERE u.code IN ('folldal-skole', 'tynset-barneskole') OR u.id = (SELECT id FROM unit WHERE region_id = $2 ORDER BY id LIMIT 1)`,
    list: (r) => ({ query: `query($n: String) { units(first: 100, municipalityNumber: $n) { nodes { id } } }`, vars: { n: r.number } }),
  },
  ForumKind: { pick: `SELECT id FROM forum_kind WHERE region_id = $1 ORDER BY code LIMIT 2`, list: () => ({ query: `{ forumKinds { id } }` }) },
  ForumKindMember: { pick: `SELECT id FROM forum_kind_member WHERE region_id = $1 ORDER BY id LIMIT 2`, list: () => ({ query: `{ forumKinds { members { id } } }` }) },
  ForumKindAgendaElement: { pick: `SELECT id FROM forum_kind_agenda_element WHERE region_id = $1 ORDER BY id LIMIT 2`, list: () => ({ query: `{ forumKinds { agendaElements { id } } }` }) },
  Forum: { pick: FORA, list: () => ({ query: `{ forums(first: 100) { nodes { id } } }` }) },
  ForumMembership: { pick: perForum('forum_membership', 'id'), list: ofForum('memberships(history: true) { id }') },
  ForumMeeting: { pick: perForum('forum_meeting', 'starts_at DESC, id'), list: ofForum('meetings(first: 100) { nodes { id } }') },
  ForumFollowUp: { pick: perForum('forum_follow_up', 'due_on, position, id'), list: ofForum('followUps(first: 100) { nodes { id } }') },
  ForumCaseConsent: { pick: `SELECT id, forum_id FROM forum_case_consent WHERE region_id = $1`, list: ofForum('consents { id }') },
  ForumCaseReferral: {
    pick: `SELECT id, from_forum_id, to_forum_id FROM forum_case_referral WHERE region_id = $1`,
    list: (r) => ({
      query: `query($f: ID!, $t: ID!) { from: forum(id: $f) { sentReferrals(first: 100) { nodes { id } } } to: forum(id: $t) { receivedReferrals(first: 100) { nodes { id } } } }`,
      vars: { f: toGlobalId('Forum', r.from_forum_id), t: toGlobalId('Forum', r.to_forum_id) },
    }),
  },
  // Reports are made in beforeAll (the demo seed has none): one published (3429), one draft (3428).
  StateReport: { pick: `SELECT id FROM state_report WHERE region_id = $1`, list: () => ({ query: `{ stateReports(first: 10) { nodes { id } } }` }) },
  StrategicPlan: { pick: `SELECT id FROM strategic_plan WHERE region_id IN ($1, $2)`, list: () => ({ query: `{ strategicPlans(first: 100) { nodes { id } } }` }) },
  PlanVersion: { pick: `SELECT DISTINCT ON (region_id, status) id, plan_id FROM plan_version WHERE region_id IN ($1, $2) ORDER BY region_id, status, id`, list: ofPlan('versions { id }') },
  PlanGoal: { pick: versionContent('plan_goal'), list: ofPlan('versions { goals { id } }') },
  PlanFocusArea: { pick: versionContent('plan_focus_area'), list: ofPlan('versions { focusAreas { id } }') },
  PlanMeasure: { pick: versionContent('plan_measure'), list: ofPlan('versions { measures { id } }') },
  PlanMilestone: { pick: versionContent('plan_milestone'), list: ofPlan('versions { milestones { id } }') },
  PlanStatement: { pick: versionContent('plan_statement'), list: ofPlan('versions { statements { id } }') },
  PlanFactor: { pick: versionContent('plan_factor'), list: ofPlan('versions { factors { id } }') },
  PlanTargetGroup: { pick: versionContent('plan_target_group'), list: ofPlan('versions { targetGroups { id } }') },
  PlanBody: { pick: versionContent('plan_body'), list: ofPlan('versions { governanceBodies { id } }') },
  PlanCollaborationModel: { pick: versionContent('plan_collaboration_model'), list: ofPlan('versions { collaborationModels { id } }') },
  PlanCollaborationStep: { pick: versionContent('plan_collaboration_step'), list: ofPlan('versions { collaborationModels { steps { id } } }') },
  PlanReferralRoute: { pick: versionContent('plan_referral_route'), list: ofPlan('versions { referralRoutes { id } }') },
  PlanReview: { pick: `SELECT id, plan_id FROM plan_review WHERE region_id IN ($1, $2) ORDER BY id LIMIT 2`, list: ofPlan('reviews { id }') },
  StatisticsMetric: {
    pick: `SELECT DISTINCT ON (m.region_id) m.id, s.id AS service_id FROM statistics_metric m JOIN shared_service s ON s.kind = m.service_kind AND s.region_id = m.region_id WHERE m.region_id IN ($1, $2) ORDER BY m.region_id, m.id, s.code`,
    list: (r) => ({ query: `query($s: ID!) { statisticsMetrics(serviceId: $s) { id } }`, vars: { s: toGlobalId('SharedService', r.service_id) } }),
  },
  StatisticsImport: {
    pick: `SELECT DISTINCT ON (region_id) id, service_id, extract(year FROM imported_at)::int AS year FROM statistics_import WHERE region_id IN ($1, $2) ORDER BY region_id, id`,
    list: (r) => ({ query: `query($s: ID!) { activityStatistics(serviceId: $s, from: "2015", to: "2025") { sources { id } } }`, vars: { s: toGlobalId('SharedService', r.service_id) } }),
  },
  CostCategory: { pick: `SELECT id FROM cost_category WHERE region_id = $1 ORDER BY id LIMIT 2`, list: () => ({ query: `{ costCategories { id } }` }) },
  CostAgreement: { pick: `SELECT DISTINCT ON (service_id) id FROM cost_agreement WHERE region_id = $1 ORDER BY service_id, id`, list: () => ({ query: `{ costAgreements { id } }` }) },
  CostBudget: {
    pick: `SELECT DISTINCT ON (service_id) id, year FROM cost_budget WHERE region_id = $1 ORDER BY service_id, id`,
    list: (r) => ({ query: `query($y: Int!) { costBudgets(year: $y) { id } }`, vars: { y: r.year } }),
  },
  LedgerEntry: {
    pick: `SELECT DISTINCT ON (service_id) id, service_id, to_char(posting_date, 'YYYY-MM') AS period FROM ledger_entry WHERE region_id = $1 ORDER BY service_id, posting_date, voucher, voucher_line`,
    list: (r) => ({ query: `query($s: ID, $p: String) { ledgerEntries(first: 1, serviceId: $s, period: $p) { nodes { id } } }`, vars: { s: toGlobalId('SharedService', r.service_id), p: r.period } }),
  },
  CostReport: {
    pick: `SELECT DISTINCT ON (service_id, status) id, service_id, period FROM cost_report WHERE region_id = $1 ORDER BY service_id, status, period DESC, version DESC`,
    list: serviceMonth('costReports'),
  },
  CostAlertRule: { pick: `SELECT DISTINCT ON (service_id) id FROM cost_alert_rule WHERE region_id = $1 ORDER BY service_id, id`, list: () => ({ query: `{ costAlertRules { id } }` }) },
  CostAlert: {
    pick: `SELECT DISTINCT ON (service_id, municipality_id) id, service_id, period FROM cost_alert WHERE region_id = $1 ORDER BY service_id, municipality_id, id`,
    list: serviceMonth('costAlerts'),
  },
};

/** Every `id` in a response (list queries select only the ids of the type). */
function ids(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => ids(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'id' && typeof v === 'string') out.add(v);
      else ids(v, out);
    }
  }
  return out;
}

let app: TestApp;
let who: Principal[];

beforeAll(async () => {
  app = await startTestApp();
  who = await principals(app, await buildScenario(app));
  await published(app, '3429', 2022);
  await prepared(app, '3428', 2022);
}, 120_000);
afterAll(() => app.close());

it('has a list query for every node type of every feature', () => {
  expect(Object.keys(CASES).sort()).toEqual(features.flatMap((f) => f.nodeTypes.map((t) => t.entity.name)).sort());
});

describe.each(Object.keys(CASES))('node(id:) of %s', (type) => {
  it('returns a row to a role exactly when its list query does, null otherwise', async () => {
    const regions = [await regionId(app, 'nord-osterdal'), await regionId(app, 'valdres')];
    const { rows } = await app.owner.query(`SELECT * FROM (${CASES[type].pick}) picked WHERE $1::uuid IS NOT NULL AND $2::uuid IS NOT NULL`, regions);
    expect(rows.length).toBeGreaterThan(0);
    const lists = new Map<string, Set<string>>();
    const mismatches: string[] = [];
    let shown = 0;
    for (const row of rows) {
      const id = toGlobalId(type, row.id);
      const { query, vars = {} } = CASES[type].list(row);
      for (const p of who) {
        const key = `${p.label} ${query} ${JSON.stringify(vars)}`;
        if (!lists.has(key)) {
          const res = await app.gql(query, vars, p.token);
          // A refusal (or, for a service of another region, NOT_FOUND) lists nothing.
          if (res.errors) expect(['FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND']).toContain(res.errors[0].extensions?.code);
          lists.set(key, ids(res.data));
        }
        const listed = lists.get(key)!.has(id);
        const node = await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id }, p.token);
        expect(node.errors).toBeUndefined();
        const found = node.data?.node?.id === id;
        if (found !== listed) mismatches.push(`${p.label}: node ${found ? 'returns' : 'hides'} ${type} ${row.id}, the list ${listed ? 'shows' : 'does not show'} it`);
        if (listed) shown += 1;
      }
    }
    expect(mismatches).toEqual([]);
    // Not a vacuous comparison: some role's list shows some of the picked rows.
    expect(shown).toBeGreaterThan(0);
  });
});
