import { ok, TestApp } from '../helpers/test-app';
import { mutate } from './fixtures/build';
import { actors, Actors, workflowPlan } from './fixtures/lifecycle';

type Scenario = { token(): Promise<string>; input(): Promise<Record<string, unknown>> };

/**
 * The plans mutations for test/payloads.test.ts (input() runs first, then token()); the app and
 * the actors are ready before either runs.
 */
export function payloadScenarios(getApp: () => TestApp): Record<string, Scenario> {
  let app: TestApp;
  let a: Actors;
  let ready: Promise<void> | undefined;
  const init = () =>
    (ready ??= actors(getApp()).then((built) => {
      app = getApp();
      a = built;
    }));
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
  const scenarios: Record<string, Scenario> = {
    createStrategicPlan: {
      token: adminToken,
      input: async () => ({ title: 'Ny plan', periodStartYear: 2026, periodEndYear: 2029, municipalityNumbers: ['3429'], serviceIds: [a.services.barnevern] }),
    },
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
    setMeasureForumKind: {
      token: adminToken,
      input: async () => ({ measureId: (await adoptedPlan()).m1, forumKindId: ok(await app.gql(`{ forumKinds { id code } }`, {}, a.admin)).forumKinds.find((k: any) => k.code === 'tst').id }),
    },
    recordMunicipalMilestoneProgress: {
      token: () => a.director('3429'),
      input: async () => {
        const plan = await draftPlan();
        const { milestone } = await mutate(app, a.admin, 'addPlanMilestone', { versionId: plan.v1, title: 'Hver kommune', dueYear: 2026, perMunicipality: true }, 'milestone { id }');
        return { milestoneId: milestone.id, status: 'DONE', completedOn: '2025-04-01', note: 'Kartlagt' };
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
    addPlanBody: {
      token: adminToken,
      input: async () => ({ versionId: (await draftPlan()).v1, kind: 'STEERING_GROUP', name: 'Styringsgruppe', members: [{ role: 'Kommunedirektør', municipalityNumber: '3429' }] }),
    },
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
  };
  return Object.fromEntries(Object.entries(scenarios).map(([name, s]) => [name, { token: async () => (await init(), s.token()), input: async () => (await init(), s.input()) }]));
}
