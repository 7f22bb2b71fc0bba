import { Role } from '../../src/auth/roles';
import { raw } from '../helpers/fixtures';
import { checkMatrix, denied, Operation, Outcome } from '../helpers/permission-matrix';
import { ok } from '../helpers/test-app';
import { actors, attempt, createKind, heldInput, municipalForum, mutate } from './fixtures';

/** docs/permissions.md, "Collaboration fora (feature `fora`)": every cell against the running API. */

checkMatrix('fora', async (app, tokens) => {
  const a = await actors(app);
  const admin = a.admin;
  // Fixtures: a regional forum, municipal fora in Folldal (the matrix's municipality) and Tynset, and
  // the demo TST of Folldal skole (the matrix's unit), each with a held meeting.
  const regional = await createKind(app, admin, { placement: 'REGION', agendaElements: [], minMeetingMinutes: null, cadence: [{ period: 'YEAR', minMeetings: 2 }] });
  const municipal = await createKind(app, admin, { placement: 'MUNICIPALITY', agendaElements: [], minMeetingMinutes: null, cadence: [{ period: 'MONTH', minMeetings: 1 }] });
  const { forum: regionForum } = await mutate(app, admin, 'createForum', { kindId: regional.id, name: 'Regionalt forum', establishedOn: '2024-01-01' }, 'forum { id }');
  const regionSeat = (
    await mutate(app, admin, 'addForumMember', { forumId: regionForum.id, kindMemberId: regional.members.enheten, personName: 'Leder', validFrom: '2024-01-01' }, 'membership { id }')
  ).membership.id;
  await mutate(
    app,
    admin,
    'recordForumMeeting',
    {
      forumId: regionForum.id,
      startsAt: '2024-03-05T10:00:00Z',
      actualMinutes: 60,
      minutesWrittenBy: 'Leder',
      attendance: [{ membershipId: regionSeat, status: 'PRESENT' }],
      agenda: [],
      minutes: 'Regionalt referat',
    },
    'meeting { id }',
  );
  const folldalTeam = await municipalForum(app, a, municipal, '3429');
  const tynsetTeam = await municipalForum(app, a, municipal, '3427');
  for (const team of [folldalTeam, tynsetTeam]) await mutate(app, team.runner, 'recordForumMeeting', heldInput(team, '2024-03-06'), 'meeting { id }');
  const tsts = ok(await app.gql(`{ forums(kindCode: "tst", municipalityNumber: "3429") { nodes { id unit { code } } } }`, {}, admin)).forums.nodes;
  const folldalSkole = tsts.find((f: any) => f.unit.code === 'folldal-skole').id;
  const tstLeader = tokens.get(Role.TST_LEADER)!;
  const { path: calendarPath } = await mutate(app, tstLeader, 'rotateForumCalendarToken', { forumId: folldalSkole }, 'path');
  const targets = { regional: regionForum.id, folldalTeam: folldalTeam.id, tynsetTeam: tynsetTeam.id, folldalSkole };

  /** Which of the targets a read reaches (a FORBIDDEN one is not reached). */
  async function reached(token: string | undefined, selection: string, hit: (forum: any) => boolean): Promise<{ names: string[] }> {
    const names: string[] = [];
    for (const [name, id] of Object.entries(targets)) {
      const res = await app.gql(`query($id: ID!) { forum(id: $id) { ${selection} } }`, { id }, token);
      if (!res.errors && hit(res.data.forum)) names.push(name);
    }
    return { names };
  }
  const label = (names: string[], map: [string[], string][]): string => map.find(([set]) => set.join() === [...names].sort().join())?.[1] ?? `unexpected: ${names.join(', ')}`;
  let planDay = 1;

  const operations: Record<string, Operation> = {
    async readForumKinds(_role, token) {
      const res = await app.gql(`{ forumKinds { code } forumTerms { autumnStart } }`, {}, token);
      if (res.errors) return denied(res);
      expect(res.data.forumKinds.map((k: any) => k.code)).toContain('tst');
      return { allow: true, scope: 'own region' };
    },
    async configureForumKinds(role, token) {
      const res = await attempt(app, token, 'updateForumKind', { id: municipal.id, notes: `Endret av ${role}` }, 'forumKind { id }');
      if (res.res.errors) return denied(res.res);
      expect(res.payload.userErrors).toEqual([]);
      return { allow: true, scope: 'own region' };
    },
    async readForums(_role, token) {
      const list = await app.gql(`{ forums(first: 100) { nodes { id } } }`, {}, token);
      if (list.errors) return denied(list);
      const { names } = await reached(token, 'meetings { totalCount }', (f) => f.meetings.totalCount > 0);
      return {
        allow: true,
        scope: label(names, [
          [['folldalSkole', 'folldalTeam', 'regional', 'tynsetTeam'], 'own region'],
          [['folldalSkole', 'folldalTeam', 'regional'], 'own municipality and regional fora'],
          [['folldalSkole'], 'own unit'],
        ]),
      };
    },
    async readForumContent(_role, token) {
      const list = await app.gql(`{ forums(first: 1) { totalCount } }`, {}, token);
      if (list.errors) return denied(list);
      const { names } = await reached(token, 'meetings(status: HELD, first: 1) { nodes { minutes agenda { title } } }', (f) => f.meetings.nodes.some((m: any) => m.minutes !== null));
      return {
        allow: true,
        scope: label(names, [
          [['regional'], 'regional fora'],
          [[], 'none'],
          [['folldalTeam'], "own municipality's municipal fora"],
          [['folldalSkole'], "own unit's fora"],
        ]),
      };
    },
    async manageForums(role, token) {
      const create = (municipalityNumber: string) =>
        attempt(app, token, 'createForum', { kindId: municipal.id, name: `Nytt team ${role}`, municipalityNumber, establishedOn: '2024-01-01' }, 'forum { id }');
      const own = await create('3429');
      if (own.res.errors) return denied(own.res);
      expect(own.payload.userErrors).toEqual([]);
      const other = await create('3427');
      if (other.code) {
        expect(other.code).toBe('FORBIDDEN');
        return { allow: true, scope: 'own municipality' };
      }
      return { allow: true, scope: 'own region' };
    },
    async manageForumMembers(role, token) {
      const add = async (forumId: string, kind: string) => {
        const { forum } = ok(await app.gql(`query($id: ID!) { forum(id: $id) { kind { members { id code } } } }`, { id: forumId }, admin));
        const seat = forum.kind.members.find((m: any) => m.code === kind).id;
        return attempt(app, token, 'addForumMember', { forumId, kindMemberId: seat, personName: `Ny ${role}`, validFrom: new Date().toISOString().slice(0, 10) }, 'membership { id }');
      };
      const own = await add(folldalSkole, 'andre');
      if (own.res.errors) return denied(own.res);
      expect(own.payload.userErrors).toEqual([]);
      const other = await add(tynsetTeam.id, 'enheten');
      if (!other.code) return { allow: true, scope: 'own region' };
      expect(other.code).toBe('FORBIDDEN');
      return { allow: true, scope: role === Role.MUNICIPAL_DIRECTOR ? 'own municipality' : 'own unit' };
    },
    async runForumMeetings(_role, token) {
      const names: string[] = [];
      let first: any;
      for (const [name, id] of Object.entries(targets)) {
        const r = await attempt(app, token, 'planForumMeeting', { forumId: id, startsAt: new Date(Date.UTC(2031, 8, 1 + planDay++, 10)).toISOString() }, 'meeting { id }');
        first ??= r.res;
        if (!r.code) {
          expect(r.payload.userErrors).toEqual([]);
          names.push(name);
        }
      }
      if (!names.length) return denied(first);
      return {
        allow: true,
        scope: label(names, [
          [['regional'], 'regional fora'],
          [['folldalTeam'], "own municipality's municipal fora"],
          [['folldalSkole'], "own unit's fora"],
        ]),
      };
    },
    async forumCompliance(_role, token) {
      const read = (n: string) => app.gql(`{ forumCompliance(municipalityNumber: "${n}", period: "2024") { summary { forums } } }`, {}, token);
      const own = await read('3429');
      if (own.errors) return denied(own);
      const other = await read('3427');
      return { allow: true, scope: other.errors?.[0].extensions?.code === 'FORBIDDEN' ? 'own municipality' : 'own region' };
    },
    async serviceForumLoad(role, token) {
      const read = (serviceId: string) => app.gql(`query($s: ID) { serviceForumLoad(period: "2024", serviceId: $s) { service { code } load { hoursPerMonth } } }`, { s: serviceId }, token);
      const own = await read(a.services.barnevern);
      if (own.errors) return denied(own);
      expect(own.data.serviceForumLoad.service.code).toBe('barnevern');
      const other = await read(a.services.ppt);
      return { allow: true, scope: other.errors?.[0].extensions?.code === 'FORBIDDEN' ? 'own service' : 'own region' };
    },
    async readForumCalendar(_role, token): Promise<Outcome> {
      const res = await raw(app, calendarPath, token ? { headers: { authorization: `Bearer ${token}` } } : {});
      expect(res.status).toBe(200);
      expect(res.text).toContain('BEGIN:VCALENDAR');
      return { allow: true, scope: 'with the link' };
    },
  };
  return operations;
});
