import { Role } from '../../src/auth/roles';
import { VERSION_CONTENT } from '../../src/services/plans/content-model';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { mutate } from './fixtures/build';

/**
 * A revision copies everything: the copy and the comparison are built from the entity metadata, so
 * a column added to a content entity is carried into the next version without touching either. The
 * plan below fills every column of every content table (checked against the metadata), then a
 * revision must compare as identical to the version it was copied from.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const uuid = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];

it('copies every field and link of a version; compareVersions(n, n+1) reports identical', async () => {
  const admin = await app.token(Role.REGION_ADMIN);
  const services = Object.fromEntries(ok(await app.gql(`{ sharedServices { id code } }`, {}, admin)).sharedServices.map((s: any) => [s.code, s.id]));
  const created = await mutate(
    app,
    admin,
    'createStrategicPlan',
    { title: 'Full plan', periodStartYear: 2025, periodEndYear: 2028, municipalityNumbers: ['3429'], serviceIds: [services.barnevern] },
    'strategicPlan { id } version { id }',
  );
  const versionId = created.version.id;
  const goal = async (input: Record<string, unknown>) => (await mutate(app, admin, 'addPlanGoal', { versionId, description: 'Beskrivelse', ...input }, 'goal { id }')).goal.id;
  await goal({ kind: 'MAIN', code: 'H', title: 'Hovedmål' });
  const g1 = await goal({ code: '1', title: 'Mål 1', position: 4 });
  const g11 = await goal({ kind: 'SUB_GOAL', parentGoalId: g1, code: '1.1', title: 'Delmål 1.1' });
  const area = (
    await mutate(app, admin, 'addPlanFocusArea', { versionId, title: 'Område', whatWeAchieve: 'Oppnå', howWeDoIt: 'Gjøre', rolesAndResponsibility: 'Roller', position: 2 }, 'focusArea { id }')
  ).focusArea.id;
  await mutate(app, admin, 'updatePlanGoal', { id: g1, focusAreaId: area }, 'goal { id }');
  const add = async (name: string, input: Record<string, unknown>, field: string) => (await mutate(app, admin, name, input, `${field} { id }`))[field].id as string;
  const rule = await add('addPlanStatement', { versionId, kind: 'CONSENT_RULE', code: 'S', title: 'Samtykke', text: 'Basert på samtykke', reference: 'bvl § 15-1', position: 5 }, 'statement');
  const factor = await add('addPlanFactor', { versionId, kind: 'RISK', code: '1', title: 'Risiko', description: 'Beskrivelse', ageFrom: 8, ageTo: 17, position: 1 }, 'factor');
  const group = await add('addPlanTargetGroup', { versionId, code: 'M', name: 'Målgruppe', description: 'Beskrivelse', ageFrom: 0, ageTo: 5, factorIds: [factor], position: 1 }, 'targetGroup');
  const m0 = await add('addPlanMeasure', { versionId, title: 'Forutsetning', responsible: [{ role: 'Rektor' }] }, 'measure');
  const m1 = await add(
    'addPlanMeasure',
    {
      versionId,
      focusAreaId: area,
      code: 'T1',
      title: 'Tiltak',
      description: 'Beskrivelse',
      organisation: 'Organisering',
      timeFrame: '2025–2026',
      budgetOre: '12345678901',
      budgetLine: 'Budsjett',
      preventionLevels: ['INDICATED', 'SELECTIVE'],
      targetGroup: 'Ungdom',
      ageFrom: 13,
      ageTo: 17,
      statusInPlan: 'ONGOING',
      position: 7,
      responsible: [{ serviceId: services.barnevern }, { municipalityNumber: '3429', responsibility: 'SUPPORTING' }, { role: 'Rektor', responsibility: 'PARTICIPANT' }],
      goalIds: [g1, g11],
      factorIds: [factor],
      targetGroupIds: [group],
      dependsOnMeasureIds: [m0],
    },
    'measure',
  );
  const body = await add(
    'addPlanBody',
    {
      versionId,
      kind: 'STEERING_GROUP',
      name: 'Styringsgruppe',
      description: 'Mandat',
      leader: 'Leder',
      cadence: 'Månedlig',
      position: 2,
      members: [{ role: 'Kommunedirektør', personName: 'Navn', municipalityNumber: '3429', serviceId: services.barnevern, note: 'Ved behov' }],
    },
    'body',
  );
  await mutate(
    app,
    admin,
    'addPlanMilestone',
    { versionId, title: 'Milepæl', description: 'Beskrivelse', dueTerm: 'AUTUMN', dueYear: 2025, dueDate: '2025-12-01', responsible: 'Rektor', measureId: m1, position: 3 },
    'milestone { id }',
  );
  await mutate(app, admin, 'addPlanMilestone', { versionId, title: 'Månedsfrist', dueMonth: 9, dueYear: 2025, responsibleBodyId: body, focusAreaId: area, perMunicipality: true }, 'milestone { id }');
  const model = await add('addPlanCollaborationModel', { versionId, kind: 'COLLABORATION', name: 'Modell', description: 'Beskrivelse', consentRuleId: rule, position: 4 }, 'collaborationModel');
  const step = await add(
    'addPlanCollaborationStep',
    {
      modelId: model,
      code: 'Trinn 1',
      title: 'Trinn',
      preventionLevel: 'SELECTIVE',
      targetGroup: 'Alle',
      criteria: 'Kriterier',
      tasks: 'Oppgaver',
      collaboration: 'Samarbeid',
      participants: 'Deltakere',
      convenedBy: 'Den som',
      minutesBy: 'Den som innkaller',
      cadence: 'Ukentlig',
      forum: 'Innsatsteam',
      escalateTo: 'Enhetsleder',
      consentRuleId: rule,
      position: 6,
      forumKindId: ok(await app.gql(`{ forumKinds { id code } }`, {}, admin)).forumKinds.find((k: any) => k.code === 'tst').id,
    },
    'step',
  );
  await add(
    'addPlanReferralRoute',
    {
      versionId,
      recipient: 'Barnevern',
      stepId: step,
      serviceId: services.barnevern,
      referredBy: 'Alle',
      how: 'Portal',
      prerequisite: 'Prøvd',
      anonymousConsultation: true,
      consentRuleId: rule,
      position: 8,
    },
    'referralRoute',
  );

  // Every column of every content table has a value somewhere in this version.
  for (const table of VERSION_CONTENT) {
    const meta = app.appDataSource.getMetadata(table.entity);
    for (const column of meta.columns) {
      const {
        rows: [{ n }],
      } = await app.owner.query(`SELECT count(*)::int AS n FROM "${meta.tableName}" WHERE version_id = $1 AND "${column.databaseName}" IS NOT NULL`, [uuid(versionId)]);
      expect([meta.tableName, column.databaseName, n > 0]).toEqual([meta.tableName, column.databaseName, true]);
    }
  }

  await mutate(app, admin, 'submitPlanForConsultation', { versionId, submittedOn: '2025-02-01', confirmIncomplete: true }, 'version { id }');
  await mutate(app, admin, 'recordPlanAdoption', { versionId, municipalityNumber: '3429', decidedOn: '2025-03-01', confirmIncomplete: true }, 'adoption { status }');
  const revision = await mutate(app, admin, 'startPlanRevision', { planId: created.strategicPlan.id }, 'version { id number }');
  expect(revision.version.number).toBe(2);

  const lists = ['goals', 'focusAreas', 'measures', 'milestones', 'statements', 'factors', 'targetGroups', 'bodies', 'collaborationModels', 'collaborationSteps', 'referralRoutes'];
  const compare = ok(
    await app.gql(
      `query($id: ID!) { strategicPlan(id: $id) { compareVersions(from: 1, to: 2) {
      identical ${lists.map((l) => `${l} { fields }`).join(' ')} links { change } relations { relation } } } }`,
      { id: created.strategicPlan.id },
      admin,
    ),
  );
  expect(compare.strategicPlan.compareVersions).toEqual({ identical: true, ...Object.fromEntries(lists.map((l) => [l, []])), links: [], relations: [] });
  // And the copy is a copy, row for row, not the same rows.
  for (const table of VERSION_CONTENT) {
    const meta = app.appDataSource.getMetadata(table.entity);
    const count = async (id: string) => (await app.owner.query(`SELECT count(*)::int AS n FROM "${meta.tableName}" WHERE version_id = $1`, [uuid(id)])).rows[0].n;
    expect([meta.tableName, await count(revision.version.id)]).toEqual([meta.tableName, await count(versionId)]);
  }
});

it('reports a changed field of every kind after the revision is edited', async () => {
  const admin = await app.token(Role.REGION_ADMIN);
  const created = await mutate(
    app,
    admin,
    'createStrategicPlan',
    { title: 'Endres', periodStartYear: 2025, periodEndYear: 2028, municipalityNumbers: ['3429'], serviceIds: [] },
    'strategicPlan { id } version { id }',
  );
  const versionId = created.version.id;
  const g = (await mutate(app, admin, 'addPlanGoal', { versionId, code: '1', title: 'Mål' }, 'goal { id }')).goal.id;
  const area = (await mutate(app, admin, 'addPlanFocusArea', { versionId, title: 'Område' }, 'focusArea { id }')).focusArea.id;
  await mutate(app, admin, 'addPlanMeasure', { versionId, title: 'Tiltak', responsible: [{ role: 'Rektor' }], goalIds: [g] }, 'measure { id }');
  await mutate(app, admin, 'submitPlanForConsultation', { versionId, submittedOn: '2025-02-01', confirmIncomplete: true }, 'version { id }');
  await mutate(app, admin, 'recordPlanAdoption', { versionId, municipalityNumber: '3429', decidedOn: '2025-03-01', confirmIncomplete: true }, 'adoption { status }');
  const v2 = (await mutate(app, admin, 'startPlanRevision', { planId: created.strategicPlan.id }, 'version { id }')).version.id;
  const copy = ok(await app.gql(`query($id: ID!) { node(id: $id) { ... on PlanVersion { measures { id } focusAreas { id } } } }`, { id: v2 }, admin)).node;
  await mutate(app, admin, 'updatePlanMeasure', { id: copy.measures[0].id, focusAreaId: copy.focusAreas[0].id, targetGroup: 'Barn 0–5', responsible: [{ role: 'Styrer' }] }, 'measure { id }');
  const compare = ok(await app.gql(`query($id: ID!) { strategicPlan(id: $id) { compareVersions(from: 1, to: 2) { identical measures { change fields } } } }`, { id: created.strategicPlan.id }, admin));
  expect(compare.strategicPlan.compareVersions).toEqual({ identical: false, measures: [{ change: 'CHANGED', fields: ['targetGroup', 'focusArea', 'responsible'] }] });
  void area;
});

it('compares the plan elements too: statements, factors, bodies and their members, steps, and links added or removed', async () => {
  const admin = await app.token(Role.REGION_ADMIN);
  const created = await mutate(
    app,
    admin,
    'createStrategicPlan',
    { title: 'Elementer', periodStartYear: 2025, periodEndYear: 2028, municipalityNumbers: ['3429'], serviceIds: [] },
    'strategicPlan { id } version { id }',
  );
  const versionId = created.version.id;
  const add = async (name: string, input: Record<string, unknown>, field: string) => (await mutate(app, admin, name, input, `${field} { id }`))[field].id as string;
  await add('addPlanGoal', { versionId, title: 'Mål' }, 'goal');
  await add('addPlanStatement', { versionId, kind: 'PRINCIPLE', code: 'a', title: 'Barnets beste', text: 'Barnets beste først' }, 'statement');
  const risk = await add('addPlanFactor', { versionId, kind: 'RISK', code: '1', title: 'Rus' }, 'factor');
  await add('addPlanMeasure', { versionId, code: 'T', title: 'Tiltak', responsible: [{ role: 'Rektor' }], factorIds: [risk] }, 'measure');
  await add('addPlanBody', { versionId, kind: 'WORKING_GROUP', name: 'Arbeidsgruppe', members: [{ role: 'Leder' }] }, 'body');
  const model = await add('addPlanCollaborationModel', { versionId, kind: 'ESCALATION', name: 'Stige' }, 'collaborationModel');
  await add('addPlanCollaborationStep', { modelId: model, code: '1', title: 'Enhetsleder', escalateTo: 'Enhetsleder' }, 'step');
  await mutate(app, admin, 'submitPlanForConsultation', { versionId, submittedOn: '2025-02-01', confirmIncomplete: true }, 'version { id }');
  await mutate(app, admin, 'recordPlanAdoption', { versionId, municipalityNumber: '3429', decidedOn: '2025-03-01', confirmIncomplete: true }, 'adoption { status }');
  const v2 = (await mutate(app, admin, 'startPlanRevision', { planId: created.strategicPlan.id }, 'version { id }')).version.id;
  const copy = ok(
    await app.gql(
      `query($id: ID!) { node(id: $id) { ... on PlanVersion {
      statements { id } measures { id } governanceBodies { id } collaborationModels { steps { id } } } } }`,
      { id: v2 },
      admin,
    ),
  ).node;
  await mutate(app, admin, 'updatePlanStatement', { id: copy.statements[0].id, text: 'Barnets beste skal være et grunnleggende hensyn' }, 'statement { id }');
  await mutate(app, admin, 'updatePlanMeasure', { id: copy.measures[0].id, factorIds: [] }, 'measure { id }');
  await mutate(app, admin, 'updatePlanBody', { id: copy.governanceBodies[0].id, members: [{ role: 'Leder' }, { role: 'Rådgiver' }] }, 'body { id }');
  await mutate(app, admin, 'updatePlanCollaborationStep', { id: copy.collaborationModels[0].steps[0].id, escalateTo: 'Seksjonsleder' }, 'step { id }');
  await add('addPlanFactor', { versionId: v2, kind: 'PROTECTIVE', code: '1', title: 'En venn' }, 'factor');
  const compare = ok(
    await app.gql(
      `query($id: ID!) { strategicPlan(id: $id) { compareVersions(from: 1, to: 2) {
      identical statements { change title fields } factors { change title } bodies { change title fields } collaborationSteps { change fields }
      measures { change } relations { relation change fromTitle toTitle } } } }`,
      { id: created.strategicPlan.id },
      admin,
    ),
  ).strategicPlan.compareVersions;
  expect(compare).toEqual({
    identical: false,
    statements: [{ change: 'CHANGED', title: 'Barnets beste', fields: ['text'] }],
    factors: [{ change: 'ADDED', title: 'En venn' }],
    bodies: [{ change: 'CHANGED', title: 'Arbeidsgruppe', fields: ['members'] }],
    collaborationSteps: [{ change: 'CHANGED', fields: ['escalateTo'] }],
    measures: [],
    relations: [{ relation: 'measureFactor', change: 'REMOVED', fromTitle: 'Tiltak', toTitle: 'Rus' }],
  });
});
