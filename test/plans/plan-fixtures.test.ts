import { Role } from '../../src/auth/roles';
import { SOR_AURDAL } from '../../src/seed/plans/sor-aurdal';
import { buildPlan, mutate } from './fixtures/build';
import { MELHUS } from './fixtures/melhus';
import { readPlanAsDocument } from './fixtures/read';
import { TROMSO } from './fixtures/tromso';
import { TRYSIL } from './fixtures/trysil';
import { ok, startTestApp, TestApp } from '../helpers/test-app';

/**
 * The model must fit real plans, not just ours: the Trysil, Melhus, Tromsø and Sør-Aurdal plans are
 * built through the API and read back exactly, every element of each.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  // Trysil, Melhus and Tromsø are in none of the demo regions: a region of their own each, as the owner.
  for (const [code, name, number, municipality] of [
    ['sor-osterdal', 'Sør-Østerdal', '3421', 'Trysil'],
    ['trondelag', 'Trøndelag', '5028', 'Melhus'],
    ['troms', 'Troms', '5501', 'Tromsø'],
  ]) {
    await app.owner.query(`INSERT INTO region (code, name) VALUES ($1, $2)`, [code, name]);
    await app.owner.query(`INSERT INTO municipality (region_id, number, name) SELECT id, $2, $3 FROM region WHERE code = $1`, [code, number, municipality]);
  }
});
afterAll(() => app.close());

const LEGAL = `query($id: ID!) { strategicPlan(id: $id) { currentVersion { legalCompleteness { complete checks { requirement present reason } } } } }`;
const legalOf = async (token: string, id: string) => ok(await app.gql(LEGAL, { id }, token)).strategicPlan.currentVersion.legalCompleteness;
const readVersionId = async (id: string) =>
  ok(await app.gql(`query($id: ID!) { strategicPlan(id: $id) { currentVersion { id } } }`, { id }, await app.token(Role.REGION_ADMIN, { region: 'trondelag' }))).strategicPlan.currentVersion.id;

describe('Trysil (proposal for a plan for preventive work)', () => {
  let token: string;
  let planId: string;
  beforeAll(async () => {
    token = await app.token(Role.REGION_ADMIN, { region: 'sor-osterdal' });
    planId = (await buildPlan(app, token, TRYSIL)).planId;
  });

  it('reads back exactly: goals, measures with lead and supporting responsibility, "Pågår", the dependency on tiltak 3, the deadlines as milestones, the matrix', async () => {
    expect(await readPlanAsDocument(app, token, planId)).toEqual(TRYSIL);
    const matrix = ok(
      await app.gql(
        `query($id: ID!) { strategicPlan(id: $id) { currentVersion { coverageMatrix {
        rows { goal { code } cells { linked } } goalsWithoutMeasures { code } measuresWithoutGoals { code } } } } }`,
        { id: planId },
        token,
      ),
    ).strategicPlan.currentVersion.coverageMatrix;
    // Cells exactly as printed: "URO metoden" serves delmål 1, 2, 4, 6; "Utvikle interne støttesystem" 1, 3, 5.
    const cells = (goal: string) =>
      matrix.rows
        .find((r: any) => r.goal.code === goal)
        .cells.map((c: any) => (c.linked ? 'x' : ' '))
        .join('');
    expect(['1', '2', '3', '4', '5', '6'].map(cells)).toEqual(['xxxxxx', 'xxx xx', ' xxxxx', 'xxx x ', ' xxxxx', 'xxx xx']);
    expect([matrix.goalsWithoutMeasures, matrix.measuresWithoutGoals]).toEqual([[], []]);
  });

  it('links each deadline to its measure, with the last day it is due', async () => {
    const v = ok(
      await app.gql(
        `query($id: ID!) { strategicPlan(id: $id) { currentVersion {
        measures { code dependsOn { code } dependents { code } milestones { title due dueBy } } } } }`,
        { id: planId },
        token,
      ),
    ).strategicPlan.currentVersion;
    const byCode = (code: string) => v.measures.find((m: any) => m.code === code);
    expect(byCode('3').milestones).toEqual([
      { title: 'Oppstart høsten 2024', due: 'Høsten 2024', dueBy: '2024-12-31' },
      { title: 'Ferdigstilles innen 2025', due: '2025', dueBy: '2025-12-31' },
    ]);
    expect(byCode('5').milestones).toEqual([{ title: 'Oppstart høsten 2024/våren 2025', due: 'Våren 2025', dueBy: '2025-06-30' }]);
    expect([byCode('6').dependsOn, byCode('3').dependents]).toEqual([[{ code: '3' }], [{ code: '6' }]]);
  });

  it('passes the § 15-1 check: goals, organisation texts, and measures shared between roles', async () => {
    const legal = await legalOf(token, planId);
    expect(legal.checks.map((c: any) => [c.requirement, c.present])).toEqual([
      ['GOALS', true],
      ['ORGANISATION', true],
      ['COOPERATION', true],
    ]);
    expect(legal.checks[0].reason).toBe('States a main goal and 6 goals.');
    expect(legal.checks[2].reason).toBe('3 measures are shared by two or more responsible parties.');
  });
});

describe('Melhus (strategic plan 2022–2025)', () => {
  let token: string;
  let planId: string;
  beforeAll(async () => {
    token = await app.token(Role.REGION_ADMIN, { region: 'trondelag' });
    planId = (await buildPlan(app, token, MELHUS)).planId;
  });

  it('reads back exactly: two main objectives, the bodies by role, the four collaboration structures, the implementation plan', async () => {
    expect(await readPlanAsDocument(app, token, planId)).toEqual(MELHUS);
  });

  it('gives the implementation plan its deadlines, responsible body and focus areas', async () => {
    const v = ok(
      await app.gql(
        `query($id: ID!) { strategicPlan(id: $id) { currentVersion {
        mainGoals { title }
        focusAreas { title milestones { due } }
        governanceBodies { name leader cadence milestones { due } }
        milestones { due dueBy } } } }`,
        { id: planId },
        token,
      ),
    ).strategicPlan.currentVersion;
    expect(v.mainGoals).toHaveLength(2);
    expect(v.milestones.map((m: any) => [m.due, m.dueBy])).toEqual([
      ['september 2022', '2022-09-30'],
      ['2022', '2022-12-31'],
      ['', null],
      ['', null],
      ['2024', '2024-12-31'],
      ['mars 2023', '2023-03-31'],
      ['', null],
      ['', null],
      ['', null],
      ['2022', '2022-12-31'],
    ]);
    expect(v.focusAreas.map((f: any) => f.milestones.length)).toEqual([4, 3, 2]);
    const group = v.governanceBodies.find((b: any) => b.name === 'Tverrfaglig samarbeidsgruppe barn og unge');
    expect(group).toMatchObject({ leader: 'Enhetsleder i enhet familie, forebygging og mestring', cadence: 'en gang per måned' });
    expect(group.milestones.map((m: any) => m.due)).toEqual(['2022', 'mars 2023', '']);
  });

  it('states under § 15-1 how the work is organised through its bodies and collaboration structures, without measures', async () => {
    const legal = await legalOf(token, planId);
    expect(legal.complete).toBe(true);
    expect(legal.checks[0].reason).toBe('States 2 main goals and 4 goals.');
    expect(legal.checks[1].reason).toContain('Has no measures; the work is organised through 5 governance bodies');
    // Nothing keeps such a plan from going on consultation: it has goals and an implementation plan.
    expect((await mutate(app, token, 'submitPlanForConsultation', { versionId: await readVersionId(planId) }, 'version { status }')).version.status).toBe('CONSULTATION');
  });
});

describe('Tromsø (Trygg oppvekst 2024–2030)', () => {
  it('reads back exactly: principles a–f, seven risk and six protective factors, the escalation ladder, BTI and its consent rule', async () => {
    const token = await app.token(Role.REGION_ADMIN, { region: 'troms' });
    const { planId } = await buildPlan(app, token, TROMSO);
    expect(await readPlanAsDocument(app, token, planId)).toEqual(TROMSO);
    const v = ok(
      await app.gql(
        `query($id: ID!) { strategicPlan(id: $id) { currentVersion {
        principles: statements(kind: PRINCIPLE) { code title }
        risks: factors(kind: RISK) { code } protective: factors(kind: PROTECTIVE) { code ageBand }
        ladder: collaborationModels(kind: ESCALATION) { steps { code escalateTo } }
        focusAreas { title goals { code } } } } }`,
        { id: planId },
        token,
      ),
    ).strategicPlan.currentVersion;
    expect(v.principles.map((p: any) => p.code).join('')).toBe('abcdef');
    expect([v.risks.length, v.protective.length, v.protective[2].ageBand]).toEqual([7, 6, 'fra 8 år']);
    expect(v.ladder[0].steps.map((s: any) => s.escalateTo)).toEqual(['Enhetsleder', 'Seksjonsleder', 'Avdelingsdirektør', 'Kommunedirektør']);
    expect(v.focusAreas.map((f: any) => f.goals.map((g: any) => g.code).join(''))).toEqual(['abc', 'abcd', 'ab', 'abc']);
  });
});

describe('Sør-Aurdal (plan towards 2030)', () => {
  let token: string;
  let planId: string;
  beforeAll(async () => {
    token = await app.token(Role.REGION_ADMIN, { region: 'valdres' });
    planId = (await buildPlan(app, token, SOR_AURDAL, [])).planId;
  });

  it('reads back exactly: Formål and Mandat, factors, risk groups, 41 measures, the three-step model with its referral routes', async () => {
    const services = ok(await app.gql(`{ sharedServices { id code } }`, {}, token)).sharedServices;
    expect(services.map((s: any) => s.code)).toEqual(['barnevern']);
    expect(await readPlanAsDocument(app, token, planId)).toEqual(SOR_AURDAL);
  });

  it('lists measures on every level they serve: the innsatsteam is indicated and selective', async () => {
    const v = ok(
      await app.gql(
        `query($id: ID!) { strategicPlan(id: $id) { currentVersion {
        universal: measures(preventionLevel: UNIVERSAL) { title } selective: measures(preventionLevel: SELECTIVE) { title }
        indicated: measures(preventionLevel: INDICATED) { title preventionLevels responsible { kind label } } } } }`,
        { id: planId },
        token,
      ),
    ).strategicPlan.currentVersion;
    expect([v.universal.length, v.selective.length, v.indicated.length]).toEqual([14, 9, 11]);
    expect(v.selective.map((m: any) => m.title)).toContain('Tverrfaglig innsatsteam for barn og unge');
    expect(v.indicated.find((m: any) => m.title === 'Tverrfaglig innsatsteam for barn og unge').preventionLevels).toEqual(['INDICATED', 'SELECTIVE']);
    // "Kartlegging" appears on all three levels: titles are not unique, levels tell them apart.
    expect([v.universal, v.selective, v.indicated].map((l) => l.filter((m: any) => m.title === 'Kartlegging').length)).toEqual([1, 1, 1]);
    expect(v.indicated.find((m: any) => m.title === 'Kartlegging').responsible).toEqual([
      { kind: 'SERVICE', label: 'Valdres barnevern' },
      { kind: 'ROLE', label: 'Helsestasjon og skolehelsetjeneste' },
    ]);
  });

  it('states its goals under § 15-1: the five goal statements of "Formål"', async () => {
    const legal = await legalOf(token, planId);
    expect(legal.complete).toBe(true);
    expect(legal.checks[0]).toEqual({ requirement: 'GOALS', present: true, reason: 'States 2 goals and 5 sub-goals.' });
    expect(legal.checks[2].reason).toContain('a collaboration model describes how the services work together ("Modell for samhandling")');
  });

  it('keeps the referral routes with their consent rule and the steps with who calls and who writes minutes', async () => {
    const v = ok(
      await app.gql(
        `query($id: ID!) { strategicPlan(id: $id) { currentVersion {
        collaborationModels { steps { code convenedBy minutesBy forum forumKind { code name } consentRule { text } referralRoutes { recipient anonymousConsultation prerequisite service { code } consentRule { text } } } } } } }`,
        { id: planId },
        token,
      ),
    ).strategicPlan.currentVersion;
    const [, two, three] = v.collaborationModels[0].steps;
    // Step 3's innsatsteam is the region's forum kind of that name (fora).
    expect([three.forum, three.forumKind]).toEqual(['Innsatsteam', { code: 'innsatsteam', name: 'Tverrfaglig innsatsteam for barn og unge' }]);
    expect([two.minutesBy, two.consentRule.text]).toEqual(['Den som innkaller', 'Samtykke fra foresatte skal alltid innhentes når loven krever det. Dette er et felles ansvar for alle ansatte.']);
    expect(three.referralRoutes.map((r: any) => [r.recipient, r.anonymousConsultation, r.service?.code ?? null, !!r.prerequisite])).toEqual([
      ['Kommunepsykolog', false, null, false],
      ['PPT', false, null, false],
      ['Barnevern', true, 'barnevern', false],
      ['BUP', false, null, true],
    ]);
    expect(new Set(three.referralRoutes.map((r: any) => r.consentRule.text))).toEqual(new Set(['Henvisning skal alltid bygge på samtykke og dokumentert kartlegging.']));
  });
});
