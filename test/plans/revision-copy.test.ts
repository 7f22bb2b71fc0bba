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
  const created = await mutate(app, admin, 'createStrategicPlan', { title: 'Full plan', periodStartYear: 2025, periodEndYear: 2028, municipalityNumbers: ['3429'], serviceIds: [services.barnevern] }, 'strategicPlan { id } version { id }');
  const versionId = created.version.id;
  const goal = async (input: Record<string, unknown>) => (await mutate(app, admin, 'addPlanGoal', { versionId, description: 'Beskrivelse', ...input }, 'goal { id }')).goal.id;
  await goal({ kind: 'MAIN', code: 'H', title: 'Hovedmål' });
  const g1 = await goal({ code: '1', title: 'Mål 1', position: 4 });
  const g11 = await goal({ kind: 'SUB_GOAL', parentGoalId: g1, code: '1.1', title: 'Delmål 1.1' });
  const area = (await mutate(app, admin, 'addPlanFocusArea', { versionId, title: 'Område', whatWeAchieve: 'Oppnå', howWeDoIt: 'Gjøre', rolesAndResponsibility: 'Roller', position: 2 }, 'focusArea { id }')).focusArea.id;
  await mutate(app, admin, 'addPlanMeasure', {
    versionId, focusAreaId: area, code: 'T1', title: 'Tiltak', description: 'Beskrivelse', organisation: 'Organisering', timeFrame: '2025–2026',
    budgetOre: '12345678901', budgetLine: 'Budsjett', preventionLevel: 'INDICATED', targetGroup: 'Ungdom', position: 7,
    responsible: [{ serviceId: services.barnevern }, { municipalityNumber: '3429' }, { role: 'Rektor' }], goalIds: [g1, g11],
  }, 'measure { id }');
  await mutate(app, admin, 'addPlanMilestone', { versionId, title: 'Milepæl', description: 'Beskrivelse', dueTerm: 'AUTUMN', dueYear: 2025, dueDate: '2025-12-01', status: 'IN_PROGRESS', position: 3 }, 'milestone { id }');

  // Every column of every content table has a value somewhere in this version.
  for (const table of VERSION_CONTENT) {
    const meta = app.appDataSource.getMetadata(table.entity);
    for (const column of meta.columns) {
      const { rows: [{ n }] } = await app.owner.query(`SELECT count(*)::int AS n FROM "${meta.tableName}" WHERE version_id = $1 AND "${column.databaseName}" IS NOT NULL`, [uuid(versionId)]);
      expect([meta.tableName, column.databaseName, n > 0]).toEqual([meta.tableName, column.databaseName, true]);
    }
  }

  await mutate(app, admin, 'submitPlanForConsultation', { versionId, submittedOn: '2025-02-01' }, 'version { id }');
  await mutate(app, admin, 'recordPlanAdoption', { versionId, municipalityNumber: '3429', decidedOn: '2025-03-01' }, 'adoption { status }');
  const revision = await mutate(app, admin, 'startPlanRevision', { planId: created.strategicPlan.id }, 'version { id number }');
  expect(revision.version.number).toBe(2);

  const compare = ok(await app.gql(`query($id: ID!) { strategicPlan(id: $id) { compareVersions(from: 1, to: 2) { identical goals { fields } focusAreas { fields } measures { fields } milestones { fields } links { change } } } }`, { id: created.strategicPlan.id }, admin));
  expect(compare.strategicPlan.compareVersions).toEqual({ identical: true, goals: [], focusAreas: [], measures: [], milestones: [], links: [] });
  // And the copy is a copy, row for row, not the same rows.
  for (const table of VERSION_CONTENT) {
    const meta = app.appDataSource.getMetadata(table.entity);
    const count = async (id: string) => (await app.owner.query(`SELECT count(*)::int AS n FROM "${meta.tableName}" WHERE version_id = $1`, [uuid(id)])).rows[0].n;
    expect([meta.tableName, await count(revision.version.id)]).toEqual([meta.tableName, await count(versionId)]);
  }
});

it('reports a changed field of every kind after the revision is edited', async () => {
  const admin = await app.token(Role.REGION_ADMIN);
  const created = await mutate(app, admin, 'createStrategicPlan', { title: 'Endres', periodStartYear: 2025, periodEndYear: 2028, municipalityNumbers: ['3429'], serviceIds: [] }, 'strategicPlan { id } version { id }');
  const versionId = created.version.id;
  const g = (await mutate(app, admin, 'addPlanGoal', { versionId, code: '1', title: 'Mål' }, 'goal { id }')).goal.id;
  const area = (await mutate(app, admin, 'addPlanFocusArea', { versionId, title: 'Område' }, 'focusArea { id }')).focusArea.id;
  await mutate(app, admin, 'addPlanMeasure', { versionId, title: 'Tiltak', responsible: [{ role: 'Rektor' }], goalIds: [g] }, 'measure { id }');
  await mutate(app, admin, 'submitPlanForConsultation', { versionId, submittedOn: '2025-02-01' }, 'version { id }');
  await mutate(app, admin, 'recordPlanAdoption', { versionId, municipalityNumber: '3429', decidedOn: '2025-03-01' }, 'adoption { status }');
  const v2 = (await mutate(app, admin, 'startPlanRevision', { planId: created.strategicPlan.id }, 'version { id }')).version.id;
  const copy = ok(await app.gql(`query($id: ID!) { node(id: $id) { ... on PlanVersion { measures { id } focusAreas { id } } } }`, { id: v2 }, admin)).node;
  await mutate(app, admin, 'updatePlanMeasure', { id: copy.measures[0].id, focusAreaId: copy.focusAreas[0].id, targetGroup: 'Barn 0–5', responsible: [{ role: 'Styrer' }] }, 'measure { id }');
  const compare = ok(await app.gql(`query($id: ID!) { strategicPlan(id: $id) { compareVersions(from: 1, to: 2) { identical measures { change fields } } } }`, { id: created.strategicPlan.id }, admin));
  expect(compare.strategicPlan.compareVersions).toEqual({ identical: false, measures: [{ change: 'CHANGED', fields: ['targetGroup', 'focusArea', 'responsible'] }] });
  void area;
});
