import { getNamedType, GraphQLObjectType, GraphQLSchema, isLeafType, isObjectType } from 'graphql';
import { buildAppSchema } from '../src/schema/build';
import { actors, Actors, workflowPlan } from './plans/fixtures/lifecycle';
import { mutate } from './plans/fixtures/build';
import { serviceId, toGlobalId, unitId } from './helpers/fixtures';
import { ok, startTestApp, TestApp } from './helpers/test-app';
import { foraPayloadScenarios } from './fora/payload-scenarios';
import { statisticsPayloadScenarios } from './statistics/payload-scenarios';
import { costScenarios } from './costs/payload-scenarios';

/**
 * Every mutation, asked for every field of its payload (and every plain field of the objects in
 * it), answers without a single error when it succeeds: a write that succeeded is never reported
 * as a failure (a null in a non-null field would make the client retry and write twice).
 * Each feature lists its mutations in SCENARIOS; a mutation of the schema without a scenario fails.
 */
let app: TestApp;
let schema: GraphQLSchema;
let a: Actors;
beforeAll(async () => {
  app = await startTestApp();
  schema = await buildAppSchema();
  a = await actors(app);
});
afterAll(() => app.close());

/** The payload's fields; objects (and lists of them) with their own leaf fields that take no arguments. */
function selection(type: GraphQLObjectType, depth = 0): string {
  return Object.values(type.getFields())
    .filter((f) => f.args.every((arg) => arg.defaultValue !== undefined || !String(arg.type).endsWith('!')))
    .map((f) => {
      const named = getNamedType(f.type);
      if (isLeafType(named)) return f.name;
      if (isObjectType(named) && depth === 0) return `${f.name} { ${selection(named, 1)} }`;
      return '';
    })
    .filter(Boolean)
    .join(' ');
}

interface Scenario {
  token(): Promise<string>;
  input(): Promise<Record<string, unknown>>;
}

const adminToken = () => Promise.resolve(a.admin);
const draftPlan = () => workflowPlan(app, a, 'drafted', 'Nyttelast');
const adoptedPlan = () => workflowPlan(app, a, 'adopted', 'Nyttelast vedtatt');
/** A new element in a fresh draft plan: its global ID. */
const draftElement = async (name: string, input: (plan: { v1: string }) => Record<string, unknown>, field: string): Promise<string> => {
  const plan = await draftPlan();
  return (await mutate(app, a.admin, name, input(plan), `${field} { id }`))[field].id;
};
const statement = () => draftElement('addPlanStatement', ({ v1 }) => ({ versionId: v1, kind: 'CONSENT_RULE', text: 'Samtykke' }), 'statement');
const factor = () => draftElement('addPlanFactor', ({ v1 }) => ({ versionId: v1, kind: 'RISK', title: 'Rus' }), 'factor');
const targetGroup = () => draftElement('addPlanTargetGroup', ({ v1 }) => ({ versionId: v1, name: 'Barn 0-5' }), 'targetGroup');
const body = () => draftElement('addPlanBody', ({ v1 }) => ({ versionId: v1, kind: 'WORKING_GROUP', name: 'Arbeidsgruppe', members: [{ role: 'Leder' }] }), 'body');
const model = () => draftElement('addPlanCollaborationModel', ({ v1 }) => ({ versionId: v1, kind: 'COLLABORATION', name: 'Modell' }), 'collaborationModel');
const step = async () => (await mutate(app, a.admin, 'addPlanCollaborationStep', { modelId: await model(), title: 'Trinn 1' }, 'step { id }')).step.id;
const route = () => draftElement('addPlanReferralRoute', ({ v1 }) => ({ versionId: v1, recipient: 'BUP' }), 'referralRoute');

const SCENARIOS: Record<string, Scenario> = {
  // reference
  createUnit: { token: adminToken, input: async () => ({ municipalityNumber: '3429', code: 'nyttelast-enhet', name: 'Nyttelast', kind: 'OTHER', size: 3 }) },
  updateUnit: { token: adminToken, input: async () => ({ id: toGlobalId('Unit', await unitId(app, 'folldal-skole', 'nord-osterdal')), size: 77 }) },
  setServiceOwnership: { token: adminToken, input: async () => ({ serviceId: toGlobalId('SharedService', await serviceId(app, 'nav', 'nord-osterdal')), validFrom: '2030-01-01', ownerMunicipalityNumbers: ['3424', '3426', '3427', '3428', '3429'] }) },
  // plans
  createStrategicPlan: { token: adminToken, input: async () => ({ title: 'Ny plan', periodStartYear: 2026, periodEndYear: 2029, municipalityNumbers: ['3429'], serviceIds: [a.services.barnevern] }) },
  updateStrategicPlan: { token: adminToken, input: async () => ({ id: (await draftPlan()).id, title: 'Nytt navn' }) },
  deleteStrategicPlan: { token: adminToken, input: async () => ({ id: (await draftPlan()).id }) },
  archiveStrategicPlan: { token: adminToken, input: async () => ({ id: (await adoptedPlan()).id }) },
  addPlanGoal: { token: adminToken, input: async () => ({ versionId: (await draftPlan()).v1, title: 'x' }) },
  updatePlanGoal: { token: adminToken, input: async () => ({ id: (await draftPlan()).g1, title: 'y' }) },
  deletePlanGoal: { token: adminToken, input: async () => ({ id: (await draftPlan()).g2 }) },
  addPlanFocusArea: { token: adminToken, input: async () => ({ versionId: (await draftPlan()).v1, title: 'x' }) },
  updatePlanFocusArea: { token: adminToken, input: async () => ({ id: (await draftPlan()).area, howWeDoIt: 'Slik' }) },
  deletePlanFocusArea: { token: adminToken, input: async () => ({ id: (await draftPlan()).area }) },
  addPlanMeasure: { token: adminToken, input: async () => ({ versionId: (await draftPlan()).v1, title: 'x', responsible: [{ role: 'Rektor' }] }) },
  updatePlanMeasure: { token: adminToken, input: async () => ({ id: (await draftPlan()).m1, budgetOre: 1 }) },
  deletePlanMeasure: { token: adminToken, input: async () => ({ id: (await draftPlan()).m2 }) },
  addPlanMilestone: { token: adminToken, input: async () => ({ versionId: (await draftPlan()).v1, title: 'x', dueTerm: 'AUTUMN', dueYear: 2026 }) },
  updatePlanMilestone: {
    token: adminToken,
    input: async () => {
      const plan = await draftPlan();
      const { milestone } = await mutate(app, a.admin, 'addPlanMilestone', { versionId: plan.v1, title: 'm', dueYear: 2026, dueTerm: 'SPRING' }, 'milestone { id }');
      return { id: milestone.id, dueMonth: 9, dueYear: 2026, dueTerm: null, responsible: 'Rektor' };
    },
  },
  deletePlanMilestone: {
    token: adminToken,
    input: async () => {
      const plan = await draftPlan();
      const { milestone } = await mutate(app, a.admin, 'addPlanMilestone', { versionId: plan.v1, title: 'm', dueYear: 2026, dueTerm: 'SPRING' }, 'milestone { id }');
      return { id: milestone.id };
    },
  },
  linkGoalMeasure: {
    token: adminToken,
    input: async () => {
      const plan = await draftPlan();
      return { goalId: plan.g2, measureId: plan.m1 };
    },
  },
  unlinkGoalMeasure: {
    token: adminToken,
    input: async () => {
      const plan = await draftPlan();
      return { goalId: plan.g1, measureId: plan.m1 };
    },
  },
  submitPlanForConsultation: { token: adminToken, input: async () => ({ versionId: (await draftPlan()).v1 }) },
  recordPlanAdoption: { token: () => a.director('3429'), input: async () => ({ versionId: (await workflowPlan(app, a, 'consultation')).v1, decidedOn: '2025-03-01' }) },
  setMeasureImplementationStatus: { token: () => a.director('3429'), input: async () => ({ measureId: (await adoptedPlan()).m1, status: 'IN_PROGRESS', note: 'Godt i gang' }) },
  recordPlanReview: { token: adminToken, input: async () => ({ planId: (await adoptedPlan()).id, reviewedOn: '2026-01-15', summary: 'Gjennomgått' }) },
  startPlanRevision: { token: adminToken, input: async () => ({ planId: (await adoptedPlan()).id }) },
  recordMilestoneProgress: {
    token: adminToken,
    input: async () => {
      const plan = await adoptedPlan();
      const { node } = ok(await app.gql(`query($id: ID!) { node(id: $id) { ... on PlanVersion { milestones { id } } } }`, { id: plan.v1 }, a.admin));
      return { milestoneId: node.milestones[0].id, status: 'DONE', completedOn: '2025-04-01', note: 'Vedtatt' };
    },
  },
  addPlanStatement: { token: adminToken, input: async () => ({ versionId: (await draftPlan()).v1, kind: 'MOTTO', text: 'Sammen' }) },
  updatePlanStatement: { token: adminToken, input: async () => ({ id: await statement(), title: 'Samtykke' }) },
  deletePlanStatement: { token: adminToken, input: async () => ({ id: await statement() }) },
  addPlanFactor: { token: adminToken, input: async () => ({ versionId: (await draftPlan()).v1, kind: 'PROTECTIVE', title: 'En hobby', ageFrom: 8 }) },
  updatePlanFactor: { token: adminToken, input: async () => ({ id: await factor(), ageTo: 17 }) },
  deletePlanFactor: { token: adminToken, input: async () => ({ id: await factor() }) },
  addPlanTargetGroup: { token: adminToken, input: async () => ({ versionId: (await draftPlan()).v1, name: 'Ungdom', ageFrom: 13, ageTo: 17 }) },
  updatePlanTargetGroup: { token: adminToken, input: async () => ({ id: await targetGroup(), description: 'Småbarn' }) },
  deletePlanTargetGroup: { token: adminToken, input: async () => ({ id: await targetGroup() }) },
  addPlanBody: { token: adminToken, input: async () => ({ versionId: (await draftPlan()).v1, kind: 'STEERING_GROUP', name: 'Styringsgruppe', members: [{ role: 'Kommunedirektør', municipalityNumber: '3429' }] }) },
  updatePlanBody: { token: adminToken, input: async () => ({ id: await body(), cadence: 'Månedlig' }) },
  deletePlanBody: { token: adminToken, input: async () => ({ id: await body() }) },
  addPlanCollaborationModel: { token: adminToken, input: async () => ({ versionId: (await draftPlan()).v1, kind: 'ESCALATION', name: 'Stige' }) },
  updatePlanCollaborationModel: { token: adminToken, input: async () => ({ id: await model(), description: 'Tre trinn' }) },
  deletePlanCollaborationModel: { token: adminToken, input: async () => ({ id: await model() }) },
  addPlanCollaborationStep: {
    token: adminToken,
    input: async () => ({ modelId: await model(), title: 'Trinn 1', minutesBy: 'Den som innkaller', forumKindId: ok(await app.gql(`{ forumKinds { id code } }`, {}, a.admin)).forumKinds[0].id }),
  },
  updatePlanCollaborationStep: { token: adminToken, input: async () => ({ id: await step(), forum: 'Innsatsteam' }) },
  deletePlanCollaborationStep: { token: adminToken, input: async () => ({ id: await step() }) },
  addPlanReferralRoute: { token: adminToken, input: async () => ({ versionId: (await draftPlan()).v1, recipient: 'Barnevern', anonymousConsultation: true }) },
  updatePlanReferralRoute: { token: adminToken, input: async () => ({ id: await route(), prerequisite: 'Kommunale tiltak prøvd' }) },
  deletePlanReferralRoute: { token: adminToken, input: async () => ({ id: await route() }) },
  ...foraPayloadScenarios(() => app),
  ...statisticsPayloadScenarios(() => app),
  ...costScenarios(() => app),
};

it('has a scenario for every mutation of the schema', () => {
  expect(Object.keys(schema.getMutationType()!.getFields()).sort()).toEqual(Object.keys(SCENARIOS).sort());
});

it.each(Object.keys(SCENARIOS))('%s answers every payload field without an error', async (name) => {
  const field = schema.getMutationType()!.getFields()[name];
  const inputType = String(field.args[0].type);
  const scenario = SCENARIOS[name];
  const input = await scenario.input();
  const res = await app.gql(`mutation($input: ${inputType}) { ${name}(input: $input) { ${selection(getNamedType(field.type) as GraphQLObjectType)} } }`, { input }, await scenario.token());
  expect(res.errors).toBeUndefined();
  expect(res.data[name].userErrors).toEqual([]);
  const results = Object.entries(res.data[name]).filter(([key]) => key !== 'userErrors');
  expect(results.some(([, value]) => value !== null)).toBe(true);
});
