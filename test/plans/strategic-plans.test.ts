import { Role } from '../../src/auth/roles';
import { NORD_OSTERDAL } from '../../src/seed/plans/nord-osterdal';
import { SOR_AURDAL } from '../../src/seed/plans/sor-aurdal';
import { inputType, mutate } from './fixtures/build';
import { asApiRole } from '../helpers/fixtures';
import { readPlanAsDocument } from './fixtures/read';
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

async function ids(sql: string, params: unknown[] = []): Promise<string[]> {
  return (await app.owner.query(sql, params)).rows.map((r: { id: string }) => r.id);
}

describe('the seeded Nord-Østerdal plan', () => {
  it('says exactly what the plan document says: every text, goal, focus area bullet, the TST, the bodies and the timeline', async () => {
    expect(await readPlanAsDocument(app, admin, seedPlanId)).toEqual(NORD_OSTERDAL);
  });

  it('restores every "Slik gjør vi det" bullet and keeps the TST as the plan states it: participants, no level, budget or goal links', async () => {
    const token = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
    const plan = ok(await app.gql(FULL_PLAN_QUERY, { id: seedPlanId }, token)).strategicPlan;
    expect(plan).toMatchObject({ status: 'ADOPTED', period: '2023–2026', region: { code: 'nord-osterdal' }, adoptedVersion: { number: 1 } });
    expect(plan.illustrativeNote).toContain('Planperioden 2023–2026 er illustrativ');
    expect(plan.municipalities.map((m: any) => m.number)).toEqual(['3424', '3426', '3427', '3428', '3429']);
    const v = plan.currentVersion;
    expect(v.motto).toBe('Sammen for rett hjelp til rett tid der du er!');
    const bullets = (text: string) => text.split('\n').filter((l) => l.startsWith('- ')).length;
    expect(v.focusAreas.map((f: any) => [f.title, bullets(f.howWeDoIt), bullets(f.rolesAndResponsibility)])).toEqual([
      ['Tverrfaglig samhandling', 11, 3],
      ['Forebygging', 6, 2],
      ['Tidlig innsats', 11, 3],
      ['Kompetanseheving', 10, 3],
    ]);
    expect(v.focusAreas[0].howWeDoIt).toContain('- Alle møtedeltakerne deltar for å by på sin kompetanse og sine ressurser.');
    expect(v.measures).toHaveLength(1);
    const [tst] = v.measures;
    expect(tst).toMatchObject({ preventionLevels: [], budgetOre: null, budgetLine: null, targetGroup: null, goals: [], focusArea: { title: 'Tverrfaglig samhandling' } });
    expect(tst.timeFrame).toBe(
      'Møtene avholdes minst 2 ganger i høstsemesteret og 3 ganger i vår semesteret, avhengig av tjenestestedets størrelse. De største virksomhetene kan ha månedlige møter. Hyppighet prøves ut og evalueres.',
    );
    expect(tst.responsible.map((r: any) => [r.label, r.responsibility])).toEqual([
      ['Skole/barnehage', 'PARTICIPANT'],
      ['PPT Nord-Østerdal', 'PARTICIPANT'],
      ['Helsesykepleier', 'PARTICIPANT'],
      ['Barneverntjenesten i Nord-Østerdal', 'PARTICIPANT'],
    ]);
    // The minutes say only "Tidsplanen følges": no milestone has a recorded status; the first is the adoption itself.
    expect(v.milestones.map((m: any) => [m.due, m.status, m.progress])).toEqual([
      ['Våren 2023', 'DONE', null],
      ['Høsten 2023', 'PLANNED', null],
      ['Våren 2024', 'PLANNED', null],
    ]);
    expect(v.governanceBodies.map((b: any) => [b.kind, b.name, b.members.length])).toEqual([
      ['STEERING_GROUP', 'Styringsgruppe', 5],
      ['WORKING_GROUP', 'Prosjektgruppe', 6],
    ]);
    expect(v.adoptions).toHaveLength(5);
    for (const a of v.adoptions) expect(a).toMatchObject({ status: 'ADOPTED', decisionBody: 'Kommunestyret', illustrativeNote: expect.stringContaining('Illustrativ') });
    expect(v.adoptionSummary).toEqual({ total: 5, adopted: 5, pending: 0, complete: true });
    expect(tst.implementations.map((i: any) => [i.municipality.number, i.status])).toEqual([
      ['3424', 'IN_PROGRESS'],
      ['3426', 'IMPLEMENTED'],
      ['3427', 'EVALUATED'],
      ['3428', 'IMPLEMENTED'],
      ['3429', 'NOT_STARTED'],
    ]);
    const marked = ok(await app.gql(`query($id: ID!) { strategicPlan(id: $id) { adoptedVersion { measures { implementations { status illustrativeNote } } } } }`, { id: seedPlanId }, admin));
    for (const i of marked.strategicPlan.adoptedVersion.measures[0].implementations.filter((x: any) => x.status !== 'NOT_STARTED')) expect(i.illustrativeNote).toContain('Tidsplanen følges');
  });

  it("records the barnevern leader's orientation of 4 September 2023 as the service's review, tying the Tynset pilot to kompetanseløftet as the minutes do", async () => {
    const data = ok(await app.gql(`query($id: ID!) { strategicPlan(id: $id) { reviews { reviewedOn summary illustrativeNote service { code } } } }`, { id: seedPlanId }, admin)).strategicPlan;
    expect(data.reviews).toHaveLength(1);
    expect(data.reviews[0]).toMatchObject({ reviewedOn: '2023-09-04', illustrativeNote: null, service: { code: 'barnevern' } });
    expect(data.reviews[0].summary).toContain('- Tidsplanen følges');
    expect(data.reviews[0].summary).toContain('så som kompetanseløftet og den nylig avsluttede piloten (Tynset)');
  });

  it('shows goals no measure serves, progress in numbers, and a complete § 15-1 check', async () => {
    const data = ok(
      await app.gql(
        `query($id: ID!) { strategicPlan(id: $id) {
          progress { measureCount municipalityCount counts { status count total share } perMunicipality { municipality { number } counts { status count } } }
          currentVersion { coverageMatrix { goalsWithoutMeasures { title } measuresWithoutGoals { title } }
            legalCompleteness { reference complete checks { requirement present } } } } }`,
        { id: seedPlanId },
        admin,
      ),
    ).strategicPlan;
    // The plan links no measure to a goal: every strategic goal is unserved, and the TST serves none.
    expect(data.currentVersion.coverageMatrix.goalsWithoutMeasures).toHaveLength(5);
    expect(data.currentVersion.coverageMatrix.measuresWithoutGoals.map((m: any) => m.title)).toEqual([NORD_OSTERDAL.measures[0].title]);
    expect(data.currentVersion.legalCompleteness).toEqual({
      reference: 'barnevernsloven § 15-1',
      complete: true,
      checks: [
        { requirement: 'GOALS', present: true },
        { requirement: 'ORGANISATION', present: true },
        { requirement: 'COOPERATION', present: true },
      ],
    });
    const p = data.progress;
    expect([p.measureCount, p.municipalityCount]).toEqual([1, 5]);
    expect(p.counts).toEqual([
      { status: 'NOT_STARTED', count: 1, total: 5, share: 0.2 },
      { status: 'IN_PROGRESS', count: 1, total: 5, share: 0.2 },
      { status: 'IMPLEMENTED', count: 2, total: 5, share: 0.4 },
      { status: 'EVALUATED', count: 1, total: 5, share: 0.2 },
    ]);
    expect(p.perMunicipality.find((m: any) => m.municipality.number === '3427').counts.map((c: any) => c.count)).toEqual([0, 0, 0, 1]);
  });
});

describe('the seeded Valdres plan', () => {
  it("is Sør-Aurdal's plan towards 2030 as a draft, exactly as its document says", async () => {
    const valdres = await app.token(Role.REGION_ADMIN, { region: 'valdres' });
    const [plan] = ok(await app.gql(`{ strategicPlans { nodes { id status currentVersion { status } } } }`, {}, valdres)).strategicPlans.nodes;
    expect(plan).toMatchObject({ status: 'DRAFT', currentVersion: { status: 'DRAFT' } });
    expect(await readPlanAsDocument(app, valdres, plan.id)).toEqual(SOR_AURDAL);
  });
});

describe('public and draft visibility', () => {
  let draft: { planId: string; versionId: string; goalId: string };
  beforeAll(async () => {
    const created = await mutate(
      app,
      admin,
      'createStrategicPlan',
      { title: 'Utkast: plan for rusforebygging', periodStartYear: 2025, periodEndYear: 2028, municipalityNumbers: ['3427'], serviceIds: [] },
      'strategicPlan { id } version { id }',
    );
    const { goal } = await mutate(app, admin, 'addPlanGoal', { versionId: created.version.id, title: 'Utsette alkoholdebut' }, 'goal { id }');
    draft = { planId: created.strategicPlan.id, versionId: created.version.id, goalId: goal.id };
  });

  it('lets PUBLIC read the adopted plan, its content and adoptions, but not drafts (list, by id, node)', async () => {
    const list = ok(await app.gql(`{ strategicPlans(regionCode: "nord-osterdal") { totalCount nodes { id status } } }`)).strategicPlans;
    expect(list).toEqual({ totalCount: 1, nodes: [{ id: seedPlanId, status: 'ADOPTED' }] });
    expect(ok(await app.gql(`{ strategicPlans(status: DRAFT) { totalCount } }`)).strategicPlans.totalCount).toBe(0);
    const plan = ok(await app.gql(FULL_PLAN_QUERY, { id: seedPlanId })).strategicPlan;
    expect(plan.currentVersion.measures).toHaveLength(1);
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
    const counts = await asApiRole(app, { role: 'PUBLIC' }, async (q) => ({
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
    const listed = ok(await app.gql(`{ strategicPlans { nodes { id region { code } } } }`, {}, valdres)).strategicPlans.nodes;
    expect(listed.map((p: any) => p.region.code)).toEqual(['valdres']);
    expect(ok(await app.gql(`query($id: ID!) { strategicPlan(id: $id) { id } }`, { id: seedPlanId }, valdres)).strategicPlan).toBeNull();
    const plan = ok(await app.gql(FULL_PLAN_QUERY, { id: seedPlanId }, admin)).strategicPlan;
    for (const id of [plan.currentVersion.id, plan.currentVersion.goals[0].id, plan.currentVersion.measures[0].id]) {
      expect(ok(await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id }, valdres)).node).toBeNull();
    }
  });

  it('answers mutations with foreign IDs as NOT_FOUND and changes nothing', async () => {
    const valdres = await app.token(Role.REGION_ADMIN, { region: 'valdres' });
    const plan = ok(await app.gql(FULL_PLAN_QUERY, { id: seedPlanId }, admin)).strategicPlan;
    const before = (
      await app.owner.query(`SELECT (SELECT count(*) FROM plan_goal) + (SELECT count(*) FROM plan_version) + (SELECT count(*) FROM plan_adoption) + (SELECT count(*) FROM measure_implementation) AS n`)
    ).rows[0].n;
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
    const after = (
      await app.owner.query(`SELECT (SELECT count(*) FROM plan_goal) + (SELECT count(*) FROM plan_version) + (SELECT count(*) FROM plan_adoption) + (SELECT count(*) FROM measure_implementation) AS n`)
    ).rows[0].n;
    expect(after).toBe(before);
  });

  it('stops a Valdres database context from reading or changing Nord-Østerdal rows (RLS)', async () => {
    const valdresId = (await app.owner.query(`SELECT id FROM region WHERE code = 'valdres'`)).rows[0].id;
    const [goalId] = await ids(`SELECT g.id FROM plan_goal g JOIN plan_version v ON v.id = g.version_id WHERE v.status = 'ADOPTED' LIMIT 1`);
    const result = await asApiRole(app, { role: 'REGION_ADMIN', region_id: valdresId }, async (q) => ({
      visible: (await q(`SELECT count(*)::int AS n FROM plan_goal WHERE region_id <> $1`, [valdresId]))[0].n,
      updated: (await q(`WITH u AS (UPDATE plan_goal SET title = 'x' WHERE id = $1 RETURNING id) SELECT count(*)::int AS n FROM u`, [goalId]))[0].n,
    }));
    expect(result).toEqual({ visible: 0, updated: 0 });
  });
});

describe('statement count', () => {
  /** A plan whose every kind of content grows with `measures`: factors, target groups, bodies, milestones with progress, models, steps, routes. */
  async function planWith(measures: number, goals: number): Promise<string> {
    const barnevern = ok(await app.gql(`{ sharedServices { id code } }`, {}, admin)).sharedServices.find((s: any) => s.code === 'barnevern').id;
    const { strategicPlan, version } = await mutate(
      app,
      admin,
      'createStrategicPlan',
      {
        title: `Plan med ${measures} tiltak`,
        periodStartYear: 2025,
        periodEndYear: 2028,
        municipalityNumbers: ['3424', '3426', '3427', '3428', '3429'],
        serviceIds: [barnevern],
      },
      'strategicPlan { id } version { id }',
    );
    const versionId = version.id;
    const add = async (name: string, input: Record<string, unknown>, field: string) => (await mutate(app, admin, name, input, `${field} { id }`))[field].id as string;
    await add('addPlanGoal', { versionId, kind: 'MAIN', title: 'Hovedmål' }, 'goal');
    await add('addPlanStatement', { versionId, kind: 'MOTTO', text: 'Sammen' }, 'statement');
    const rule = await add('addPlanStatement', { versionId, kind: 'CONSENT_RULE', text: 'Samtykke' }, 'statement');
    const goalIds: string[] = [];
    for (let g = 0; g < goals; g++) goalIds.push(await add('addPlanGoal', { versionId, code: String(g + 1), title: `Mål ${g + 1}` }, 'goal'));
    const focusArea = await add('addPlanFocusArea', { versionId, title: 'Innsatsområde', howWeDoIt: 'Sammen' }, 'focusArea');
    const model = await add('addPlanCollaborationModel', { versionId, kind: 'COLLABORATION', name: 'Modell', consentRuleId: rule }, 'collaborationModel');
    const kinds: string[] = ok(await app.gql(`{ forumKinds { id } }`, {}, admin)).forumKinds.map((k: any) => k.id);
    const measureIds: string[] = [];
    for (let m = 0; m < measures; m++) {
      const factor = await add('addPlanFactor', { versionId, kind: m % 2 ? 'RISK' : 'PROTECTIVE', code: String(m + 1), title: `Faktor ${m + 1}`, ageFrom: m % 18 }, 'factor');
      const group = await add('addPlanTargetGroup', { versionId, name: `Gruppe ${m + 1}`, factorIds: [factor] }, 'targetGroup');
      measureIds.push(
        await add(
          'addPlanMeasure',
          {
            versionId,
            focusAreaId: focusArea,
            code: String(m + 1),
            title: `Tiltak ${m + 1}`,
            budgetOre: 100_000 * (m + 1),
            preventionLevels: ['SELECTIVE', 'INDICATED'],
            ageFrom: 0,
            ageTo: 17,
            responsible: [{ serviceId: barnevern }, { role: 'Kommunalsjef oppvekst', responsibility: 'SUPPORTING' }, { municipalityNumber: '3427' }],
            goalIds: [goalIds[m % goals]],
            factorIds: [factor],
            targetGroupIds: [group],
            dependsOnMeasureIds: measureIds.slice(-1),
          },
          'measure',
        ),
      );
      const body = await add(
        'addPlanBody',
        {
          versionId,
          kind: 'WORKING_GROUP',
          name: `Gruppe ${m + 1}`,
          members: [
            { role: 'Leder', municipalityNumber: '3427' },
            { role: 'Leder', serviceId: barnevern },
          ],
        },
        'body',
      );
      const milestone = await add('addPlanMilestone', { versionId, title: `Frist ${m + 1}`, dueMonth: 1 + (m % 12), dueYear: 2025, responsibleBodyId: body, measureId: measureIds[m] }, 'milestone');
      await mutate(app, admin, 'recordMilestoneProgress', { milestoneId: milestone, status: 'IN_PROGRESS', note: 'I gang' }, 'progress { status }');
      const step = await add('addPlanCollaborationStep', { modelId: model, title: `Trinn ${m + 1}`, consentRuleId: rule, forumKindId: kinds[m % kinds.length] }, 'step');
      await add('addPlanReferralRoute', { versionId, recipient: `Tjeneste ${m + 1}`, stepId: step, serviceId: barnevern, consentRuleId: rule }, 'referralRoute');
    }
    await mutate(app, admin, 'submitPlanForConsultation', { versionId, submittedOn: '2025-02-01' }, 'version { status }');
    await mutate(app, admin, 'recordPlanAdoption', { versionId, municipalityNumber: '3427', decidedOn: '2025-03-01', caseNumber: '25/1' }, 'adoption { status }');
    return strategicPlan.id;
  }

  it('is the same for the full plan query, with every kind of content, with 3 measures and with 30', async () => {
    const small = await planWith(3, 2);
    const large = await planWith(30, 10);
    const a = await app.gql(FULL_PLAN_QUERY, { id: small }, admin);
    const b = await app.gql(FULL_PLAN_QUERY, { id: large }, admin);
    const v = ok(b).strategicPlan.currentVersion;
    expect(ok(a).strategicPlan.currentVersion.measures).toHaveLength(3);
    expect([v.measures.length, v.factors.length, v.targetGroups.length, v.governanceBodies.length, v.milestones.length, v.collaborationModels[0].steps.length, v.referralRoutes.length]).toEqual([
      30, 30, 30, 30, 30, 30, 30,
    ]);
    expect(v.measures[29]).toMatchObject({ dependsOn: [{ code: '29' }], factors: [{ code: '30' }], targetGroups: [{ name: 'Gruppe 30' }] });
    expect(v.measures[29].implementations).toHaveLength(5);
    expect(v.milestones[29]).toMatchObject({ status: 'IN_PROGRESS', responsibleBody: { name: 'Gruppe 30' }, progress: { note: 'I gang' } });
    expect(a.extensions?.sqlStatements).toBe(b.extensions?.sqlStatements);
    expect(a.extensions?.sqlStatements).toBeLessThanOrEqual(32);
  });
});
