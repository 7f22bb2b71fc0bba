import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { Actors, actors, attempt, codes, complianceOf, createKind, createUnit, held, heldInput, municipalForum, mutate, unitForum, uuid } from './fixtures';

/**
 * Each cadence rule through the API: meetings recorded with recordForumMeeting, then read back with
 * forumCompliance / Forum.compliance. Every test builds its own kind, unit and forum (2023–2024).
 */
let app: TestApp;
let a: Actors;
beforeAll(async () => {
  app = await startTestApp();
  a = await actors(app);
});
afterAll(() => app.close());

const WINDOWS = 'cadence { rule { period unitSize minMeetings maxMeetings } windows { window { label } count status } } belowMinimum aboveMaximum';
const statuses = (c: any) => c.cadence.flatMap((r: any) => r.windows.map((w: any) => [r.rule.period, w.window.label, w.count, w.status]));

describe('cadence rules', () => {
  it('holds the autumn term (2) and the spring term (3) separately', async () => {
    const forum = await unitForum(app, a, await createKind(app, a.admin));
    for (const date of ['2024-02-06', '2024-03-12', '2024-09-10']) await held(app, forum, date);
    const c = await complianceOf(app, a.admin, forum.id, '2024', WINDOWS);
    expect(statuses(c)).toEqual([
      ['AUTUMN_TERM', '2024-AUTUMN', 1, 'BELOW_MINIMUM'],
      ['SPRING_TERM', '2024-SPRING', 2, 'BELOW_MINIMUM'],
    ]);
    await held(app, forum, '2024-05-14');
    await held(app, forum, '2024-11-12');
    const after = await complianceOf(app, a.admin, forum.id, '2024', WINDOWS);
    expect(statuses(after)).toEqual([
      ['AUTUMN_TERM', '2024-AUTUMN', 2, 'MET'],
      ['SPRING_TERM', '2024-SPRING', 3, 'MET'],
    ]);
    expect(after.belowMinimum).toBe(false);
    // A month report shows the term it lies in, counted over the whole term.
    const march = await complianceOf(app, a.admin, forum.id, '2024-03', WINDOWS);
    expect(statuses(march)).toEqual([['SPRING_TERM', '2024-SPRING', 3, 'MET']]);
  });

  it('applies a different rule from the configured unit size on (monthly for the largest units)', async () => {
    const kind = await createKind(app, a.admin, {
      largeUnitSize: 300,
      cadence: [
        { period: 'AUTUMN_TERM', minMeetings: 2 },
        { period: 'MONTH', unitSize: 'LARGE', minMeetings: 1 },
      ],
    });
    const small = await unitForum(app, a, kind, { size: 299 });
    const large = await unitForum(app, a, kind, { size: 300 });
    for (const f of [small, large]) for (const date of ['2024-09-10', '2024-11-12']) await held(app, f, date);
    const smallC = await complianceOf(app, a.admin, small.id, '2024-AUTUMN', `unitSizeBand ${WINDOWS}`);
    const largeC = await complianceOf(app, a.admin, large.id, '2024-AUTUMN', `unitSizeBand ${WINDOWS}`);
    expect([smallC.unitSizeBand, largeC.unitSizeBand]).toEqual(['BELOW_LARGE', 'LARGE']);
    expect(statuses(smallC)).toEqual([['AUTUMN_TERM', '2024-AUTUMN', 2, 'MET']]);
    expect(
      statuses(largeC)
        .filter((s: any[]) => s[0] === 'MONTH')
        .map((s: any[]) => [s[1], s[3]]),
    ).toEqual([
      ['2024-08', 'BELOW_MINIMUM'],
      ['2024-09', 'MET'],
      ['2024-10', 'BELOW_MINIMUM'],
      ['2024-11', 'MET'],
      ['2024-12', 'BELOW_MINIMUM'],
    ]);
    expect([smallC.belowMinimum, largeC.belowMinimum]).toEqual([false, true]);
  });

  it('reports more meetings than a monthly maximum, and planning refuses to pass it', async () => {
    const kind = await createKind(app, a.admin, { placement: 'MUNICIPALITY', minMeetingMinutes: null, agendaElements: [], cadence: [{ period: 'MONTH', minMeetings: 2, maxMeetings: 4 }] });
    const team = await municipalForum(app, a, kind, '3429');
    for (const day of ['04', '06', '11', '13']) await held(app, team, `2024-03-${day}`);
    const c = await complianceOf(app, a.admin, team.id, '2024-03', WINDOWS);
    expect(statuses(c)).toEqual([['MONTH', '2024-03', 4, 'MET']]);
    // A fifth is refused, planned or recorded: at most 4 a month.
    const fifth = await attempt(app, team.runner, 'planForumMeeting', { forumId: team.id, startsAt: '2024-03-25T10:00:00Z' }, 'meeting { id }');
    expect(codes(fifth.payload)).toEqual(['INVALID']);
    expect(fifth.payload.userErrors[0].message).toMatch(/at most 4 times per month; 2024-03 already has 4/);
    const recorded = await attempt(app, team.runner, 'recordForumMeeting', heldInput(team, '2024-03-20'), 'meeting { id }');
    expect(codes(recorded.payload)).toEqual(['INVALID']);
    // Data that got in another way (an import, an older rule) is still reported.
    await app.owner.query(
      `INSERT INTO forum_meeting (region_id, forum_id, starts_at, planned_minutes, actual_minutes, status, created_by)
      SELECT region_id, id, '2024-03-27T10:00:00Z', 90, 90, 'HELD', 'test' FROM forum WHERE id = $1`,
      [uuid(team.id)],
    );
    const over = await complianceOf(app, a.admin, team.id, '2024-03', WINDOWS);
    expect(statuses(over)).toEqual([['MONTH', '2024-03', 5, 'ABOVE_MAXIMUM']]);
    expect(over.aboveMaximum).toBe(true);
  });

  it('rotates the leadership: the same member cannot follow themself, and a leader serving too long is reported', async () => {
    const kind = await createKind(app, a.admin, { placement: 'MUNICIPALITY', leadership: 'ROTATING', rotationMonths: 12, agendaElements: [], cadence: [{ period: 'YEAR', minMeetings: 4 }] });
    const net = await municipalForum(app, a, kind, '3429', '2023-01-01');
    const [first, second] = Object.values(net.seats);
    const again = await attempt(app, a.admin, 'setForumLeader', { forumId: net.id, membershipId: first, validFrom: '2024-01-01' }, 'forum { id }');
    expect(codes(again.payload)).toEqual(['INVALID']);
    expect(again.payload.userErrors[0].message).toMatch(/leadership rotates/);
    const c = await complianceOf(app, a.admin, net.id, '2024', 'leadershipViolations { issue date }');
    expect(c.leadershipViolations).toEqual([{ issue: 'TERM_TOO_LONG', date: '2024-01-01' }]);
    await mutate(app, a.admin, 'setForumLeader', { forumId: net.id, membershipId: second, validFrom: '2024-01-01' }, 'forum { id }');
    const after = await complianceOf(app, a.admin, net.id, '2024', 'leadershipViolations { issue date }');
    expect(after.leadershipViolations).toEqual([]);
    const leader = ok(await app.gql(`query($id: ID!) { forum(id: $id) { leader(on: "2024-06-01") { id } leaderTerms { validFrom validTo } } }`, { id: net.id }, a.admin)).forum;
    expect(leader.leader.id).toBe(second);
    expect(leader.leaderTerms).toEqual([
      { validFrom: '2023-01-01', validTo: '2023-12-31' },
      { validFrom: '2024-01-01', validTo: null },
    ]);
  });

  it('holds an on-demand member to their times per half-year (police twice per half-year)', async () => {
    const kind = await createKind(app, a.admin, {
      placement: 'MUNICIPALITY',
      agendaElements: [],
      minMeetingMinutes: null,
      cadence: [{ period: 'MONTH', minMeetings: 1 }],
      members: [
        { code: 'leder', name: 'Enhetsleder', attendance: 'MANDATORY' },
        { code: 'politi', name: 'Politikontakt', attendance: 'ON_DEMAND', attendancesPerHalfYear: 2 },
      ],
    });
    const group = await municipalForum(app, a, kind, '3429');
    const police = (status: string) => ({
      attendance: [
        { membershipId: group.seats.leder, status: 'PRESENT' },
        { membershipId: group.seats.politi, status },
      ],
    });
    const record = (date: string, status: string) =>
      mutate(
        app,
        group.runner,
        'recordForumMeeting',
        {
          forumId: group.id,
          startsAt: `${date}T10:00:00Z`,
          actualMinutes: 90,
          minutesWrittenBy: 'Leder',
          agenda: [],
          minutes: 'Referat',
          ...police(status),
        },
        'meeting { id }',
      );
    await record('2024-02-06', 'PRESENT');
    await record('2024-04-09', 'ABSENT');
    await record('2024-09-10', 'PRESENT');
    await record('2024-11-12', 'PRESENT');
    const c = await complianceOf(app, a.admin, group.id, '2024', 'memberHalfYear { member { code } windows { window { label } count min status } }');
    expect(c.memberHalfYear).toEqual([
      {
        member: { code: 'politi' },
        windows: [
          { window: { label: '2024-H1' }, count: 1, min: 2, status: 'BELOW_MINIMUM' },
          { window: { label: '2024-H2' }, count: 2, min: 2, status: 'MET' },
        ],
      },
    ]);
  });

  it('requires an agenda element every half-year (SLT in the networks)', async () => {
    const kind = await createKind(app, a.admin, {
      placement: 'MUNICIPALITY',
      minMeetingMinutes: null,
      cadence: [{ period: 'YEAR', minMeetings: 4 }],
      agendaElements: [
        { code: 'tema', title: 'Tema', required: 'OPTIONAL' },
        { code: 'slt', title: 'SLT-arbeidet', required: 'EVERY_HALF_YEAR' },
      ],
    });
    const net = await municipalForum(app, a, kind, '3429');
    await held(app, net, '2024-02-06', { elements: ['tema', 'slt'] });
    await held(app, net, '2024-05-07', { elements: ['tema'] });
    await held(app, net, '2024-09-10', { elements: ['tema'] });
    await held(app, net, '2024-11-12', { elements: ['tema'] });
    const c = await complianceOf(app, a.admin, net.id, '2024', 'halfYearElements { element { code } windows { window { label } count status } } missingElements { meeting { id } }');
    expect(c.halfYearElements).toEqual([
      {
        element: { code: 'slt' },
        windows: [
          { window: { label: '2024-H1' }, count: 1, status: 'MET' },
          { window: { label: '2024-H2' }, count: 0, status: 'BELOW_MINIMUM' },
        ],
      },
    ]);
    expect(c.missingElements).toEqual([]);
  });
});

describe('forumCompliance', () => {
  it('reports short meetings, missing required elements, attendance per mandatory service, overdue follow-ups and units without the required forum', async () => {
    const kind = await createKind(app, a.admin, { requiredUnitKinds: ['OTHER'] });
    const forum = await unitForum(app, a, kind, { municipality: '3428', unitKind: 'OTHER' });
    const bare = await createUnit(app, a.admin, '3428', 40, 'OTHER');
    await held(app, forum, '2024-09-10', {
      minutes: 120,
      absent: ['barnevern'],
      elements: ['enheten', 'veiledning'],
      followUps: [{ description: 'PPT observerer', responsibleMemberId: kind.members.ppt, dueOn: '2024-10-01' }],
    });
    await held(app, forum, '2024-11-12', { excused: ['ppt'], followUps: [{ description: 'Barnevern veileder', responsibleMemberId: kind.members.barnevern, dueOn: '2024-12-01' }] });
    const followUps = ok(await app.gql(`query($id: ID!) { forum(id: $id) { followUps { nodes { id dueOn } } } }`, { id: forum.id }, forum.runner)).forum.followUps.nodes;
    await mutate(app, forum.runner, 'setForumFollowUpDone', { followUpId: followUps.find((f: any) => f.dueOn === '2024-12-01').id, doneOn: '2024-11-20' }, 'followUp { doneOn }');

    const director = await a.director('3428');
    const report = ok(
      await app.gql(
        `query { forumCompliance(municipalityNumber: "3428", period: "2024-AUTUMN") {
      municipality { number } period { kind label from to }
      forums { forum { id } meetings { held } shortMeetings { actualMinutes minimumMinutes } missingElements { missing { code } }
               attendance { member { code } expected present absent excused notRecorded rate } followUps { due done overdue doneLate } }
      missingForums { kind { id } units { id } }
      summary { forums unitsWithoutRequiredForum } } }`,
        {},
        director,
      ),
    ).forumCompliance;
    expect(report.period).toEqual({ kind: 'AUTUMN_TERM', label: '2024-AUTUMN', from: '2024-08-01', to: '2024-12-31' });
    const mine = report.forums.find((f: any) => f.forum.id === forum.id);
    expect(mine.meetings.held).toBe(2);
    expect(mine.shortMeetings).toEqual([{ actualMinutes: 120, minimumMinutes: 150 }]);
    expect(mine.missingElements).toEqual([{ missing: [{ code: 'barn' }] }]);
    expect(mine.attendance).toEqual([
      { member: { code: 'enheten' }, expected: 2, present: 2, absent: 0, excused: 0, notRecorded: 0, rate: 1 },
      { member: { code: 'ppt' }, expected: 2, present: 1, absent: 0, excused: 1, notRecorded: 0, rate: 0.5 },
      { member: { code: 'barnevern' }, expected: 2, present: 1, absent: 1, excused: 0, notRecorded: 0, rate: 0.5 },
    ]);
    expect(mine.followUps).toEqual({ due: 2, done: 1, overdue: 1, doneLate: 0 });
    const missing = report.missingForums.find((m: any) => m.kind.id === kind.id);
    expect(missing.units.map((u: any) => u.id)).toEqual([bare.id]);
    expect(report.summary.forums).toBe(report.forums.length);
    expect(report.summary.unitsWithoutRequiredForum).toBeGreaterThanOrEqual(1);
  });

  it('gives a MUNICIPAL_DIRECTOR their own municipality only; REGION_ADMIN any of the region; bad periods are BAD_USER_INPUT', async () => {
    const director = await a.director('3429');
    expect(ok(await app.gql(`{ forumCompliance(municipalityNumber: "3429", period: "2024") { municipality { number } } }`, {}, director)).forumCompliance.municipality.number).toBe('3429');
    const other = await app.gql(`{ forumCompliance(municipalityNumber: "3427", period: "2024") { municipality { number } } }`, {}, director);
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(ok(await app.gql(`{ forumCompliance(municipalityNumber: "3427", period: "2024-H2") { period { label } } }`, {}, a.admin)).forumCompliance.period.label).toBe('2024-H2');
    const foreign = await app.gql(`{ forumCompliance(municipalityNumber: "3449", period: "2024") { summary { forums } } }`, {}, a.admin);
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    for (const period of ['2024-13', 'spring', '2024-SPRING-2', `2024${'\u0000'}`]) {
      const bad = await app.gql(`query($p: String!) { forumCompliance(municipalityNumber: "3429", period: $p) { summary { forums } } }`, { p: period }, a.admin);
      // A NUL is refused by the input guard before the resolver runs, naming the variable.
      const field = period.includes('\u0000') ? '$p' : 'period';
      expect([period, bad.errors?.[0].extensions?.code, bad.errors?.[0].extensions?.field]).toEqual([period, 'BAD_USER_INPUT', field]);
    }
    const badNumber = await app.gql(`{ forumCompliance(municipalityNumber: "34", period: "2024") { summary { forums } } }`, {}, a.admin);
    expect(badNumber.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("uses the region's own term dates", async () => {
    const forum = await unitForum(app, a, await createKind(app, a.admin), { municipality: '3426' });
    await held(app, forum, '2024-08-12');
    const before = await complianceOf(app, a.admin, forum.id, '2024-AUTUMN', WINDOWS);
    expect(statuses(before)[0].slice(0, 3)).toEqual(['AUTUMN_TERM', '2024-AUTUMN', 1]);
    const valdresKind = await createKind(app, a.valdresAdmin);
    const set = await attempt(app, a.valdresAdmin, 'setForumTerms', { springStart: '01-03', springEnd: '06-20', autumnStart: '08-19', autumnEnd: '12-20' }, 'terms { autumnStart fromYear }');
    expect(set.payload.userErrors).toEqual([]);
    // From the first year none of whose terms has begun (history.test.ts: begun terms keep their dates).
    const fromYear: number = set.payload.terms.fromYear;
    expect(fromYear).toBeGreaterThan(Number(new Date().toISOString().slice(0, 4)) - 1);
    // Valdres' terms do not move Nord-Østerdal's.
    expect(ok(await app.gql(`{ forumTerms { autumnStart isDefault } }`, {}, a.admin)).forumTerms).toEqual({ autumnStart: '08-01', isDefault: true });
    expect(ok(await app.gql(`{ forumTerms { autumnStart isDefault } }`, {}, a.valdresAdmin)).forumTerms).toEqual({ autumnStart: '08-19', isDefault: false });
    const vForum = await unitForum(app, await actors(app, 'valdres'), valdresKind, { municipality: '3449' });
    await held(app, vForum, '2024-08-12');
    const after = await complianceOf(app, a.valdresAdmin, vForum.id, `${fromYear}-AUTUMN`, 'cadence { windows { window { label from to } } }');
    expect(after.cadence[0].windows[0].window).toEqual({ label: `${fromYear}-AUTUMN`, from: `${fromYear}-08-19`, to: `${fromYear}-12-20` });
    // 2024's autumn keeps the dates it had (the defaults): the meeting of 12 August counts in it.
    const past = await complianceOf(app, a.valdresAdmin, vForum.id, '2024-AUTUMN', WINDOWS);
    expect(statuses(past)[0].slice(0, 3)).toEqual(['AUTUMN_TERM', '2024-AUTUMN', 1]);
    for (const bad of [{ springStart: '02-29' }, { springEnd: '09-01' }]) {
      const r = await attempt(app, a.valdresAdmin, 'setForumTerms', { springStart: '01-03', springEnd: '06-20', autumnStart: '08-19', autumnEnd: '12-20', ...bad }, 'terms { autumnStart }');
      expect(codes(r.payload)).toEqual(['INVALID']);
    }
  });
});
