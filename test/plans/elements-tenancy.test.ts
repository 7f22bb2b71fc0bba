import { Role } from '../../src/auth/roles';
import { PlanDocument } from '../../src/seed/plans/document';
import { buildPlan, inputType, mutate } from './fixtures/build';
import { asApiRole } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';

/**
 * The plan elements and follow-up tables belong to one region and, for writes, to the plan's editors
 * while the version is a draft: through the API (another region gets NOT_FOUND, sees nothing) and
 * with the service checks bypassed (raw SQL as the API role, for every table).
 */
let app: TestApp;
let admin: string;
let plan: { planId: string; versionId: string; milestoneId: string; ids: Record<string, string> };
let region: { nord: string; valdres: string; barnevern: string; nav: string };

const ELEMENT: PlanDocument = {
  title: 'Alle elementer',
  periodStartYear: 2025,
  periodEndYear: 2028,
  municipalityNumbers: ['3429'],
  statements: [{ kind: 'CONSENT_RULE', text: 'Samtykke' }],
  goals: [{ code: '1', title: 'Mål' }],
  factors: [{ kind: 'RISK', code: '1', title: 'Rus' }],
  targetGroups: [{ name: 'Ungdom', factors: ['RISK:1'] }],
  measures: [
    { code: 'A', title: 'Forutsetning', responsible: [{ role: 'Rektor' }] },
    { code: 'B', title: 'Tiltak', responsible: [{ serviceCode: 'barnevern' }], factors: ['RISK:1'], targetGroups: ['Ungdom'], dependsOn: ['A'] },
  ],
  bodies: [{ kind: 'WORKING_GROUP', name: 'Arbeidsgruppe', members: [{ role: 'Leder', municipalityNumber: '3429' }] }],
  milestones: [{ title: 'Frist', dueYear: 2025, responsibleBody: 'Arbeidsgruppe' }],
  collaborationModels: [
    { kind: 'COLLABORATION', name: 'Modell', consentRule: 'Samtykke', steps: [{ title: 'Trinn 1', consentRule: 'Samtykke', referralRoutes: [{ recipient: 'BUP', consentRule: 'Samtykke' }] }] },
  ],
};

const TABLES = [
  'plan_statement',
  'plan_factor',
  'plan_target_group',
  'plan_measure_factor',
  'plan_target_group_factor',
  'plan_measure_target_group',
  'plan_measure_dependency',
  'plan_body',
  'plan_body_member',
  'plan_collaboration_model',
  'plan_collaboration_step',
  'plan_referral_route',
  'plan_milestone_progress',
];

const uuid = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];

beforeAll(async () => {
  app = await startTestApp();
  admin = await app.token(Role.REGION_ADMIN);
  const services = ok(await app.gql(`{ sharedServices { id code } }`, {}, admin)).sharedServices;
  const built = await buildPlan(app, admin, ELEMENT, [services.find((s: any) => s.code === 'barnevern').id]);
  await mutate(app, admin, 'recordMilestoneProgress', { milestoneId: built.milestoneIds[0], status: 'IN_PROGRESS' }, 'progress { status }');
  const v = ok(
    await app.gql(
      `query($id: ID!) { node(id: $id) { ... on PlanVersion {
      statements { id } factors { id } targetGroups { id } governanceBodies { id } collaborationModels { id steps { id } } referralRoutes { id } } } }`,
      { id: built.versionId },
      admin,
    ),
  ).node;
  plan = {
    planId: built.planId,
    versionId: built.versionId,
    milestoneId: built.milestoneIds[0],
    ids: {
      PlanStatement: v.statements[0].id,
      PlanFactor: v.factors[0].id,
      PlanTargetGroup: v.targetGroups[0].id,
      PlanBody: v.governanceBodies[0].id,
      PlanCollaborationModel: v.collaborationModels[0].id,
      PlanCollaborationStep: v.collaborationModels[0].steps[0].id,
      PlanReferralRoute: v.referralRoutes[0].id,
    },
  };
  const q = async (sql: string) => (await app.owner.query(sql)).rows[0].id;
  region = {
    nord: await q(`SELECT id FROM region WHERE code = 'nord-osterdal'`),
    valdres: await q(`SELECT id FROM region WHERE code = 'valdres'`),
    barnevern: await q(`SELECT s.id FROM shared_service s JOIN region r ON r.id = s.region_id WHERE r.code = 'nord-osterdal' AND s.code = 'barnevern'`),
    nav: await q(`SELECT s.id FROM shared_service s JOIN region r ON r.id = s.region_id WHERE r.code = 'nord-osterdal' AND s.code = 'nav'`),
  };
});
afterAll(() => app.close());

/** Per table: rows of our plan visible, and rows an UPDATE and a DELETE reach (each undone at once, so cascades do not mix). */
async function reach(context: Record<string, string>): Promise<Record<string, [number, number, number]>> {
  return asApiRole(app, context, async (q) => {
    const out: Record<string, [number, number, number]> = {};
    for (const table of TABLES) {
      const count = async (sql: string) => {
        await q('SAVEPOINT s');
        try {
          const rows = await q(sql, [uuid(plan.planId)]);
          await q('ROLLBACK TO SAVEPOINT s');
          return Number(rows[0].n);
        } catch {
          await q('ROLLBACK TO SAVEPOINT s');
          return -1;
        }
      };
      out[table] = [
        await count(`SELECT count(*) AS n FROM ${table} WHERE plan_id = $1`),
        await count(`WITH u AS (UPDATE ${table} SET region_id = region_id WHERE plan_id = $1 RETURNING 1) SELECT count(*) AS n FROM u`),
        await count(`WITH d AS (DELETE FROM ${table} WHERE plan_id = $1 RETURNING 1) SELECT count(*) AS n FROM d`),
      ];
    }
    return out;
  });
}

const every = (value: [number, number, number]) => Object.fromEntries(TABLES.map((t) => [t, value]));

describe('RLS alone', () => {
  it('shows another region nothing and lets it change nothing', async () => {
    expect(await reach({ role: 'REGION_ADMIN', region_id: region.valdres })).toEqual(every([0, 0, 0]));
  });

  it("lets the plan's editors of the own region change the draft, and nobody else", async () => {
    const rows = await reach({ role: 'REGION_ADMIN', region_id: region.nord });
    expect(Object.values(rows).every(([seen, updated, deleted]) => seen > 0 && updated === seen && deleted === seen)).toBe(true);
    expect(await reach({ role: 'SERVICE_LEADER', region_id: region.nord, service_id: region.barnevern })).toEqual(rows);
    // A leader whose service the plan does not cover, and a municipal director, read but do not write.
    const readOnly = Object.fromEntries(Object.entries(rows).map(([t, [seen]]) => [t, [seen, 0, 0]]));
    expect(await reach({ role: 'SERVICE_LEADER', region_id: region.nord, service_id: region.nav })).toEqual(readOnly);
    expect(await reach({ role: 'MUNICIPAL_DIRECTOR', region_id: region.nord, municipality_id: (await app.owner.query(`SELECT id FROM municipality WHERE number = '3429'`)).rows[0].id })).toEqual(
      readOnly,
    );
    // PUBLIC sees neither the draft's content nor any progress.
    expect(await reach({ role: 'PUBLIC' })).toEqual(every([0, 0, 0]));
  });

  it('refuses rows moved into another region or pointing across regions', async () => {
    const result = await asApiRole(app, { role: 'REGION_ADMIN', region_id: region.valdres }, async (q) => {
      try {
        await q(`INSERT INTO plan_statement (region_id, plan_id, version_id, kind, text) VALUES ($1, $2, $3, 'MOTTO', 'x')`, [region.valdres, uuid(plan.planId), uuid(plan.versionId)]);
        return 'inserted';
      } catch (error) {
        return (error as { code?: string }).code;
      }
    });
    expect(['23503', '42501']).toContain(result); // foreign key (no such version in Valdres) or RLS
  });
});

describe('through the API', () => {
  it('hides every element from another region and answers its changes with NOT_FOUND', async () => {
    const valdres = await app.token(Role.REGION_ADMIN, { region: 'valdres' });
    for (const [type, id] of Object.entries(plan.ids)) {
      expect([type, ok(await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id }, valdres)).node]).toEqual([type, null]);
      for (const name of [`update${type}`, `delete${type}`]) {
        const res = ok(await app.gql(`mutation($input: ${inputType(name)}!) { ${name}(input: $input) { userErrors { code } } }`, { input: { id } }, valdres));
        expect([name, res[name].userErrors.map((e: any) => e.code)]).toEqual([name, ['NOT_FOUND']]);
      }
    }
    const res = ok(
      await app.gql(
        `mutation($input: RecordMilestoneProgressInput!) { recordMilestoneProgress(input: $input) { userErrors { code } } }`,
        { input: { milestoneId: plan.milestoneId, status: 'DONE', completedOn: '2025-01-01' } },
        valdres,
      ),
    );
    expect(res.recordMilestoneProgress.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
    expect(ok(await app.gql(`query($id: ID!) { preventionCoverage(planId: $id) { levels } }`, { id: plan.planId }, valdres)).preventionCoverage).toBeNull();
    const { rows } = await app.owner.query(`SELECT status FROM plan_milestone_progress WHERE plan_id = $1`, [uuid(plan.planId)]);
    expect(rows).toEqual([{ status: 'IN_PROGRESS' }]);
  });

  it('refuses references to rows of another version or region as NOT_FOUND', async () => {
    const other = await mutate(app, admin, 'createStrategicPlan', { title: 'Annen plan', periodStartYear: 2025, periodEndYear: 2028, municipalityNumbers: ['3429'], serviceIds: [] }, 'version { id }');
    const payload = ok(
      await app.gql(
        `mutation($input: AddPlanMeasureInput!) { addPlanMeasure(input: $input) { measure { id } userErrors { field code } } }`,
        {
          input: { versionId: other.version.id, title: 'Lånt', factorIds: [plan.ids.PlanFactor], targetGroupIds: [plan.ids.PlanTargetGroup] },
        },
        admin,
      ),
    ).addPlanMeasure;
    expect(payload).toEqual({
      measure: null,
      userErrors: [
        { field: ['input', 'factorIds', '0'], code: 'NOT_FOUND' },
        { field: ['input', 'targetGroupIds', '0'], code: 'NOT_FOUND' },
      ],
    });
    const route = ok(
      await app.gql(
        `mutation($input: AddPlanReferralRouteInput!) { addPlanReferralRoute(input: $input) { userErrors { field code } } }`,
        {
          input: { versionId: other.version.id, recipient: 'BUP', stepId: plan.ids.PlanCollaborationStep, consentRuleId: plan.ids.PlanStatement },
        },
        admin,
      ),
    ).addPlanReferralRoute;
    expect(route.userErrors).toEqual([
      { field: ['input', 'stepId'], code: 'NOT_FOUND' },
      { field: ['input', 'consentRuleId'], code: 'NOT_FOUND' },
    ]);
  });
});
