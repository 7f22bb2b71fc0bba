import { Role } from '../../src/auth/roles';
import { inputType, mutate } from './fixtures/build';
import { Actors, actors, workflowPlan } from './fixtures/lifecycle';
import { asApiRole } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';

/**
 * Follow-up after adoption: milestone progress recorded on the version in force without a revision,
 * overdue milestones, the plan period ending or ended, yearly reviews per service, the region view,
 * and the prevention gap analysis through the API. Each test builds its own plan.
 */
let app: TestApp;
let a: Actors;
beforeAll(async () => {
  app = await startTestApp();
  a = await actors(app);
});
afterAll(() => app.close());

async function attempt(name: string, input: Record<string, unknown>, token: string | undefined, select = '') {
  const res = await app.gql(`mutation($input: ${inputType(name)}!) { ${name}(input: $input) { ${select} userErrors { field code message } } }`, { input }, token);
  return { errors: res.errors, payload: res.data?.[name] };
}
const codes = (r: { payload: any }) => r.payload.userErrors.map((e: any) => e.code);
const uuid = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];

const MILESTONES = `query($id: ID!, $asOf: Date) { node(id: $id) { ... on PlanVersion {
  milestones { id key title due dueBy status overdue(asOf: $asOf) progress { status completedOn note } }
  overdueMilestones(asOf: $asOf) { milestone { title } status dueBy overdue } } } }`;
const milestonesOf = async (versionId: string, asOf?: string, token: string | null = a.admin) => ok(await app.gql(MILESTONES, { id: versionId, asOf }, token ?? undefined)).node;
/** The seeded Nord-Østerdal plan (PUBLIC can find it by title). */
const seededPlan = async () =>
  ok(await app.gql(`{ strategicPlans(regionCode: "nord-osterdal", first: 100) { nodes { id title adoptedVersion { id } } } }`)).strategicPlans.nodes.find((p: any) =>
    p.title.startsWith('Strategisk plan for tverrfaglig samarbeid og forebyggende innsats'),
  );

/** The adopted workflow plan with a second milestone, due September 2025 and advancing measure A. */
async function adoptedWithMilestones(title = 'Oppfølging') {
  const plan = await workflowPlan(app, a, 'drafted', title);
  await mutate(
    app,
    a.leader,
    'addPlanMilestone',
    { versionId: plan.v1, title: 'Alle team i gang', dueMonth: 9, dueYear: 2025, measureId: plan.m1, responsible: 'Kommunalsjef oppvekst' },
    'milestone { id }',
  );
  await mutate(app, a.leader, 'submitPlanForConsultation', { versionId: plan.v1, submittedOn: '2025-01-15' }, 'version { id }');
  for (const m of ['3427', '3428', '3429']) await mutate(app, a.admin, 'recordPlanAdoption', { versionId: plan.v1, municipalityNumber: m, decidedOn: '2025-02-13' }, 'adoption { status }');
  const [spring, september] = (await milestonesOf(plan.v1)).milestones;
  return { ...plan, spring, september };
}

describe('milestone progress', () => {
  it('is recorded on the adopted version without a revision, and carries into the next version by lineage key', async () => {
    const plan = await adoptedWithMilestones();
    expect(plan.spring).toMatchObject({ due: 'Våren 2025', dueBy: '2025-06-30', status: 'PLANNED', progress: null });
    // As content the milestone is frozen; as follow-up it is not.
    expect(codes(await attempt('updatePlanMilestone', { id: plan.spring.id, title: 'Endret' }, a.leader))).toEqual(['IMMUTABLE']);
    const done = await attempt(
      'recordMilestoneProgress',
      { milestoneId: plan.spring.id, status: 'DONE', completedOn: '2025-02-13', note: 'Vedtatt i alle tre' },
      a.leader,
      'progress { status completedOn note updatedBy } milestone { status }',
    );
    expect(done.payload).toMatchObject({ userErrors: [], progress: { status: 'DONE', completedOn: '2025-02-13', note: 'Vedtatt i alle tre' }, milestone: { status: 'DONE' } });
    const v2 = (await mutate(app, a.leader, 'startPlanRevision', { planId: plan.id }, 'version { id }')).version.id;
    const copied = (await milestonesOf(v2)).milestones.find((m: any) => m.key === plan.spring.key);
    expect(copied).toMatchObject({ status: 'DONE', progress: { completedOn: '2025-02-13' } });
    // Progress goes on for the version in force and the newest version; a note left out stays.
    await mutate(app, a.admin, 'recordMilestoneProgress', { milestoneId: copied.id, status: 'DONE', completedOn: '2025-02-14' }, 'progress { status }');
    expect((await milestonesOf(plan.v1)).milestones[0].progress).toEqual({ status: 'DONE', completedOn: '2025-02-14', note: 'Vedtatt i alle tre' });
    const audit = await app.owner.query(`SELECT operation FROM audit_record WHERE entity = 'PlanMilestoneProgress' AND after->>'planId' = $1`, [uuid(plan.id)]);
    expect(audit.rows.map((r: any) => r.operation)).toEqual(['recordMilestoneProgress', 'recordMilestoneProgress']);
  });

  it('needs the completion date for DONE only, never in the future, and leaves everything unchanged on a rule violation', async () => {
    const plan = await adoptedWithMilestones();
    const record = (input: Record<string, unknown>) => attempt('recordMilestoneProgress', { milestoneId: plan.spring.id, ...input }, a.admin);
    expect(codes(await record({ status: 'DONE' }))).toEqual(['INVALID']);
    expect((await record({ status: 'IN_PROGRESS', completedOn: '2025-03-01' })).payload.userErrors[0]).toMatchObject({ field: ['input', 'completedOn'], code: 'INVALID' });
    expect((await record({ status: 'DONE', completedOn: '2999-01-01' })).payload.userErrors[0].message).toContain('future');
    expect(
      (await app.gql(`mutation { recordMilestoneProgress(input: { milestoneId: "${plan.spring.id}", status: FINISHED }) { userErrors { code } } }`, {}, a.admin)).errors?.[0].extensions?.code,
    ).toBe('GRAPHQL_VALIDATION_FAILED');
    const { rows } = await app.owner.query(`SELECT count(*)::int AS n FROM plan_milestone_progress WHERE plan_id = $1`, [uuid(plan.id)]);
    expect(rows[0].n).toBe(0);
  });

  it('is refused for a superseded version, to other roles and to a leader whose service the plan does not cover', async () => {
    const plan = await adoptedWithMilestones();
    const v2 = (await mutate(app, a.leader, 'startPlanRevision', { planId: plan.id }, 'version { id }')).version.id;
    await mutate(app, a.leader, 'submitPlanForConsultation', { versionId: v2 }, 'version { id }');
    for (const m of ['3427', '3428', '3429'])
      await mutate(app, a.admin, 'recordPlanAdoption', { versionId: v2, municipalityNumber: m, decidedOn: new Date().toISOString().slice(0, 10) }, 'adoption { status }');
    // Version 1 is now SUPERSEDED: progress goes on the milestone of the version in force.
    expect(codes(await attempt('recordMilestoneProgress', { milestoneId: plan.spring.id, status: 'IN_PROGRESS' }, a.admin))).toEqual(['CONFLICT']);
    const current = (await milestonesOf(v2)).milestones[0].id;
    expect((await attempt('recordMilestoneProgress', { milestoneId: current, status: 'IN_PROGRESS' }, await a.director('3427'))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const nav = await app.token(Role.SERVICE_LEADER, { service: 'nav' });
    expect((await attempt('recordMilestoneProgress', { milestoneId: current, status: 'IN_PROGRESS' }, nav)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await attempt('recordMilestoneProgress', { milestoneId: current, status: 'IN_PROGRESS' }, undefined)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const valdres = await app.token(Role.REGION_ADMIN, { region: 'valdres' });
    expect(codes(await attempt('recordMilestoneProgress', { milestoneId: current, status: 'IN_PROGRESS' }, valdres))).toEqual(['NOT_FOUND']);
  });

  it('is hidden from PUBLIC: the public plan shows no milestone status', async () => {
    const plan = await adoptedWithMilestones();
    await mutate(app, a.admin, 'recordMilestoneProgress', { milestoneId: plan.spring.id, status: 'IN_PROGRESS' }, 'progress { status }');
    const publicView = await milestonesOf(plan.v1, '2030-01-01', null);
    expect(publicView.milestones.map((m: any) => [m.status, m.overdue, m.progress])).toEqual([
      [null, null, null],
      [null, null, null],
    ]);
    expect(publicView.overdueMilestones).toEqual([]);
  });
});

describe('overdue milestones', () => {
  it('are flagged after their last day until done or cancelled', async () => {
    const plan = await adoptedWithMilestones();
    const titles = async (asOf: string) => (await milestonesOf(plan.v1, asOf)).overdueMilestones.map((o: any) => o.milestone.title);
    expect(await titles('2025-06-30')).toEqual([]);
    expect(await titles('2025-07-01')).toEqual(['Vedtak i kommunestyrene']);
    expect(await titles('2025-10-01')).toEqual(['Vedtak i kommunestyrene', 'Alle team i gang']);
    await mutate(app, a.admin, 'recordMilestoneProgress', { milestoneId: plan.spring.id, status: 'DONE', completedOn: '2025-02-13' }, 'progress { status }');
    await mutate(app, a.leader, 'recordMilestoneProgress', { milestoneId: plan.september.id, status: 'CANCELLED', note: 'Erstattet av nytt tiltak' }, 'progress { status }');
    // Judged as of the day asked: the cancellation counts from the day it was recorded (today), the completion from its date.
    const recordedOn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date());
    expect(await titles('2025-10-01')).toEqual(['Alle team i gang']);
    expect(await titles(recordedOn)).toEqual([]);
    expect((await milestonesOf(plan.v1, '2099-01-01')).milestones.map((m: any) => m.overdue)).toEqual([false, false]);
  });

  it('judges a past day by what was done by then, and reports a milestone done after its deadline as done late', async () => {
    const plan = await adoptedWithMilestones('Forsinket');
    // Due 2025-06-30 (spring), completed 2025-11-16: overdue in between, done late from then on.
    await mutate(app, a.admin, 'recordMilestoneProgress', { milestoneId: plan.spring.id, status: 'DONE', completedOn: '2025-11-16' }, 'progress { status }');
    const DONE_LATE = `query($id: ID!, $asOf: Date) { node(id: $id) { ... on PlanVersion {
      milestones { overdue(asOf: $asOf) doneLate(asOf: $asOf) }
      overdueMilestones(asOf: $asOf) { milestone { title } overdue doneLate }
      milestonesDoneLate(asOf: $asOf) { milestone { title } status dueBy overdue doneLate progress { completedOn } } } } }`;
    const at = async (asOf: string) => ok(await app.gql(DONE_LATE, { id: plan.v1, asOf }, a.admin)).node;
    const before = await at('2025-10-01');
    expect(before.milestones[0]).toEqual({ overdue: true, doneLate: false });
    expect(before.overdueMilestones.map((o: any) => o.milestone.title)).toEqual(['Vedtak i kommunestyrene', 'Alle team i gang']);
    expect(before.milestonesDoneLate).toEqual([]);
    expect((await at('2025-11-15')).milestones[0]).toEqual({ overdue: true, doneLate: false });
    const after = await at('2025-11-16');
    expect(after.milestones[0]).toEqual({ overdue: false, doneLate: true });
    expect(after.milestonesDoneLate).toEqual([
      { milestone: { title: 'Vedtak i kommunestyrene' }, status: 'DONE', dueBy: '2025-06-30', overdue: false, doneLate: true, progress: { completedOn: '2025-11-16' } },
    ]);
    // Done in time is not done late; the region view reports both lists.
    await mutate(app, a.admin, 'recordMilestoneProgress', { milestoneId: plan.september.id, status: 'DONE', completedOn: '2025-09-30' }, 'progress { status }');
    expect((await at('2026-01-10')).milestones).toEqual([
      { overdue: false, doneLate: true },
      { overdue: false, doneLate: false },
    ]);
    const region = ok(
      await app.gql(`{ planFollowUp(asOf: "2025-10-01") { plan { id } overdueMilestones { milestone { title } } milestonesDoneLate { milestone { title } } } }`, {}, a.admin),
    ).planFollowUp.find((f: any) => f.plan.id === plan.id);
    expect(region).toMatchObject({ overdueMilestones: [{ milestone: { title: 'Vedtak i kommunestyrene' } }], milestonesDoneLate: [] });
  });

  it('shows the seeded timeline as overdue today: nothing is recorded beyond "Tidsplanen følges"; «Planen vedtas politisk» is done by the adoption', async () => {
    const seeded = await seededPlan();
    const v = await milestonesOf(seeded.adoptedVersion.id, '2026-11-24');
    expect(v.overdueMilestones.map((o: any) => [o.status, o.dueBy])).toEqual([
      ['PLANNED', '2023-12-31'],
      ['PLANNED', '2024-06-30'],
    ]);
    expect(v.milestones[0]).toMatchObject({ title: 'Planen vedtas politisk.', status: 'DONE', overdue: false, progress: null });
  });

  it('counts a milestone linked to the adoption as done when the last covered council adopts, judged as of the day asked', async () => {
    const plan = await workflowPlan(app, a, 'drafted', 'Vedtak som milepæl');
    const [adoption] = (await milestonesOf(plan.v1)).milestones;
    // Due spring 2025 (30 June); linked to the version's adoption.
    const linked = await mutate(app, a.leader, 'updatePlanMilestone', { id: adoption.id, doneOnAdoption: true }, 'milestone { doneOnAdoption }');
    expect(linked.milestone.doneOnAdoption).toBe(true);
    await mutate(app, a.leader, 'submitPlanForConsultation', { versionId: plan.v1, submittedOn: '2025-01-15' }, 'version { id }');
    for (const m of ['3427', '3428']) await mutate(app, a.admin, 'recordPlanAdoption', { versionId: plan.v1, municipalityNumber: m, decidedOn: '2025-02-13' }, 'adoption { status }');
    const FOLLOW = `query($id: ID!, $asOf: Date) { node(id: $id) { ... on PlanVersion {
      milestones { doneOnAdoption status overdue(asOf: $asOf) doneLate(asOf: $asOf) }
      milestonesDoneLate(asOf: $asOf) { completedOn doneLate } } } }`;
    const at = async (asOf: string, id = plan.v1) => ok(await app.gql(FOLLOW, { id, asOf }, a.admin)).node;
    // Two of three councils: not done, overdue after its deadline.
    expect((await at('2025-07-01')).milestones[0]).toEqual({ doneOnAdoption: true, status: 'PLANNED', overdue: true, doneLate: false });
    await mutate(app, a.admin, 'recordPlanAdoption', { versionId: plan.v1, municipalityNumber: '3429', decidedOn: '2025-08-20' }, 'adoption { status }');
    // The last decision (2025-08-20) makes the version adopted and the milestone done — late.
    expect((await at('2025-07-01')).milestones[0]).toEqual({ doneOnAdoption: true, status: 'DONE', overdue: true, doneLate: false });
    const after = await at('2025-09-01');
    expect(after.milestones[0]).toEqual({ doneOnAdoption: true, status: 'DONE', overdue: false, doneLate: true });
    expect(after.milestonesDoneLate).toEqual([{ completedOn: '2025-08-20', doneLate: true }]);
    // A revision carries the link; its own milestone waits for the revision's adoption.
    const v2 = (await mutate(app, a.leader, 'startPlanRevision', { planId: plan.id }, 'version { id }')).version.id;
    expect((await at('2025-09-01', v2)).milestones[0]).toEqual({ doneOnAdoption: true, status: 'PLANNED', overdue: true, doneLate: false });
  });
});

describe('texts for people', () => {
  it('name no mutation or input field in follow-up texts and in the messages a plan editor meets', async () => {
    const names = ok(await app.gql(`{ __schema { mutationType { fields { name } } } }`, {}, a.admin)).__schema.mutationType.fields.map((f: any) => f.name);
    const jargon = new RegExp(`\\b(${[...names, 'dueYear', 'dueTerm', 'dueMonth', 'versionId', 'planId'].join('|')})\\b`);
    const plan = await adoptedWithMilestones('Tekster');
    const texts: string[] = [];
    const expiry = ok(await app.gql(`query($id: ID!) { strategicPlan(id: $id) { expiry(asOf: "2029-01-01") { actions { text } } } }`, { id: plan.id }, a.admin)).strategicPlan.expiry;
    texts.push(...expiry.actions.map((x: any) => x.text));
    expect(texts[0]).toContain('start a revision, send it on consultation and record each council');
    const frozen = await attempt('updatePlanMilestone', { id: plan.spring.id, title: 'Endret' }, a.leader);
    texts.push(...frozen.payload.userErrors.map((e: any) => e.message));
    expect(frozen.payload.userErrors[0].message).toBe('Version 1 is adopted and immutable; start a revision of the plan to edit a new draft.');
    const draft = await workflowPlan(app, a, 'drafted', 'Tekster i utkast');
    const noYear = await attempt('addPlanMilestone', { versionId: draft.v1, title: 'Uten år', dueTerm: 'SPRING' }, a.leader);
    expect(noYear.payload.userErrors).toEqual([{ field: ['input', 'dueYear'], code: 'INVALID', message: 'A due term or month needs its year.' }]);
    texts.push(...noYear.payload.userErrors.map((e: any) => e.message));
    expect(texts.filter((t) => jargon.test(t))).toEqual([]);
  });
});

describe('the plan period', () => {
  const EXPIRY = `query($id: ID!, $asOf: Date, $h: Int) { strategicPlan(id: $id) { expiry(asOf: $asOf, horizonMonths: $h) {
      state flagged periodEnd monthsLeft horizonMonths actions { source reference text } } } }`;

  it('flags a plan that ends within the horizon or has ended, with what the law and the plan say must happen', async () => {
    const plan = await workflowPlan(app, a, 'drafted', 'Med revisjonsregel');
    await mutate(app, a.leader, 'addPlanStatement', { versionId: plan.v1, kind: 'REVIEW_RULE', title: 'Revisjon', text: 'Planen revideres innen utgangen av planperioden.' }, 'statement { id }');
    const expiry = async (asOf: string, h?: number) => ok(await app.gql(EXPIRY, { id: plan.id, asOf, h }, a.admin)).strategicPlan.expiry;
    expect(await expiry('2027-01-01')).toMatchObject({ state: 'IN_PERIOD', flagged: false, actions: [], horizonMonths: 6 });
    expect(await expiry('2027-01-01', 24)).toMatchObject({ state: 'ENDING', flagged: true });
    const ending = await expiry('2028-08-01');
    expect(ending).toMatchObject({ state: 'ENDING', flagged: true, periodEnd: '2028-12-31', monthsLeft: 4 });
    expect(ending.actions.map((x: any) => [x.source, x.reference])).toEqual([
      ['LAW', 'barnevernsloven § 15-1'],
      ['PLAN', 'Revisjon'],
    ]);
    expect((await expiry('2029-02-01')).state).toBe('ENDED');
    expect((await app.gql(EXPIRY, { id: plan.id, asOf: '2028-08-01', h: 61 }, a.admin)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'horizonMonths' });
  });

  it('flags the seeded plan now: its (illustrative) period ends in 2026 and it states no review rule', async () => {
    const seeded = await seededPlan();
    const expiry = ok(await app.gql(EXPIRY, { id: seeded.id, asOf: '2026-11-24' })).strategicPlan.expiry;
    expect(expiry).toMatchObject({ state: 'ENDING', flagged: true, monthsLeft: 1 });
    expect(expiry.actions[1]).toEqual({ source: 'PLAN', reference: null, text: 'The plan states no rule for its own review or revision.' });
  });
});

/** The workflow plan with a review rule ("Tjenesteleder … evaluerer egne tiltak en gang per år"), also covering NAV (no measures), adopted. */
async function adoptedWithReviewRule(title: string) {
  const plan = await workflowPlan(app, a, 'drafted', title);
  await mutate(
    app,
    a.leader,
    'addPlanStatement',
    { versionId: plan.v1, kind: 'REVIEW_RULE', title: 'Årlig gjennomgang', text: 'Tjenesteleder evaluerer egne tiltak en gang per år.' },
    'statement { id }',
  );
  await mutate(app, a.admin, 'updateStrategicPlan', { id: plan.id, serviceIds: [a.services.barnevern, a.services.ppt, a.services.nav] }, 'strategicPlan { id }');
  await mutate(app, a.leader, 'submitPlanForConsultation', { versionId: plan.v1, submittedOn: '2025-01-15' }, 'version { id }');
  for (const m of ['3427', '3428', '3429']) await mutate(app, a.admin, 'recordPlanAdoption', { versionId: plan.v1, municipalityNumber: m, decidedOn: '2025-02-13' }, 'adoption { status }');
  return plan;
}

describe('yearly reviews per service', () => {
  const STATUS = `query($id: ID!, $year: Int!) { strategicPlan(id: $id) { reviewStatus(year: $year) {
      year reviewsRequired reviewRules { text } planReview { summary } services { service { code } measures { code } reviewed required review { summary } } missing { code } } } }`;

  it('demands no review of a plan that states no review rule', async () => {
    const plan = await workflowPlan(app, a, 'adopted', 'Uten gjennomgangsregel');
    const status = ok(await app.gql(STATUS, { id: plan.id, year: 2026 }, a.admin)).strategicPlan.reviewStatus;
    expect(status).toMatchObject({ reviewsRequired: false, reviewRules: [], missing: [] });
    expect(status.services.map((s: any) => [s.service.code, s.required])).toEqual([
      ['barnevern', false],
      ['ppt', false],
    ]);
    // A service the plan does not cover cannot review it.
    const nav = await attempt('recordPlanReview', { planId: plan.id, serviceId: a.services.nav, reviewedOn: '2025-06-01', summary: 'Ikke vår plan' }, a.admin);
    expect(codes(nav)).toEqual(['INVALID']);
  });

  it('lets each service leader review their own measures once a year, and shows who has not', async () => {
    const plan = await adoptedWithReviewRule('Gjennomgang per tjeneste');
    const review = (token: string, input: Record<string, unknown>) =>
      attempt('recordPlanReview', { planId: plan.id, reviewedOn: '2025-06-01', summary: 'Egne tiltak gjennomgått', ...input }, token, 'review { service { code } }');
    const own = await review(a.leader, { serviceId: a.services.barnevern, decidedChanges: ['Tiltak A endres'] });
    expect(own.payload).toMatchObject({ userErrors: [], review: { service: { code: 'barnevern' } } });
    expect(codes(await review(a.leader, { serviceId: a.services.barnevern }))).toEqual(['CONFLICT']);
    expect((await review(a.leader, { serviceId: a.services.ppt })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(codes(await review(a.admin, { serviceId: 'U2hhcmVkU2VydmljZTowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA' }))).toEqual(['NOT_FOUND']);
    // The plan-wide review is a different one.
    expect(codes(await review(a.leader, {}))).toEqual([]);

    const status = async (year: number, token = a.admin) => ok(await app.gql(STATUS, { id: plan.id, year }, token)).strategicPlan.reviewStatus;
    // NAV is covered but has no measures of its own: no review is asked of it.
    expect(await status(2025)).toEqual({
      year: 2025,
      reviewsRequired: true,
      reviewRules: [{ text: 'Tjenesteleder evaluerer egne tiltak en gang per år.' }],
      planReview: { summary: 'Egne tiltak gjennomgått' },
      services: [
        { service: { code: 'barnevern' }, measures: [{ code: 'A' }], reviewed: true, required: true, review: { summary: 'Egne tiltak gjennomgått' } },
        { service: { code: 'nav' }, measures: [], reviewed: false, required: false, review: null },
        { service: { code: 'ppt' }, measures: [{ code: 'A' }], reviewed: false, required: true, review: null },
      ],
      missing: [{ code: 'ppt' }],
    });
    expect((await status(2026, await a.director('3427'))).missing.map((s: any) => s.code)).toEqual(['barnevern', 'ppt']);
    expect((await app.gql(STATUS, { id: plan.id, year: 2025 })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("keeps a leader from writing another service's review with SQL too (RLS)", async () => {
    const plan = await workflowPlan(app, a, 'adopted', 'RLS-gjennomgang');
    const ids = (
      await app.owner.query(
        `SELECT p.region_id, p.adopted_version_id, (SELECT id FROM shared_service WHERE code = 'barnevern' AND region_id = p.region_id) AS barnevern,
              (SELECT id FROM shared_service WHERE code = 'ppt' AND region_id = p.region_id) AS ppt FROM strategic_plan p WHERE p.id = $1`,
        [uuid(plan.id)],
      )
    ).rows[0];
    const context = { role: 'SERVICE_LEADER', region_id: ids.region_id, service_id: ids.barnevern };
    const insert = (serviceId: string) =>
      asApiRole(app, context, async (q) => {
        try {
          await q(`INSERT INTO plan_review (region_id, plan_id, version_id, service_id, reviewed_on, summary, recorded_by) VALUES ($1, $2, $3, $4, '2025-06-01', 'x', 'x')`, [
            ids.region_id,
            uuid(plan.id),
            ids.adopted_version_id,
            serviceId,
          ]);
          return 'inserted';
        } catch (error) {
          return (error as Error).message;
        }
      });
    expect(await insert(ids.barnevern)).toBe('inserted');
    expect(await insert(ids.ppt)).toContain('row-level security');
  });
});

describe('the region view', () => {
  const FOLLOW_UP = `query($asOf: Date, $h: Int, $year: Int) { planFollowUp(asOf: $asOf, horizonMonths: $h, year: $year) {
      plan { title } expiry { state } overdueMilestones { milestone { title } } reviews { year missing { code } services { service { code } reviewed } } } }`;

  it('lists every adopted plan of the region with its flags', async () => {
    await adoptedWithMilestones('Oppfølging i regionen');
    const rows = ok(await app.gql(FOLLOW_UP, { asOf: '2028-08-01', year: 2028 }, await a.director('3429'))).planFollowUp;
    const mine = rows.find((r: any) => r.plan.title === 'Oppfølging i regionen');
    expect(mine).toEqual({
      plan: { title: 'Oppfølging i regionen' },
      expiry: { state: 'ENDING' },
      overdueMilestones: [{ milestone: { title: 'Vedtak i kommunestyrene' } }, { milestone: { title: 'Alle team i gang' } }],
      // The plan states no review rule: no review is demanded.
      reviews: {
        year: 2028,
        missing: [],
        services: [
          { service: { code: 'barnevern' }, reviewed: false },
          { service: { code: 'ppt' }, reviewed: false },
        ],
      },
    });
    const seeded = rows.find((r: any) => r.plan.title.startsWith('Strategisk plan for tverrfaglig samarbeid'));
    expect(seeded.expiry.state).toBe('ENDED');
    expect(seeded.reviews.services.find((s: any) => s.service.code === 'barnevern').reviewed).toBe(false);
    expect(
      ok(await app.gql(FOLLOW_UP, { asOf: '2023-10-01', year: 2023 }, a.admin))
        .planFollowUp.find((r: any) => r.plan.title === seeded.plan.title)
        .reviews.services.find((s: any) => s.service.code === 'barnevern').reviewed,
    ).toBe(true);
  });

  it('shows another region nothing of it, and PUBLIC nothing at all', async () => {
    const valdres = await app.token(Role.REGION_ADMIN, { region: 'valdres' });
    expect(ok(await app.gql(FOLLOW_UP, {}, valdres)).planFollowUp).toEqual([]);
    expect((await app.gql(FOLLOW_UP, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('prevention coverage through the API', () => {
  const COVERAGE = `query($id: ID!, $bands: [AgeBandInput!]) { preventionCoverage(planId: $id, ageBands: $bands) {
      assessed gapCount gapsWithoutMeasure gapsNotLinked summary levels ageBands { label } overall { level band { label } measures { code } }
      factors { factor { kind code } measures { code } gapCount cells { level band { label } applicable gap measures { code } } }
      gaps { factor { code } level band { label } kind unlinkedMeasures { code } } measuresAddressingNoRisk { code } measuresWithoutLevel { code } factorsWithoutMeasures { code } } }`;

  it('says "not assessed" for a plan that states no factors', async () => {
    const plan = await workflowPlan(app, a, 'drafted', 'Uten faktorer');
    const c = ok(await app.gql(COVERAGE, { id: plan.id }, a.admin)).preventionCoverage;
    expect([c.assessed, c.gapCount, c.gapsWithoutMeasure, c.gapsNotLinked, c.gaps]).toEqual([false, null, null, null, []]);
    expect(c.summary).toMatch(/^Not assessed/);
  });

  it("lays a plan's measures out by level, age band and factor, and finds the gaps", async () => {
    const plan = await workflowPlan(app, a, 'drafted', 'Gap-analyse');
    const factor = async (input: Record<string, unknown>) => (await mutate(app, a.leader, 'addPlanFactor', { versionId: plan.v1, ...input }, 'factor { id }')).factor.id;
    const rus = await factor({ kind: 'RISK', code: '4', title: 'Rusmiddelbruk' });
    const hobby = await factor({ kind: 'PROTECTIVE', code: '3', title: 'En fritidsinteresse', ageFrom: 8 });
    const group = (await mutate(app, a.leader, 'addPlanTargetGroup', { versionId: plan.v1, name: 'Barn som pårørende', factorIds: [rus] }, 'targetGroup { id }')).targetGroup.id;
    await mutate(app, a.leader, 'updatePlanMeasure', { id: plan.m1, ageFrom: 13, ageTo: 17, targetGroupIds: [group] }, 'measure { id }');
    await mutate(app, a.leader, 'updatePlanMeasure', { id: plan.m2, preventionLevels: ['UNIVERSAL'], factorIds: [hobby] }, 'measure { id }');
    const c = ok(
      await app.gql(
        COVERAGE,
        {
          id: plan.id,
          bands: [
            { from: 0, to: 7 },
            { from: 8, to: 12 },
            { from: 13, to: 17 },
          ],
        },
        a.admin,
      ),
    ).preventionCoverage;
    expect(c.levels).toEqual(['UNIVERSAL', 'SELECTIVE', 'INDICATED']);
    expect(c.factors.map((f: any) => [f.factor.code, f.measures.map((m: any) => m.code), f.gapCount])).toEqual([
      ['4', ['A'], 8],
      ['3', ['B'], 4],
    ]);
    const grid = (f: any) => f.cells.map((x: any) => (!x.applicable ? '·' : x.measures.map((m: any) => m.code).join('') || '_')).join(' ');
    expect(grid(c.factors[0])).toBe('_ _ _ _ _ A _ _ _');
    expect(grid(c.factors[1])).toBe('· B B · _ _ · _ _');
    expect(c.gaps.filter((g: any) => g.factor.code === '3').map((g: any) => `${g.level} ${g.band.label}`)).toEqual([
      'SELECTIVE 8–12 år',
      'SELECTIVE 13–17 år',
      'INDICATED 8–12 år',
      'INDICATED 13–17 år',
    ]);
    expect([c.measuresAddressingNoRisk, c.measuresWithoutLevel, c.factorsWithoutMeasures]).toEqual([[{ code: 'B' }], [], []]);
    expect((await app.gql(COVERAGE, { id: plan.id, bands: [{ from: 5, to: 2 }] }, a.admin)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ageBands' });
  });

  it('shows that the Sør-Aurdal plan links no measure to a stated risk, and hides the draft from PUBLIC', async () => {
    const valdres = await app.token(Role.SERVICE_LEADER, { region: 'valdres', service: 'barnevern' });
    const [plan] = ok(await app.gql(`{ strategicPlans { nodes { id } } }`, {}, valdres)).strategicPlans.nodes;
    const c = ok(await app.gql(COVERAGE, { id: plan.id }, valdres)).preventionCoverage;
    expect(c.ageBands.map((b: any) => b.label)).toEqual(['0–5 år', '6–12 år', '13–15 år', '16–17 år']);
    expect([c.factors.length, c.measuresAddressingNoRisk.length, c.measuresWithoutLevel.length, c.factorsWithoutMeasures.length]).toEqual([15, 41, 8, 15]);
    // "En fritidsinteresse før 8 år" applies from age 8: not to 0–5.
    const hobby = c.factors.find((f: any) => f.factor.kind === 'PROTECTIVE' && f.factor.code === '3');
    expect(hobby.cells.filter((x: any) => !x.applicable).map((x: any) => `${x.level} ${x.band.label}`)).toEqual(['UNIVERSAL 0–5 år', 'SELECTIVE 0–5 år', 'INDICATED 0–5 år']);
    expect(c.gaps).toHaveLength(15 * 12 - 3);
    // Its measures are not linked to the factors: a gap where measures lie on the level and age is NOT_LINKED, with those measures.
    const onLevelAndAge = (g: any) => c.overall.find((x: any) => x.level === g.level && x.band.label === g.band.label).measures;
    for (const g of c.gaps) {
      expect([g.kind, g.unlinkedMeasures]).toEqual(onLevelAndAge(g).length ? ['NOT_LINKED', onLevelAndAge(g)] : ['NO_MEASURE', []]);
    }
    expect(c.gapsNotLinked).toBe(c.gaps.filter((g: any) => onLevelAndAge(g).length).length);
    expect(c.gapsNotLinked).toBeGreaterThan(0);
    expect([c.assessed, c.gapCount, c.gapsWithoutMeasure + c.gapsNotLinked]).toEqual([true, 177, 177]);
    expect(c.summary).toContain(`${c.gapsNotLinked} places where the plan has measures for the level and age, but they are not linked to the factor`);
    expect(ok(await app.gql(COVERAGE, { id: plan.id })).preventionCoverage).toBeNull();
  });
});
