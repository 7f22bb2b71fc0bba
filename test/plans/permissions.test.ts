import { Role } from '../../src/auth/roles';
import { checkMatrix, denied, Operation, Outcome } from '../helpers/permission-matrix';
import { ok, TestApp } from '../helpers/test-app';
import { mutate } from './fixtures/build';
import { actors, workflowPlan } from './fixtures/lifecycle';

/** docs/permissions.md, "Strategic plans (feature `plans`)": every cell against the running API. */

/** A one-goal, one-measure, one-milestone plan, adopted by its single municipality (admin of the plan's region). */
async function smallAdoptedPlan(
  app: TestApp,
  admin: string,
  municipality: string,
  serviceId: string,
  title: string,
  perMunicipality = false,
): Promise<{ id: string; versionId: string; milestoneId: string; measureId: string }> {
  const created = await mutate(
    app,
    admin,
    'createStrategicPlan',
    { title, periodStartYear: 2025, periodEndYear: 2028, municipalityNumbers: [municipality], serviceIds: [serviceId] },
    'strategicPlan { id } version { id }',
  );
  const versionId = created.version.id;
  await mutate(app, admin, 'addPlanGoal', { versionId, title: 'Mål' }, 'goal { id }');
  const { measure } = await mutate(app, admin, 'addPlanMeasure', { versionId, title: 'Tiltak', responsible: [{ serviceId }] }, 'measure { id }');
  const { milestone } = await mutate(app, admin, 'addPlanMilestone', { versionId, title: 'Frist', dueYear: 2026, perMunicipality }, 'milestone { id }');
  await mutate(app, admin, 'submitPlanForConsultation', { versionId, submittedOn: '2025-02-01', confirmIncomplete: true }, 'version { id }');
  await mutate(app, admin, 'recordPlanAdoption', { versionId, municipalityNumber: municipality, decidedOn: '2025-03-01', confirmIncomplete: true }, 'adoption { status }');
  return { id: created.strategicPlan.id, versionId, milestoneId: milestone.id, measureId: measure.id };
}

const services = async (app: TestApp, token: string): Promise<Record<string, string>> =>
  Object.fromEntries(ok(await app.gql(`{ sharedServices { id code } }`, {}, token)).sharedServices.map((s: any) => [s.code, s.id]));

checkMatrix('plans', async (app, tokens) => {
  const a = await actors(app);
  const valdresAdmin = await app.token(Role.REGION_ADMIN, { region: 'valdres' });
  const valdres = await smallAdoptedPlan(app, valdresAdmin, '3449', (await services(app, valdresAdmin)).barnevern, 'Plan mot 2030');
  const draft = await workflowPlan(app, a, 'drafted', 'Utkast');
  const consultation = await workflowPlan(app, a, 'consultation', 'På høring');
  const adopted = await workflowPlan(app, a, 'adopted', 'Vedtatt');
  // A plan that does not cover the SERVICE_LEADER's service (barnevern): NAV only.
  const navDraft = await mutate(
    app,
    a.admin,
    'createStrategicPlan',
    { title: 'NAV-utkast', periodStartYear: 2025, periodEndYear: 2028, municipalityNumbers: ['3429'], serviceIds: [a.services.nav] },
    'version { id }',
  );
  const navAdopted = await smallAdoptedPlan(app, a.admin, '3429', a.services.nav, 'NAV-plan');

  // Milestones each municipality must reach: one plan covering barnevern (Tynset, Alvdal, Folldal), one covering NAV only.
  const perMunicipality = await workflowPlan(app, a, 'drafted', 'Kartlegging per kommune');
  const municipalMilestone = (await mutate(app, a.admin, 'addPlanMilestone', { versionId: perMunicipality.v1, title: 'Kartlegging', dueYear: 2026, perMunicipality: true }, 'milestone { id }'))
    .milestone.id;
  const navMunicipalMilestone = (await smallAdoptedPlan(app, a.admin, '3429', a.services.nav, 'NAV-plan per kommune', true)).milestoneId;
  const tstKind = ok(await app.gql(`{ forumKinds { id code } }`, {}, a.admin)).forumKinds.find((k: any) => k.code === 'tst').id;
  const seededPlan = ok(await app.gql(`{ strategicPlans(regionCode: "nord-osterdal", first: 100) { nodes { id title } } }`)).strategicPlans.nodes.find((p: any) =>
    p.title.startsWith('Strategisk plan for tverrfaglig samarbeid og forebyggende innsats'),
  ).id;

  const attempt = (token: string | undefined, name: string, input: Record<string, unknown>, inputType = `${name[0].toUpperCase()}${name.slice(1)}Input`) =>
    app.gql(`mutation($input: ${inputType}!) { ${name}(input: $input) { userErrors { code } } }`, { input }, token);
  /** Allowed on the own object; the scope is what a second attempt on the other object says. */
  const scoped = async (first: Promise<any>, second: () => Promise<any>, wide: string, narrow: string): Promise<Outcome> => {
    const res = await first;
    if (res.errors) return denied(res);
    expect(Object.values(res.data as Record<string, any>)[0].userErrors).toEqual([]);
    const other = await second();
    if (other.errors) {
      expect(other.errors[0].extensions.code).toBe('FORBIDDEN');
      return { allow: true, scope: narrow };
    }
    expect(Object.values(other.data as Record<string, any>)[0].userErrors).toEqual([]);
    return { allow: true, scope: wide };
  };
  const reviewYear: Partial<Record<Role, string>> = { REGION_ADMIN: '2025-06-01', SERVICE_LEADER: '2026-06-01' };
  const adoptedMilestone = ok(await app.gql(`query($id: ID!) { node(id: $id) { ... on PlanVersion { milestones { id } } } }`, { id: adopted.v1 }, a.admin)).node.milestones[0].id;

  const operations: Record<string, Operation> = {
    async readAdoptedPlans(_role, token) {
      const res = await app.gql(`{ strategicPlans(status: ADOPTED, first: 100) { nodes { id region { code } adoptedVersion { adoptions { status } } } } }`, {}, token);
      if (res.errors) return denied(res);
      const nodes: any[] = res.data.strategicPlans.nodes;
      expect(nodes.map((n) => n.id)).toContain(adopted.id);
      return { allow: true, scope: nodes.some((n) => n.id === valdres.id) ? 'every region' : 'own region' };
    },
    async readPlanDrafts(_role, token) {
      const res = await app.gql(`query($a: ID!, $b: ID!) { a: strategicPlan(id: $a) { id } b: strategicPlan(id: $b) { id } }`, { a: draft.id, b: consultation.id }, token);
      if (res.errors) return denied(res);
      const seen = [res.data.a, res.data.b].filter(Boolean).length;
      return { allow: true, scope: seen === 2 ? 'own region' : seen === 0 ? 'none' : 'some' };
    },
    async readPlanProgress(_role, token) {
      const res = await app.gql(`query($id: ID!) { strategicPlan(id: $id) { id progress { measureCount } } }`, { id: adopted.id }, token);
      if (res.errors) {
        expect(res.data?.strategicPlan?.progress ?? null).toBeNull();
        return { allow: false, code: res.errors[0].extensions?.code };
      }
      expect(res.data.strategicPlan.progress.measureCount).toBe(2);
      return { allow: true, scope: 'own region' };
    },
    async createStrategicPlan(role, token) {
      const input = (serviceIds: string[]) => ({ title: `Ny plan ${role}`, periodStartYear: 2026, periodEndYear: 2029, municipalityNumbers: ['3429'], serviceIds });
      const res = await attempt(token, 'createStrategicPlan', input([a.services.barnevern]));
      if (res.errors) return denied(res);
      expect(res.data.createStrategicPlan.userErrors).toEqual([]);
      const withoutBarnevern = await attempt(token, 'createStrategicPlan', input([a.services.ppt]));
      return { allow: true, scope: withoutBarnevern.data.createStrategicPlan.userErrors.length ? 'plans covering own service' : 'own region' };
    },
    async editPlanDraft(role, token) {
      return scoped(
        attempt(token, 'addPlanGoal', { versionId: draft.v1, title: `Mål fra ${role}` }),
        () => attempt(token, 'addPlanGoal', { versionId: navDraft.version.id, title: `Mål fra ${role}` }),
        'own region',
        'plans covering own service',
      );
    },
    async recordPlanAdoption(role, token) {
      const decide = (municipalityNumber: string | undefined) => attempt(token, 'recordPlanAdoption', { versionId: consultation.v1, municipalityNumber, status: 'REJECTED', decidedOn: '2025-02-01' });
      return scoped(decide(role === Role.REGION_ADMIN ? '3428' : undefined), () => decide('3427'), 'own region', 'own municipality');
    },
    async setMeasureImplementationStatus(role, token) {
      const set = (municipalityNumber: string | undefined) =>
        attempt(token, 'setMeasureImplementationStatus', { measureId: adopted.m1, municipalityNumber, status: 'IN_PROGRESS' }, 'SetMeasureImplementationInput');
      return scoped(set(role === Role.REGION_ADMIN ? '3428' : undefined), () => set('3427'), 'own region', 'own municipality');
    },
    async recordPlanReview(role, token) {
      const review = (planId: string) => attempt(token, 'recordPlanReview', { planId, reviewedOn: reviewYear[role] ?? '2026-01-01', summary: `Gjennomgang ${role}` });
      return scoped(review(adopted.id), () => review(navAdopted.id), 'own region', 'plans covering own service');
    },
    async recordServiceReview(role, token) {
      const review = (serviceId: string) => attempt(token, 'recordPlanReview', { planId: adopted.id, serviceId, reviewedOn: reviewYear[role] ?? '2026-01-01', summary: `Egne tiltak ${role}` });
      return scoped(review(a.services.barnevern), () => review(a.services.ppt), 'any covered service', 'own service');
    },
    async recordMilestoneProgress(role, token) {
      const record = (milestoneId: string) => attempt(token, 'recordMilestoneProgress', { milestoneId, status: 'IN_PROGRESS', note: role });
      return scoped(record(adoptedMilestone), () => record(navAdopted.milestoneId), 'own region', 'plans covering own service');
    },
    async setMeasureForumKind(role, token) {
      const link = (measureId: string) => attempt(token, 'setMeasureForumKind', { measureId, forumKindId: tstKind });
      return scoped(link(adopted.m1), () => link(navAdopted.measureId), 'own region', 'plans covering own service');
    },
    async recordMunicipalMilestoneProgress(role, token) {
      const record = (milestoneId: string, municipalityNumber: string) => attempt(token, 'recordMunicipalMilestoneProgress', { milestoneId, municipalityNumber, status: 'IN_PROGRESS', note: role });
      // A director: their own municipality, then another; a plan editor: a plan covering them, then the NAV plan.
      const second = role === Role.MUNICIPAL_DIRECTOR ? () => record(municipalMilestone, '3427') : () => record(navMunicipalMilestone, '3429');
      const narrow = role === Role.MUNICIPAL_DIRECTOR ? 'own municipality' : 'plans covering own service';
      return scoped(record(municipalMilestone, '3429'), second, 'own region', narrow);
    },
    async readForaEvidence(_role, token) {
      const res = await app.gql(
        `query($id: ID!) { strategicPlan(id: $id) { adoptedVersion { measures { implementations { municipality { number } foraEvidence(period: "2025") { available meetingsHeld } } } } } }`,
        { id: seededPlan },
        token,
      );
      if (res.errors) return denied(res);
      const implementations: any[] = res.data.strategicPlan.adoptedVersion.measures[0].implementations;
      if (!implementations.length) return { allow: true, scope: 'none' };
      const shown = implementations.filter((i) => i.foraEvidence.available).map((i) => i.municipality.number);
      if (!shown.length) return { allow: false, code: 'WITHHELD' };
      return { allow: true, scope: shown.length === 5 ? 'every municipality' : shown.join(', ') === '3429' ? 'own municipality' : shown.join(', ') };
    },
    async readPlanFollowUp(_role, token) {
      const res = await app.gql(`{ planFollowUp(year: 2025) { plan { id } reviews { services { reviewed } } } }`, {}, token);
      if (res.errors) return denied(res);
      const ids = res.data.planFollowUp.map((r: any) => r.plan.id);
      expect(ids).toContain(adopted.id);
      return { allow: true, scope: ids.includes(valdres.id) ? 'every region' : 'own region' };
    },
    async readPreventionCoverage(_role, token) {
      const coverage = (id: string) => app.gql(`query($id: ID!) { preventionCoverage(planId: $id) { levels measuresWithoutLevel { title } } }`, { id }, token);
      const [own, draftOwn, other] = await Promise.all([coverage(adopted.id), coverage(draft.id), coverage(valdres.id)]);
      if (own.errors) return denied(own);
      expect(own.data.preventionCoverage.levels).toEqual(['UNIVERSAL', 'SELECTIVE', 'INDICATED']);
      if (!draftOwn.data.preventionCoverage) return { allow: true, scope: other.data.preventionCoverage ? 'adopted plans of every region' : 'adopted plans' };
      return { allow: true, scope: other.data.preventionCoverage ? 'every region' : 'own region' };
    },
    async archiveStrategicPlan(_role, token) {
      const res = await attempt(token, 'archiveStrategicPlan', { id: navAdopted.id }, 'PlanIdInput');
      if (res.errors) return denied(res);
      expect(res.data.archiveStrategicPlan.userErrors).toEqual([]);
      return { allow: true, scope: 'own region' };
    },
  };
  void tokens;
  return operations;
});
