import { Role } from '../../src/auth/roles';
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
  app = await startTestApp();
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
  await app.owner.query(`
    WITH r AS (SELECT id FROM region WHERE code = 'nord-osterdal'),
         m AS (SELECT id FROM municipality WHERE number = '3427'),
         k AS (SELECT id FROM forum_kind WHERE code = 'tst' AND region_id = (SELECT id FROM r)),
         u AS (INSERT INTO unit (region_id, municipality_id, code, name, kind, size)
               SELECT (SELECT id FROM r), (SELECT id FROM m), 'vekst-' || g, 'Vekstskole ' || g, 'SCHOOL', 40 + g * 10 FROM generate_series(1, 40) g RETURNING id, region_id, municipality_id),
         f AS (INSERT INTO forum (region_id, kind_id, placement, name, municipality_id, unit_id, established_on, created_by)
               SELECT u.region_id, (SELECT id FROM k), 'UNIT', 'TST vekst ' || u.id, u.municipality_id, u.id, '${year - 2}-08-01', 'test' FROM u RETURNING id, region_id, kind_id)
    INSERT INTO forum_membership (region_id, forum_id, kind_id, kind_member_id, person_name, service_id, attendance, valid_from, created_by)
    SELECT f.region_id, f.id, f.kind_id, km.id, CASE WHEN s.id IS NULL THEN km.name END, s.id, 'MANDATORY', '${year - 2}-08-01', 'test'
      FROM f JOIN forum_kind_member km ON km.kind_id = f.kind_id AND km.code IN ('enheten', 'ppt', 'barnevern')
      LEFT JOIN shared_service s ON s.region_id = f.region_id AND s.kind = km.service_kind`);
  await app.owner.query(`
    INSERT INTO forum_meeting (region_id, forum_id, starts_at, planned_minutes, actual_minutes, status, created_by)
    SELECT f.region_id, f.id, make_timestamptz(${year}, 1 + (g % 6), 2 + g, 11, 0, 0, 'UTC'), 150, 120 + g, 'HELD', 'test'
      FROM forum f CROSS JOIN generate_series(1, 12) g WHERE f.name LIKE 'TST vekst %'`);
  await app.owner.query(`
    INSERT INTO forum_attendance (region_id, forum_id, meeting_id, membership_id, status)
    SELECT m.region_id, m.forum_id, m.id, ms.id, CASE WHEN random() < 0.2 THEN 'ABSENT' ELSE 'PRESENT' END
      FROM forum_meeting m JOIN forum f ON f.id = m.forum_id JOIN forum_membership ms ON ms.forum_id = f.id WHERE f.name LIKE 'TST vekst %'`);
  await app.owner.query(`
    INSERT INTO forum_agenda_section (region_id, forum_id, meeting_id, kind_id, element_id)
    SELECT m.region_id, m.forum_id, m.id, f.kind_id, e.id
      FROM forum_meeting m JOIN forum f ON f.id = m.forum_id JOIN forum_kind_agenda_element e ON e.kind_id = f.kind_id WHERE f.name LIKE 'TST vekst %' AND e.code <> 'barn-foresatte'`);
  await app.owner.query(`
    INSERT INTO forum_follow_up (region_id, forum_id, meeting_id, kind_id, responsible_member_id, due_on)
    SELECT m.region_id, m.forum_id, m.id, f.kind_id, (SELECT id FROM forum_kind_member WHERE kind_id = f.kind_id AND code = 'ppt'), (m.starts_at + interval '21 days')::date
      FROM forum_meeting m JOIN forum f ON f.id = m.forum_id WHERE f.name LIKE 'TST vekst %'`);
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
