import { Role } from '../../src/auth/roles';
import { buildPlan, readPlanAsFixture } from './fixtures/build';
import { SOR_AURDAL } from './fixtures/sor-aurdal';
import { TRYSIL } from './fixtures/trysil';
import { ok, startTestApp, TestApp } from '../helpers/test-app';

/**
 * The model must fit real plans, not just ours: the structures of seed 000 (Trysil) and seed 004
 * (Sør-Aurdal) are built through the API and read back exactly.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  // Trysil (3421) is in none of the demo regions: a fresh region "Sør-Østerdal" for it, as the owner.
  await app.owner.query(`INSERT INTO region (code, name) VALUES ('sor-osterdal', 'Sør-Østerdal')`);
  await app.owner.query(`INSERT INTO municipality (region_id, number, name) SELECT id, '3421', 'Trysil' FROM region WHERE code = 'sor-osterdal'`);
});
afterAll(() => app.close());

describe('Trysil plan (seed 000)', () => {
  it('keeps the main goal, six sub-goals, six measures with all their fields and the goal × measure matrix', async () => {
    const token = await app.token(Role.REGION_ADMIN, { region: 'sor-osterdal' });
    const built = await buildPlan(app, token, TRYSIL);
    const { fixture, matrix } = await readPlanAsFixture(app, token, built.planId);
    expect(fixture).toEqual(TRYSIL);

    // Cells exactly as printed: "URO metoden" serves delmål 1, 2, 4, 6; "Utvikle interne støttesystem" 1, 3, 5.
    const cells = (goal: string) => matrix.rows.find((r: any) => r.goal.code === goal).cells.map((c: any) => (c.linked ? 'x' : ' ')).join('');
    expect(['1', '2', '3', '4', '5', '6'].map(cells)).toEqual(['xxxxxx', 'xxx xx', ' xxxxx', 'xxx x ', ' xxxxx', 'xxx xx']);
    expect(matrix.goalsWithoutMeasures).toEqual([]);
    expect(matrix.measuresWithoutGoals).toEqual([]);
  });

  it('passes the § 15-1 check: goals, organisation texts, and measures shared between roles', async () => {
    const token = await app.token(Role.REGION_ADMIN, { region: 'sor-osterdal' });
    const plans = ok(await app.gql(`{ strategicPlans { nodes { currentVersion { legalCompleteness { complete checks { requirement present reason } } } } } }`, {}, token));
    const legal = plans.strategicPlans.nodes[0].currentVersion.legalCompleteness;
    expect(legal.complete).toBe(true);
    expect(legal.checks.map((c: any) => [c.requirement, c.present])).toEqual([['GOALS', true], ['ORGANISATION', true], ['COOPERATION', true]]);
    expect(legal.checks[0].reason).toBe('States a main goal and 6 goals.');
    expect(legal.checks[2].reason).toContain('3 measures are shared by two or more responsible parties');
  });
});

describe('Sør-Aurdal measures per level (seed 004)', () => {
  it('keeps all 33 measures of the three tables with description, target group, responsible and level', async () => {
    const token = await app.token(Role.REGION_ADMIN, { region: 'valdres' });
    const built = await buildPlan(app, token, SOR_AURDAL);
    const { fixture, matrix } = await readPlanAsFixture(app, token, built.planId);
    expect(fixture).toEqual(SOR_AURDAL);
    expect(matrix.measuresWithoutGoals).toHaveLength(33);

    const perLevel = ok(await app.gql(
      `query($id: ID!) { strategicPlan(id: $id) { currentVersion {
          universal: measures(preventionLevel: UNIVERSAL) { title } selective: measures(preventionLevel: SELECTIVE) { title }
          indicated: measures(preventionLevel: INDICATED) { title responsible { kind label } } } } }`,
      { id: built.planId },
      token,
    )).strategicPlan.currentVersion;
    expect([perLevel.universal.length, perLevel.selective.length, perLevel.indicated.length]).toEqual([14, 8, 11]);
    // "Kartlegging" appears on all three levels: titles are not unique, levels tell them apart.
    expect([perLevel.universal, perLevel.selective, perLevel.indicated].map((l) => l.filter((m: any) => m.title === 'Kartlegging').length)).toEqual([1, 1, 1]);
    const kartlegging = perLevel.indicated.find((m: any) => m.title === 'Kartlegging');
    expect(kartlegging.responsible).toEqual([
      { kind: 'SERVICE', label: 'Valdres barnevern' },
      { kind: 'ROLE', label: 'Helsestasjon og skolehelsetjeneste' },
    ]);
  });

  it('reports the goals of a measures-only plan as missing under § 15-1, with the reason', async () => {
    const token = await app.token(Role.SERVICE_LEADER, { region: 'valdres', service: 'barnevern' });
    const plans = ok(await app.gql(`{ strategicPlans { nodes { title currentVersion { legalCompleteness { complete checks { requirement present reason } } } } } }`, {}, token));
    const legal = plans.strategicPlans.nodes.find((p: any) => p.title === SOR_AURDAL.title).currentVersion.legalCompleteness;
    expect(legal.complete).toBe(false);
    expect(legal.checks[0]).toEqual({ requirement: 'GOALS', present: false, reason: 'States no goals: the plan must say what the goals of the preventive work are.' });
    expect(legal.checks[1].present).toBe(true);
    expect(legal.checks[2].present).toBe(true);
  });
});
