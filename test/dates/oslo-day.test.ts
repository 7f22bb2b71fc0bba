import { Role } from '../../src/auth/roles';
import { fixedClock, osloMonth, osloToday } from '../../src/services/dates';
import { baseUrl } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { actors as foraActors, Actors as ForaActors, attempt as foraAttempt, BuiltForum, createKind, heldInput, mutate as foraMutate, unitForum } from '../fora/fixtures';
import { inputType } from '../plans/fixtures/build';
import { actors as planActors, Actors as PlanActors, workflowPlan } from '../plans/fixtures/lifecycle';

/**
 * "Today" is the day in Norway (Europe/Oslo), not the UTC day: the app's clock is fixed
 * (AppConfig.clock) and every check runs through the real server. At 23:30 UTC on the last day of
 * a winter month it is already 00:30 on the 1st in Oslo (UTC+1); at 22:30 UTC on the last day of
 * a summer month likewise (UTC+2). At 22:30 UTC on a winter month's last day it is still 23:30 the
 * day before in Oslo.
 */
const WINTER_JUST_AFTER_MIDNIGHT = '2026-01-31T23:30:00Z'; // Oslo 2026-02-01 00:30
const SUMMER_JUST_AFTER_MIDNIGHT = '2026-07-31T22:30:00Z'; // Oslo 2026-08-01 00:30
const WINTER_JUST_BEFORE_MIDNIGHT = '2026-01-31T22:30:00Z'; // Oslo 2026-01-31 23:30

let now = WINTER_JUST_AFTER_MIDNIGHT;
let app: TestApp;
let fora: ForaActors;
let plans: PlanActors;
let forum: BuiltForum;
let statisticsLeader: string;
beforeAll(async () => {
  app = await startTestApp({ clock: () => new Date(now) });
  fora = await foraActors(app);
  plans = await planActors(app);
  forum = await unitForum(app, fora, await createKind(app, fora.admin));
  statisticsLeader = await app.token(Role.SERVICE_LEADER, { service: 'barnevern' });
});
afterAll(() => app.close());

const codes = (payload: any) => payload.userErrors.map((e: any) => e.code);
const fields = (payload: any) => payload.userErrors.map((e: any) => e.field.join('.'));

/** A meeting that started a few minutes after midnight (Oslo) on `day`, recorded as held. */
const meetingAt = (startsAt: string, followUps: unknown[] = []) => ({ ...heldInput(forum, startsAt.slice(0, 10)), startsAt, followUps });

const consent = (givenOn: string) =>
  foraAttempt(app, forum.runner, 'recordCaseConsent', { forumId: forum.id, subject: `Barn ${givenOn}`, givenBy: 'Foreldrene', givenOn, scope: 'Drøfting i TST' }, 'consent { givenOn }');

async function adoption(versionId: string, municipality: string, decidedOn: string) {
  const name = 'recordPlanAdoption';
  const res = await app.gql(
    `mutation($input: ${inputType(name)}!) { ${name}(input: $input) { adoption { decidedOn } userErrors { field message code } } }`,
    { input: { versionId, decidedOn } },
    await plans.director(municipality),
  );
  return res.data![name];
}

async function importMonth(period: string) {
  const body = ['kommunenummer,period,metric,value', `3427,${period},reports_received,3`].join('\n');
  const res = await fetch(`${baseUrl(app)}/imports/statistics?dryRun=true`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${statisticsLeader}` }, body });
  return { status: res.status, body: (await res.json()) as any };
}

describe('the Oslo day from the clock', () => {
  it('is the calendar day in Europe/Oslo, winter and summer', () => {
    expect(osloToday(new Date(WINTER_JUST_AFTER_MIDNIGHT))).toBe('2026-02-01');
    expect(osloToday(new Date(SUMMER_JUST_AFTER_MIDNIGHT))).toBe('2026-08-01');
    expect(osloToday(new Date(WINTER_JUST_BEFORE_MIDNIGHT))).toBe('2026-01-31');
    expect(osloToday(new Date('2026-07-31T21:59:59Z'))).toBe('2026-07-31');
    expect(osloMonth(new Date('2026-12-31T23:00:00Z'))).toEqual({ year: 2027, month: 1 });
    expect(osloToday(fixedClock('2026-03-29T00:30:00Z')())).toBe('2026-03-29'); // the night summer time begins
    expect(() => fixedClock('31.01.2026')).toThrow('not an ISO timestamp');
  });
});

// First, so that nothing recorded on 1 February exists yet.
describe('winter, 22:30 UTC on 31 January (Oslo 23:30, still the 31st)', () => {
  beforeAll(() => {
    now = WINTER_JUST_BEFORE_MIDNIGHT;
  });

  it('refuses 1 February as in the future for meetings, consents and council decisions', async () => {
    const meeting = await foraAttempt(app, forum.runner, 'recordForumMeeting', meetingAt('2026-01-31T23:10:00Z'), 'meeting { id }');
    expect(meeting.payload.userErrors.map((e: any) => e.message)).toEqual(['The meeting is on 2026-02-01; it can be recorded as held from that day on.']);
    expect(codes((await consent('2026-02-01')).payload)).toEqual(['INVALID']);
    const plan = await workflowPlan(app, plans, 'consultation', 'Plan før midnatt');
    expect((await adoption(plan.v1, '3427', '2026-02-01')).userErrors.map((e: any) => e.field.join('.'))).toEqual(['input.decidedOn']);
    expect(await adoption(plan.v1, '3427', '2026-01-31')).toEqual({ adoption: { decidedOn: '2026-01-31' }, userErrors: [] });
  });

  it('refuses statistics for January: it has not ended yet', async () => {
    const res = await importMonth('2026-01');
    expect(res.body.problems).toEqual([expect.objectContaining({ line: 2, field: 'period', message: '2026-01 is in the future or has not ended yet; only a finished period has figures.' })]);
  });

  it('keeps a follow-up due today not overdue', async () => {
    const { meeting } = await foraMutate(
      app,
      forum.runner,
      'recordForumMeeting',
      meetingAt('2026-01-21T10:00:00Z', [{ description: 'Ring skolen', responsibleMemberId: forum.kind.members.ppt, dueOn: '2026-01-31' }]),
      'meeting { followUps { dueOn overdue } }',
    );
    expect(meeting.followUps).toEqual([{ dueOn: '2026-01-31', overdue: false }]);
  });
});

describe.each([
  ['winter, 23:30 UTC on 31 January (Oslo 00:30 on 1 February)', WINTER_JUST_AFTER_MIDNIGHT, '2026-02-01', '2026-02-02', '2026-01', '2026-01-31T23:10:00Z'],
  ['summer, 22:30 UTC on 31 July (Oslo 00:30 on 1 August)', SUMMER_JUST_AFTER_MIDNIGHT, '2026-08-01', '2026-08-02', '2026-07', '2026-07-31T22:10:00Z'],
])('%s', (_label, instant, osloDay, tomorrow, endedMonth, meetingStart) => {
  beforeAll(() => {
    now = instant;
  });

  it(`records a meeting held after midnight today (${osloDay}) and refuses one tomorrow`, async () => {
    const held = await foraAttempt(app, forum.runner, 'recordForumMeeting', meetingAt(meetingStart), 'meeting { id status }');
    expect(held.payload.userErrors).toEqual([]);
    expect(held.payload.meeting.status).toBe('HELD');
    const future = await foraAttempt(app, forum.runner, 'recordForumMeeting', heldInput(forum, tomorrow), 'meeting { id }');
    expect(future.payload.userErrors.map((e: any) => [e.field.join('.'), e.code, e.message])).toEqual([
      ['input.startsAt', 'INVALID', `The meeting is on ${tomorrow}; it can be recorded as held from that day on.`],
    ]);
  });

  it(`records a consent given today (${osloDay}) and refuses one given tomorrow`, async () => {
    const given = await consent(osloDay);
    expect(given.payload).toMatchObject({ consent: { givenOn: osloDay }, userErrors: [] });
    const future = await consent(tomorrow);
    expect([fields(future.payload), codes(future.payload)]).toEqual([['input.givenOn'], ['INVALID']]);
  });

  it(`records a council decision taken today (${osloDay}) and refuses one dated tomorrow`, async () => {
    const plan = await workflowPlan(app, plans, 'consultation', `Plan ${osloDay}`);
    const today = await adoption(plan.v1, '3427', osloDay);
    expect(today).toEqual({ adoption: { decidedOn: osloDay }, userErrors: [] });
    const future = await adoption(plan.v1, '3428', tomorrow);
    expect(future.userErrors).toEqual([{ field: ['input', 'decidedOn'], code: 'INVALID', message: 'A decision date cannot be in the future.' }]);
  });

  it(`accepts statistics for ${endedMonth}, the month that ended at midnight in Oslo`, async () => {
    const res = await importMonth(endedMonth);
    expect(res.body.problems).toEqual([]);
    expect(res.body).toMatchObject({ dryRun: true, inserted: 1 });
  });

  it('judges a follow-up due yesterday as overdue', async () => {
    const yesterday = endedMonth === '2026-01' ? '2026-01-31' : '2026-07-31';
    const { meeting } = await foraMutate(
      app,
      forum.runner,
      'recordForumMeeting',
      meetingAt(`${endedMonth}-20T10:00:00Z`, [{ description: 'Ring foreldrene', responsibleMemberId: forum.kind.members.ppt, dueOn: yesterday }]),
      'meeting { followUps { dueOn overdue } }',
    );
    expect(meeting.followUps).toEqual([{ dueOn: yesterday, overdue: true }]);
  });
});

describe('cost and ownership views judge by the Oslo month', () => {
  it("takes February's distribution key for 2026 just after midnight on 1 February in Oslo", async () => {
    now = WINTER_JUST_AFTER_MIDNIGHT;
    const director = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3427' });
    const { ownedServiceCosts } = ok(await app.gql(`{ ownedServiceCosts(year: 2026) { keyMonth } }`, {}, director));
    expect(ownedServiceCosts.length).toBeGreaterThan(0);
    for (const o of ownedServiceCosts) expect(o.keyMonth).toBe('2026-02');
    now = WINTER_JUST_BEFORE_MIDNIGHT;
    const before = ok(await app.gql(`{ ownedServiceCosts(year: 2026) { keyMonth } }`, {}, director)).ownedServiceCosts;
    for (const o of before) expect(o.keyMonth).toBe('2026-01');
  });
});

describe('changes back in time are judged by the Oslo day', () => {
  const serviceGid = async (code: string) => (ok(await app.gql(`{ sharedServices { id code } }`, {}, fora.admin)).sharedServices as { id: string; code: string }[]).find((s) => s.code === code)!.id;

  it('asks for a correction reason for ownership from 31 January once it is 1 February in Oslo', async () => {
    now = WINTER_JUST_AFTER_MIDNIGHT;
    const input = { serviceId: await serviceGid('nav'), validFrom: '2026-01-31', ownerMunicipalityNumbers: ['3424', '3426', '3427', '3428', '3429'] };
    const r = await foraAttempt(app, fora.admin, 'setServiceOwnership', input, 'ownershipPeriod { id }');
    expect(r.payload.userErrors.map((e: any) => [e.field.join('.'), e.message])).toEqual([['input.correctionReason', expect.stringContaining('2026-01-31 is in the past')]]);
  });

  it('asks for a correction reason for a cost key from 1 February once it is 2 February in Oslo (23:30 UTC on the 1st)', async () => {
    now = '2026-02-01T23:30:00Z';
    const input = { serviceId: await serviceGid('barnevern'), validFrom: '2026-02-01', equalShareBp: 5000, populationShareBp: 5000, directCategoryIds: [] };
    const r = await foraAttempt(app, fora.admin, 'setCostAgreement', input, 'agreement { id }');
    expect(r.payload.userErrors.map((e: any) => [e.field.join('.'), e.message])).toEqual([['input.correctionReason', expect.stringContaining('2026-02-01 is in the past')]]);
  });
});
