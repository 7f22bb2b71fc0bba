import { Role } from '../../src/auth/roles';
import { ok, startTestApp, TestApp } from '../helpers/test-app';

/** The demo data gives `npm start` something real to show (src/seed/fora). */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

/** The school year the seed filled: the last one that is over. */
function lastSchoolYear(): { spring: string; autumn: string } {
  const now = new Date();
  const start = now.getUTCMonth() >= 6 ? now.getUTCFullYear() - 1 : now.getUTCFullYear() - 2;
  return { autumn: `${start}-AUTUMN`, spring: `${start + 1}-SPRING` };
}

it('has a TST with members at every demo unit of both regions', async () => {
  const { rows } = await app.owner.query(`
    SELECT r.code, count(DISTINCT u.id)::int AS units, count(DISTINCT f.id)::int AS tsts,
           min((SELECT count(*) FROM forum_membership m WHERE m.forum_id = f.id))::int AS min_members
      FROM unit u JOIN region r ON r.id = u.region_id
      LEFT JOIN forum f ON f.unit_id = u.id AND f.kind_id = (SELECT id FROM forum_kind k WHERE k.region_id = r.id AND k.code = 'tst')
     GROUP BY r.code ORDER BY r.code`);
  for (const row of rows) expect([row.code, row.tsts, row.min_members >= 4]).toEqual([row.code, row.units, true]);
  expect(rows.map((r) => r.code)).toEqual(['nord-osterdal', 'valdres']);
});

it("shows last school year's gaps in forumCompliance: units below the minimum, absences, a short meeting, open follow-ups", async () => {
  const admin = await app.token(Role.REGION_ADMIN);
  const { autumn, spring } = lastSchoolYear();
  const summaries: any[] = [];
  for (const number of ['3424', '3426', '3427', '3428', '3429']) {
    for (const period of [autumn, spring]) {
      summaries.push(
        ok(
          await app.gql(
            `query($n: String!, $p: String!) { forumCompliance(municipalityNumber: $n, period: $p) {
        summary { forums meetingsHeld forumsBelowMinimum shortMeetings mandatoryAttendanceRate overdueFollowUps meetingsMissingRequiredElements } } }`,
            { n: number, p: period },
            admin,
          ),
        ).forumCompliance.summary,
      );
    }
  }
  const total = (k: string) => summaries.reduce((acc, s) => acc + s[k], 0);
  expect(total('meetingsHeld')).toBeGreaterThan(100);
  expect(total('forumsBelowMinimum')).toBeGreaterThanOrEqual(3);
  expect(total('shortMeetings')).toBe(1);
  expect(total('meetingsMissingRequiredElements')).toBeGreaterThan(0);
  expect(total('overdueFollowUps')).toBeGreaterThan(0);
  expect(summaries.every((s) => s.mandatoryAttendanceRate === null || (s.mandatoryAttendanceRate > 0.7 && s.mandatoryAttendanceRate < 1))).toBe(true);
});

it('has a drøftingsteam and a network (003) in Tynset and an innsatsteam (004) in Valdres, with meetings', async () => {
  const { rows } = await app.owner.query(`
    SELECT k.code, f.placement, count(m.id)::int AS meetings FROM forum f JOIN forum_kind k ON k.id = f.kind_id LEFT JOIN forum_meeting m ON m.forum_id = f.id
     WHERE k.code IN ('droftingsteam', 'tverrfaglig-nettverk', 'innsatsteam') GROUP BY k.code, f.placement ORDER BY k.code`);
  expect(rows.map((r) => [r.code, r.placement, r.meetings > 3])).toEqual([
    ['droftingsteam', 'MUNICIPALITY', true],
    ['innsatsteam', 'MUNICIPALITY', true],
    ['tverrfaglig-nettverk', 'UNIT_GROUP', true],
  ]);
  // Everything made up says so in the data.
  const { rows: notes } = await app.owner.query(`SELECT count(*)::int AS n FROM forum WHERE notes NOT LIKE 'ILLUSTRATIVE%'`);
  expect(notes[0].n).toBe(0);
});

it('plans meetings ahead (and one cancelled) so the calendar feed has something to show', async () => {
  const { rows } = await app.owner.query(`SELECT status, count(*)::int AS n FROM forum_meeting WHERE starts_at > now() GROUP BY status ORDER BY status`);
  expect(Object.fromEntries(rows.map((r) => [r.status, r.n > 0]))).toEqual({ CANCELLED: true, PLANNED: true });
});
