import { Role } from '../../src/auth/roles';
import { inputType, mutate } from './fixtures/build';
import { FULL_PLAN_QUERY } from './fixtures/queries';
import { ok, startTestApp, TestApp } from '../helpers/test-app';

let app: TestApp;
let admin: string;
let seedPlanId: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = await app.token(Role.REGION_ADMIN);
  seedPlanId = ok(await app.gql(`{ strategicPlans { nodes { id } } }`, {}, admin)).strategicPlans.nodes[0].id;
});
afterAll(() => app.close());

/** Runs SQL as the API's non-owner role with an RLS context, in a transaction that is rolled back. */
async function asApiRole<T>(context: Record<string, string>, work: (q: (sql: string, params?: unknown[]) => Promise<any>) => Promise<T>): Promise<T> {
  const runner = app.appDataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    for (const [key, value] of Object.entries(context)) await runner.query(`SELECT set_config($1, $2, true)`, [`app.${key}`, value]);
    return await work((sql, params) => runner.query(sql, params));
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

async function ids(sql: string, params: unknown[] = []): Promise<string[]> {
  return (await app.owner.query(sql, params)).rows.map((r: { id: string }) => r.id);
}

describe('the seeded Nord-Østerdal plan (seed 001)', () => {
  it('has the four focus areas, the TST measure and the 2023–2024 milestones, adopted in all five municipalities', async () => {
    const token = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
    const plan = ok(await app.gql(FULL_PLAN_QUERY, { id: seedPlanId }, token)).strategicPlan;
    expect(plan).toMatchObject({ status: 'ADOPTED', period: '2023–2026', region: { code: 'nord-osterdal' }, adoptedVersion: { number: 1 } });
    expect(plan.municipalities.map((m: any) => m.number)).toEqual(['3424', '3426', '3427', '3428', '3429']);
    expect(plan.sharedServices.map((s: any) => s.code).sort()).toEqual(['barnevern', 'nav', 'ppt']);
    const v = plan.currentVersion;
    expect(v.status).toBe('ADOPTED');
    expect(v.mainGoal.title).toBe('Flere utsatte barn og familier skal få den hjelpen de trenger på et tidlig tidspunkt');
    expect(v.goals.filter((g: any) => g.kind === 'GOAL')).toHaveLength(5);
    expect(v.focusAreas.map((f: any) => f.title)).toEqual(['Tverrfaglig samhandling', 'Forebygging', 'Tidlig innsats', 'Kompetanseheving']);
    for (const f of v.focusAreas) {
      expect(f.whatWeAchieve).toBeTruthy();
      expect(f.howWeDoIt).toBeTruthy();
      expect(f.rolesAndResponsibility).toBeTruthy();
    }
    const tst = v.measures.find((m: any) => m.title.includes('(TST)'));
    expect(tst).toMatchObject({ focusArea: { title: 'Tverrfaglig samhandling' }, preventionLevel: 'SELECTIVE' });
    expect(tst.organisation).toContain('Faste deltagere: skole/barnehage, PPT, helsesykepleier og barnevern, og det er møteplikt.');
    expect(tst.timeFrame).toContain('minst 2 ganger i høstsemesteret og 3 ganger i vårsemesteret');
    expect(tst.responsible.map((r: any) => r.label)).toEqual(['Skole/barnehage', 'PPT Nord-Østerdal', 'Helsesykepleier', 'Barneverntjenesten i Nord-Østerdal']);
    expect(tst.implementations.map((i: any) => [i.municipality.number, i.status])).toEqual([
      ['3424', 'IN_PROGRESS'], ['3426', 'IMPLEMENTED'], ['3427', 'EVALUATED'], ['3428', 'IMPLEMENTED'], ['3429', 'NOT_STARTED'],
    ]);
    expect(v.milestones.map((m: any) => [m.due, m.status])).toEqual([['Våren 2023', 'DONE'], ['Høsten 2023', 'DONE'], ['Våren 2024', 'IN_PROGRESS']]);
    expect(v.adoptions).toHaveLength(5);
    for (const a of v.adoptions) expect(a).toMatchObject({ status: 'ADOPTED', decisionBody: 'Kommunestyret', caseNumber: expect.stringMatching(/^23\/\d+$/) });
    expect(v.adoptionSummary).toEqual({ total: 5, adopted: 5, pending: 0, complete: true });
  });

  it('shows goals no measure serves, progress in numbers, and a complete § 15-1 check', async () => {
    const data = ok(await app.gql(
      `query($id: ID!) { strategicPlan(id: $id) {
          progress { measureCount municipalityCount counts { status count total share }
            perMunicipality { municipality { number } counts { status count } } perGoal { goal { code } measureCount counts { status count } } }
          currentVersion { coverageMatrix { goalsWithoutMeasures { code } measuresWithoutGoals { code } }
            legalCompleteness { reference complete checks { requirement present } } } } }`,
      { id: seedPlanId },
      admin,
    )).strategicPlan;
    expect(data.currentVersion.coverageMatrix).toEqual({ goalsWithoutMeasures: [{ code: '5' }], measuresWithoutGoals: [] });
    expect(data.currentVersion.legalCompleteness).toEqual({
      reference: 'barnevernsloven § 15-1', complete: true,
      checks: [{ requirement: 'GOALS', present: true }, { requirement: 'ORGANISATION', present: true }, { requirement: 'COOPERATION', present: true }],
    });
    const p = data.progress;
    expect([p.measureCount, p.municipalityCount]).toEqual([4, 5]);
    // 20 measure × municipality pairs; only TST has statuses (seed): 1 in progress, 2 implemented, 1 evaluated.
    expect(p.counts).toEqual([
      { status: 'NOT_STARTED', count: 16, total: 20, share: 0.8 },
      { status: 'IN_PROGRESS', count: 1, total: 20, share: 0.05 },
      { status: 'IMPLEMENTED', count: 2, total: 20, share: 0.1 },
      { status: 'EVALUATED', count: 1, total: 20, share: 0.05 },
    ]);
    expect(p.perMunicipality.find((m: any) => m.municipality.number === '3427').counts.map((c: any) => c.count)).toEqual([3, 0, 0, 1]);
    expect(p.perGoal.map((g: any) => [g.goal.code, g.measureCount])).toEqual([['1', 2], ['2', 2], ['3', 2], ['4', 1], ['5', 0]]);
    expect(p.perGoal[1].counts.map((c: any) => c.count)).toEqual([6, 1, 2, 1]);
  });
});

describe('public and draft visibility', () => {
  let draft: { planId: string; versionId: string; goalId: string };
  beforeAll(async () => {
    const created = await mutate(app, admin, 'createStrategicPlan', { title: 'Utkast: plan for rusforebygging', periodStartYear: 2025, periodEndYear: 2028, municipalityNumbers: ['3427'], serviceIds: [] }, 'strategicPlan { id } version { id }');
    const { goal } = await mutate(app, admin, 'addPlanGoal', { versionId: created.version.id, title: 'Utsette alkoholdebut' }, 'goal { id }');
    draft = { planId: created.strategicPlan.id, versionId: created.version.id, goalId: goal.id };
  });

  it('lets PUBLIC read the adopted plan, its content and adoptions, but not drafts (list, by id, node)', async () => {
    const list = ok(await app.gql(`{ strategicPlans(regionCode: "nord-osterdal") { totalCount nodes { id status } } }`)).strategicPlans;
    expect(list).toEqual({ totalCount: 1, nodes: [{ id: seedPlanId, status: 'ADOPTED' }] });
    expect(ok(await app.gql(`{ strategicPlans(status: DRAFT) { totalCount } }`)).strategicPlans.totalCount).toBe(0);
    const plan = ok(await app.gql(FULL_PLAN_QUERY, { id: seedPlanId })).strategicPlan;
    expect(plan.currentVersion.measures).toHaveLength(4);
    expect(plan.currentVersion.adoptions.filter((a: any) => a.status === 'ADOPTED')).toHaveLength(5);
    expect(plan.currentVersion.measures[0].implementations).toEqual([]); // internal to the region
    const goalId = plan.currentVersion.goals[1].id;
    expect(ok(await app.gql(`query($id: ID!) { node(id: $id) { ... on PlanGoal { title } } }`, { id: goalId })).node.title).toContain('forebyggende arbeid');

    expect(ok(await app.gql(`query($id: ID!) { strategicPlan(id: $id) { title } }`, { id: draft.planId })).strategicPlan).toBeNull();
    for (const id of [draft.planId, draft.versionId, draft.goalId]) {
      expect(ok(await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id })).node).toBeNull();
    }
    // The same draft is visible to the region's signed-in roles.
    const director = await app.token(Role.AUDITOR, { municipality: '3424' });
    expect(ok(await app.gql(`query($id: ID!) { node(id: $id) { ... on PlanGoal { title } } }`, { id: draft.goalId }, director)).node).toEqual({ title: 'Utsette alkoholdebut' });
  });

  it('refuses progress to PUBLIC and hides draft rows from a PUBLIC database context (RLS)', async () => {
    const res = await app.gql(`query($id: ID!) { strategicPlan(id: $id) { title progress { measureCount } } }`, { id: seedPlanId });
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const counts = await asApiRole({ role: 'PUBLIC' }, async (q) => ({
      plans: (await q(`SELECT status FROM strategic_plan`)).map((r: any) => r.status),
      versions: (await q(`SELECT status FROM plan_version`)).map((r: any) => r.status),
      draftGoals: (await q(`SELECT count(*)::int AS n FROM plan_goal WHERE title = 'Utsette alkoholdebut'`))[0].n,
      implementations: (await q(`SELECT count(*)::int AS n FROM measure_implementation`))[0].n,
    }));
    expect(counts).toEqual({ plans: ['ADOPTED'], versions: ['ADOPTED'], draftGoals: 0, implementations: 0 });
  });
});

describe('cross-tenant denial', () => {
  it('hides Nord-Østerdal plans from a Valdres token: list, by id, node', async () => {
    const valdres = await app.token(Role.REGION_ADMIN, { region: 'valdres' });
    expect(ok(await app.gql(`{ strategicPlans { totalCount } }`, {}, valdres)).strategicPlans.totalCount).toBe(0);
    expect(ok(await app.gql(`query($id: ID!) { strategicPlan(id: $id) { id } }`, { id: seedPlanId }, valdres)).strategicPlan).toBeNull();
    const plan = ok(await app.gql(FULL_PLAN_QUERY, { id: seedPlanId }, admin)).strategicPlan;
    for (const id of [plan.currentVersion.id, plan.currentVersion.goals[0].id, plan.currentVersion.measures[0].id]) {
      expect(ok(await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id }, valdres)).node).toBeNull();
    }
  });

  it('answers mutations with foreign IDs as NOT_FOUND and changes nothing', async () => {
    const valdres = await app.token(Role.REGION_ADMIN, { region: 'valdres' });
    const plan = ok(await app.gql(FULL_PLAN_QUERY, { id: seedPlanId }, admin)).strategicPlan;
    const before = (await app.owner.query(`SELECT (SELECT count(*) FROM plan_goal) + (SELECT count(*) FROM plan_version) + (SELECT count(*) FROM plan_adoption) + (SELECT count(*) FROM measure_implementation) AS n`)).rows[0].n;
    const attempts: [string, Record<string, unknown>][] = [
      ['updateStrategicPlan', { id: seedPlanId, title: 'Kapret' }],
      ['startPlanRevision', { planId: seedPlanId }],
      ['addPlanGoal', { versionId: plan.currentVersion.id, title: 'Fremmed mål' }],
      ['updatePlanMeasure', { id: plan.currentVersion.measures[0].id, title: 'Fremmed' }],
      ['recordPlanAdoption', { versionId: plan.currentVersion.id, municipalityNumber: '3449', decidedOn: '2024-01-01' }],
      ['setMeasureImplementationStatus', { measureId: plan.currentVersion.measures[0].id, municipalityNumber: '3449', status: 'EVALUATED' }],
      ['recordPlanReview', { planId: seedPlanId, reviewedOn: '2024-06-01', summary: 'Fremmed' }],
    ];
    for (const [name, input] of attempts) {
      const res = ok(await app.gql(`mutation($input: ${inputType(name)}!) { ${name}(input: $input) { userErrors { code } } }`, { input }, valdres));
      expect([name, res[name].userErrors[0]?.code]).toEqual([name, 'NOT_FOUND']);
    }
    const after = (await app.owner.query(`SELECT (SELECT count(*) FROM plan_goal) + (SELECT count(*) FROM plan_version) + (SELECT count(*) FROM plan_adoption) + (SELECT count(*) FROM measure_implementation) AS n`)).rows[0].n;
    expect(after).toBe(before);
  });

  it('stops a Valdres database context from reading or changing Nord-Østerdal rows (RLS)', async () => {
    const valdresId = (await app.owner.query(`SELECT id FROM region WHERE code = 'valdres'`)).rows[0].id;
    const [goalId] = await ids(`SELECT g.id FROM plan_goal g JOIN plan_version v ON v.id = g.version_id WHERE v.status = 'ADOPTED' LIMIT 1`);
    const result = await asApiRole({ role: 'REGION_ADMIN', region_id: valdresId }, async (q) => ({
      visible: (await q(`SELECT count(*)::int AS n FROM plan_goal`))[0].n,
      updated: (await q(`WITH u AS (UPDATE plan_goal SET title = 'x' WHERE id = $1 RETURNING id) SELECT count(*)::int AS n FROM u`, [goalId]))[0].n,
    }));
    expect(result).toEqual({ visible: 0, updated: 0 });
  });
});

describe('statement count', () => {
  async function planWith(measures: number, goals: number): Promise<string> {
    const barnevern = ok(await app.gql(`{ sharedServices { id code } }`, {}, admin)).sharedServices.find((s: any) => s.code === 'barnevern').id;
    const { strategicPlan, version } = await mutate(app, admin, 'createStrategicPlan', {
      title: `Plan med ${measures} tiltak`, periodStartYear: 2025, periodEndYear: 2028, municipalityNumbers: ['3424', '3426', '3427', '3428', '3429'], serviceIds: [barnevern],
    }, 'strategicPlan { id } version { id }');
    await mutate(app, admin, 'addPlanGoal', { versionId: version.id, kind: 'MAIN', title: 'Hovedmål' }, 'goal { id }');
    const goalIds: string[] = [];
    for (let g = 0; g < goals; g++) goalIds.push((await mutate(app, admin, 'addPlanGoal', { versionId: version.id, code: String(g + 1), title: `Mål ${g + 1}` }, 'goal { id }')).goal.id);
    const { focusArea } = await mutate(app, admin, 'addPlanFocusArea', { versionId: version.id, title: 'Innsatsområde', howWeDoIt: 'Sammen' }, 'focusArea { id }');
    for (let m = 0; m < measures; m++) {
      await mutate(app, admin, 'addPlanMeasure', {
        versionId: version.id, focusAreaId: focusArea.id, code: String(m + 1), title: `Tiltak ${m + 1}`, budgetOre: 100_000 * (m + 1),
        responsible: [{ serviceId: barnevern }, { role: 'Kommunalsjef oppvekst' }, { municipalityNumber: '3427' }], goalIds: [goalIds[m % goals]],
      }, 'measure { id }');
    }
    await mutate(app, admin, 'addPlanMilestone', { versionId: version.id, title: 'Vedtak', dueTerm: 'SPRING', dueYear: 2025 }, 'milestone { id }');
    await mutate(app, admin, 'submitPlanForConsultation', { versionId: version.id, submittedOn: '2025-02-01' }, 'version { status }');
    await mutate(app, admin, 'recordPlanAdoption', { versionId: version.id, municipalityNumber: '3427', decidedOn: '2025-03-01', caseNumber: '25/1' }, 'adoption { status }');
    return strategicPlan.id;
  }

  it('is the same for the full plan query with 3 measures and with 30', async () => {
    const small = await planWith(3, 2);
    const large = await planWith(30, 10);
    const a = await app.gql(FULL_PLAN_QUERY, { id: small }, admin);
    const b = await app.gql(FULL_PLAN_QUERY, { id: large }, admin);
    expect(ok(a).strategicPlan.currentVersion.measures).toHaveLength(3);
    expect(ok(b).strategicPlan.currentVersion.measures).toHaveLength(30);
    expect(ok(b).strategicPlan.currentVersion.measures[29].implementations).toHaveLength(5);
    expect(a.extensions?.sqlStatements).toBe(b.extensions?.sqlStatements);
    expect(a.extensions?.sqlStatements).toBeLessThanOrEqual(25);
  });
});
