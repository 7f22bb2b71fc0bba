import { Role } from '../../src/auth/roles';
import { complianceByKind } from '../../src/services/dashboards/state-report-figures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { LIST, PUBLISH, prepared } from './state-report-fixtures';

/**
 * The state-of-service report's fora compliance (issue 22): met / below minimum / at risk per kind
 * of forum of the owner municipality in the term in force, computed by the fora feature's own code
 * (as forumCompliance answers the municipality's director), prepared by the service leader (who may
 * not read forumCompliance itself: the report holds counts only, docs/permissions.md), and frozen
 * at publication.
 */
let app: TestApp;
let year: number;
beforeAll(async () => {
  app = await startTestApp();
  // The demo's last year of held meetings in Folldal (src/seed/fora).
  const { rows } = await app.owner.query(
    `SELECT max(extract(year FROM m.starts_at))::int AS y FROM forum_meeting m JOIN forum f ON f.id = m.forum_id JOIN municipality k ON k.id = f.municipality_id WHERE m.status = 'HELD' AND k.number = '3429'`,
  );
  year = rows[0].y;
});
afterAll(() => app.close());

const COMPLIANCE = `query($n: String!, $p: String!) { forumCompliance(municipalityNumber: $n, period: $p) {
  period { label from to } forums { kind { id code name } belowMinimum atRisk aboveMaximum } missingForums { kind { id code name } units { id } }
  summary { mandatoryExpected mandatoryPresent mandatoryAttendanceRate } } }`;

/** What forumCompliance answers the director for the term, grouped per kind as the report does. */
async function directorsView(term: string) {
  const director = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
  const c = ok(await app.gql(COMPLIANCE, { n: '3429', p: term }, director)).forumCompliance;
  return {
    term,
    label: c.period.label,
    from: c.period.from,
    to: c.period.to,
    kinds: complianceByKind(c.forums, c.missingForums),
    mandatoryExpected: c.summary.mandatoryExpected,
    mandatoryPresent: c.summary.mandatoryPresent,
    mandatoryAttendanceRate: c.summary.mandatoryAttendanceRate,
  };
}

it('counts each forum once under its most severe judgement, per kind, with the units that lack a required forum', () => {
  const tst = { id: 't', code: 'tst', name: 'TST' };
  const dt = { id: 'd', code: 'drofting', name: 'Drøftingsteam' };
  const judged = (kind: typeof tst, belowMinimum: boolean, atRisk: boolean, aboveMaximum: boolean) => ({ kind, belowMinimum, atRisk, aboveMaximum });
  expect(
    complianceByKind(
      [judged(tst, true, true, false), judged(tst, false, true, true), judged(tst, false, false, true), judged(tst, false, false, false), judged(dt, false, false, false)],
      [{ kind: tst, units: [1, 2] }],
    ),
  ).toEqual([
    { kindCode: 'drofting', kindName: 'Drøftingsteam', forums: 1, met: 1, belowMinimum: 0, atRisk: 0, aboveMaximum: 0, unitsWithoutRequiredForum: 0 },
    { kindCode: 'tst', kindName: 'TST', forums: 4, met: 1, belowMinimum: 1, atRisk: 1, aboveMaximum: 1, unitsWithoutRequiredForum: 2 },
  ]);
});

it("gives the service leader's draft the owner's compliance as forumCompliance gives its director, though the leader may not read forumCompliance", async () => {
  const leader = await app.token(Role.SERVICE_LEADER, { service: 'barnevern' });
  const denied = await app.gql(COMPLIANCE, { n: '3429', p: `${year}-AUTUMN` }, leader);
  expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

  const report = await prepared(app, '3429', year);
  const c = report.figures.foraCompliance;
  // The term in force on the day the figures are as of.
  const asOfMonth = Number(report.figuresAsOf.slice(5, 7));
  expect(c.term).toBe(`${year}-${asOfMonth <= 6 ? 'SPRING' : 'AUTUMN'}`);
  expect(c).toEqual(await directorsView(c.term));
  // Not vacuous: Folldal's fora are there, judged.
  expect(c.kinds.reduce((n: number, k: any) => n + k.forums, 0)).toBeGreaterThan(0);
  for (const k of c.kinds) expect(k.met + k.belowMinimum + k.atRisk + k.aboveMaximum).toBe(k.forums);
});

it('freezes the compliance at publication: a forum added later changes the next version, not the published one, and every reader of the report sees the same', async () => {
  const leader = await app.token(Role.SERVICE_LEADER, { service: 'barnevern' });
  const first = await prepared(app, '3429', year - 1);
  expect(ok(await app.gql(PUBLISH, { input: { reportId: first.id } }, leader)).publishStateReport.userErrors).toEqual([]);
  const frozen = first.figures.foraCompliance;
  const term = frozen.term;

  // A new TST in Folldal, established before the term and never meeting: below its minimum.
  const from = `${year - 2}-08-01`;
  await app.owner.query(`
    WITH u AS (INSERT INTO unit (region_id, municipality_id, code, name, kind, size)
               SELECT m.region_id, m.id, 'frozen-test', 'Frysskole', 'SCHOOL', 120 FROM municipality m WHERE m.number = '3429' RETURNING id, region_id, municipality_id)
    INSERT INTO forum (region_id, kind_id, placement, name, municipality_id, unit_id, established_on, created_by)
    SELECT u.region_id, k.id, 'UNIT', 'TST Frysskole', u.municipality_id, u.id, '${from}', 'test' FROM u JOIN forum_kind k ON k.region_id = u.region_id AND k.code = 'tst'`);
  const now = await directorsView(term);
  const forums = (v: any) => v.kinds.reduce((n: number, k: any) => n + k.forums, 0);
  expect(forums(now)).toBe(forums(frozen) + 1);

  for (const token of [
    leader,
    await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' }),
    await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3429' }),
    await app.token(Role.AUDITOR, { municipality: '3429' }),
  ]) {
    const list = ok(await app.gql(LIST, { municipalityNumber: '3429', year: year - 1 }, token)).stateReports;
    expect(list.nodes.find((n: any) => n.id === first.id).figures.foraCompliance).toEqual(frozen);
  }
  const next = await prepared(app, '3429', year - 1);
  expect([next.version, forums(next.figures.foraCompliance)]).toEqual([2, forums(frozen) + 1]);
  expect(next.figures.foraCompliance).toEqual(now);
});
