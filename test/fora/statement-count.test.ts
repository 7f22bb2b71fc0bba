import { Role } from '../../src/auth/roles';
import { growTsts } from '../helpers/grow-tsts';
import { ok, startTestApp, TestApp } from '../helpers/test-app';

/**
 * N+1 guard for the reports: forumCompliance, serviceForumLoad and Forum.compliance on a list send
 * the same number of SQL statements whatever the number of units, fora and meetings. Measured on
 * the demo data, then again after adding 40 units with a TST each and 12 meetings per TST.
 */
let app: TestApp;
let admin: string;
let leader: string;
let year: number;
beforeAll(async () => {
  // The computation is measured: the read-answer cache is off (test/cache covers what a kept answer costs).
  app = await startTestApp({ answerCacheBytes: 0 });
  admin = await app.token(Role.REGION_ADMIN);
  leader = await app.token(Role.SERVICE_LEADER, { service: 'barnevern' });
  // The demo's last school year (see src/seed/fora): its spring is a period with meetings.
  const { rows } = await app.owner.query(`SELECT max(extract(year FROM starts_at))::int AS y FROM forum_meeting WHERE status = 'HELD'`);
  year = rows[0].y;
});
afterAll(() => app.close());

const COMPLIANCE = `query($p: String!) { forumCompliance(municipalityNumber: "3427", period: $p) {
  summary { forums meetingsHeld mandatoryExpected }
  forums { forum { name unit { name size } municipality { name } kind { code } } kind { name members { code } }
           cadence { rule { period } windows { window { label } count status } } shortMeetings { meeting { date } } missingElements { meeting { date } missing { code } }
           attendance { member { code } rate } memberHalfYear { member { code } } leadershipViolations { issue } followUps { overdue } }
  missingForums { kind { code } units { name } } } }`;
const LOAD = `query($p: String!) { serviceForumLoad(period: $p) { owners { number } attendance { municipality { name } kind { code } expected present rate }
  load { hoursPerMonth lines { kind { code } member { code } municipality { name } places hoursPerMonth } ifLargestMonthly { hoursPerMonth unitsAffected } } } }`;
const LIST = `query($p: String!) { forums(municipalityNumber: "3427", first: 100) { totalCount nodes { name unit { name } meetings(first: 5) { nodes { date attendance { status membership { seat { code } } } } } compliance(period: $p) { belowMinimum meetings { held } } } } }`;

async function measure(query: string, period: string, token: string) {
  const res = await app.gql(query, { p: period }, token);
  return { statements: res.extensions!.sqlStatements!, data: ok(res) };
}

/** 40 Tynset units with a TST each (members for the unit, PPT and barnevern) and 12 held meetings each, with attendance, agenda sections and a follow-up. */
async function grow() {
  await growTsts(app.owner, { municipality: '3427', units: 40, code: 'vekst', unitName: 'Vekstskole', year, absent: 'random() < 0.2', skipElements: ['barn-foresatte'] });
}

it('answers forumCompliance, serviceForumLoad and Forum.compliance in a fixed number of statements', async () => {
  const period = `${year}-SPRING`;
  const small = { compliance: await measure(COMPLIANCE, `${year}`, admin), load: await measure(LOAD, period, leader), list: await measure(LIST, period, admin) };
  await grow();
  const large = { compliance: await measure(COMPLIANCE, `${year}`, admin), load: await measure(LOAD, period, leader), list: await measure(LIST, period, admin) };

  // The data really grew.
  expect(large.compliance.data.forumCompliance.summary.forums).toBe(small.compliance.data.forumCompliance.summary.forums + 40);
  expect(large.compliance.data.forumCompliance.summary.meetingsHeld).toBeGreaterThanOrEqual(small.compliance.data.forumCompliance.summary.meetingsHeld + 40 * 12);
  const tynsetTst = (d: any) => d.serviceForumLoad.load.lines.find((l: any) => l.kind.code === 'tst' && l.municipality.name === 'Tynset').places;
  expect(tynsetTst(large.load.data)).toBe(tynsetTst(small.load.data) + 40);
  expect(large.list.data.forums.totalCount).toBe(small.list.data.forums.totalCount + 40);

  expect(large.compliance.statements).toBe(small.compliance.statements);
  expect(large.load.statements).toBe(small.load.statements);
  expect(large.list.statements).toBe(small.list.statements);
  // Shape-dependent and small: the opening (2) and one statement per wave of reads (the reads of
  // a wave travel together). forumCompliance: terms, kinds and municipality | fora and units |
  // the six structure reads | the fields' relations. serviceForumLoad: terms, kinds and service |
  // owners | units, fora, memberships, meetings and attendance.
  expect(small.compliance.statements).toBe(6);
  expect(small.load.statements).toBe(5);
});
