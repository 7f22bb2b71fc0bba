import { Role } from '../../src/auth/roles';
import { MilestoneStatus, PlanMilestone, PlanMilestoneMunicipalProgress, PlanTerm } from '../../src/entities/plans';
import { Municipality } from '../../src/entities/reference/municipality';
import { milestoneFollowUp, municipalFollowUps } from '../../src/services/plans/follow-up';
import { osloToday } from '../../src/services/dates';
import { inputType, mutate } from './fixtures/build';
import { Actors, actors, workflowPlan } from './fixtures/lifecycle';
import { asApiRole, municipalityId, regionId } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';

/**
 * Issue 21: "Milestones that each municipality must reach (e.g. «Kompetansekartlegging – hva har vi
 * av kompetanse i kommunene») can be followed per municipality, and the kommunedirektør records
 * their municipality's progress." Overdue and done late per municipality as of a date, by the rules
 * of plan-wide milestones.
 */
let app: TestApp;
let a: Actors;
beforeAll(async () => {
  app = await startTestApp();
  a = await actors(app);
});
afterAll(() => app.close());

const uuid = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];
const SELECT = 'progress { status completedOn note updatedBy municipality { number } } milestone { id perMunicipality }';
const attempt = async (name: string, input: Record<string, unknown>, token: string | undefined, select = '') => {
  const res = await app.gql(`mutation($input: ${inputType(name)}!) { ${name}(input: $input) { ${select} userErrors { field code message } } }`, { input }, token);
  return { errors: res.errors, payload: res.data?.[name] };
};
const record = (input: Record<string, unknown>, token: string | undefined) => attempt('recordMunicipalMilestoneProgress', input, token, SELECT);
const codes = (r: { payload: any }) => r.payload.userErrors.map((e: any) => e.code);
const stored = async (planId: string) =>
  (
    await app.owner.query(
      `SELECT m.number, p.status, p.completed_on::text AS "completedOn" FROM plan_milestone_municipality_progress p JOIN municipality m ON m.id = p.municipality_id WHERE p.plan_id = $1 ORDER BY m.number`,
      [uuid(planId)],
    )
  ).rows;

const FOLLOW = `query($id: ID!, $asOf: Date) { node(id: $id) { ... on PlanVersion {
  milestones { title perMunicipality status overdue(asOf: $asOf) doneLate(asOf: $asOf)
    municipalProgress(asOf: $asOf) { municipality { number } status completedOn closed overdue doneLate progress { note } } }
  overdueMilestones(asOf: $asOf) { milestone { title } status completedOn }
  overdueByMunicipality(asOf: $asOf) { milestone { title } municipality { number } dueBy status } } } }`;
const followUp = async (versionId: string, asOf: string, token = a.admin) => ok(await app.gql(FOLLOW, { id: versionId, asOf }, token)).node;

/** The adopted workflow plan (Tynset, Alvdal, Folldal) with a milestone each municipality must reach, due in autumn 2025. */
async function adoptedWithMunicipalMilestone(title: string) {
  const plan = await workflowPlan(app, a, 'drafted', title);
  const { milestone } = await mutate(
    app,
    a.leader,
    'addPlanMilestone',
    { versionId: plan.v1, title: 'Kompetansekartlegging i kommunene', dueTerm: 'AUTUMN', dueYear: 2025, perMunicipality: true },
    'milestone { id perMunicipality }',
  );
  expect(milestone.perMunicipality).toBe(true);
  await mutate(app, a.leader, 'submitPlanForConsultation', { versionId: plan.v1, submittedOn: '2025-01-15' }, 'version { id }');
  for (const m of ['3427', '3428', '3429']) await mutate(app, a.admin, 'recordPlanAdoption', { versionId: plan.v1, municipalityNumber: m, decidedOn: '2025-02-13' }, 'adoption { status }');
  return { ...plan, milestone: milestone.id as string };
}

describe('the demo plan', () => {
  it('follows «Kompetansekartlegging» per municipality: all five overdue since autumn 2023 while nothing is recorded', async () => {
    const plan = ok(await app.gql(`{ strategicPlans(regionCode: "nord-osterdal", first: 100) { nodes { title adoptedVersion { id } } } }`)).strategicPlans.nodes.find((p: any) =>
      p.title.startsWith('Strategisk plan for tverrfaglig samarbeid og forebyggende innsats'),
    );
    const v = await followUp(plan.adoptedVersion.id, '2024-01-10', await a.director('3429'));
    const mapping = v.milestones.find((m: any) => m.title.startsWith('Kompetansekartlegging'));
    expect(mapping).toMatchObject({ perMunicipality: true, status: 'PLANNED', overdue: true });
    expect(mapping.municipalProgress.map((p: any) => [p.municipality.number, p.status, p.overdue])).toEqual(['3424', '3426', '3427', '3428', '3429'].map((n) => [n, 'PLANNED', true]));
    expect(v.overdueByMunicipality.filter((o: any) => o.milestone.title.startsWith('Kompetansekartlegging')).map((o: any) => [o.municipality.number, o.dueBy])).toEqual(
      ['3424', '3426', '3427', '3428', '3429'].map((n) => [n, '2023-12-31']),
    );
    // The other milestones are followed for the plan as a whole.
    expect(v.milestones.filter((m: any) => !m.perMunicipality).every((m: any) => m.municipalProgress.length === 0)).toBe(true);
  });
});

describe('a kommunedirektør records their municipality', () => {
  it('records its own progress (municipality omitted), judged as of the day asked; the milestone is done when the last municipality is', async () => {
    const plan = await adoptedWithMunicipalMilestone('Kartlegging per kommune');
    const folldal = await record({ milestoneId: plan.milestone, status: 'DONE', completedOn: '2026-01-20', note: 'Kartlagt i alle enheter' }, await a.director('3429'));
    expect(folldal.payload).toMatchObject({ userErrors: [], progress: { status: 'DONE', completedOn: '2026-01-20', note: 'Kartlagt i alle enheter', municipality: { number: '3429' } } });
    await record({ milestoneId: plan.milestone, status: 'IN_PROGRESS' }, await a.director('3427'));

    // Due 2025-12-31. As of 2026-01-10 Folldal was not done yet: all three overdue.
    let v = await followUp(plan.v1, '2026-01-10');
    let m = v.milestones.find((x: any) => x.perMunicipality);
    expect(m.municipalProgress.map((p: any) => [p.municipality.number, p.status, p.overdue, p.doneLate])).toEqual([
      ['3427', 'IN_PROGRESS', true, false],
      ['3428', 'PLANNED', true, false],
      ['3429', 'DONE', true, false],
    ]);
    expect(m).toMatchObject({ status: 'IN_PROGRESS', overdue: true, doneLate: false });
    // As of 2026-02-01 Folldal is done, late; Tynset and Alvdal are still overdue.
    v = await followUp(plan.v1, '2026-02-01');
    m = v.milestones.find((x: any) => x.perMunicipality);
    expect(m.municipalProgress.map((p: any) => [p.municipality.number, p.overdue, p.doneLate, p.closed])).toEqual([
      ['3427', true, false, false],
      ['3428', true, false, false],
      ['3429', false, true, true],
    ]);
    expect(v.overdueByMunicipality.map((o: any) => o.municipality.number)).toEqual(['3427', '3428']);
    expect(v.overdueMilestones.map((o: any) => o.milestone.title)).toContain('Kompetansekartlegging i kommunene');

    // The region's administrator records for Alvdal, Tynset's director its own: done when the last one is.
    await record({ milestoneId: plan.milestone, municipalityNumber: '3428', status: 'CANCELLED', note: 'Dekket av regional kartlegging' }, a.admin);
    await record({ milestoneId: plan.milestone, status: 'DONE', completedOn: '2026-03-02' }, await a.director('3427'));
    // A cancellation counts from the day it is recorded (today): as of 2026-04-01 Alvdal was still overdue.
    expect((await followUp(plan.v1, '2026-04-01')).overdueByMunicipality.map((o: any) => o.municipality.number)).toEqual(['3428']);
    v = await followUp(plan.v1, osloToday(new Date()));
    m = v.milestones.find((x: any) => x.perMunicipality);
    expect(m).toMatchObject({ status: 'DONE', overdue: false, doneLate: true });
    expect(v.overdueByMunicipality).toEqual([]);
    expect(v.overdueMilestones.map((o: any) => o.milestone.title)).not.toContain('Kompetansekartlegging i kommunene');
    const { planFollowUp } = ok(await app.gql(`{ planFollowUp(asOf: "2026-01-10") { plan { id } overdueByMunicipality { municipality { number } milestone { title } } } }`, {}, a.admin));
    expect(planFollowUp.find((p: any) => p.plan.id === plan.id).overdueByMunicipality.map((o: any) => o.municipality.number)).toEqual(['3427', '3428', '3429']);
    expect(await stored(plan.id)).toEqual([
      { number: '3427', status: 'DONE', completedOn: '2026-03-02' },
      { number: '3428', status: 'CANCELLED', completedOn: null },
      { number: '3429', status: 'DONE', completedOn: '2026-01-20' },
    ]);
    const audit = await app.owner.query(`SELECT count(*)::int AS n FROM audit_record WHERE entity = 'PlanMilestoneMunicipalProgress' AND after->>'planId' = $1`, [uuid(plan.id)]);
    expect(audit.rows[0].n).toBe(4);
  });

  it("refuses another municipality's director as FORBIDDEN, and writes nothing", async () => {
    const plan = await adoptedWithMunicipalMilestone('Kartlegging uten lov');
    const tynset = await a.director('3427');
    const other = await record({ milestoneId: plan.milestone, municipalityNumber: '3429', status: 'IN_PROGRESS' }, tynset);
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(other.payload ?? null).toBeNull();
    for (const [role, scope] of [
      [Role.MUNICIPAL_FINANCE, { municipality: '3429' }],
      [Role.AUDITOR, { municipality: '3429' }],
      [Role.TST_LEADER, { unit: 'folldal-skole' }],
      [Role.SERVICE_LEADER, { service: 'nav' }],
    ] as const) {
      const res = await record({ milestoneId: plan.milestone, municipalityNumber: '3429', status: 'IN_PROGRESS' }, await app.token(role, scope));
      expect([role, res.errors?.[0].extensions?.code]).toEqual([role, 'FORBIDDEN']);
    }
    expect((await record({ milestoneId: plan.milestone, status: 'IN_PROGRESS' }, undefined)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // A covered service leader is one of the plan's editors.
    expect((await record({ milestoneId: plan.milestone, municipalityNumber: '3428', status: 'IN_PROGRESS' }, a.leader)).payload.userErrors).toEqual([]);
    expect(await stored(plan.id)).toEqual([{ number: '3428', status: 'IN_PROGRESS', completedOn: null }]);
  });

  it('keeps the rules of progress, refuses a personal identity number in the note, and changes nothing on a violation', async () => {
    const plan = await adoptedWithMunicipalMilestone('Kartlegging med regler');
    const folldal = await a.director('3429');
    expect(codes(await record({ milestoneId: plan.milestone, status: 'DONE' }, folldal))).toEqual(['INVALID']);
    expect(codes(await record({ milestoneId: plan.milestone, status: 'IN_PROGRESS', completedOn: '2026-01-01' }, folldal))).toEqual(['INVALID']);
    expect(codes(await record({ milestoneId: plan.milestone, status: 'DONE', completedOn: '2999-01-01' }, folldal))).toEqual(['INVALID']);
    expect(codes(await record({ milestoneId: plan.milestone, municipalityNumber: '3424', status: 'IN_PROGRESS' }, a.admin))).toEqual(['INVALID']);
    const fnr = await record({ milestoneId: plan.milestone, status: 'IN_PROGRESS', note: `Gjelder ${validFnr()}` }, folldal);
    expect(codes(fnr)).toEqual(['PERSONAL_DATA']);
    expect(JSON.stringify(fnr)).not.toContain(validFnr());
    // The plan-wide milestone is recorded plan-wide, the per-municipality one per municipality.
    const { node } = ok(await app.gql(`query($id: ID!) { node(id: $id) { ... on PlanVersion { milestones { id perMunicipality } } } }`, { id: plan.v1 }, a.admin));
    const planWide = node.milestones.find((m: any) => !m.perMunicipality).id;
    expect(codes(await record({ milestoneId: planWide, status: 'IN_PROGRESS' }, folldal))).toEqual(['CONFLICT']);
    expect(codes(await attempt('recordMilestoneProgress', { milestoneId: plan.milestone, status: 'IN_PROGRESS' }, a.admin))).toEqual(['CONFLICT']);
    expect(await stored(plan.id)).toEqual([]);
  });

  it('is content in a draft: perMunicipality is set with the milestone or changed, and never together with doneOnAdoption', async () => {
    const plan = await workflowPlan(app, a, 'drafted', 'Kartlegging i utkast');
    const both = await attempt('addPlanMilestone', { versionId: plan.v1, title: 'Begge', dueYear: 2026, perMunicipality: true, doneOnAdoption: true }, a.leader, 'milestone { id }');
    expect(both.payload.userErrors.map((e: any) => [e.field, e.code])).toEqual([[['input', 'perMunicipality'], 'INVALID']]);
    const { milestone } = await mutate(app, a.leader, 'addPlanMilestone', { versionId: plan.v1, title: 'Hver kommune', dueYear: 2026 }, 'milestone { id }');
    expect((await mutate(app, a.leader, 'updatePlanMilestone', { id: milestone.id, perMunicipality: true }, 'milestone { perMunicipality }')).milestone.perMunicipality).toBe(true);
    // Recording needs the version in force (or the newest): a draft milestone of the newest version is accepted.
    expect((await record({ milestoneId: milestone.id, municipalityNumber: '3429', status: 'IN_PROGRESS' }, a.admin)).payload.userErrors).toEqual([]);
  });
});

describe('tenancy', () => {
  it("hides another region's progress and refuses its writes, through the API and with RLS alone", async () => {
    const plan = await adoptedWithMunicipalMilestone('Kartlegging på tvers');
    await record({ milestoneId: plan.milestone, status: 'IN_PROGRESS' }, await a.director('3429'));
    const valdres = await app.token(Role.REGION_ADMIN, { region: 'valdres' });
    expect(codes(await record({ milestoneId: plan.milestone, municipalityNumber: '3449', status: 'DONE', completedOn: '2026-01-01' }, valdres))).toEqual(['NOT_FOUND']);
    expect(ok(await app.gql(FOLLOW, { id: plan.v1, asOf: '2026-01-10' }, valdres)).node).toBeNull();

    const planId = uuid(plan.id);
    const nord = await regionId(app, 'nord-osterdal');
    const valdresId = await regionId(app, 'valdres');
    const folldal = await municipalityId(app, '3429');
    const tynset = await municipalityId(app, '3427');
    const reach = (settings: Record<string, string>) =>
      asApiRole(app, settings, async (q) => {
        const seen = Number((await q(`SELECT count(*) AS n FROM plan_milestone_municipality_progress WHERE plan_id = $1`, [planId]))[0].n);
        const updated = Number((await q(`WITH u AS (UPDATE plan_milestone_municipality_progress SET note = 'x' WHERE plan_id = $1 RETURNING 1) SELECT count(*) AS n FROM u`, [planId]))[0].n);
        return [seen, updated];
      });
    expect(await reach({ role: 'REGION_ADMIN', region_id: valdresId })).toEqual([0, 0]);
    expect(await reach({ role: 'PUBLIC' })).toEqual([0, 0]);
    // Folldal's own director writes Folldal's row; Tynset's director reads it but cannot change it.
    expect(await reach({ role: 'MUNICIPAL_DIRECTOR', region_id: nord, municipality_id: folldal })).toEqual([1, 1]);
    expect(await reach({ role: 'MUNICIPAL_DIRECTOR', region_id: nord, municipality_id: tynset })).toEqual([1, 0]);
    const insert = (settings: Record<string, string>, region: string, municipality: string) =>
      asApiRole(app, settings, async (q) => {
        try {
          await q(`INSERT INTO plan_milestone_municipality_progress (region_id, plan_id, milestone_key, municipality_id, status, updated_by) VALUES ($1, $2, gen_random_uuid(), $3, 'PLANNED', 'x')`, [
            region,
            planId,
            municipality,
          ]);
          return 'inserted';
        } catch (error) {
          return (error as { code?: string }).code;
        }
      });
    expect(await insert({ role: 'MUNICIPAL_DIRECTOR', region_id: nord, municipality_id: tynset }, nord, folldal)).toBe('42501');
    expect(['23503', '42501']).toContain(await insert({ role: 'REGION_ADMIN', region_id: valdresId }, valdresId, folldal));
    expect(await insert({ role: 'MUNICIPAL_DIRECTOR', region_id: nord, municipality_id: folldal }, nord, folldal)).toBe('inserted');
  });
});

describe('the computation (pure)', () => {
  const municipality = (id: string, number: string) => Object.assign(new Municipality(), { id, number, name: number });
  const milestone = Object.assign(new PlanMilestone(), { key: 'k', perMunicipality: true, doneOnAdoption: false, dueDate: null, dueYear: 2025, dueMonth: null, dueTerm: PlanTerm.AUTUMN });
  const progress = (municipalityId: string, status: MilestoneStatus, completedOn: string | null = null) =>
    Object.assign(new PlanMilestoneMunicipalProgress(), { milestoneKey: 'k', municipalityId, status, completedOn, updatedAt: new Date('2026-01-05T12:00:00Z') });
  const input = {
    municipalities: [municipality('a', '3427'), municipality('b', '3429')],
    progress: [progress('a', MilestoneStatus.DONE, '2025-11-01'), progress('b', MilestoneStatus.DONE, '2026-02-01')],
  };

  it('judges each municipality as of the day asked, and the milestone done when the last one is', () => {
    expect(municipalFollowUps(milestone, input, '2026-01-10').map((f) => [f.municipality.number, f.overdue, f.doneLate])).toEqual([
      ['3427', false, false],
      ['3429', true, false],
    ]);
    expect(milestoneFollowUp(milestone, [], '2026-01-10', null, input)).toMatchObject({ status: MilestoneStatus.DONE, completedOn: '2026-02-01', overdue: true, doneLate: false });
    expect(milestoneFollowUp(milestone, [], '2026-03-01', null, input)).toMatchObject({ overdue: false, doneLate: true });
    const cancelled = { ...input, progress: [progress('a', MilestoneStatus.CANCELLED), progress('b', MilestoneStatus.CANCELLED)] };
    expect(milestoneFollowUp(milestone, [], '2026-03-01', null, cancelled)).toMatchObject({ status: MilestoneStatus.CANCELLED, completedOn: null, overdue: false });
    expect(milestoneFollowUp(milestone, [], '2026-01-01', null, cancelled).overdue).toBe(true);
  });
});

/** A valid fødselsnummer by the classic rule (15.07.65), as a person would paste it. */
function validFnr(): string {
  const nine = '150765005';
  for (let k = 0; k < 100; k++) {
    const n = `${nine}${String(k).padStart(2, '0')}`;
    const d = [...n].map(Number);
    const valid = [
      [3, 7, 6, 1, 8, 9, 4, 5, 2, 1],
      [5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1],
    ].every((w) => w.reduce((s, x, i) => s + x * d[i], 0) % 11 === 0);
    if (valid) return n;
  }
  throw new Error('no check digits');
}
