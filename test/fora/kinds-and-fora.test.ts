import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { Actors, actors, attempt, codes, createKind, createUnit, heldInput, mutate, suffix, TST_LIKE, unitForum } from './fixtures';

/** Kinds of fora as data, fora at their places, dated memberships and leaders. */
let app: TestApp;
let a: Actors;
beforeAll(async () => {
  app = await startTestApp();
  a = await actors(app);
});
afterAll(() => app.close());

const kindInput = (over: Record<string, unknown> = {}) => ({ code: `k-${suffix()}`, name: 'Team', placement: 'UNIT', leadership: 'FIXED', ...TST_LIKE, ...over });

describe('forum kinds', () => {
  it('reads the seeded kinds of 001 and 003 with their rules, members and template', async () => {
    const kinds = ok(
      await app.gql(
        `{ forumKinds { code placement leadership rotationMonths minMeetingMinutes largeUnitSize requiredUnitKinds source notes
      minutesToKind { code } members { code attendance serviceKind attendancesPerHalfYear } cadence { period unitSize minMeetings maxMeetings } agendaElements { code required } } }`,
        {},
        a.admin,
      ),
    ).forumKinds;
    const byCode = Object.fromEntries(kinds.map((k: any) => [k.code, k]));
    expect(byCode.tst).toMatchObject({
      placement: 'UNIT',
      leadership: 'FIXED',
      minMeetingMinutes: 150,
      requiredUnitKinds: ['SCHOOL', 'KINDERGARTEN'],
      cadence: [
        { period: 'AUTUMN_TERM', unitSize: 'ANY', minMeetings: 2, maxMeetings: null },
        { period: 'SPRING_TERM', unitSize: 'ANY', minMeetings: 3, maxMeetings: null },
      ],
    });
    expect(byCode.tst.members.filter((m: any) => m.attendance === 'MANDATORY').map((m: any) => m.code)).toEqual(['enheten', 'ppt', 'helsesykepleier', 'barnevern']);
    expect(byCode.tst.agendaElements.map((e: any) => e.required)).toEqual(['EVERY_MEETING', 'EVERY_MEETING', 'EVERY_MEETING']);
    expect(byCode.tst.notes).toMatch(/ILLUSTRATIVE/);
    expect(byCode.droftingsteam.cadence).toEqual([{ period: 'MONTH', unitSize: 'ANY', minMeetings: 2, maxMeetings: 4 }]);
    expect(byCode['tverrfaglig-nettverk']).toMatchObject({
      placement: 'UNIT_GROUP',
      leadership: 'ROTATING',
      rotationMonths: 12,
      minutesToKind: { code: 'samarbeidsgruppe' },
      cadence: [{ period: 'YEAR', minMeetings: 4 }],
    });
    expect(byCode['tverrfaglig-nettverk'].agendaElements).toEqual([{ code: 'slt', required: 'EVERY_HALF_YEAR' }]);
    expect(byCode.samarbeidsgruppe.members.filter((m: any) => m.attendancesPerHalfYear).map((m: any) => [m.code, m.attendancesPerHalfYear])).toEqual([
      ['politi', 2],
      ['vgs', 2],
    ]);
    expect(byCode['lokalt-tverrfaglig-team'].cadence).toEqual([{ period: 'MONTH', unitSize: 'ANY', minMeetings: 1, maxMeetings: null }]);
  });

  it('checks a new kind: rotation needs months, size bands need a size, codes once, the same kind twice is a CONFLICT', async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ leadership: 'ROTATING' }, ['INVALID']],
      [{ cadence: [{ period: 'MONTH', unitSize: 'LARGE', minMeetings: 1 }] }, ['INVALID']],
      [{ cadence: [{ period: 'MONTH', minMeetings: 3, maxMeetings: 2 }] }, ['INVALID']],
      [{ members: [TST_LIKE.members[0], TST_LIKE.members[0]] }, ['INVALID']],
      [{ placement: 'MUNICIPALITY', requiredUnitKinds: ['SCHOOL'] }, ['INVALID']],
      [{ minutesToKindCode: 'finnes-ikke' }, ['NOT_FOUND']],
      [{ members: [{ code: 'politi', name: 'Politi', attendance: 'MANDATORY', attendancesPerHalfYear: 2 }] }, ['INVALID']],
    ];
    for (const [over, expected] of cases) {
      const r = await attempt(app, a.admin, 'createForumKind', kindInput(over), 'forumKind { id }');
      expect([Object.keys(over)[0], codes(r.payload)]).toEqual([Object.keys(over)[0], expected]);
    }
    const input = kindInput();
    await mutate(app, a.admin, 'createForumKind', input, 'forumKind { id }');
    expect(codes((await attempt(app, a.admin, 'createForumKind', input, 'forumKind { id }')).payload)).toEqual(['CONFLICT']);
    const tooMany = await attempt(app, a.admin, 'createForumKind', kindInput({ cadence: Array.from({ length: 21 }, () => TST_LIKE.cadence[0]) }), 'forumKind { id }');
    expect(tooMany.code).toBe('BAD_USER_INPUT');
  });

  it('lets REGION_ADMIN trial another cadence: update replaces the rules, omitted fields stay', async () => {
    const kind = await createKind(app, a.admin);
    const { forumKind } = await mutate(
      app,
      a.admin,
      'updateForumKind',
      { id: kind.id, largeUnitSize: 200, cadence: [...TST_LIKE.cadence, { period: 'MONTH', unitSize: 'LARGE', minMeetings: 1 }] },
      'forumKind { largeUnitSize minMeetingMinutes cadence { period unitSize minMeetings } }',
    );
    expect(forumKind).toEqual({
      largeUnitSize: 200,
      minMeetingMinutes: 150,
      cadence: [
        { period: 'AUTUMN_TERM', unitSize: 'ANY', minMeetings: 2 },
        { period: 'SPRING_TERM', unitSize: 'ANY', minMeetings: 3 },
        { period: 'MONTH', unitSize: 'LARGE', minMeetings: 1 },
      ],
    });
    const cleared = await attempt(app, a.admin, 'updateForumKind', { id: kind.id, largeUnitSize: null }, 'forumKind { id }');
    expect(codes(cleared.payload)).toEqual(['INVALID']); // the LARGE rule still needs the size
  });
});

describe('fora', () => {
  it('places a forum where its kind says: a unit, a group of units in one municipality, a municipality, the region', async () => {
    const unitKind = await createKind(app, a.admin);
    const groupKind = await createKind(app, a.admin, { placement: 'UNIT_GROUP' });
    const regionKind = await createKind(app, a.admin, { placement: 'REGION' });
    const folldal = await createUnit(app, a.admin, '3429');
    const tynset = await createUnit(app, a.admin, '3427');
    const create = (input: Record<string, unknown>, token = a.admin) =>
      attempt(app, token, 'createForum', { name: 'F', establishedOn: '2024-01-01', ...input }, 'forum { id placement municipality { number } unit { id } units { id } }');
    expect(codes((await create({ kindId: unitKind.id })).payload)).toEqual(['INVALID']);
    expect(codes((await create({ kindId: unitKind.id, unitId: folldal.id, municipalityNumber: '3427' })).payload)).toEqual(['INVALID']);
    const atUnit = await create({ kindId: unitKind.id, unitId: folldal.id });
    expect(atUnit.payload.forum).toMatchObject({ placement: 'UNIT', municipality: { number: '3429' }, unit: { id: folldal.id } });
    expect(codes((await create({ kindId: unitKind.id, unitId: folldal.id, establishedOn: '2025-01-01' })).payload)).toEqual(['CONFLICT']);
    expect(codes((await create({ kindId: groupKind.id, municipalityNumber: '3429', unitIds: [folldal.id, tynset.id] })).payload)).toEqual(['INVALID']);
    const group = await create({ kindId: groupKind.id, municipalityNumber: '3429', unitIds: [folldal.id] });
    expect(group.payload.forum.units).toEqual([{ id: folldal.id }]);
    expect((await create({ kindId: regionKind.id })).payload.forum).toMatchObject({ placement: 'REGION', municipality: null });
    const director = await a.director('3429');
    expect((await create({ kindId: regionKind.id }, director)).code).toBe('FORBIDDEN');
    expect((await create({ kindId: unitKind.id, unitId: tynset.id }, director)).code).toBe('FORBIDDEN');
  });

  it('keeps membership history: people change, attendance before stays', async () => {
    const forum = await unitForum(app, a, await createKind(app, a.admin));
    await mutate(app, forum.runner, 'recordForumMeeting', heldInput(forum, '2024-01-16'), 'meeting { id }');
    await mutate(app, forum.runner, 'endForumMembership', { membershipId: forum.seats.ppt, validTo: '2024-01-31' }, 'membership { validTo }');
    const { membership } = await mutate(
      app,
      forum.runner,
      'addForumMember',
      { forumId: forum.id, kindMemberId: forum.kind.members.ppt, personName: 'Ny PPT-rådgiver', serviceId: a.services.ppt, validFrom: '2024-02-01' },
      'membership { id attendance }',
    );
    expect(membership.attendance).toBe('MANDATORY');
    const read = ok(
      await app.gql(
        `query($id: ID!) { forum(id: $id) { jan: memberships(on: "2024-01-20") { id } feb: memberships(on: "2024-02-20") { id } all: memberships(history: true) { id validFrom validTo } } }`,
        { id: forum.id },
        forum.runner,
      ),
    ).forum;
    expect(read.jan.map((m: any) => m.id)).toContain(forum.seats.ppt);
    expect(read.feb.map((m: any) => m.id)).toEqual(expect.arrayContaining([membership.id]));
    expect(read.feb.map((m: any) => m.id)).not.toContain(forum.seats.ppt);
    expect(read.all).toHaveLength(read.jan.length + 1);
    // The new PPT member is expected from February; the old one may not be listed after leaving.
    const march = heldInput(forum, '2024-03-05');
    const stale = await attempt(app, forum.runner, 'recordForumMeeting', march, 'meeting { id }');
    expect(codes(stale.payload).sort()).toEqual(['INVALID', 'INVALID']);
    const fixed = { ...march, attendance: [...march.attendance.filter((x) => x.membershipId !== forum.seats.ppt), { membershipId: membership.id, status: 'PRESENT' }] };
    await mutate(app, forum.runner, 'recordForumMeeting', fixed, 'meeting { id }');
    expect(codes((await attempt(app, forum.runner, 'endForumMembership', { membershipId: forum.seats.ppt, validTo: '2024-02-28' }, 'membership { id }')).payload)).toEqual(['CONFLICT']);
  });

  it("ends a leader's term with their membership, and records leaders in date order", async () => {
    const forum = await unitForum(app, a, await createKind(app, a.admin));
    const leaderSeat = Object.values(forum.seats)[0];
    await mutate(app, forum.runner, 'endForumMembership', { membershipId: leaderSeat, validTo: '2024-06-30' }, 'membership { id }');
    const terms = ok(await app.gql(`query($id: ID!) { forum(id: $id) { leaderTerms { validTo membership { id } } leader(on: "2024-08-01") { id } } }`, { id: forum.id }, forum.runner)).forum;
    expect(terms.leaderTerms).toEqual([{ validTo: '2024-06-30', membership: { id: leaderSeat } }]);
    expect(terms.leader).toBeNull();
    await mutate(app, forum.runner, 'setForumLeader', { forumId: forum.id, membershipId: forum.seats.ppt, validFrom: '2024-08-01' }, 'forum { id }');
    expect(codes((await attempt(app, forum.runner, 'setForumLeader', { forumId: forum.id, membershipId: forum.seats.barnevern, validFrom: '2024-07-01' }, 'forum { id }')).payload)).toEqual([
      'CONFLICT',
    ]);
  });

  it('writes counts, never the texts, to the audit trail (read outside the forum)', async () => {
    const forum = await unitForum(app, a, await createKind(app, a.admin));
    const { meeting } = await mutate(
      app,
      forum.runner,
      'recordForumMeeting',
      { ...heldInput(forum, '2024-05-14', { text: 'Fortrolig referattekst' }), caseItems: [{ label: 'Fortrolig sak' }] },
      'meeting { id }',
    );
    const { rows } = await app.owner.query(`SELECT after::text AS after FROM audit_record WHERE operation = 'recordForumMeeting' AND entity_id = $1`, [
      Buffer.from(meeting.id, 'base64url').toString().split(':')[1],
    ]);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0].after)).toMatchObject({ status: 'HELD', caseItems: 1, attendance: 3, minutesCharacters: 'Fortrolig referattekst'.length });
    expect(rows[0].after).not.toMatch(/Fortrolig/);
  });
});
