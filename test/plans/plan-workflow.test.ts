import { Role } from '../../src/auth/roles';
import { inputType, mutate } from './fixtures/build';
import { Actors, actors, workflowPlan } from './fixtures/lifecycle';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { ApiQuery, asApiRole as asApiRoleOf } from '../helpers/fixtures';

/**
 * A plan's life: drafted by the barnevern leader for three municipalities, sent on consultation,
 * adopted council by council, implemented per municipality, reviewed, revised and compared. Each
 * test builds its own plan up to the stage it needs (fixtures/lifecycle.ts), so the tests run in
 * any order.
 */
let app: TestApp;
let a: Actors;
let admin: string;
let leader: string; // SERVICE_LEADER of barnevern
const director = (municipality: string) => a.director(municipality);

beforeAll(async () => {
  app = await startTestApp();
  a = await actors(app);
  ({ admin, leader } = a);
});
afterAll(() => app.close());

/** Runs a mutation and returns its payload (userErrors included, not thrown). */
async function attempt(name: string, input: Record<string, unknown>, token: string | undefined, select = '') {
  const res = await app.gql(`mutation($input: ${inputType(name)}!) { ${name}(input: $input) { ${select} userErrors { field message code } } }`, { input }, token);
  return { res, payload: res.data ? res.data[name] : null };
}
const codes = (p: any) => p.userErrors.map((e: any) => e.code);
const topCode = (r: { res: { errors?: { extensions?: Record<string, unknown> }[] } }) => r.res.errors?.[0].extensions?.code;
const count = async (sql: string, params: unknown[] = []) => Number((await app.owner.query(sql, params)).rows[0].n);
const uuid = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];

async function version(id: string, token = admin) {
  return ok(
    await app.gql(
      `query($id: ID!) { node(id: $id) { ... on PlanVersion {
      number status adoptedOn
      goals { id key kind code title } measures { id key code title budgetOre }
      coverageMatrix { goalsWithoutMeasures { code } measuresWithoutGoals { code } rows { goal { code } cells { linked } } }
      adoptionSummary { total adopted rejected pending complete } } } }`,
      { id },
      token,
    ),
  ).node;
}

const asApiRole = (settings: Record<string, string>, work: (q: ApiQuery) => Promise<void>) => asApiRoleOf(app, settings, work);
const ids = async (sql: string) => (await app.owner.query(sql)).rows[0];

describe('drafting', () => {
  it('lets the barnevern leader create a plan covering their service; others by role or scope are refused', async () => {
    const created = await mutate(
      app,
      leader,
      'createStrategicPlan',
      {
        title: 'Felles plan for tidlig innsats',
        periodStartYear: 2025,
        periodEndYear: 2028,
        municipalityNumbers: ['3427', '3428', '3429'],
        serviceIds: [a.services.barnevern, a.services.ppt],
      },
      'strategicPlan { id status } version { id number status }',
    );
    expect(created.strategicPlan.status).toBe('DRAFT');
    expect(created.version).toMatchObject({ number: 1, status: 'DRAFT' });

    // Leaving out their own service is a rule of the input the leader can fix: a userError.
    const withoutOwn = await attempt('createStrategicPlan', { title: 'X', periodStartYear: 2025, periodEndYear: 2026, municipalityNumbers: ['3427'], serviceIds: [a.services.ppt] }, leader);
    expect(codes(withoutOwn.payload)).toEqual(['INVALID']);
    const byDirector = await attempt('createStrategicPlan', { title: 'X', periodStartYear: 2025, periodEndYear: 2026, municipalityNumbers: ['3427'], serviceIds: [] }, await director('3427'));
    expect(topCode(byDirector)).toBe('FORBIDDEN');
    const byPublic = await attempt('createStrategicPlan', { title: 'X', periodStartYear: 2025, periodEndYear: 2026, municipalityNumbers: ['3427'], serviceIds: [] }, undefined);
    expect(topCode(byPublic)).toBe('UNAUTHENTICATED');
    const badInput = await attempt('createStrategicPlan', { title: '', periodStartYear: 1999, periodEndYear: 2026, municipalityNumbers: ['301'], serviceIds: [] }, admin);
    expect(topCode(badInput)).toBe('BAD_USER_INPUT');

    // Not allowed is one rule: a top-level FORBIDDEN, whether the role never may or this plan is outside its scope.
    const navLeader = await app.token(Role.SERVICE_LEADER, { service: 'nav' });
    const notCovered = await attempt('addPlanGoal', { versionId: created.version.id, title: 'NAV-mål' }, navLeader);
    expect([topCode(notCovered), notCovered.payload]).toEqual(['FORBIDDEN', null]);
  });

  it('adds main goals (a plan may state several), goals, a sub-goal one level deep, a focus area, measures and a milestone', async () => {
    const plan = await workflowPlan(app, a, 'drafted');
    const secondMain = await attempt('addPlanGoal', { versionId: plan.v1, kind: 'MAIN', title: 'Enda et hovedmål' }, leader);
    expect(codes(secondMain.payload)).toEqual([]);
    const mains = ok(await app.gql(`query($id: ID!) { node(id: $id) { ... on PlanVersion { mainGoal { title } mainGoals { title } } } }`, { id: plan.v1 }, leader)).node;
    expect(mains).toEqual({ mainGoal: { title: 'Rett hjelp til rett tid' }, mainGoals: [{ title: 'Rett hjelp til rett tid' }, { title: 'Enda et hovedmål' }] });
    const tooDeep = await attempt('addPlanGoal', { versionId: plan.v1, kind: 'SUB_GOAL', parentGoalId: plan.g11, title: 'For dypt' }, leader);
    expect(tooDeep.payload.userErrors[0].message).toContain('one level');
    const m1 = ok(await app.gql(`query($id: ID!) { node(id: $id) { ... on PlanMeasure { budgetOre responsible { kind label } goals { code } focusArea { title } } } }`, { id: plan.m1 }, leader)).node;
    expect(m1).toMatchObject({ budgetOre: 150000, goals: [{ code: '1' }], focusArea: { title: 'Tverrfaglig samhandling' } });
    expect(m1.responsible).toEqual([
      { kind: 'SERVICE', label: 'Barneverntjenesten i Nord-Østerdal' },
      { kind: 'SERVICE', label: 'PPT Nord-Østerdal' },
    ]);
    const m2 = ok(await app.gql(`query($id: ID!) { node(id: $id) { ... on PlanMeasure { budgetOre } } }`, { id: plan.m2 }, leader)).node;
    expect(m2.budgetOre).toBe('9007199254740993');
    const v = await version(plan.v1);
    expect(v.goals.map((g: any) => [g.kind, g.code])).toEqual([
      ['MAIN', null],
      ['GOAL', '1'],
      ['SUB_GOAL', '1.1'],
      ['GOAL', '2'],
      ['MAIN', null],
    ]);
  });

  it('rejects fractional or malformed øre with a clear error', async () => {
    const plan = await workflowPlan(app, a, 'drafted');
    for (const budgetOre of [12.5, '12,50', 'kr 100']) {
      const res = await app.gql(`mutation($input: UpdatePlanMeasureInput!) { updatePlanMeasure(input: $input) { userErrors { code } } }`, { input: { id: plan.m1, budgetOre } }, leader);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toContain('BudgetOre');
    }
    const literal = await app.gql(`mutation { updatePlanMeasure(input: { id: "${plan.m1}", budgetOre: 10.5 }) { userErrors { code } } }`, {}, leader);
    expect(literal.errors?.[0].message).toContain('not a whole number of øre');
  });

  it('reports a rejected mutation as userErrors and leaves the database unchanged', async () => {
    const plan = await workflowPlan(app, a, 'drafted');
    const before = await count(
      `SELECT (SELECT count(*) FROM plan_measure) + (SELECT count(*) FROM plan_measure_responsible) + (SELECT count(*) FROM plan_goal_measure) + (SELECT count(*) FROM audit_record) AS n`,
    );
    const bad = await attempt(
      'addPlanMeasure',
      {
        versionId: plan.v1,
        title: 'Halvveis',
        budgetOre: -5,
        responsible: [{ role: 'Rektor' }, { serviceId: 'not-an-id' }, { role: 'A', municipalityNumber: '3427' }],
        goalIds: [plan.main],
      },
      leader,
    );
    expect(bad.payload.userErrors.map((e: any) => e.field.join('.'))).toEqual(['input.budgetOre', 'input.responsible.1.serviceId', 'input.responsible.2', 'input.goalIds.0']);
    const after = await count(
      `SELECT (SELECT count(*) FROM plan_measure) + (SELECT count(*) FROM plan_measure_responsible) + (SELECT count(*) FROM plan_goal_measure) + (SELECT count(*) FROM audit_record) AS n`,
    );
    expect(after).toBe(before);
  });

  it('shows the coverage matrix with unserved goals and measures that serve no goal; link and unlink', async () => {
    const plan = await workflowPlan(app, a, 'drafted');
    let v = await version(plan.v1);
    expect(v.coverageMatrix.goalsWithoutMeasures.map((g: any) => g.code)).toEqual(['1.1', '2']);
    expect(v.coverageMatrix.measuresWithoutGoals.map((m: any) => m.code)).toEqual(['B']);
    expect(v.coverageMatrix.rows.map((r: any) => [r.goal.code, r.cells.map((c: any) => c.linked)])).toEqual([
      ['1', [true, false]],
      ['1.1', [false, false]],
      ['2', [false, false]],
    ]);
    await mutate(app, leader, 'linkGoalMeasure', { goalId: plan.g2, measureId: plan.m2 }, 'goal { id }');
    await mutate(app, leader, 'linkGoalMeasure', { goalId: plan.g11, measureId: plan.m1 }, 'goal { id }');
    const again = await attempt('linkGoalMeasure', { goalId: plan.g2, measureId: plan.m2 }, leader);
    expect(codes(again.payload)).toEqual(['CONFLICT']);
    const toMain = await attempt('linkGoalMeasure', { goalId: plan.main, measureId: plan.m2 }, leader);
    expect(codes(toMain.payload)).toEqual(['INVALID']);
    await mutate(app, leader, 'unlinkGoalMeasure', { goalId: plan.g11, measureId: plan.m1 }, 'goal { id }');
    v = await version(plan.v1);
    expect(v.coverageMatrix.goalsWithoutMeasures.map((g: any) => g.code)).toEqual(['1.1']);
    expect(v.coverageMatrix.measuresWithoutGoals).toEqual([]);
  });
});

describe('consultation and adoption', () => {
  it('refuses council decisions on a DRAFT, then freezes the content once on consultation', async () => {
    const plan = await workflowPlan(app, a, 'drafted');
    const early = await attempt('recordPlanAdoption', { versionId: plan.v1, decidedOn: '2025-01-10' }, await director('3427'));
    expect(codes(early.payload)).toEqual(['CONFLICT']);
    const submitted = await mutate(app, leader, 'submitPlanForConsultation', { versionId: plan.v1 }, 'strategicPlan { status } version { status }');
    expect(submitted).toMatchObject({ strategicPlan: { status: 'CONSULTATION' }, version: { status: 'CONSULTATION' } });
    const edit = await attempt('updatePlanGoal', { id: plan.g1, title: 'Endret under høring' }, leader);
    expect(edit.payload.userErrors[0]).toMatchObject({ code: 'IMMUTABLE', message: expect.stringContaining('on consultation') });
  });

  it('shows the write to everything read after it in the same operation (the request caches are cleared)', async () => {
    const plan = await workflowPlan(app, a, 'drafted');
    // The first mutation reads the version (DRAFT) through the request's loaders; the second changes it.
    const res = ok(
      await app.gql(
        `mutation($goal: UpdatePlanGoalInput!, $submit: PlanVersionIdInput!, $goal2: UpdatePlanGoalInput!) {
        first: updatePlanGoal(input: $goal) { goal { version { status } } }
        submit: submitPlanForConsultation(input: $submit) { version { status } strategicPlan { status currentVersion { status } versions { status } } }
        after: updatePlanGoal(input: $goal2) { goal { id } userErrors { code } }
      }`,
        { goal: { id: plan.g1, title: 'Oppdage tidlig nok' }, submit: { versionId: plan.v1 }, goal2: { id: plan.g2, title: 'For sent' } },
        leader,
      ),
    );
    expect(res.first.goal.version.status).toBe('DRAFT');
    expect(res.submit).toEqual({ version: { status: 'CONSULTATION' }, strategicPlan: { status: 'CONSULTATION', currentVersion: { status: 'CONSULTATION' }, versions: [{ status: 'CONSULTATION' }] } });
    expect(res.after).toEqual({ goal: null, userErrors: [{ code: 'IMMUTABLE' }] });
  });

  it('lets only the municipality itself (or REGION_ADMIN) record its decision', async () => {
    const plan = await workflowPlan(app, a, 'consultation');
    const other = await attempt('recordPlanAdoption', { versionId: plan.v1, municipalityNumber: '3427', decidedOn: '2025-02-01' }, await director('3429'));
    expect([topCode(other), other.payload]).toEqual(['FORBIDDEN', null]);
    const notCovered = await attempt('recordPlanAdoption', { versionId: plan.v1, decidedOn: '2025-02-01' }, await director('3424'));
    expect(notCovered.payload.userErrors[0].message).toContain('not covered');
    const byLeader = await attempt('recordPlanAdoption', { versionId: plan.v1, municipalityNumber: '3427', decidedOn: '2025-02-01' }, leader);
    expect(topCode(byLeader)).toBe('FORBIDDEN');
    const future = await attempt('recordPlanAdoption', { versionId: plan.v1, decidedOn: '2999-01-01' }, await director('3427'));
    expect(future.payload.userErrors[0].field).toEqual(['input', 'decidedOn']);
    // The version went on consultation on 2025-01-15: no council decided on it before that.
    const early = await attempt('recordPlanAdoption', { versionId: plan.v1, decidedOn: '2019-01-01' }, await director('3427'));
    expect(early.payload.userErrors).toEqual([{ field: ['input', 'decidedOn'], code: 'INVALID', message: 'A council cannot decide on version 1 before it was sent on consultation (2025-01-15).' }]);
    expect(await count(`SELECT count(*) AS n FROM plan_adoption WHERE version_id = $1`, [uuid(plan.v1)])).toBe(0);
  });

  it('adopts the plan when every covered municipality has adopted the same version', async () => {
    const plan = await workflowPlan(app, a, 'consultation');
    await mutate(app, await director('3427'), 'recordPlanAdoption', { versionId: plan.v1, decidedOn: '2025-02-13', caseNumber: '25/31' }, 'adoption { status }');
    await mutate(app, await director('3428'), 'recordPlanAdoption', { versionId: plan.v1, status: 'REJECTED', decidedOn: '2025-02-20', caseNumber: '25/12' }, 'adoption { status }');
    expect((await version(plan.v1)).adoptionSummary).toEqual({ total: 3, adopted: 1, rejected: 1, pending: 1, complete: false });
    // Alvdal's council decides again and adopts; Folldal is recorded by the region administrator.
    await mutate(app, await director('3428'), 'recordPlanAdoption', { versionId: plan.v1, decidedOn: '2025-03-06', caseNumber: '25/19' }, 'adoption { status }');
    const last = await mutate(
      app,
      admin,
      'recordPlanAdoption',
      { versionId: plan.v1, municipalityNumber: '3429', decisionBody: 'Kommunestyret i Folldal', decidedOn: '2025-03-04', caseNumber: '25/7' },
      'adoption { status decisionBody municipality { name } } version { status adoptedOn } strategicPlan { status adoptedVersion { number } }',
    );
    expect(last).toMatchObject({
      adoption: { status: 'ADOPTED', decisionBody: 'Kommunestyret i Folldal', municipality: { name: 'Folldal' } },
      version: { status: 'ADOPTED', adoptedOn: '2025-03-06' },
      strategicPlan: { status: 'ADOPTED', adoptedVersion: { number: 1 } },
    });
    const again = await attempt('recordPlanAdoption', { versionId: plan.v1, decidedOn: '2025-03-10' }, await director('3427'));
    expect(codes(again.payload)).toEqual(['IMMUTABLE']);
    const adoptedPublicly = ok(await app.gql(`query($id: ID!) { strategicPlan(id: $id) { status } }`, { id: plan.id }));
    expect(adoptedPublicly.strategicPlan.status).toBe('ADOPTED');
  });

  it('keeps the adopted version immutable, in the service and in RLS', async () => {
    const plan = await workflowPlan(app, a, 'adopted');
    for (const [name, input] of [
      ['addPlanGoal', { versionId: plan.v1, title: 'Nytt mål' }],
      ['updatePlanMeasure', { id: plan.m1, title: 'Nytt navn' }],
      ['deletePlanMeasure', { id: plan.m2 }],
      ['linkGoalMeasure', { goalId: plan.g11, measureId: plan.m1 }],
      ['updateStrategicPlan', { id: plan.id, title: 'Ny tittel' }],
      ['deleteStrategicPlan', { id: plan.id }],
    ] as [string, Record<string, unknown>][]) {
      const { payload } = await attempt(name, input, admin);
      expect([name, codes(payload)]).toEqual([name, ['IMMUTABLE']]);
    }
    const { id: regionId } = await ids(`SELECT id FROM region WHERE code = 'nord-osterdal'`);
    await asApiRole({ role: 'REGION_ADMIN', region_id: regionId }, async (q) => {
      const [{ n }] = await q(`WITH u AS (UPDATE plan_measure SET title = 'Bakdør' WHERE version_id = $1 RETURNING id) SELECT count(*)::int AS n FROM u`, [uuid(plan.v1)]);
      expect(n).toBe(0);
    });
  });
});

describe('the § 15-1 warning', () => {
  const LEGAL = `query($id: ID!) { node(id: $id) { ... on PlanVersion { status legalCompleteness { complete note checks { requirement present } } } } }`;

  it('asks for an explicit confirmation before an incomplete version is submitted or adopted, changes nothing without it, and audits the confirmation', async () => {
    const plan = await workflowPlan(app, a, 'drafted', 'Ufullstendig plan');
    await mutate(app, leader, 'addPlanMeasure', { versionId: plan.v1, code: 'C', title: 'Uten ansvarlig' }, 'measure { id }');
    const before = ok(await app.gql(LEGAL, { id: plan.v1 }, admin)).node;
    expect(before.legalCompleteness).toMatchObject({ complete: false, note: expect.stringContaining('not a legal review') });
    expect(before.legalCompleteness.checks.filter((c: any) => !c.present).map((c: any) => c.requirement)).toEqual(['ORGANISATION']);

    for (const confirmIncomplete of [undefined, false]) {
      const refused = await attempt('submitPlanForConsultation', { versionId: plan.v1, submittedOn: '2025-01-15', confirmIncomplete }, leader, 'version { status }');
      expect(refused.payload).toEqual({
        version: null,
        userErrors: [{ field: ['input', 'confirmIncomplete'], code: 'CONFIRMATION_REQUIRED', message: expect.stringContaining('Measures without anyone responsible: "Uten ansvarlig".') }],
      });
      expect(refused.payload.userErrors[0].message).toContain('not a legal review');
    }
    expect(ok(await app.gql(LEGAL, { id: plan.v1 }, admin)).node.status).toBe('DRAFT');
    expect(await count(`SELECT count(*) AS n FROM audit_record WHERE operation = 'submitPlanForConsultation' AND entity_id = $1`, [uuid(plan.v1)])).toBe(0);

    const submitted = await mutate(app, leader, 'submitPlanForConsultation', { versionId: plan.v1, submittedOn: '2025-01-15', confirmIncomplete: true }, 'version { status }');
    expect(submitted.version.status).toBe('CONSULTATION');

    // Each council decision to adopt asks again; a rejection or a pending decision does not.
    const unconfirmed = await attempt('recordPlanAdoption', { versionId: plan.v1, decidedOn: '2025-02-13' }, await director('3427'), 'adoption { status }');
    expect(unconfirmed.payload).toMatchObject({ adoption: null, userErrors: [{ field: ['input', 'confirmIncomplete'], code: 'CONFIRMATION_REQUIRED' }] });
    expect(await count(`SELECT count(*) AS n FROM plan_adoption WHERE version_id = $1`, [uuid(plan.v1)])).toBe(0);
    await mutate(app, await director('3428'), 'recordPlanAdoption', { versionId: plan.v1, status: 'REJECTED', decidedOn: '2025-02-20' }, 'adoption { status }');
    await mutate(app, await director('3427'), 'recordPlanAdoption', { versionId: plan.v1, decidedOn: '2025-02-13', confirmIncomplete: true }, 'adoption { status }');
    await mutate(app, await director('3428'), 'recordPlanAdoption', { versionId: plan.v1, decidedOn: '2025-03-06', confirmIncomplete: true }, 'adoption { status }');
    const last = await mutate(
      app,
      admin,
      'recordPlanAdoption',
      { versionId: plan.v1, municipalityNumber: '3429', decidedOn: '2025-03-04', confirmIncomplete: true },
      'strategicPlan { status adoptedVersion { number } }',
    );
    expect(last.strategicPlan).toEqual({ status: 'ADOPTED', adoptedVersion: { number: 1 } });

    const audited = (
      await app.owner.query(
        `SELECT operation, after->>'status' AS status, after->'confirmedIncomplete' AS confirmed FROM audit_record
          WHERE operation IN ('submitPlanForConsultation', 'recordPlanAdoption') AND entity IN ('PlanVersion', 'PlanAdoption') AND after->>'planId' = $1 ORDER BY at`,
        [uuid(plan.id)],
      )
    ).rows;
    const confirmation = { reference: 'barnevernsloven § 15-1', missing: ['ORGANISATION'], confirmed: true };
    expect(audited).toEqual([
      { operation: 'submitPlanForConsultation', status: 'CONSULTATION', confirmed: confirmation },
      { operation: 'recordPlanAdoption', status: 'REJECTED', confirmed: null },
      { operation: 'recordPlanAdoption', status: 'ADOPTED', confirmed: confirmation },
      { operation: 'recordPlanAdoption', status: 'ADOPTED', confirmed: confirmation },
      { operation: 'recordPlanAdoption', status: 'ADOPTED', confirmed: confirmation },
    ]);
  });

  it('asks nothing of a version the check calls complete', async () => {
    const plan = await workflowPlan(app, a, 'drafted', 'Fullstendig plan');
    expect(ok(await app.gql(LEGAL, { id: plan.v1 }, admin)).node.legalCompleteness.complete).toBe(true);
    expect((await attempt('submitPlanForConsultation', { versionId: plan.v1, submittedOn: '2025-01-15' }, leader, 'version { status }')).payload).toEqual({
      version: { status: 'CONSULTATION' },
      userErrors: [],
    });
    const adopted = await attempt('recordPlanAdoption', { versionId: plan.v1, decidedOn: '2025-02-13' }, await director('3427'), 'adoption { status }');
    expect(adopted.payload).toEqual({ adoption: { status: 'ADOPTED' }, userErrors: [] });
  });
});

describe('implementation per municipality', () => {
  it('lets each director set only their own status; REGION_ADMIN any', async () => {
    const plan = await workflowPlan(app, a, 'implemented');
    const foreign = await attempt('setMeasureImplementationStatus', { measureId: plan.m1, municipalityNumber: '3429', status: 'EVALUATED' }, await director('3427'));
    expect([topCode(foreign), foreign.payload]).toEqual(['FORBIDDEN', null]);
    const byLeader = await attempt('setMeasureImplementationStatus', { measureId: plan.m1, municipalityNumber: '3427', status: 'EVALUATED' }, leader);
    expect(topCode(byLeader)).toBe('FORBIDDEN');
    const m = ok(
      await app.gql(`query($id: ID!) { node(id: $id) { ... on PlanMeasure { implementations { status note updatedBy municipality { number } } } } }`, { id: plan.m1 }, await director('3429')),
    ).node;
    expect(m.implementations).toEqual([
      { status: 'IN_PROGRESS', note: 'TST på ungdomsskolen', updatedBy: 'test-municipal_director', municipality: { number: '3427' } },
      { status: 'NOT_STARTED', note: null, updatedBy: null, municipality: { number: '3428' } },
      { status: 'IMPLEMENTED', note: null, updatedBy: 'test-region_admin', municipality: { number: '3429' } },
    ]);
  });

  it('keeps the note when a status change leaves it out, and clears it only when asked', async () => {
    const plan = await workflowPlan(app, a, 'implemented');
    const tynset = await director('3427');
    const note = async () =>
      ok(await app.gql(`query($id: ID!) { node(id: $id) { ... on PlanMeasure { implementations { note municipality { number } } } } }`, { id: plan.m1 }, tynset)).node.implementations.find(
        (i: any) => i.municipality.number === '3427',
      ).note;
    await mutate(app, tynset, 'setMeasureImplementationStatus', { measureId: plan.m1, status: 'IMPLEMENTED' }, 'implementation { status }');
    expect(await note()).toBe('TST på ungdomsskolen');
    await mutate(app, tynset, 'setMeasureImplementationStatus', { measureId: plan.m1, status: 'IMPLEMENTED', note: null }, 'implementation { status }');
    expect(await note()).toBeNull();
    await mutate(app, tynset, 'setMeasureImplementationStatus', { measureId: plan.m1, status: 'EVALUATED', note: 'Evaluert' }, 'implementation { status }');
    await mutate(app, tynset, 'setMeasureImplementationStatus', { measureId: plan.m1, status: 'EVALUATED', note: '  ' }, 'implementation { status }');
    expect(await note()).toBeNull();
  });

  it("stops a director's database context from touching another municipality's row (RLS)", async () => {
    const plan = await workflowPlan(app, a, 'implemented');
    const { id: planId } = { id: uuid(plan.id) };
    const tynset = await ids(`SELECT id, region_id FROM municipality WHERE number = '3427'`);
    const folldal = await ids(`SELECT id FROM municipality WHERE number = '3429'`);
    await asApiRole({ role: 'MUNICIPAL_DIRECTOR', region_id: tynset.region_id, municipality_id: tynset.id }, async (q) => {
      const [{ n: visible }] = await q(`SELECT count(*)::int AS n FROM measure_implementation WHERE municipality_id = $1 AND plan_id = $2`, [folldal.id, planId]);
      const [{ n: updated }] = await q(`WITH u AS (UPDATE measure_implementation SET status = 'EVALUATED' WHERE municipality_id = $1 AND plan_id = $2 RETURNING id) SELECT count(*)::int AS n FROM u`, [
        folldal.id,
        planId,
      ]);
      expect({ visible: visible > 0, updated }).toEqual({ visible: true, updated: 0 });
      await q(`SAVEPOINT s`);
      await expect(q(`UPDATE measure_implementation SET municipality_id = $1 WHERE municipality_id = $2 AND plan_id = $3`, [folldal.id, tynset.id, planId])).rejects.toThrow(/row-level security/);
      await q(`ROLLBACK TO SAVEPOINT s`);
      await expect(
        q(`INSERT INTO plan_adoption (region_id, plan_id, version_id, municipality_id, status, recorded_by) SELECT region_id, plan_id, id, $1, 'PENDING', 'x' FROM plan_version WHERE plan_id = $2`, [
          folldal.id,
          planId,
        ]),
      ).rejects.toThrow(/row-level security/);
    });
    expect(await count(`SELECT count(*) AS n FROM measure_implementation WHERE municipality_id = $1 AND plan_id = $2 AND status = 'IMPLEMENTED'`, [folldal.id, planId])).toBe(1);
  });

  it('counts progress per status, per municipality and per goal, region-wide', async () => {
    const plan = await workflowPlan(app, a, 'implemented');
    const p = ok(
      await app.gql(
        `query($id: ID!) { strategicPlan(id: $id) { progress {
        measureCount municipalityCount counts { status count total share }
        perMunicipality { municipality { number } counts { status count share } }
        perGoal { goal { code } measureCount counts { status count total } } } } }`,
        { id: plan.id },
        leader,
      ),
    ).strategicPlan.progress;
    expect([p.measureCount, p.municipalityCount]).toEqual([2, 3]);
    expect(p.counts).toEqual([
      { status: 'NOT_STARTED', count: 3, total: 6, share: 0.5 },
      { status: 'IN_PROGRESS', count: 1, total: 6, share: 0.1667 },
      { status: 'IMPLEMENTED', count: 1, total: 6, share: 0.1667 },
      { status: 'EVALUATED', count: 1, total: 6, share: 0.1667 },
    ]);
    expect(p.perMunicipality.map((m: any) => [m.municipality.number, m.counts.map((c: any) => c.count)])).toEqual([
      ['3427', [1, 1, 0, 0]],
      ['3428', [1, 0, 0, 1]],
      ['3429', [1, 0, 1, 0]],
    ]);
    expect(p.perGoal.map((g: any) => [g.goal.code, g.measureCount, g.counts.map((c: any) => c.count)])).toEqual([
      ['1', 1, [1, 1, 1, 0]],
      ['1.1', 0, [0, 0, 0, 0]],
      ['2', 1, [2, 0, 0, 1]],
    ]);
  });
});

/** An adopted plan with a review and a started revision (version 2, a DRAFT). */
async function revisedPlan() {
  const plan = await workflowPlan(app, a, 'implemented');
  const started = await mutate(
    app,
    leader,
    'startPlanRevision',
    { planId: plan.id, changeNote: 'Årlig gjennomgang 2026' },
    'strategicPlan { status } version { id number status changeNote basedOn { number } }',
  );
  return { ...plan, v2: started.version.id as string, started };
}

describe('yearly review, revision and comparison', () => {
  it('records one yearly review per year', async () => {
    const plan = await workflowPlan(app, a, 'adopted');
    const review = await mutate(
      app,
      leader,
      'recordPlanReview',
      { planId: plan.id, reviewedOn: '2026-02-01', summary: 'TST fungerer; foreldreveiledningen når for få.', decidedChanges: ['Nytt tiltak for skolefravær', 'Foreldreveiledning omdøpes'] },
      'review { reviewedOn decidedChanges version { number } }',
    );
    expect(review.review).toEqual({ reviewedOn: '2026-02-01', decidedChanges: ['Nytt tiltak for skolefravær', 'Foreldreveiledning omdøpes'], version: { number: 1 } });
    const twice = await attempt('recordPlanReview', { planId: plan.id, reviewedOn: '2026-03-01', summary: 'Igjen' }, leader);
    expect(codes(twice.payload)).toEqual(['CONFLICT']);
    const reviews = ok(await app.gql(`query($id: ID!) { strategicPlan(id: $id) { reviews { summary recordedBy } } }`, { id: plan.id }, await director('3427'))).strategicPlan.reviews;
    expect(reviews).toEqual([{ summary: 'TST fungerer; foreldreveiledningen når for få.', recordedBy: 'test-service_leader' }]);
  });

  it('starts a revision as a new draft that copies the content with the same keys', async () => {
    const plan = await revisedPlan();
    expect(plan.started).toMatchObject({ strategicPlan: { status: 'ADOPTED' }, version: { number: 2, status: 'DRAFT', basedOn: { number: 1 } } });
    const [v1, v2] = [await version(plan.v1), await version(plan.v2)];
    expect(v2.goals.map((g: any) => [g.key, g.kind, g.code, g.title])).toEqual(v1.goals.map((g: any) => [g.key, g.kind, g.code, g.title]));
    expect(v2.measures.map((m: any) => [m.key, m.title, m.budgetOre])).toEqual(v1.measures.map((m: any) => [m.key, m.title, m.budgetOre]));
    expect(v2.coverageMatrix).toEqual(v1.coverageMatrix);
    expect(v2.goals.map((g: any) => g.id)).not.toEqual(v1.goals.map((g: any) => g.id));
    const second = await attempt('startPlanRevision', { planId: plan.id }, leader);
    expect(codes(second.payload)).toEqual(['CONFLICT']);
    // PUBLIC still sees only version 1.
    const pub = ok(await app.gql(`query($id: ID!) { strategicPlan(id: $id) { versions { number } currentVersion { number } } }`, { id: plan.id })).strategicPlan;
    expect(pub).toEqual({ versions: [{ number: 1 }], currentVersion: { number: 1 } });
    expect(ok(await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: plan.v2 })).node).toBeNull();
  });

  it('compares versions: added, removed and changed goals, measures and links', async () => {
    const plan = await revisedPlan();
    const v2 = await version(plan.v2);
    const id = (list: any[], code: string) => list.find((x) => x.code === code).id;
    await mutate(app, leader, 'updatePlanMeasure', { id: id(v2.measures, 'A'), title: 'Tverrfaglige samhandlingsteam (TST)', budgetOre: 200000 }, 'measure { id }');
    await mutate(app, leader, 'deletePlanMeasure', { id: id(v2.measures, 'B') }, 'deletedId');
    const { measure } = await mutate(
      app,
      leader,
      'addPlanMeasure',
      { versionId: plan.v2, code: 'C', title: 'Oppfølging av skolefravær', responsible: [{ role: 'Rektor' }, { serviceId: a.services.ppt }], goalIds: [id(v2.goals, '2')] },
      'measure { id }',
    );
    await mutate(app, leader, 'unlinkGoalMeasure', { goalId: id(v2.goals, '1'), measureId: id(v2.measures, 'A') }, 'goal { id }');
    await mutate(app, leader, 'linkGoalMeasure', { goalId: id(v2.goals, '1.1'), measureId: measure.id }, 'goal { id }');
    await mutate(app, leader, 'updatePlanGoal', { id: id(v2.goals, '2'), title: 'Samarbeide godt på tvers' }, 'goal { id }');

    const diff = ok(
      await app.gql(
        `query($id: ID!) { strategicPlan(id: $id) { compareVersions(from: 1, to: 2) {
        identical from { number } to { number }
        goals { change title previousTitle fields } measures { change title previousTitle fields } milestones { change }
        links { change goalTitle measureTitle } } } }`,
        { id: plan.id },
        leader,
      ),
    ).strategicPlan.compareVersions;
    expect(diff.identical).toBe(false);
    expect(diff.goals).toEqual([{ change: 'CHANGED', title: 'Samarbeide godt på tvers', previousTitle: 'Samarbeide godt', fields: ['title'] }]);
    expect(diff.measures).toEqual([
      { change: 'CHANGED', title: 'Tverrfaglige samhandlingsteam (TST)', previousTitle: 'TST', fields: ['title', 'budgetOre'] },
      { change: 'ADDED', title: 'Oppfølging av skolefravær', previousTitle: null, fields: [] },
      { change: 'REMOVED', title: 'Foreldreveiledning', previousTitle: 'Foreldreveiledning', fields: [] },
    ]);
    expect(diff.milestones).toEqual([]);
    expect(diff.links).toEqual(
      expect.arrayContaining([
        { change: 'ADDED', goalTitle: 'Samarbeide godt på tvers', measureTitle: 'Oppfølging av skolefravær' },
        { change: 'ADDED', goalTitle: 'Felles kartlegging', measureTitle: 'Oppfølging av skolefravær' },
        { change: 'REMOVED', goalTitle: 'Oppdage tidlig', measureTitle: 'TST' },
        { change: 'REMOVED', goalTitle: 'Samarbeide godt', measureTitle: 'Foreldreveiledning' },
      ]),
    );
    expect(diff.links).toHaveLength(4);
    const same = ok(await app.gql(`query($id: ID!) { strategicPlan(id: $id) { compareVersions(from: 1, to: 1) { identical } } }`, { id: plan.id }, leader));
    expect(same.strategicPlan.compareVersions.identical).toBe(true);
  });

  it('supersedes version 1 when version 2 is adopted; implementation status follows the measure key', async () => {
    const plan = await revisedPlan();
    await mutate(app, leader, 'deletePlanMeasure', { id: (await version(plan.v2)).measures.find((m: any) => m.code === 'B').id }, 'deletedId');
    await mutate(app, leader, 'submitPlanForConsultation', { versionId: plan.v2, submittedOn: '2026-03-01' }, 'version { status }');
    for (const m of ['3427', '3428', '3429']) await mutate(app, admin, 'recordPlanAdoption', { versionId: plan.v2, municipalityNumber: m, decidedOn: '2026-04-02' }, 'adoption { status }');
    const after = ok(await app.gql(`query($id: ID!) { strategicPlan(id: $id) { status versions { number status } } }`, { id: plan.id })).strategicPlan;
    expect(after.status).toBe('ADOPTED');
    expect(after.versions).toEqual([
      { number: 1, status: 'SUPERSEDED' },
      { number: 2, status: 'ADOPTED' },
    ]);
    const progress = ok(
      await app.gql(
        `query($id: ID!) { strategicPlan(id: $id) { progress { measureCount counts { status count } } adoptedVersion { measures { code implementations { status municipality { number } } } } } }`,
        { id: plan.id },
        admin,
      ),
    ).strategicPlan;
    const tst = progress.adoptedVersion.measures.find((m: any) => m.code === 'A');
    expect(tst.implementations.map((i: any) => i.status)).toEqual(['IN_PROGRESS', 'NOT_STARTED', 'IMPLEMENTED']);
    expect(progress.progress.counts.map((c: any) => c.count)).toEqual([1, 1, 1, 0]);
    // A measure of the superseded version that is no longer in force cannot get a status.
    const gone = await attempt('setMeasureImplementationStatus', { measureId: plan.m2, status: 'IN_PROGRESS' }, await director('3428'));
    expect(codes(gone.payload)).toEqual(['CONFLICT']);
  });

  it('audits every plan mutation under its own name', async () => {
    const since = (await app.owner.query(`SELECT now() AS t`)).rows[0].t;
    const plan = await revisedPlan();
    await mutate(app, leader, 'recordPlanReview', { planId: plan.id, reviewedOn: '2026-02-01', summary: 'Gjennomgått' }, 'review { id }');
    const v2 = await version(plan.v2);
    await mutate(app, leader, 'updatePlanMeasure', { id: v2.measures[0].id, title: 'Nytt navn' }, 'measure { id }');
    await mutate(app, leader, 'unlinkGoalMeasure', { goalId: v2.goals.find((g: any) => g.code === '2').id, measureId: v2.measures[1].id }, 'goal { id }');
    await mutate(app, leader, 'deletePlanMeasure', { id: v2.measures[1].id }, 'deletedId');
    const rows = (await app.owner.query(`SELECT operation, count(*)::int AS n FROM audit_record WHERE at >= $1 GROUP BY operation`, [since])).rows;
    const ops = Object.fromEntries(rows.map((r: any) => [r.operation, r.n]));
    for (const op of [
      'createStrategicPlan',
      'addPlanGoal',
      'addPlanFocusArea',
      'addPlanMeasure',
      'addPlanMilestone',
      'linkGoalMeasure',
      'unlinkGoalMeasure',
      'submitPlanForConsultation',
      'recordPlanAdoption',
      'setMeasureImplementationStatus',
      'recordPlanReview',
      'startPlanRevision',
      'updatePlanMeasure',
      'deletePlanMeasure',
    ]) {
      expect([op, ops[op] > 0]).toEqual([op, true]);
    }
    const adoption = (
      await app.owner.query(
        `SELECT actor_role, municipality_id IS NOT NULL AS scoped FROM audit_record WHERE operation = 'recordPlanAdoption' AND entity = 'PlanAdoption' AND at >= $1 ORDER BY at LIMIT 1`,
        [since],
      )
    ).rows[0];
    expect(adoption).toEqual({ actor_role: 'MUNICIPAL_DIRECTOR', scoped: true });
  });

  it('archives an adopted plan (REGION_ADMIN) and deletes only never-submitted drafts', async () => {
    const plan = await workflowPlan(app, a, 'adopted');
    expect(topCode(await attempt('archiveStrategicPlan', { id: plan.id }, leader))).toBe('FORBIDDEN');
    const archived = await mutate(app, admin, 'archiveStrategicPlan', { id: plan.id }, 'strategicPlan { status }');
    expect(archived.strategicPlan.status).toBe('ARCHIVED');
    expect(ok(await app.gql(`query($id: ID!) { strategicPlan(id: $id) { status } }`, { id: plan.id })).strategicPlan.status).toBe('ARCHIVED');
    const draft = await mutate(
      app,
      leader,
      'createStrategicPlan',
      { title: 'Kladd', periodStartYear: 2026, periodEndYear: 2027, municipalityNumbers: ['3427'], serviceIds: [a.services.barnevern] },
      'strategicPlan { id }',
    );
    const deleted = await mutate(app, leader, 'deleteStrategicPlan', { id: draft.strategicPlan.id }, 'deletedId');
    expect(deleted.deletedId).toBe(draft.strategicPlan.id);
    expect(ok(await app.gql(`query($id: ID!) { strategicPlan(id: $id) { id } }`, { id: draft.strategicPlan.id }, leader)).strategicPlan).toBeNull();
  });
});

describe('deleting draft content', () => {
  it('deletes goals (with their sub-goals and links), focus areas (measures stay) and milestones, each audited', async () => {
    const draft = await mutate(
      app,
      admin,
      'createStrategicPlan',
      { title: 'Utkast til sletting', periodStartYear: 2026, periodEndYear: 2027, municipalityNumbers: ['3424'], serviceIds: [] },
      'strategicPlan { id } version { id }',
    );
    const versionId = draft.version.id;
    const goal = (await mutate(app, admin, 'addPlanGoal', { versionId, kind: 'GOAL', code: '1', title: 'Mål' }, 'goal { id }')).goal;
    const sub = (await mutate(app, admin, 'addPlanGoal', { versionId, kind: 'SUB_GOAL', code: '1.1', title: 'Delmål', parentGoalId: goal.id }, 'goal { id }')).goal;
    const area = (await mutate(app, admin, 'addPlanFocusArea', { versionId, title: 'Forebygging' }, 'focusArea { id }')).focusArea;
    const measure = (await mutate(app, admin, 'addPlanMeasure', { versionId, code: 'T1', title: 'Tiltak', focusAreaId: area.id, goalIds: [sub.id] }, 'measure { id }')).measure;
    const milestone = (await mutate(app, admin, 'addPlanMilestone', { versionId, title: 'Evaluering', dueTerm: 'SPRING', dueYear: 2027 }, 'milestone { id }')).milestone;

    expect((await mutate(app, admin, 'deletePlanFocusArea', { id: area.id }, 'deletedId')).deletedId).toBe(area.id);
    expect((await mutate(app, admin, 'deletePlanGoal', { id: goal.id }, 'deletedId')).deletedId).toBe(goal.id);
    expect((await mutate(app, admin, 'deletePlanMilestone', { id: milestone.id }, 'deletedId')).deletedId).toBe(milestone.id);

    const after = await version(versionId);
    expect(after.goals).toEqual([]); // the sub-goal went with its goal
    expect(after.measures.map((m: any) => m.code)).toEqual(['T1']);
    expect(after.coverageMatrix.measuresWithoutGoals).toEqual([{ code: 'T1' }]); // its link went with the sub-goal
    const m = ok(await app.gql(`query($id: ID!) { node(id: $id) { ... on PlanMeasure { focusArea { title } } } }`, { id: measure.id }, admin)).node;
    expect(m).toEqual({ focusArea: null });
    const audited = (
      await app.owner.query(
        `SELECT operation, entity FROM audit_record WHERE operation IN ('deletePlanFocusArea', 'deletePlanGoal', 'deletePlanMilestone') AND entity_id = ANY($1) ORDER BY at, operation`,
        [[area.id, goal.id, milestone.id].map(uuid)],
      )
    ).rows;
    expect(audited).toEqual(
      expect.arrayContaining([
        { operation: 'deletePlanFocusArea', entity: 'PlanFocusArea' },
        { operation: 'deletePlanGoal', entity: 'PlanGoal' },
        { operation: 'deletePlanMilestone', entity: 'PlanMilestone' },
      ]),
    );
    expect(audited).toHaveLength(3);
    // A deleted item cannot be deleted twice.
    const again = await attempt('deletePlanGoal', { id: goal.id }, admin, 'deletedId');
    expect(codes(again.payload)).toEqual(['NOT_FOUND']);
  });
});

describe('required text', () => {
  it('rejects blank titles and summaries on every plan input with BAD_USER_INPUT naming the field, and changes nothing', async () => {
    const plan = await workflowPlan(app, a, 'drafted');
    const before = await count(
      `SELECT (SELECT count(*) FROM plan_goal) + (SELECT count(*) FROM plan_measure) + (SELECT count(*) FROM plan_focus_area) + (SELECT count(*) FROM plan_milestone) + (SELECT count(*) FROM strategic_plan) + (SELECT count(*) FROM audit_record) AS n`,
    );
    for (const [name, input, field] of [
      ['createStrategicPlan', { title: '   ', periodStartYear: 2026, periodEndYear: 2027, municipalityNumbers: ['3427'], serviceIds: [] }, 'input.title'],
      ['addPlanGoal', { versionId: plan.v1, title: ' \t ' }, 'input.title'],
      ['addPlanFocusArea', { versionId: plan.v1, title: '   ' }, 'input.title'],
      ['addPlanMeasure', { versionId: plan.v1, title: '   ' }, 'input.title'],
      ['addPlanMilestone', { versionId: plan.v1, title: '   ', dueTerm: 'SPRING', dueYear: 2027 }, 'input.title'],
      ['updatePlanMeasure', { id: plan.m1, title: '   ' }, 'input.title'],
      ['updatePlanGoal', { id: plan.g1, title: '\n' }, 'input.title'],
      ['updateStrategicPlan', { id: plan.id, title: '  ' }, 'input.title'],
      ['addPlanMeasure', { versionId: plan.v1, title: 'Tiltak', responsible: [{ role: '   ' }] }, 'input.responsible.0.role'],
    ] as [string, Record<string, unknown>, string][]) {
      const { res } = await attempt(name, input, admin);
      expect([name, res.errors?.[0].extensions?.code, res.errors?.[0].extensions?.validationErrors]).toEqual([name, 'BAD_USER_INPUT', [expect.objectContaining({ field, rule: 'matches' })]]);
    }
    const after = await count(
      `SELECT (SELECT count(*) FROM plan_goal) + (SELECT count(*) FROM plan_measure) + (SELECT count(*) FROM plan_focus_area) + (SELECT count(*) FROM plan_milestone) + (SELECT count(*) FROM strategic_plan) + (SELECT count(*) FROM audit_record) AS n`,
    );
    expect(after).toBe(before);
    const m1 = ok(await app.gql(`query($id: ID!) { node(id: $id) { ... on PlanMeasure { title } } }`, { id: plan.m1 }, admin)).node;
    expect(m1.title).toBe('TST');
  });
});

describe('positions', () => {
  it('rejects a negative or oversized position on every item type with BAD_USER_INPUT naming input.position', async () => {
    const draft = await mutate(app, admin, 'createStrategicPlan', { title: 'Posisjoner', periodStartYear: 2026, periodEndYear: 2027, municipalityNumbers: ['3424'], serviceIds: [] }, 'version { id }');
    const versionId = draft.version.id;
    for (const [name, input] of [
      ['addPlanGoal', { versionId, kind: 'GOAL', title: 'Mål', position: -1 }],
      ['addPlanFocusArea', { versionId, title: 'Område', position: 100001 }],
      ['addPlanMeasure', { versionId, title: 'Tiltak', position: -5 }],
      ['addPlanMilestone', { versionId, title: 'Milepæl', dueTerm: 'SPRING', dueYear: 2027, position: 100001 }],
    ] as const) {
      const { res } = await attempt(name, input, admin);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', validationErrors: [expect.objectContaining({ field: 'input.position' })] });
    }
    expect(await version(versionId)).toMatchObject({ goals: [], measures: [] });
  });
});
