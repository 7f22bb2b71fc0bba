import { asApiRole, tableFingerprint } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { Actors, actors, attempt, BuiltForum, codes, createKind, heldInput, municipalForum, mutate, unitForum, uuid } from './fixtures';

/**
 * Seed 003: "Referat fra møtene sendes tverrfaglig samarbeidsgruppe barn og unge … Referatene er på
 * agendaen". A meeting's minutes sent to another forum are readable by that forum's own members
 * (`Forum.receivedMinutes`), and nothing else of the sending forum is: not its other meetings'
 * minutes, agenda items, case items or consents. RLS says the same with the service bypassed.
 */
let app: TestApp;
let a: Actors;
let tst: BuiltForum; // the sender: a unit forum, run by the unit's TST_LEADER
let group: BuiltForum; // the receiver: a municipal forum of Folldal (the samarbeidsgruppe), run by its director
let tynsetTeam: BuiltForum;
let sentMeeting: string;
let keptMeeting: string;

const RECEIVED = `query($id: ID!) { forum(id: $id) { receivedMinutes(first: 10) { totalCount nodes { heldOn sentOn minutes fromForum { id } } } } }`;
const received = async (token: string, forumId = group.id) => ok(await app.gql(RECEIVED, { id: forumId }, token)).forum.receivedMinutes;

beforeAll(async () => {
  app = await startTestApp();
  a = await actors(app);
  tst = await unitForum(app, a, await createKind(app, a.admin));
  const municipal = await createKind(app, a.admin, { placement: 'MUNICIPALITY', agendaElements: [] });
  group = await municipalForum(app, a, municipal, '3429');
  tynsetTeam = await municipalForum(app, a, municipal, '3427');
  sentMeeting = (
    await mutate(
      app,
      tst.runner,
      'recordForumMeeting',
      { ...heldInput(tst, '2024-09-10', { text: 'Referat fra nettverket: skolemiljø og rus' }), caseItems: [{ label: 'Elev, 5. trinn', summary: 'Bekymring for fravær' }] },
      'meeting { id }',
    )
  ).meeting.id;
  keptMeeting = (await mutate(app, tst.runner, 'recordForumMeeting', heldInput(tst, '2024-10-08', { text: 'Internt referat' }), 'meeting { id }')).meeting.id;
});
afterAll(() => app.close());

describe('minutes sent to another forum', () => {
  it('are not readable by the receiving forum before they are sent', async () => {
    const director = await a.director('3429');
    expect(await received(director)).toEqual({ totalCount: 0, nodes: [] });
  });

  it("let the receiving forum's members read exactly those minutes, and where they came from", async () => {
    const { meeting } = await mutate(app, tst.runner, 'markForumMinutesSent', { meetingId: sentMeeting, sentOn: '2024-09-12', toForumId: group.id }, 'meeting { minutesSentOn minutesSentTo { id } }');
    expect(meeting).toEqual({ minutesSentOn: '2024-09-12', minutesSentTo: { id: group.id } });
    const director = await a.director('3429');
    expect(await received(director)).toEqual({
      totalCount: 1,
      nodes: [{ heldOn: '2024-09-10', sentOn: '2024-09-12', minutes: 'Referat fra nettverket: skolemiljø og rus', fromForum: { id: tst.id } }],
    });
    // Sending again to the same forum records nothing new.
    await mutate(app, tst.runner, 'markForumMinutesSent', { meetingId: sentMeeting, sentOn: '2024-09-13', toForumId: group.id }, 'meeting { id }');
    expect((await received(director)).totalCount).toBe(1);
  });

  it("still hide the sending forum's other content from the receiving forum", async () => {
    const director = await a.director('3429');
    const data = ok(
      await app.gql(`query($id: ID!) { forum(id: $id) { consents { id } meetings(first: 10) { nodes { id minutes caseItems { label } agenda { title } } } } }`, { id: tst.id }, director),
    ).forum;
    expect(data.consents).toEqual([]);
    for (const m of data.meetings.nodes) expect([m.id, m.minutes, m.caseItems, m.agenda]).toEqual([m.id, null, [], []]);
    // RLS alone (hand-written SQL as the API role): the sent minutes, and nothing else of the TST.
    await asApiRole(app, { role: 'MUNICIPAL_DIRECTOR', region_id: await regionId(), municipality_id: await municipalityId('3429') }, async (q) => {
      const minutes = await q(`SELECT meeting_id, text FROM forum_minutes WHERE forum_id = $1`, [uuid(tst.id)]);
      expect(minutes).toEqual([{ meeting_id: uuid(sentMeeting), text: 'Referat fra nettverket: skolemiljø og rus' }]);
      for (const table of ['forum_case_item', 'forum_agenda_item', 'forum_case_consent', 'forum_follow_up_note']) {
        expect([table, (await q(`SELECT count(*)::int AS n FROM ${table} WHERE forum_id = $1`, [uuid(tst.id)]))[0].n]).toEqual([table, 0]);
      }
    });
    expect(keptMeeting).toBeTruthy();
  });

  it('reach a forum whose members cannot see the sending forum at all (a municipal forum to a TST)', async () => {
    const meeting = (await mutate(app, group.runner, 'recordForumMeeting', heldInput(group, '2024-11-05', { text: 'Referat fra samarbeidsgruppa' }), 'meeting { id }')).meeting.id;
    const member = await a.member(tst.unit!.code);
    expect(await received(member, tst.id)).toEqual({ totalCount: 0, nodes: [] });
    await mutate(app, group.runner, 'markForumMinutesSent', { meetingId: meeting, sentOn: '2024-11-06', toForumId: tst.id }, 'meeting { id }');
    expect((await received(member, tst.id)).nodes).toEqual([{ heldOn: '2024-11-05', sentOn: '2024-11-06', minutes: 'Referat fra samarbeidsgruppa', fromForum: { id: group.id } }]);
    // The TST's members still see nothing else of the samarbeidsgruppe.
    const res = await app.gql(`query($id: ID!) { forum(id: $id) { id } }`, { id: group.id }, member);
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it("go to the forum's own destination (minutesTo) when no forum is named, also when recorded with the meeting", async () => {
    const sender = await municipalForum(app, a, await createKind(app, a.admin, { placement: 'MUNICIPALITY', agendaElements: [] }), '3429');
    await mutate(app, a.admin, 'updateForum', { id: sender.id, minutesToForumId: group.id }, 'forum { id }');
    const { meeting } = await mutate(app, sender.runner, 'recordForumMeeting', { ...heldInput(sender, '2024-12-03', { text: 'Referat med en gang' }), minutesSentOn: '2024-12-04' }, 'meeting { id }');
    const director = await a.director('3429');
    const nodes = (await received(director)).nodes;
    expect(nodes[0]).toEqual({ heldOn: '2024-12-03', sentOn: '2024-12-04', minutes: 'Referat med en gang', fromForum: { id: sender.id } });
    expect(meeting.id).toBeTruthy();
  });

  it("are not readable by another municipality's director, another unit's TST or oversight", async () => {
    expect(await received(await a.director('3427'), tynsetTeam.id)).toEqual({ totalCount: 0, nodes: [] });
    const region = await regionId();
    for (const settings of <Record<string, string>[]>[
      { role: 'MUNICIPAL_DIRECTOR', municipality_id: await municipalityId('3427') },
      { role: 'REGION_ADMIN' },
      { role: 'SERVICE_LEADER', service_id: uuid(a.services.barnevern) },
      { role: 'TST_MEMBER', unit_id: (await app.owner.query(`SELECT id FROM unit WHERE code = 'folldal-skole'`)).rows[0].id },
    ]) {
      await asApiRole(app, { region_id: region, ...settings }, async (q) => {
        const n = (await q(`SELECT count(*)::int AS n FROM forum_minutes WHERE meeting_id = $1`, [uuid(sentMeeting)]))[0].n;
        const d = (await q(`SELECT count(*)::int AS n FROM forum_minutes_delivery WHERE meeting_id = $1`, [uuid(sentMeeting)]))[0].n;
        expect([settings.role, n, d]).toEqual([settings.role, 0, 0]);
      });
    }
  });

  it('are refused to the forum itself, to a forum not open that day, and for a meeting not held', async () => {
    const before = await tableFingerprint(app, ['forum_minutes_delivery', 'forum_meeting']);
    const self = await attempt(app, tst.runner, 'markForumMinutesSent', { meetingId: keptMeeting, sentOn: '2024-10-09', toForumId: tst.id }, 'meeting { id }');
    expect(self.payload.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([['input.toForumId', 'INVALID']]);
    const late = await municipalForum(app, a, await createKind(app, a.admin, { placement: 'MUNICIPALITY', agendaElements: [] }), '3429', '2025-01-01');
    const notYet = await attempt(app, tst.runner, 'markForumMinutesSent', { meetingId: keptMeeting, sentOn: '2024-10-09', toForumId: late.id }, 'meeting { id }');
    expect(notYet.payload.userErrors[0].message).toMatch(/was not open on 2024-10-09/);
    const planned = (await mutate(app, tst.runner, 'planForumMeeting', { forumId: tst.id, startsAt: '2030-09-10T10:00:00Z' }, 'meeting { id }')).meeting.id;
    const notHeld = await attempt(app, tst.runner, 'markForumMinutesSent', { meetingId: planned, sentOn: '2024-10-09', toForumId: group.id }, 'meeting { id }');
    expect(codes(notHeld.payload)).toEqual(['CONFLICT']);
    // A TST_MEMBER (not the forum's leader) cannot send them.
    const member = await attempt(app, await a.member(tst.unit!.code), 'markForumMinutesSent', { meetingId: keptMeeting, sentOn: '2024-10-09', toForumId: group.id }, 'meeting { id }');
    expect(member.code).toBe('FORBIDDEN');
    await mutate(app, tst.runner, 'cancelForumMeeting', { meetingId: planned, reason: 'Testen rydder' }, 'meeting { id }');
    const after = await tableFingerprint(app, ['forum_minutes_delivery']);
    expect(after.forum_minutes_delivery).toEqual(before.forum_minutes_delivery);
  });
});

describe('another region', () => {
  it('cannot send minutes to a Nord-Østerdal forum, nor read or write deliveries there (API and RLS alone)', async () => {
    const valdresKind = await createKind(app, a.valdresAdmin, { placement: 'REGION', agendaElements: [], minMeetingMinutes: null });
    const { forum } = await mutate(app, a.valdresAdmin, 'createForum', { kindId: valdresKind.id, name: 'Regionalt forum Valdres', establishedOn: '2024-01-01' }, 'forum { id }');
    const seat = (
      await mutate(app, a.valdresAdmin, 'addForumMember', { forumId: forum.id, kindMemberId: valdresKind.members.enheten, personName: 'Leder', validFrom: '2024-01-01' }, 'membership { id }')
    ).membership.id;
    const meeting = (
      await mutate(
        app,
        a.valdresAdmin,
        'recordForumMeeting',
        { forumId: forum.id, startsAt: '2024-03-05T10:00:00Z', actualMinutes: 60, minutesWrittenBy: 'Leder', attendance: [{ membershipId: seat, status: 'PRESENT' }], agenda: [], minutes: 'Valdres' },
        'meeting { id }',
      )
    ).meeting.id;
    const before = await tableFingerprint(app, ['forum_minutes_delivery', 'forum_meeting']);
    const r = await attempt(app, a.valdresAdmin, 'markForumMinutesSent', { meetingId: meeting, sentOn: '2024-03-06', toForumId: group.id }, 'meeting { id }');
    expect(r.payload.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([['input.toForumId', 'NOT_FOUND']]);
    expect(await tableFingerprint(app, ['forum_minutes_delivery', 'forum_meeting'])).toEqual(before);
    const valdres = (await app.owner.query(`SELECT id FROM region WHERE code = 'valdres'`)).rows[0].id;
    await asApiRole(app, { role: 'REGION_ADMIN', region_id: valdres }, async (q) => {
      expect((await q(`SELECT count(*)::int AS n FROM forum_minutes_delivery WHERE region_id = $1`, [await regionId()]))[0].n).toBe(0);
      expect((await q(`SELECT count(*)::int AS n FROM forum_minutes WHERE meeting_id = $1`, [uuid(sentMeeting)]))[0].n).toBe(0);
      await q('SAVEPOINT s');
      await expect(
        q(`INSERT INTO forum_minutes_delivery (region_id, forum_id, from_forum_id, meeting_id, held_on, sent_on, sent_by) VALUES ($1, $2, $3, $4, '2024-03-05', '2024-03-06', 'x')`, [
          valdres,
          uuid(group.id),
          uuid(forum.id),
          uuid(meeting),
        ]),
      ).rejects.toThrow(/row-level security|violates/);
      await q('ROLLBACK TO SAVEPOINT s');
    });
  });
});

async function regionId(): Promise<string> {
  return (await app.owner.query(`SELECT id FROM region WHERE code = 'nord-osterdal'`)).rows[0].id;
}
async function municipalityId(number: string): Promise<string> {
  return (await app.owner.query(`SELECT id FROM municipality WHERE number = $1`, [number])).rows[0].id;
}
