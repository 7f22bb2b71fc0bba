import { Role } from '../../src/auth/roles';
import { inputType, mutate } from './fixtures/build';
import { ok, startTestApp, TestApp } from '../helpers/test-app';

/**
 * Bad input to the plan elements gets a clear typed error and changes nothing: shape errors are
 * BAD_USER_INPUT naming the field, rule violations are userErrors, never INTERNAL_SERVER_ERROR.
 */
let app: TestApp;
let admin: string;
let versionId: string;
let planUuid: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = await app.token(Role.REGION_ADMIN);
  const created = await mutate(
    app,
    admin,
    'createStrategicPlan',
    { title: 'Regler', periodStartYear: 2025, periodEndYear: 2028, municipalityNumbers: ['3429'], serviceIds: [] },
    'strategicPlan { id } version { id }',
  );
  versionId = created.version.id;
  planUuid = Buffer.from(created.strategicPlan.id, 'base64url').toString('utf8').split(':')[1];
});
afterAll(() => app.close());

async function attempt(name: string, input: Record<string, unknown>) {
  const res = await app.gql(`mutation($input: ${inputType(name)}!) { ${name}(input: $input) { userErrors { field code message } } }`, { input }, admin);
  return { code: res.errors?.[0]?.extensions?.code as string | undefined, message: res.errors?.[0]?.message, errors: res.data?.[name]?.userErrors as any[] | undefined };
}
const rows = async () =>
  Number(
    (
      await app.owner.query(
        `SELECT (SELECT count(*) FROM plan_statement WHERE plan_id = $1) + (SELECT count(*) FROM plan_factor WHERE plan_id = $1) + (SELECT count(*) FROM plan_measure WHERE plan_id = $1)
        + (SELECT count(*) FROM plan_milestone WHERE plan_id = $1) + (SELECT count(*) FROM plan_body WHERE plan_id = $1) + (SELECT count(*) FROM plan_collaboration_step WHERE plan_id = $1) AS n`,
        [planUuid],
      )
    ).rows[0].n,
  );
const id = async (name: string, input: Record<string, unknown>, field: string) => (await mutate(app, admin, name, input, `${field} { id }`))[field].id as string;

it('rejects malformed input with BAD_USER_INPUT naming the field, and writes nothing', async () => {
  const before = await rows();
  const cases: [string, Record<string, unknown>, string][] = [
    ['addPlanStatement', { versionId, kind: 'MOTTO', text: '   ' }, 'text'],
    ['addPlanStatement', { versionId, kind: 'MOTTO', text: 'Sam\u0000men' }, 'text'],
    ['addPlanBody', { versionId, kind: 'OTHER', name: 'Gruppe', members: [{ role: 'Le\u0000der' }] }, 'members'],
    ['addPlanStatement', { versionId, kind: 'MOTTO', text: 'x'.repeat(50001) }, 'text'],
    ['addPlanStatement', { versionId, kind: 'MOTTO', text: 'Sammen', code: '' }, 'code'],
    ['addPlanFactor', { versionId, kind: 'RISK', title: 'Rus', ageFrom: 31 }, 'ageFrom'],
    ['addPlanFactor', { versionId, kind: 'RISK', title: 'Rus', ageTo: -1 }, 'ageTo'],
    ['addPlanMeasure', { versionId, title: 'Tiltak', preventionLevels: ['UNIVERSAL', 'SELECTIVE', 'INDICATED', 'UNIVERSAL'] }, 'preventionLevels'],
    ['addPlanMeasure', { versionId, title: 'Tiltak', factorIds: Array.from({ length: 201 }, () => 'x') }, 'factorIds'],
    ['addPlanMilestone', { versionId, title: 'Frist', dueMonth: 13, dueYear: 2025 }, 'dueMonth'],
    ['addPlanBody', { versionId, kind: 'OTHER', name: 'Gruppe', members: [{ role: ' ' }] }, 'members'],
    ['addPlanBody', { versionId, kind: 'OTHER', name: 'Gruppe', members: [{ role: 'Leder', municipalityNumber: '34' }] }, 'members'],
  ];
  for (const [name, input, field] of cases) {
    const res = await attempt(name, input);
    expect([name, field, res.code]).toEqual([name, field, 'BAD_USER_INPUT']);
    expect(res.message).toContain(field);
  }
  expect(await rows()).toBe(before);
});

it('reports rule violations as userErrors, all at once, and writes nothing', async () => {
  const before = await rows();
  const consent = await id('addPlanStatement', { versionId, kind: 'CONSENT_RULE', text: 'Samtykke' }, 'statement');
  const motto = await id('addPlanStatement', { versionId, kind: 'MOTTO', text: 'Sammen' }, 'statement');
  const factor = await id('addPlanFactor', { versionId, kind: 'RISK', title: 'Rus' }, 'factor');
  const measure = await id('addPlanMeasure', { versionId, title: 'Tiltak' }, 'measure');
  const body = await id('addPlanBody', { versionId, kind: 'OTHER', name: 'Gruppe' }, 'body');
  const area = await id('addPlanFocusArea', { versionId, title: 'Område' }, 'focusArea');
  const model = await id('addPlanCollaborationModel', { versionId, kind: 'COLLABORATION', name: 'Modell', consentRuleId: consent }, 'collaborationModel');
  const written = await rows();

  const fields = (r: { errors?: any[] }) => r.errors!.map((e) => [e.field.slice(1).join('.'), e.code]);
  expect(fields(await attempt('addPlanStatement', { versionId, kind: 'DEFINITION', text: 'Uten begrep' }))).toEqual([['title', 'INVALID']]);
  expect(fields(await attempt('addPlanFactor', { versionId, kind: 'RISK', title: 'Rus', ageFrom: 12, ageTo: 6 }))).toEqual([['ageTo', 'INVALID']]);
  expect(fields(await attempt('updatePlanFactor', { id: factor, ageFrom: 10 }))).toEqual([]);
  expect(fields(await attempt('updatePlanFactor', { id: factor, ageTo: 9 }))).toEqual([['ageTo', 'INVALID']]);
  expect(fields(await attempt('updatePlanMeasure', { id: measure, factorIds: [factor, factor], dependsOnMeasureIds: [measure] }))).toEqual([
    ['dependsOnMeasureIds', 'INVALID'],
    ['factorIds.1', 'CONFLICT'],
  ]);
  expect(
    fields(await attempt('addPlanMilestone', { versionId, title: 'Frist', dueMonth: 9, dueTerm: 'AUTUMN', responsible: 'Rektor', responsibleBodyId: body, measureId: measure, focusAreaId: area })),
  ).toEqual([
    ['dueYear', 'INVALID'],
    ['dueMonth', 'INVALID'],
    ['responsibleBodyId', 'INVALID'],
    ['focusAreaId', 'INVALID'],
  ]);
  expect(fields(await attempt('addPlanCollaborationStep', { modelId: model, title: 'Trinn', consentRuleId: motto }))).toEqual([['consentRuleId', 'INVALID']]);
  const valdresKind = ok(await app.gql(`{ forumKinds { id code } }`, {}, await app.token(Role.REGION_ADMIN, { region: 'valdres' }))).forumKinds.find((k: any) => k.code === 'innsatsteam').id;
  expect(fields(await attempt('addPlanCollaborationStep', { modelId: model, title: 'Trinn', forumKindId: valdresKind }))).toEqual([['forumKindId', 'NOT_FOUND']]);
  expect(fields(await attempt('addPlanReferralRoute', { versionId, recipient: 'BUP', serviceId: 'not-an-id', stepId: measure }))).toEqual([
    ['stepId', 'NOT_FOUND'],
    ['serviceId', 'NOT_FOUND'],
  ]);
  // A consent rule a model refers to stays a consent rule.
  expect(fields(await attempt('updatePlanStatement', { id: consent, kind: 'PRINCIPLE' }))).toEqual([['kind', 'CONFLICT']]);
  expect(await rows()).toBe(written);
  expect(written - before).toBe(5);
});

it('clears what an update sets to null, keeps what it leaves out, and never clears a required field', async () => {
  const step = await id(
    'addPlanCollaborationStep',
    {
      modelId: await id('addPlanCollaborationModel', { versionId, kind: 'ESCALATION', name: 'Stige' }, 'collaborationModel'),
      code: '1',
      title: 'Enhetsleder',
      escalateTo: 'Enhetsleder',
      cadence: 'Ved behov',
    },
    'step',
  );
  await mutate(app, admin, 'updatePlanCollaborationStep', { id: step, escalateTo: null, cadence: ' ', title: null }, 'step { id }');
  const after = ok(await app.gql(`query($id: ID!) { node(id: $id) { ... on PlanCollaborationStep { code title escalateTo cadence } } }`, { id: step }, admin)).node;
  expect(after).toEqual({ code: '1', title: 'Enhetsleder', escalateTo: null, cadence: null });
});

it('writes the same add twice as two rows, and the same progress twice as one', async () => {
  const add = () => mutate(app, admin, 'addPlanFactor', { versionId, kind: 'PROTECTIVE', title: 'En venn' }, 'factor { id position }');
  const [first, second] = [await add(), await add()];
  expect(second.factor.position).toBe(first.factor.position + 1);
  const milestone = await id('addPlanMilestone', { versionId, title: 'Tidsplan', dueYear: 2025 }, 'milestone');
  for (let i = 0; i < 2; i++) await mutate(app, admin, 'recordMilestoneProgress', { milestoneId: milestone, status: 'IN_PROGRESS', note: 'I gang' }, 'progress { status }');
  const { rows: progress } = await app.owner.query(`SELECT status, note FROM plan_milestone_progress WHERE plan_id = $1`, [planUuid]);
  expect(progress).toEqual([{ status: 'IN_PROGRESS', note: 'I gang' }]);
});
