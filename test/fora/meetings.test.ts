import { tableFingerprint } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { Actors, actors, attempt, BuiltForum, codes, createKind, heldInput, municipalForum, mutate, unitForum } from './fixtures';
import { withCheckDigits } from '../helpers/national-id';

/**
 * A TST leader's work: planning, a term's schedule, recording a held meeting in one mutation,
 * cancelling; what members read; the personal-data rule; hostile input.
 */
let app: TestApp;
let a: Actors;
beforeAll(async () => {
  app = await startTestApp();
  a = await actors(app);
});
afterAll(() => app.close());

const CONTENT_TABLES = ['forum_meeting', 'forum_attendance', 'forum_agenda_section', 'forum_agenda_item', 'forum_minutes', 'forum_case_item', 'forum_follow_up', 'forum_follow_up_note'];

const FNR = withCheckDigits('150765005');
const DNR = withCheckDigits('641190401');

describe('planning', () => {
  let forum: BuiltForum;
  beforeAll(async () => {
    forum = await unitForum(app, a, await createKind(app, a.admin), { from: '2030-08-01' });
  });

  it('plans a meeting at the unit by default, one per day', async () => {
    const { meeting } = await mutate(app, forum.runner, 'planForumMeeting', { forumId: forum.id, startsAt: '2030-09-03T11:00:00Z' }, 'meeting { status plannedMinutes place date forum { id } }');
    expect(meeting).toEqual({ status: 'PLANNED', plannedMinutes: 150, place: `Testskole ${forum.unit!.code}`, date: '2030-09-03', forum: { id: forum.id } });
    const twice = await attempt(app, forum.runner, 'planForumMeeting', { forumId: forum.id, startsAt: '2030-09-03T14:00:00Z' }, 'meeting { id }');
    expect(codes(twice.payload)).toEqual(['CONFLICT']);
    const before = await attempt(app, forum.runner, 'planForumMeeting', { forumId: forum.id, startsAt: '2030-07-01T11:00:00Z' }, 'meeting { id }');
    expect(codes(before.payload)).toEqual(['INVALID']);
  });

  it("generates a term's schedule on a weekday and time, evenly spread, skipping excluded dates; again = nothing new", async () => {
    const f = await unitForum(app, a, await createKind(app, a.admin), { from: '2030-08-01' });
    const input = { forumId: f.id, term: '2031-SPRING', weekday: 'WEDNESDAY', startTime: '12:30', excludedDates: ['2031-02-19', '2031-02-26'] };
    const first = await mutate(app, f.runner, 'generateForumSchedule', input, 'meetings { date startsAt status } existingInTerm totalInTerm');
    expect(first.meetings).toHaveLength(3);
    expect(first.meetings.map((m: any) => new Date(`${m.date}T00:00:00Z`).getUTCDay())).toEqual([3, 3, 3]);
    expect(first.meetings.every((m: any) => m.status === 'PLANNED' && !input.excludedDates.includes(m.date))).toBe(true);
    // 12:30 in Oslo: 11:30Z in winter, 10:30Z in summer time.
    expect(first.meetings.map((m: any) => m.startsAt.slice(11, 16))).toEqual(first.meetings.map((m: any) => (m.date < '2031-03-30' ? '11:30' : '10:30')));
    const months = first.meetings.map((m: any) => Number(m.date.slice(5, 7)));
    expect(months[0]).toBeLessThanOrEqual(2);
    expect(months[2]).toBeGreaterThanOrEqual(5);
    const second = await mutate(app, f.runner, 'generateForumSchedule', input, 'meetings { date } existingInTerm totalInTerm');
    expect(second).toMatchObject({ meetings: [], existingInTerm: 3, totalInTerm: 3 });
    const bad = await attempt(app, f.runner, 'generateForumSchedule', { ...input, term: '2031-03' }, 'meetings { date }');
    expect(bad.code).toBe('BAD_USER_INPUT');
    const badTime = await attempt(app, f.runner, 'generateForumSchedule', { ...input, startTime: '25:00' }, 'meetings { date }');
    expect(badTime.code).toBe('BAD_USER_INPUT');
  });
});

describe('recording a held meeting', () => {
  it('saves attendance, agenda under the template, cases, minutes and follow-ups in one mutation', async () => {
    const forum = await unitForum(app, a, await createKind(app, a.admin));
    const { meeting: planned } = await mutate(app, forum.runner, 'planForumMeeting', { forumId: forum.id, startsAt: '2024-09-10T10:00:00Z' }, 'meeting { id }');
    const input = {
      ...heldInput(forum, '2024-09-10', { absent: ['barnevern'], followUps: [{ description: 'PPT observerer i klassen', responsibleMemberId: forum.kind.members.ppt, dueOn: '2024-10-01' }] }),
      forumId: undefined,
      startsAt: undefined,
      meetingId: planned.id,
      convenedBy: 'Rektor',
      caseItems: [{ elementId: forum.kind.elements.barn, label: 'Elev, 5. trinn', summary: 'Bekymring for fravær' }],
      minutesSentOn: '2024-09-12',
    };
    const { meeting } = await mutate(
      app,
      forum.runner,
      'recordForumMeeting',
      input,
      `meeting { id status actualMinutes convenedBy minutesWrittenBy minutesSentOn sequence
      attendance { status membership { seat { code } } } coveredElements { code } agenda { title element { code } } minutes
      caseItems { label summary anonymous subjectName element { code } } followUps { description dueOn doneOn overdue responsibleMember { code } } }`,
    );
    expect(meeting).toMatchObject({
      id: planned.id,
      status: 'HELD',
      actualMinutes: 150,
      convenedBy: 'Rektor',
      minutesWrittenBy: 'Møteleder',
      minutesSentOn: '2024-09-12',
      sequence: 1,
      minutes: 'Referat 2024-09-10',
    });
    expect(meeting.attendance.map((x: any) => [x.membership.seat.code, x.status]).sort()).toEqual([
      ['barnevern', 'ABSENT'],
      ['enheten', 'PRESENT'],
      ['ppt', 'PRESENT'],
    ]);
    expect(meeting.coveredElements.map((e: any) => e.code)).toEqual(['enheten', 'veiledning', 'barn']);
    expect(meeting.caseItems).toEqual([{ label: 'Elev, 5. trinn', summary: 'Bekymring for fravær', anonymous: true, subjectName: null, element: { code: 'barn' } }]);
    expect(meeting.followUps).toEqual([{ description: 'PPT observerer i klassen', dueOn: '2024-10-01', doneOn: null, overdue: true, responsibleMember: { code: 'ppt' } }]);
    // Recorded once: a second record of the same meeting is a conflict, and cancelling it too.
    const again = await attempt(app, forum.runner, 'recordForumMeeting', input, 'meeting { id }');
    expect(codes(again.payload)).toEqual(['CONFLICT']);
    const cancel = await attempt(app, forum.runner, 'cancelForumMeeting', { meetingId: planned.id, reason: 'For sent' }, 'meeting { id }');
    expect(codes(cancel.payload)).toEqual(['CONFLICT']);
  });

  it('refuses, saving nothing, when a member with attendance duty is missing, an element is foreign, or the meeting is in the future', async () => {
    const forum = await unitForum(app, a, await createKind(app, a.admin));
    const other = await createKind(app, a.admin);
    const input = heldInput(forum, '2024-09-10');
    const before = await tableFingerprint(app, CONTENT_TABLES);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ attendance: input.attendance.slice(1) }, ['INVALID']],
      [{ agenda: [{ elementId: other.elements.barn, title: 'Fremmed element' }] }, ['NOT_FOUND']],
      [{ startsAt: '2999-01-05T10:00:00Z' }, ['INVALID']],
      [{ attendance: [...input.attendance, input.attendance[0]] }, ['INVALID']],
      [{ followUps: [{ description: 'Uten ansvarlig', dueOn: '2024-10-01' }] }, ['INVALID']],
    ];
    for (const [change, expected] of cases) {
      const r = await attempt(app, forum.runner, 'recordForumMeeting', { ...input, ...change }, 'meeting { id }');
      expect([Object.keys(change)[0], codes(r.payload)]).toEqual([Object.keys(change)[0], expected]);
    }
    expect(await tableFingerprint(app, CONTENT_TABLES)).toEqual(before);
  });

  it('rejects a fødselsnummer or D-number in minutes, anonymous cases, follow-ups and agenda as PERSONAL_DATA, saving nothing; a number failing the checksum is accepted', async () => {
    const forum = await unitForum(app, a, await createKind(app, a.admin));
    const input = heldInput(forum, '2024-09-10');
    const spaced = `${DNR.slice(0, 6)} ${DNR.slice(6)}`;
    const before = await tableFingerprint(app, CONTENT_TABLES);
    const r = await attempt(
      app,
      forum.runner,
      'recordForumMeeting',
      {
        ...input,
        minutes: `Drøftet eleven med fnr ${FNR}.`,
        caseItems: [{ label: 'Elev', summary: `D-nummer ${spaced}` }],
        followUps: [{ description: `Følg opp ${DNR}`, responsibleMemberId: forum.kind.members.ppt, dueOn: '2024-10-01' }],
        agenda: [{ title: `Sak ${FNR}` }],
      },
      'meeting { id }',
    );
    expect(r.payload.meeting).toBeNull();
    expect(r.payload.userErrors.map((e: any) => [e.field.join('.'), e.code]).sort()).toEqual([
      ['input.agenda.0.title', 'PERSONAL_DATA'],
      ['input.caseItems.0.summary', 'PERSONAL_DATA'],
      ['input.followUps.0.description', 'PERSONAL_DATA'],
      ['input.minutes', 'PERSONAL_DATA'],
    ]);
    expect(JSON.stringify(r.payload.userErrors)).not.toContain(FNR.slice(6));
    expect(await tableFingerprint(app, CONTENT_TABLES)).toEqual(before);
    const broken = `${FNR.slice(0, 10)}${(Number(FNR[10]) + 1) % 10}`;
    const accepted = await mutate(app, forum.runner, 'recordForumMeeting', { ...input, minutes: `Kontonummer ${broken} oppgitt.` }, 'meeting { minutes }');
    expect(accepted.meeting.minutes).toBe(`Kontonummer ${broken} oppgitt.`);
    const cancelled = await mutate(app, forum.runner, 'planForumMeeting', { forumId: forum.id, startsAt: '2024-10-15T10:00:00Z' }, 'meeting { id }');
    const reason = await attempt(app, forum.runner, 'cancelForumMeeting', { meetingId: cancelled.meeting.id, reason: `Syk, ${FNR}` }, 'meeting { id }');
    expect(codes(reason.payload)).toEqual(['PERSONAL_DATA']);
  });

  it('cancels a planned meeting with its reason; the record of the kind "minutes by the convener" (004) is enforced', async () => {
    const forum = await unitForum(app, a, await createKind(app, a.admin));
    const { meeting } = await mutate(app, forum.runner, 'planForumMeeting', { forumId: forum.id, startsAt: '2024-10-15T10:00:00Z' }, 'meeting { id sequence }');
    const { meeting: cancelled } = await mutate(app, forum.runner, 'cancelForumMeeting', { meetingId: meeting.id, reason: 'Sykdom' }, 'meeting { status cancelReason sequence }');
    expect(cancelled).toEqual({ status: 'CANCELLED', cancelReason: 'Sykdom', sequence: meeting.sequence + 1 });

    const innsats = await createKind(app, a.admin, { placement: 'MUNICIPALITY', minutesByConvener: true, agendaElements: [], minMeetingMinutes: null, cadence: [{ period: 'MONTH', minMeetings: 1 }] });
    const team = await municipalForum(app, a, innsats, '3429');
    const input = { ...heldInput(team, '2024-09-10'), convenedBy: 'Kommunepsykolog', minutesWrittenBy: 'Helsesykepleier' };
    const wrong = await attempt(app, team.runner, 'recordForumMeeting', input, 'meeting { id }');
    expect(codes(wrong.payload)).toEqual(['INVALID']);
    await mutate(app, team.runner, 'recordForumMeeting', { ...input, minutesWrittenBy: 'Kommunepsykolog' }, 'meeting { id }');
  });

  it('turns hostile input into typed errors: huge and blank text, NUL bytes, huge lists, foreign and garbage IDs', async () => {
    const forum = await unitForum(app, a, await createKind(app, a.admin));
    const input = heldInput(forum, '2024-09-10');
    const valdresForum = (await app.owner.query(`SELECT f.id FROM forum f JOIN region r ON r.id = f.region_id WHERE r.code = 'valdres' LIMIT 1`)).rows[0].id;
    const shapes: Record<string, unknown>[] = [
      { minutes: 'x'.repeat(50001) },
      { minutes: '   ' },
      { minutesWrittenBy: '' },
      { attendance: Array.from({ length: 201 }, () => input.attendance[0]) },
      { agenda: [{ title: 'x'.repeat(301) }] },
      { actualMinutes: 0 },
      { minutes: 'Referat\u0000slutt' },
      { caseItems: [{ label: 'Elev\u0000' }] },
    ];
    for (const change of shapes) {
      const r = await attempt(app, forum.runner, 'recordForumMeeting', { ...input, ...change }, 'meeting { id }');
      expect([Object.keys(change)[0], r.code]).toEqual([Object.keys(change)[0], 'BAD_USER_INPUT']);
    }
    const nulFilter = await app.gql(`{ forums(kindCode: "tst\\u0000") { totalCount } }`, {}, a.admin);
    expect(nulFilter.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const garbage = await attempt(app, forum.runner, 'recordForumMeeting', { ...input, forumId: 'not-an-id' }, 'meeting { id }');
    expect(codes(garbage.payload)).toEqual(['NOT_FOUND']);
    const foreign = await attempt(app, forum.runner, 'recordForumMeeting', { ...input, forumId: Buffer.from(`Forum:${valdresForum}`).toString('base64url') }, 'meeting { id }');
    expect(codes(foreign.payload)).toEqual(['NOT_FOUND']);
  });
});

describe('what members read', () => {
  it("gives a TST_MEMBER their forum's meetings, minutes and follow-ups, and a REGION_ADMIN the structure but not the content", async () => {
    const forum = await unitForum(app, a, await createKind(app, a.admin));
    await mutate(
      app,
      forum.runner,
      'recordForumMeeting',
      {
        ...heldInput(forum, '2024-09-10', { followUps: [{ description: 'Avtalt tiltak', responsibleMemberId: forum.kind.members.ppt, dueOn: '2099-01-01' }] }),
        caseItems: [{ label: 'Elev, 2. trinn' }],
      },
      'meeting { id }',
    );
    const query = `query($id: ID!) { forum(id: $id) { viewerIsMember meetings { totalCount nodes { date status minutes agenda { title } caseItems { label } attendance { status } coveredElements { code } } }
      followUps(open: true) { totalCount nodes { description dueOn overdue } } } }`;
    const member = ok(await app.gql(query, { id: forum.id }, await a.member(forum.unit!.code))).forum;
    expect(member.viewerIsMember).toBe(true);
    expect(member.meetings.nodes[0]).toMatchObject({ date: '2024-09-10', status: 'HELD', minutes: 'Referat 2024-09-10', caseItems: [{ label: 'Elev, 2. trinn' }] });
    expect(member.meetings.nodes[0].agenda).toHaveLength(3);
    expect(member.followUps).toEqual({ totalCount: 1, nodes: [{ description: 'Avtalt tiltak', dueOn: '2099-01-01', overdue: false }] });
    const admin = ok(await app.gql(query, { id: forum.id }, a.admin)).forum;
    expect(admin.viewerIsMember).toBe(false);
    expect(admin.meetings.nodes[0]).toMatchObject({ date: '2024-09-10', status: 'HELD', minutes: null, agenda: [], caseItems: [] });
    expect(admin.meetings.nodes[0].attendance).toHaveLength(3);
    expect(admin.meetings.nodes[0].coveredElements).toHaveLength(3);
    expect(admin.followUps.nodes).toEqual([{ description: null, dueOn: '2099-01-01', overdue: false }]);
    // A member may read but not run the forum.
    const plan = await attempt(app, await a.member(forum.unit!.code), 'planForumMeeting', { forumId: forum.id, startsAt: '2024-12-03T10:00:00Z' }, 'meeting { id }');
    expect(plan.code).toBe('FORBIDDEN');
  });

  it('pages meetings in SQL, newest first, with date and status filters', async () => {
    const forum = await unitForum(app, a, await createKind(app, a.admin));
    for (const d of ['2024-01-09', '2024-02-06', '2024-03-05', '2024-04-09']) await mutate(app, forum.runner, 'recordForumMeeting', heldInput(forum, d), 'meeting { id }');
    await mutate(app, forum.runner, 'planForumMeeting', { forumId: forum.id, startsAt: '2099-01-06T10:00:00Z' }, 'meeting { id }');
    const page = (vars: Record<string, unknown>) =>
      app.gql(
        `query($id: ID!, $first: Int, $after: String, $from: Date, $to: Date, $status: ForumMeetingStatus) {
      forum(id: $id) { meetings(first: $first, after: $after, from: $from, to: $to, status: $status) { totalCount pageInfo { hasNextPage endCursor } nodes { date } } } }`,
        { id: forum.id, ...vars },
        forum.runner,
      );
    const first = ok(await page({ first: 2 })).forum.meetings;
    expect(first.totalCount).toBe(5);
    expect(first.nodes.map((n: any) => n.date)).toEqual(['2099-01-06', '2024-04-09']);
    const next = ok(await page({ first: 2, after: first.pageInfo.endCursor })).forum.meetings;
    expect(next.nodes.map((n: any) => n.date)).toEqual(['2024-03-05', '2024-02-06']);
    const filtered = ok(await page({ from: '2024-02-01', to: '2024-03-31', status: 'HELD' })).forum.meetings;
    expect(filtered.nodes.map((n: any) => n.date)).toEqual(['2024-03-05', '2024-02-06']);
    expect((await page({ first: 101 })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
