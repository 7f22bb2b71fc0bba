import { TestApp } from '../helpers/test-app';
import { actors, Actors, BuiltForum, createKind, createUnit, heldInput, municipalForum, mutate, suffix, TST_LIKE, unitForum } from './fixtures';

/**
 * The fora mutations for test/payloads.test.ts: each builds what it needs and says whose token
 * runs it (input() runs first, then token()).
 */
export interface PayloadScenario {
  token(): Promise<string>;
  input(): Promise<Record<string, unknown>>;
}

export function payloadScenarios(getApp: () => TestApp): Record<string, PayloadScenario> {
  let actorsOf: Promise<Actors> | undefined;
  const a = () => (actorsOf ??= actors(getApp()));
  const admin = async () => (await a()).admin;
  /** A scenario run by the forum's own leader. */
  const byRunner = (build: (app: TestApp, forum: BuiltForum) => Promise<Record<string, unknown>>): PayloadScenario => {
    let runner = '';
    return {
      token: async () => runner,
      input: async () => {
        const forum = await unitForum(getApp(), await a(), await createKind(getApp(), await admin()));
        runner = forum.runner;
        return build(getApp(), forum);
      },
    };
  };
  const byAdmin = (input: (app: TestApp, a: Actors) => Promise<Record<string, unknown>>): PayloadScenario => ({ token: admin, input: async () => input(getApp(), await a()) });
  const held = async (app: TestApp, forum: BuiltForum) =>
    (
      await mutate(
        app,
        forum.runner,
        'recordForumMeeting',
        heldInput(forum, '2024-09-10', { followUps: [{ description: 'Oppfølging', responsibleMemberId: forum.kind.members.ppt, dueOn: '2024-10-01' }] }),
        'meeting { id followUps { id } }',
      )
    ).meeting;

  return {
    createForumKind: byAdmin(async () => ({ code: `k-${suffix()}`, name: 'Nyttelast', placement: 'UNIT', leadership: 'FIXED', ...TST_LIKE })),
    updateForumKind: byAdmin(async (app, x) => ({ id: (await createKind(app, x.admin)).id, largeUnitSize: 250, cadence: [{ period: 'MONTH', unitSize: 'LARGE', minMeetings: 1 }] })),
    setForumTerms: byAdmin(async () => ({ springStart: '01-01', springEnd: '06-30', autumnStart: '08-01', autumnEnd: '12-31' })),
    createForum: byAdmin(async (app, x) => ({ kindId: (await createKind(app, x.admin)).id, name: 'Nyttelast', unitId: (await createUnit(app, x.admin, '3429')).id, establishedOn: '2024-01-01' })),
    updateForum: byAdmin(async (app, x) => ({ id: (await unitForum(app, x, await createKind(app, x.admin))).id, name: 'Nytt navn', closedOn: '2030-06-30' })),
    addForumMember: byAdmin(async (app, x) => {
      const forum = await unitForum(app, x, await createKind(app, x.admin));
      return { forumId: forum.id, kindMemberId: forum.kind.members.nav, serviceId: x.services.nav, validFrom: '2024-01-01' };
    }),
    endForumMembership: byAdmin(async (app, x) => ({ membershipId: (await unitForum(app, x, await createKind(app, x.admin))).seats.ppt, validTo: '2024-12-31' })),
    setForumLeader: byAdmin(async (app, x) => {
      const forum = await unitForum(app, x, await createKind(app, x.admin));
      return { forumId: forum.id, membershipId: forum.seats.ppt, validFrom: '2024-01-01' };
    }),
    planForumMeeting: byRunner(async (_app, f) => ({ forumId: f.id, startsAt: '2030-09-10T10:00:00Z' })),
    generateForumSchedule: byRunner(async (_app, f) => ({ forumId: f.id, term: '2030-AUTUMN', weekday: 'TUESDAY', startTime: '12:00' })),
    recordForumMeeting: byRunner(async (_app, f) => ({ ...heldInput(f, '2024-09-10'), caseItems: [{ label: 'Sak' }] })),
    cancelForumMeeting: byRunner(async (app, f) => ({
      meetingId: (await mutate(app, f.runner, 'planForumMeeting', { forumId: f.id, startsAt: '2030-09-10T10:00:00Z' }, 'meeting { id }')).meeting.id,
      reason: 'Sykdom',
    })),
    markForumMinutesSent: byRunner(async (app, f) => ({ meetingId: (await held(app, f)).id, sentOn: '2024-09-12' })),
    setForumFollowUpDone: byRunner(async (app, f) => ({ followUpId: (await held(app, f)).followUps[0].id, doneOn: '2024-09-20' })),
    recordCaseConsent: byRunner(async (_app, f) => ({ forumId: f.id, subject: 'Barn', givenBy: 'Foreldre', givenOn: '2024-09-01', scope: 'TST' })),
    withdrawCaseConsent: byRunner(async (app, f) => ({
      consentId: (await mutate(app, f.runner, 'recordCaseConsent', { forumId: f.id, subject: 'Barn', givenBy: 'Foreldre', givenOn: '2024-09-01', scope: 'TST' }, 'consent { id }')).consent.id,
      withdrawnOn: '2024-10-01',
    })),
    rotateForumCalendarToken: byRunner(async (_app, f) => ({ forumId: f.id })),
    referForumCase: byRunner(async (app, f) => ({
      fromForumId: f.id,
      toForumId: (await municipalForum(app, await a(), await createKind(app, await admin(), { placement: 'MUNICIPALITY', agendaElements: [] }), '3429')).id,
      referredOn: '2024-10-01',
      label: 'Elev, 5. trinn',
      measuresTried: 'Tilpasset opplæring',
    })),
    recordForumCaseReferralOutcome: (() => {
      let receiver = '';
      return {
        token: async () => receiver,
        input: async () => {
          const app = getApp();
          const x = await a();
          const from = await unitForum(app, x, await createKind(app, x.admin));
          const to = await municipalForum(app, x, await createKind(app, x.admin, { placement: 'MUNICIPALITY', agendaElements: [] }), '3429');
          receiver = to.runner;
          const { referral } = await mutate(app, from.runner, 'referForumCase', { fromForumId: from.id, toForumId: to.id, referredOn: '2024-10-01', label: 'Sak' }, 'referral { id }');
          return { referralId: referral.id, outcome: 'ACCEPTED', decidedOn: '2024-10-05', text: 'Tas opp' };
        },
      };
    })(),
  };
}
