import { Role } from '../src/auth/roles';
import type { Scenario, ScenarioSetup, TokenSpec } from './scenario-types';

/**
 * Fora scenarios (registered in scenarios.ts): the compliance report and the service-load report on
 * the demo data, a TST member reading their forum, and the compliance report again after the
 * setup has grown Tynset by GROW_UNITS schools with a TST and GROW_MEETINGS held meetings each
 * (through the API, so RLS and the services do the writing). The growing scenario runs last.
 */

const ADMIN: TokenSpec = { role: Role.REGION_ADMIN, region: 'nord-osterdal' };
const DIRECTOR_TYNSET: TokenSpec = { role: Role.MUNICIPAL_DIRECTOR, municipality: '3427' };
const BARNEVERN_LEADER: TokenSpec = { role: Role.SERVICE_LEADER, service: 'barnevern', region: 'nord-osterdal' };
const MEMBER_FOLLDAL: TokenSpec = { role: Role.TST_MEMBER, unit: 'folldal-skole', region: 'nord-osterdal' };
const GROW_UNITS = 30;
const GROW_MEETINGS = 10;

/** The school year the demo seed filled (the last one that is over) as report periods. */
export function lastSchoolYear() {
  const now = new Date();
  const start = now.getUTCMonth() >= 6 ? now.getUTCFullYear() - 1 : now.getUTCFullYear() - 2;
  return { start, spring: `${start + 1}-SPRING`, year: `${start + 1}` };
}

export const COMPLIANCE = `query Compliance($n: String!, $p: String!) {
  forumCompliance(municipalityNumber: $n, period: $p) {
    period { label from to }
    summary { forums meetingsHeld forumsBelowMinimum shortMeetings meetingsMissingRequiredElements mandatoryAttendanceRate overdueFollowUps unitsWithoutRequiredForum }
    forums {
      forum { name unit { name size } } kind { code } unitSizeBand meetings { held planned cancelled } belowMinimum aboveMaximum
      cadence { rule { period minMeetings maxMeetings } windows { window { label } count status } }
      shortMeetings { actualMinutes minimumMinutes } missingElements { missing { code } }
      attendance { member { code } expected present rate } memberHalfYear { member { code } windows { count status } }
      halfYearElements { element { code } windows { count status } } leadershipViolations { issue date } followUps { due done overdue } minutesNotSent
    }
    missingForums { kind { code } units { name } }
  }
}`;

const LOAD = `query Load($p: String!) {
  serviceForumLoad(period: $p) {
    service { name } period { label } owners { number name }
    attendance { municipality { name } kind { code } meetingsHeld expected present absent excused rate }
    load { meetingsPerYear hoursPerYear hoursPerMonth fullTimeEquivalents schoolMonths
           lines { kind { code } member { code } municipality { name } places largePlaces meetingsPerYear hoursPerMonth }
           ifLargestMonthly { meetingsPerYear hoursPerMonth extraHoursPerMonth unitsAffected fullTimeEquivalents } }
  }
}`;

const MEMBER_VIEW = `query Mine { forums(first: 5) { nodes { name leader { personName } memberships { personName attendance seat { name } service { name } }
  meetings(first: 10) { totalCount nodes { date status actualMinutes minutes agenda { title element { code } } caseItems { label anonymous }
    attendance { status membership { seat { code } } } followUps { description dueOn doneOn overdue } } }
  followUps(open: true) { totalCount nodes { dueOn description } } } } }`;

/** Grows Tynset through the API: units, a TST each with members and a leader, and held meetings. */
async function grow({ gql }: ScenarioSetup): Promise<void> {
  const { start } = lastSchoolYear();
  const kinds = await gql<any>('{ forumKinds { id code members { id code serviceKind } agendaElements { id } } sharedServices { id kind } }', undefined, ADMIN);
  const tst = kinds.forumKinds.find((k: any) => k.code === 'tst');
  const serviceOf = (kind: string | null) => kinds.sharedServices.find((s: any) => s.kind === kind)?.id ?? null;
  const mutate = (name: string, type: string, input: unknown, select: string, token: TokenSpec) =>
    gql<any>(`mutation($i: ${type}!) { ${name}(input: $i) { ${select} userErrors { message } } }`, { i: input }, token).then((d) => {
      if (d[name].userErrors.length) throw new Error(`${name}: ${JSON.stringify(d[name].userErrors)}`);
      return d[name];
    });
  for (let i = 0; i < GROW_UNITS; i++) {
    const code = `bench-skole-${i}-${Date.now().toString(36)}`;
    const { unit } = await mutate('createUnit', 'CreateUnitInput', { municipalityNumber: '3427', code, name: `Benchskole ${i}`, kind: 'SCHOOL', size: 60 + i * 15 }, 'unit { id }', ADMIN);
    const { forum } = await mutate('createForum', 'CreateForumInput', { kindId: tst.id, name: `TST Benchskole ${i}`, unitId: unit.id, establishedOn: `${start - 1}-08-01` }, 'forum { id }', ADMIN);
    const seats: { id: string; code: string }[] = [];
    for (const m of tst.members.filter((x: any) => ['enheten', 'ppt', 'helsesykepleier', 'barnevern'].includes(x.code))) {
      const service = serviceOf(m.serviceKind);
      const { membership } = await mutate(
        'addForumMember',
        'AddForumMemberInput',
        { forumId: forum.id, kindMemberId: m.id, personName: service ? null : m.code, serviceId: service, validFrom: `${start - 1}-08-01` },
        'membership { id }',
        ADMIN,
      );
      seats.push({ id: membership.id, code: m.code });
    }
    await mutate('setForumLeader', 'SetForumLeaderInput', { forumId: forum.id, membershipId: seats[0].id, validFrom: `${start - 1}-08-01` }, 'forum { id }', ADMIN);
    const leader: TokenSpec = { role: Role.TST_LEADER, unit: code, region: 'nord-osterdal' };
    for (let n = 0; n < GROW_MEETINGS; n++) {
      const month = [9, 10, 11, 12, 1, 2, 3, 4, 5, 6][n];
      const date = `${month >= 8 ? start : start + 1}-${String(month).padStart(2, '0')}-${String(10 + (i % 10)).padStart(2, '0')}`;
      await mutate(
        'recordForumMeeting',
        'RecordForumMeetingInput',
        {
          forumId: forum.id,
          startsAt: `${date}T10:30:00Z`,
          actualMinutes: n === 3 ? 110 : 150,
          minutesWrittenBy: 'Rektor',
          attendance: seats.map((s) => ({ membershipId: s.id, status: (i + n) % 6 === 0 && s.code === 'barnevern' ? 'ABSENT' : 'PRESENT' })),
          agenda: tst.agendaElements.slice(0, (i + n) % 5 === 0 ? 2 : 3).map((e: any) => ({ elementId: e.id, title: 'Punkt (bench)' })),
          caseItems: [{ label: 'Elev (anonymt, bench)' }],
          minutes: 'Referat (bench)',
          followUps: [{ description: 'Oppfølging (bench)', responsibleMemberId: tst.members.find((m: any) => m.code === 'ppt').id, dueOn: `${date.slice(0, 8)}28` }],
        },
        'meeting { id }',
        leader,
      );
    }
  }
}

export const FORA_SCENARIOS: Scenario[] = [
  {
    name: 'forumCompliance (Tynset year)',
    query: COMPLIANCE,
    variables: async () => ({ n: '3427', p: lastSchoolYear().year }),
    token: ADMIN,
  },
  {
    name: 'forumCompliance (director term)',
    query: COMPLIANCE,
    variables: async () => ({ n: '3427', p: lastSchoolYear().spring }),
    token: DIRECTOR_TYNSET,
  },
  {
    name: 'serviceForumLoad (barnevern)',
    query: LOAD,
    variables: async () => ({ p: lastSchoolYear().spring }),
    token: BARNEVERN_LEADER,
  },
  {
    name: 'own forum (TST member)',
    query: MEMBER_VIEW,
    token: MEMBER_FOLLDAL,
  },
  {
    name: `forumCompliance (Tynset +${GROW_UNITS} TSTs)`,
    query: COMPLIANCE,
    variables: async (setup) => {
      await grow(setup);
      return { n: '3427', p: lastSchoolYear().year };
    },
    token: ADMIN,
  },
  {
    name: `serviceForumLoad (+${GROW_UNITS} TSTs)`,
    query: LOAD,
    variables: async () => ({ p: lastSchoolYear().spring }),
    token: BARNEVERN_LEADER,
  },
];
