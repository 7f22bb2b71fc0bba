import { signToken } from '../../src/auth/jwt';
import { regionId } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { MUNICIPALITY_DASHBOARD } from './queries';

/**
 * A person with grants at several municipalities (docs/permissions.md, "Roles and scopes") reads
 * each municipality's dashboard with the grants held at that one: the kommunedirektør of Folldal
 * who is also the auditor of Tynset and Alvdal sees Folldal's fora compliance, not Tynset's, and
 * each dashboard's own lines are that municipality's — one request each, no Samvirke-Grant header.
 */
let app: TestApp;
let token: string;
beforeAll(async () => {
  app = await startTestApp();
  const region = await regionId(app, 'nord-osterdal');
  const subject = 'folldal-director-tynset-alvdal-auditor';
  const person = (await app.owner.query(`INSERT INTO person (region_id, issuer, subject, display_name) VALUES ($1, 'samvirke-dev', $2, 'Direktør og revisor') RETURNING id`, [region, subject])).rows[0]
    .id;
  for (const [role, number] of [
    ['MUNICIPAL_DIRECTOR', '3429'],
    ['AUDITOR', '3427'],
    ['AUDITOR', '3428'],
  ])
    await app.owner.query(
      `INSERT INTO role_assignment (region_id, person_id, role, municipality_id, granted_by) SELECT $1, $2, $3, id, 'test' FROM municipality WHERE number = $4 AND region_id = $1`,
      [region, person, role, number],
    );
  token = await signToken(app.config, { sub: subject });
});
afterAll(() => app.close());

const dashboard = async (number: string) => ok(await app.gql(MUNICIPALITY_DASHBOARD, { number, period: '2024-10' }, token)).municipalityDashboard;

it("reads Folldal's dashboard as its director (with fora), Tynset's and Alvdal's as their auditor (fora hidden), each with its own lines", async () => {
  const folldal = await dashboard('3429');
  expect(folldal.hidden).toEqual([]);
  expect(folldal.fora).not.toBeNull();
  for (const number of ['3427', '3428']) {
    const d = await dashboard(number);
    expect(d.fora).toBeNull();
    expect(d.hidden.map((h: any) => h.part)).toEqual(['fora']);
    expect(d.services.map((s: any) => [s.ownLine.municipality.number, s.costs.own.municipality.number])).toEqual(d.services.map(() => [number, number]));
    // Each municipality's own true counts (OWN_MUNICIPALITY), not another's.
    expect(new Set(d.services.flatMap((s: any) => s.statistics.rows.map((r: any) => r.municipality.number)))).toEqual(new Set([number]));
  }
  expect(folldal.services[0].ownLine.actualYtdOre).not.toBe((await dashboard('3427')).services[0].ownLine.actualYtdOre);
});

it('refuses a municipality the person holds no grant at', async () => {
  const res = await app.gql(MUNICIPALITY_DASHBOARD, { number: '3426', period: '2024-10' }, token);
  expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});
