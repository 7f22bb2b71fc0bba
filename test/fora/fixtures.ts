import { randomBytes } from 'node:crypto';
import { Role } from '../../src/auth/roles';
import { ok, TestApp } from '../helpers/test-app';

/**
 * Fixtures of the fora tests, built through the GraphQL API: each test makes its own units, kinds
 * and fora (unique codes), so tests run in any order and never depend on the demo data.
 */

const INPUT_TYPES: Record<string, string> = { rotateForumCalendarToken: 'ForumIdInput' };
export const inputType = (name: string) => INPUT_TYPES[name] ?? `${name[0].toUpperCase()}${name.slice(1)}Input`;

/** Runs a mutation; returns the payload with userErrors (and the raw response). */
export async function attempt(app: TestApp, token: string | undefined, name: string, input: Record<string, unknown>, select = '') {
  const res = await app.gql(`mutation($input: ${inputType(name)}!) { ${name}(input: $input) { ${select} userErrors { field message code } } }`, { input }, token);
  return { res, payload: res.data?.[name] ?? null, code: res.errors?.[0]?.extensions?.code as string | undefined };
}

/** Runs a mutation and fails on GraphQL errors or userErrors; returns the payload. */
export async function mutate(app: TestApp, token: string, name: string, input: Record<string, unknown>, select = ''): Promise<any> {
  const { res, payload } = await attempt(app, token, name, input, select);
  ok(res);
  if (payload.userErrors.length) throw new Error(`${name}: ${JSON.stringify(payload.userErrors)}`);
  return payload;
}

export const suffix = () => randomBytes(4).toString('hex');
export const codes = (payload: { userErrors: { code: string }[] }) => payload.userErrors.map((e) => e.code);
export const uuid = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];

export interface Actors {
  admin: string;
  valdresAdmin: string;
  director(municipality: string): Promise<string>;
  leader(unitCode: string): Promise<string>;
  member(unitCode: string): Promise<string>;
  serviceLeader(service: string): Promise<string>;
  services: Record<string, string>;
}

/** Tokens of one region (default Nord-Østerdal) and its shared services' IDs by code. */
export async function actors(app: TestApp, region = 'nord-osterdal'): Promise<Actors> {
  const admin = await app.token(Role.REGION_ADMIN, { region });
  const services = Object.fromEntries(ok(await app.gql(`{ sharedServices { id code } }`, {}, admin)).sharedServices.map((s: any) => [s.code, s.id]));
  return {
    admin,
    valdresAdmin: await app.token(Role.REGION_ADMIN, { region: 'valdres' }),
    director: (municipality) => app.token(Role.MUNICIPAL_DIRECTOR, { municipality }),
    leader: (unit) => app.token(Role.TST_LEADER, { unit, region }),
    member: (unit) => app.token(Role.TST_MEMBER, { unit, region }),
    serviceLeader: (service) => app.token(Role.SERVICE_LEADER, { service, region }),
    services,
  };
}

/** A unit open since 2000-01-01 (tests judge 2023–2024; createUnit alone opens a unit today). */
export async function createUnit(app: TestApp, admin: string, municipalityNumber: string, size = 100, kind = 'SCHOOL', openedOn = '2000-01-01'): Promise<{ id: string; code: string }> {
  const code = `t-${suffix()}`;
  const { unit } = await mutate(app, admin, 'createUnit', { municipalityNumber, code, name: `Testskole ${code}`, kind, size, openedOn }, 'unit { id code }');
  return unit;
}

export interface KindDef {
  placement?: string;
  leadership?: string;
  rotationMonths?: number;
  minMeetingMinutes?: number | null;
  largeUnitSize?: number | null;
  requiredUnitKinds?: string[];
  minutesByConvener?: boolean;
  members?: { code: string; name: string; attendance: string; serviceKind?: string; attendancesPerHalfYear?: number }[];
  cadence?: { period: string; unitSize?: string; minMeetings: number; maxMeetings?: number }[];
  agendaElements?: { code: string; title: string; required: string }[];
  minDaysBetweenMeetings?: number | null;
  /** Default 2000-01-01: the rules judge the 2023–2024 the tests record (createForumKind alone applies them from today). */
  rulesValidFrom?: string;
}

export interface BuiltKind {
  id: string;
  code: string;
  members: Record<string, string>;
  elements: Record<string, string>;
}

/** The TST of 001 unless `def` says otherwise. */
export const TST_LIKE: Required<Pick<KindDef, 'members' | 'cadence' | 'agendaElements'>> = {
  members: [
    { code: 'enheten', name: 'Skolen', attendance: 'MANDATORY' },
    { code: 'ppt', name: 'PPT', attendance: 'MANDATORY', serviceKind: 'PPT' },
    { code: 'barnevern', name: 'Barnevern', attendance: 'MANDATORY', serviceKind: 'BARNEVERN' },
    { code: 'nav', name: 'NAV', attendance: 'ON_DEMAND', serviceKind: 'NAV' },
  ],
  cadence: [
    { period: 'AUTUMN_TERM', minMeetings: 2 },
    { period: 'SPRING_TERM', minMeetings: 3 },
  ],
  agendaElements: [
    { code: 'enheten', title: 'Tilstanden på enheten', required: 'EVERY_MEETING' },
    { code: 'veiledning', title: 'Veiledning', required: 'EVERY_MEETING' },
    { code: 'barn', title: 'Samtaler med barn/foresatte', required: 'EVERY_MEETING' },
  ],
};

export async function createKind(app: TestApp, admin: string, def: KindDef = {}): Promise<BuiltKind> {
  const code = `k-${suffix()}`;
  const { forumKind } = await mutate(
    app,
    admin,
    'createForumKind',
    {
      code,
      name: `Testteam ${code}`,
      placement: def.placement ?? 'UNIT',
      leadership: def.leadership ?? 'FIXED',
      rotationMonths: def.rotationMonths ?? null,
      minMeetingMinutes: def.minMeetingMinutes === undefined ? 150 : def.minMeetingMinutes,
      largeUnitSize: def.largeUnitSize ?? null,
      requiredUnitKinds: def.requiredUnitKinds ?? [],
      minutesByConvener: def.minutesByConvener ?? false,
      minDaysBetweenMeetings: def.minDaysBetweenMeetings ?? null,
      rulesValidFrom: def.rulesValidFrom ?? '2000-01-01',
      members: def.members ?? TST_LIKE.members,
      cadence: def.cadence ?? TST_LIKE.cadence,
      agendaElements: def.agendaElements ?? TST_LIKE.agendaElements,
    },
    'forumKind { id code members { id code } agendaElements { id code } }',
  );
  return {
    id: forumKind.id,
    code,
    members: Object.fromEntries(forumKind.members.map((m: any) => [m.code, m.id])),
    elements: Object.fromEntries(forumKind.agendaElements.map((e: any) => [e.code, e.id])),
  };
}

export interface BuiltForum {
  id: string;
  kind: BuiltKind;
  unit?: { id: string; code: string };
  /** Membership id per seat code (the first member of each seat). */
  seats: Record<string, string>;
  /** TST_LEADER (unit fora) or MUNICIPAL_DIRECTOR (municipal fora): who runs it. */
  runner: string;
}

/**
 * A unit forum at a new unit of `municipality` (default Folldal) with one member per seat of the
 * kind (services where the seat names one) and the unit's member as leader, from `from`.
 */
export async function unitForum(app: TestApp, a: Actors, kind: BuiltKind, opts: { municipality?: string; size?: number; from?: string; unitKind?: string } = {}): Promise<BuiltForum> {
  const unit = await createUnit(app, a.admin, opts.municipality ?? '3429', opts.size ?? 100, opts.unitKind ?? 'SCHOOL');
  const from = opts.from ?? '2023-08-01';
  const { forum } = await mutate(app, a.admin, 'createForum', { kindId: kind.id, name: `TST ${unit.code}`, unitId: unit.id, establishedOn: from }, 'forum { id }');
  const seats = await seatAll(app, a, a.admin, forum.id, kind, from);
  const first = Object.values(seats)[0];
  await mutate(app, a.admin, 'setForumLeader', { forumId: forum.id, membershipId: first, validFrom: from }, 'forum { id }');
  return { id: forum.id, kind, unit, seats, runner: await a.leader(unit.code) };
}

/** A municipal forum (MUNICIPALITY placement) of `municipality`, run by its director. */
export async function municipalForum(app: TestApp, a: Actors, kind: BuiltKind, municipality: string, from = '2023-08-01'): Promise<BuiltForum> {
  const { forum } = await mutate(app, a.admin, 'createForum', { kindId: kind.id, name: `Team ${suffix()}`, municipalityNumber: municipality, establishedOn: from }, 'forum { id }');
  const seats = await seatAll(app, a, a.admin, forum.id, kind, from);
  await mutate(app, a.admin, 'setForumLeader', { forumId: forum.id, membershipId: Object.values(seats)[0], validFrom: from }, 'forum { id }');
  return { id: forum.id, kind, seats, runner: await a.director(municipality) };
}

const SERVICE_OF: Record<string, string> = { PPT: 'ppt', BARNEVERN: 'barnevern', NAV: 'nav' };

async function seatAll(app: TestApp, a: Actors, token: string, forumId: string, kind: BuiltKind, from: string): Promise<Record<string, string>> {
  const { forumKind } = ok(await app.gql(`query($id: ID!) { forumKind: node(id: $id) { ... on ForumKind { members { id code serviceKind } } } }`, { id: kind.id }, token));
  const seats: Record<string, string> = {};
  for (const m of forumKind.members) {
    const service = m.serviceKind ? a.services[SERVICE_OF[m.serviceKind]] : undefined;
    const { membership } = await mutate(
      app,
      token,
      'addForumMember',
      { forumId, kindMemberId: m.id, personName: service ? null : `Representant ${m.code}`, serviceId: service ?? null, validFrom: from },
      'membership { id }',
    );
    seats[m.code] = membership.id;
  }
  return seats;
}

export interface HeldOptions {
  minutes?: number;
  absent?: string[];
  excused?: string[];
  elements?: string[];
  followUps?: { description: string; responsibleMemberId?: string; dueOn: string }[];
  text?: string;
}

/** Records a meeting that was not planned, at noon Oslo time on `date`, every mandatory seat present unless listed. */
export function heldInput(forum: BuiltForum, date: string, o: HeldOptions = {}) {
  const mandatory = Object.entries(forum.seats).filter(([code]) => code !== 'nav');
  return {
    forumId: forum.id,
    startsAt: `${date}T10:00:00Z`,
    actualMinutes: o.minutes ?? 150,
    minutesWrittenBy: 'Møteleder',
    attendance: mandatory.map(([code, membershipId]) => ({ membershipId, status: o.absent?.includes(code) ? 'ABSENT' : o.excused?.includes(code) ? 'EXCUSED' : 'PRESENT' })),
    agenda: (o.elements ?? Object.keys(forum.kind.elements)).map((code) => ({ elementId: forum.kind.elements[code], title: `Om ${code}` })),
    minutes: o.text ?? `Referat ${date}`,
    followUps: o.followUps ?? [],
  };
}

export async function held(app: TestApp, forum: BuiltForum, date: string, o: HeldOptions = {}): Promise<string> {
  const { meeting } = await mutate(app, forum.runner, 'recordForumMeeting', heldInput(forum, date, o), 'meeting { id }');
  return meeting.id;
}

/** forumCompliance of one municipality and period, for this forum only. */
export async function complianceOf(app: TestApp, token: string, forumId: string, period: string, selection: string): Promise<any> {
  const data = ok(await app.gql(`query($id: ID!, $p: String!) { forum(id: $id) { compliance(period: $p) { ${selection} } } }`, { id: forumId, p: period }, token));
  return data.forum.compliance;
}
