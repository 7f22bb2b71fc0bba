import { asApiRole, tableFingerprint } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { Actors, actors, attempt, BuiltForum, BuiltKind, createKind, mutate, unitForum, municipalForum, uuid } from './fixtures';

/**
 * Seed 003 (3.1.5 SLT): "leder av tverrfaglig samarbeidsgruppe barn og unge blir også deltaker i
 * styringsgruppa/politiråd". A seat of one forum can be held by whoever holds a role (LEADER) in
 * another: reading the members resolves it to the holder of the day, attendance treats it as a seat,
 * and seats defined by each other's roles (a cycle) are refused.
 */
let app: TestApp;
let a: Actors;
let group: BuiltForum; // A: the samarbeidsgruppe of Folldal; its leader is 'Representant enheten' from 2023-08-01
let slt: { id: string; ordforer: string; seat: string }; // B: the SLT steering group, one seat held by A's leader
let sltKind: BuiltKind;

const MEMBERS = `query($id: ID!, $on: Date) { forum(id: $id) { memberships { id personName roleInForum roleForum { id } seat { code } holder(on: $on) { personName service { code } } } } }`;
const seatOf = async (token: string, forumId: string, membershipId: string, on: string | null = null) =>
  ok(await app.gql(MEMBERS, { id: forumId, on }, token)).forum.memberships.find((m: any) => m.id === membershipId);

beforeAll(async () => {
  app = await startTestApp();
  a = await actors(app);
  group = await municipalForum(app, a, await createKind(app, a.admin, { placement: 'MUNICIPALITY', agendaElements: [] }), '3429');
  sltKind = await createKind(app, a.admin, {
    placement: 'MUNICIPALITY',
    agendaElements: [],
    minMeetingMinutes: null,
    cadence: [{ period: 'YEAR', minMeetings: 2 }],
    members: [
      { code: 'ordforer', name: 'Ordfører', attendance: 'MANDATORY' },
      { code: 'sg-leder', name: 'Leder av samarbeidsgruppa', attendance: 'MANDATORY' },
    ],
  });
  const { forum } = await mutate(app, a.admin, 'createForum', { kindId: sltKind.id, name: 'SLT styringsgruppe', municipalityNumber: '3429', establishedOn: '2024-01-01' }, 'forum { id }');
  const ordforer = (await mutate(app, a.admin, 'addForumMember', { forumId: forum.id, kindMemberId: sltKind.members.ordforer, personName: 'Ordfører', validFrom: '2024-01-01' }, 'membership { id }'))
    .membership.id;
  const seat = (await mutate(app, a.admin, 'addForumMember', { forumId: forum.id, kindMemberId: sltKind.members['sg-leder'], roleForumId: group.id, validFrom: '2024-01-01' }, 'membership { id }'))
    .membership.id;
  await mutate(app, a.admin, 'setForumLeader', { forumId: forum.id, membershipId: ordforer, validFrom: '2024-01-01' }, 'forum { id }');
  slt = { id: forum.id, ordforer, seat };
});
afterAll(() => app.close());

describe('a seat held by the leader of another forum', () => {
  it("reads as the other forum's current leader, and follows when that forum changes leader", async () => {
    const director = await a.director('3429');
    expect(await seatOf(director, slt.id, slt.seat)).toEqual({
      id: slt.seat,
      personName: null,
      roleInForum: 'LEADER',
      roleForum: { id: group.id },
      seat: { code: 'sg-leder' },
      holder: { personName: 'Representant enheten', service: null },
    });
    const { membership } = await mutate(
      app,
      a.admin,
      'addForumMember',
      { forumId: group.id, kindMemberId: group.kind.members.enheten, personName: 'Ny leder', validFrom: '2025-01-01' },
      'membership { id }',
    );
    await mutate(app, a.admin, 'setForumLeader', { forumId: group.id, membershipId: membership.id, validFrom: '2025-01-01' }, 'forum { id }');
    expect((await seatOf(director, slt.id, slt.seat)).holder).toEqual({ personName: 'Ny leder', service: null });
    expect((await seatOf(director, slt.id, slt.seat, '2024-06-01')).holder).toEqual({ personName: 'Representant enheten', service: null });
    expect((await seatOf(director, slt.id, slt.seat, '2023-01-01')).holder).toBeNull();
    // A plain seat's holder is itself.
    expect((await seatOf(director, slt.id, slt.ordforer)).holder).toEqual({ personName: 'Ordfører', service: null });
    expect((await seatOf(director, group.id, group.seats.ppt)).holder).toEqual({ personName: null, service: { code: 'ppt' } });
  });

  it("resolves for a forum's members who cannot read the other forum (a TST seat held by the samarbeidsgruppe's leader)", async () => {
    const kind = await createKind(app, a.admin, {
      members: [
        { code: 'enheten', name: 'Skolen', attendance: 'MANDATORY' },
        { code: 'sg', name: 'Fra samarbeidsgruppa', attendance: 'ON_DEMAND' },
      ],
    });
    const tst = await unitForum(app, a, kind);
    const { membership } = await mutate(app, tst.runner, 'addForumMember', { forumId: tst.id, kindMemberId: kind.members.sg, roleForumId: group.id, validFrom: '2024-01-01' }, 'membership { id }');
    const member = await a.member(tst.unit!.code);
    expect((await app.gql(`query($id: ID!) { forum(id: $id) { id } }`, { id: group.id }, member)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await seatOf(member, tst.id, membership.id, '2024-06-01')).holder).toEqual({ personName: 'Representant enheten', service: null });
  });

  it('is a seat with attendance duty: a held meeting must record it', async () => {
    const input = (attendance: { membershipId: string; status: string }[]) => ({
      forumId: slt.id,
      startsAt: '2024-09-10T10:00:00Z',
      actualMinutes: 90,
      minutesWrittenBy: 'Sekretær',
      attendance,
      agenda: [],
      minutes: 'Referat fra styringsgruppa',
    });
    const director = await a.director('3429');
    const missing = await attempt(app, director, 'recordForumMeeting', input([{ membershipId: slt.ordforer, status: 'PRESENT' }]), 'meeting { id }');
    expect(missing.payload.userErrors.map((e: any) => [e.field.join('.'), e.message])).toEqual([['input.attendance', expect.stringContaining('Leder av samarbeidsgruppa')]]);
    const { meeting } = await mutate(
      app,
      director,
      'recordForumMeeting',
      input([
        { membershipId: slt.ordforer, status: 'PRESENT' },
        { membershipId: slt.seat, status: 'PRESENT' },
      ]),
      'meeting { attendance { status membership { seat { code } } } }',
    );
    expect(meeting.attendance.map((x: any) => [x.membership.seat.code, x.status]).sort()).toEqual([
      ['ordforer', 'PRESENT'],
      ['sg-leder', 'PRESENT'],
    ]);
  });
});

describe('refused', () => {
  it('a cycle: a seat of the samarbeidsgruppe held by the SLT group’s leader (and through a third forum), with a clear userError, nothing saved', async () => {
    const before = await tableFingerprint(app, ['forum_membership']);
    const back = await attempt(app, a.admin, 'addForumMember', { forumId: group.id, kindMemberId: group.kind.members.nav, roleForumId: slt.id, validFrom: '2024-01-01' }, 'membership { id }');
    expect(back.payload.userErrors).toEqual([{ field: ['input', 'roleForumId'], code: 'INVALID', message: expect.stringMatching(/already has a seat defined.*circle/) }]);
    // Through a third forum: C's seat held by the SLT group's leader; then the samarbeidsgruppe's seat by C's leader.
    const third = await municipalForum(app, a, await createKind(app, a.admin, { placement: 'MUNICIPALITY', agendaElements: [] }), '3429');
    await mutate(app, a.admin, 'addForumMember', { forumId: third.id, kindMemberId: third.kind.members.nav, roleForumId: slt.id, validFrom: '2024-01-01' }, 'membership { id }');
    const mid = await tableFingerprint(app, ['forum_membership']);
    const around = await attempt(app, a.admin, 'addForumMember', { forumId: group.id, kindMemberId: group.kind.members.nav, roleForumId: third.id, validFrom: '2024-01-01' }, 'membership { id }');
    expect(around.payload.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([['input.roleForumId', 'INVALID']]);
    expect(await tableFingerprint(app, ['forum_membership'])).toEqual(mid);
    expect(before).not.toEqual(mid);
    // The database refuses it too, whoever writes.
    await expect(
      app.owner.query(
        `INSERT INTO forum_membership (region_id, forum_id, kind_id, kind_member_id, role_forum_id, role_in_forum, attendance, valid_from, created_by)
         SELECT region_id, id, kind_id, $2, $3, 'LEADER', 'ON_DEMAND', '2024-01-01', 'test' FROM forum WHERE id = $1`,
        [uuid(group.id), uuid(group.kind.members.nav), uuid(slt.id)],
      ),
    ).rejects.toThrow(/forum seat cycle/);
  });

  it('a seat held by a role that also names a person, by a role in its own forum, or a role without a forum', async () => {
    const before = await tableFingerprint(app, ['forum_membership']);
    const both = await attempt(
      app,
      a.admin,
      'addForumMember',
      { forumId: slt.id, kindMemberId: sltKind.members['sg-leder'], roleForumId: group.id, personName: 'Kari', validFrom: '2024-01-01' },
      'membership { id }',
    );
    expect(both.payload.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([['input.roleForumId', 'INVALID']]);
    const self = await attempt(app, a.admin, 'addForumMember', { forumId: slt.id, kindMemberId: sltKind.members['sg-leder'], roleForumId: slt.id, validFrom: '2024-01-01' }, 'membership { id }');
    expect(self.payload.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([['input.roleForumId', 'INVALID']]);
    const noForum = await attempt(app, a.admin, 'addForumMember', { forumId: slt.id, kindMemberId: sltKind.members['sg-leder'], role: 'LEADER', validFrom: '2024-01-01' }, 'membership { id }');
    expect(noForum.payload.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([['input.role', 'INVALID']]);
    expect(await tableFingerprint(app, ['forum_membership'])).toEqual(before);
  });
});

describe('another region', () => {
  it('cannot define a seat by a role in a Nord-Østerdal forum, nor resolve its seats (API and SQL functions as the API role)', async () => {
    const kind = await createKind(app, a.valdresAdmin, { placement: 'REGION', agendaElements: [], minMeetingMinutes: null });
    const { forum } = await mutate(app, a.valdresAdmin, 'createForum', { kindId: kind.id, name: 'Regionalt Valdres', establishedOn: '2024-01-01' }, 'forum { id }');
    const before = await tableFingerprint(app, ['forum_membership']);
    const r = await attempt(app, a.valdresAdmin, 'addForumMember', { forumId: forum.id, kindMemberId: kind.members.enheten, roleForumId: group.id, validFrom: '2024-01-01' }, 'membership { id }');
    expect(r.payload.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([['input.roleForumId', 'NOT_FOUND']]);
    expect(await tableFingerprint(app, ['forum_membership'])).toEqual(before);
    const valdres = (await app.owner.query(`SELECT id FROM region WHERE code = 'valdres'`)).rows[0].id;
    const nordOsterdal = (await app.owner.query(`SELECT id FROM region WHERE code = 'nord-osterdal'`)).rows[0].id;
    const holders = (settings: Record<string, string>) => asApiRole(app, settings, async (q) => q(`SELECT person_name FROM forum_seat_holders($1::uuid[], '2024-06-01')`, [[uuid(slt.seat)]]));
    expect(await holders({ role: 'REGION_ADMIN', region_id: valdres })).toEqual([]);
    // Within the region, only those who may read the seat resolve it.
    const folldalSkole = (await app.owner.query(`SELECT id FROM unit WHERE code = 'folldal-skole'`)).rows[0].id;
    expect(await holders({ role: 'TST_MEMBER', region_id: nordOsterdal, unit_id: folldalSkole })).toEqual([]);
    expect(await holders({ role: 'MUNICIPAL_DIRECTOR', region_id: nordOsterdal, municipality_id: (await app.owner.query(`SELECT id FROM municipality WHERE number = '3427'`)).rows[0].id })).toEqual(
      [],
    );
    expect(await holders({ role: 'MUNICIPAL_DIRECTOR', region_id: nordOsterdal, municipality_id: (await app.owner.query(`SELECT id FROM municipality WHERE number = '3429'`)).rows[0].id })).toEqual([
      { person_name: 'Representant enheten' },
    ]);
    // Nor probe Nord-Østerdal's seats for cycles.
    await asApiRole(app, { role: 'REGION_ADMIN', region_id: valdres }, async (q) => {
      expect((await q(`SELECT forum_seat_cycle($1, $2) AS c`, [uuid(group.id), uuid(slt.id)]))[0].c).toBe(false);
    });
    await asApiRole(app, { role: 'REGION_ADMIN', region_id: nordOsterdal }, async (q) => {
      expect((await q(`SELECT forum_seat_cycle($1, $2) AS c`, [uuid(group.id), uuid(slt.id)]))[0].c).toBe(true);
    });
  });
});
