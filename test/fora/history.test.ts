import { Role } from '../../src/auth/roles';
import { fixedClock, osloToday } from '../../src/services/dates';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { Actors, actors, attempt, codes, complianceOf, createKind, createUnit, held, mutate, unitForum } from './fixtures';

/**
 * History does not rewrite itself (issue 21): a report of a finished period reads the same after
 * today's units and rules change. A unit counts only in periods it is open in; a window is judged
 * by the kind's rules in force on its first day (docs/fora.md "Which rules judge which period").
 */
let app: TestApp;
let a: Actors;
afterAll(() => app.close());

/** The start year of the last school year the demo seed filled with meetings (src/seed/fora). */
function seededSchoolYear(today: string): number {
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 7 ? year - 1 : year - 2;
}

const REPORT = `municipality { number } period { label from to }
  forums { forum { id name } kind { code } unitSizeBand meetings { held planned cancelled } belowMinimum aboveMaximum atRisk
    rules { validFrom cadence { period unitSize minMeetings maxMeetings } requiredUnitKinds leadership rotationMonths minMeetingMinutes largeUnitSize minDaysBetweenMeetings }
    cadence { rule { period unitSize minMeetings maxMeetings } windows { window { label from to } count min max status stillPlanned stillPossible } }
    shortMeetings { actualMinutes minimumMinutes } missingElements { missing { code } } halfYearElements { element { code } windows { status } }
    attendance { member { code } expected present rate } leadershipViolations { issue date } followUps { due done overdue doneLate } minutesNotSent }
  missingForums { kind { code } units { code } }
  summary { forums meetingsHeld meetingsCancelled forumsBelowMinimum forumsAboveMaximum forumsAtRisk shortMeetings meetingsMissingRequiredElements mandatoryExpected mandatoryPresent mandatoryAttendanceRate overdueFollowUps unitsWithoutRequiredForum }`;

const report = async (number: string, period: string, token = a.admin) =>
  ok(await app.gql(`query($n: String!, $p: String!) { forumCompliance(municipalityNumber: $n, period: $p) { ${REPORT} } }`, { n: number, p: period }, token)).forumCompliance;

const TST_RULES = (autumn: number, spring: number) => [
  { period: 'AUTUMN_TERM', minMeetings: autumn },
  { period: 'SPRING_TERM', minMeetings: spring },
];

describe("a finished term of the demo seed (Tolga's TSTs), with today's clock", () => {
  const today = osloToday(new Date());
  const y = seededSchoolYear(today);
  const finished = `${y}-AUTUMN`;
  // The first autumn term that begins after today: the new rules judge it.
  const nextAutumn = `${Number(today.slice(5, 7)) >= 8 ? Number(today.slice(0, 4)) + 1 : Number(today.slice(0, 4))}-AUTUMN`;
  let tst: string;

  beforeAll(async () => {
    app = await startTestApp();
    a = await actors(app);
    tst = ok(await app.gql(`{ forumKinds { id code } }`, {}, a.admin)).forumKinds.find((k: any) => k.code === 'tst').id;
  });

  it('reads the same after a unit is added, a kind with required unit kinds is created and the cadence minimum is raised today; later terms follow the new rules', async () => {
    const before = await report('3426', finished);
    // Not vacuous: Tolga's TSTs are judged 2/2 MET in the finished term, and no unit lacks its TST.
    const autumnWindows = before.forums.flatMap((f: any) => f.cadence.flatMap((c: any) => c.windows));
    expect(autumnWindows.length).toBeGreaterThan(0);
    expect(autumnWindows.some((w: any) => w.count === 2 && w.min === 2 && w.status === 'MET')).toBe(true);
    expect(before.missingForums).toEqual([]);

    const { unit } = await mutate(app, a.admin, 'createUnit', { municipalityNumber: '3426', code: 'tolga-ny-skole', name: 'Tolga nye skole', kind: 'SCHOOL', size: 80 }, 'unit { openedOn closedOn }');
    expect(unit).toEqual({ openedOn: today, closedOn: null });
    const created = await mutate(
      app,
      a.admin,
      'createForumKind',
      {
        code: 'elevrad-team',
        name: 'Nytt team ved hver skole',
        placement: 'UNIT',
        requiredUnitKinds: ['SCHOOL', 'KINDERGARTEN'],
        leadership: 'FIXED',
        members: [{ code: 'enheten', name: 'Skolen', attendance: 'MANDATORY' }],
        cadence: [{ period: 'AUTUMN_TERM', minMeetings: 1 }],
        agendaElements: [],
      },
      'forumKind { rulesValidFrom }',
    );
    expect(created.forumKind.rulesValidFrom).toBe(today);
    const raised = await mutate(app, a.admin, 'updateForumKind', { id: tst, cadence: TST_RULES(3, 3) }, 'forumKind { rulesValidFrom ruleVersions { validFrom cadence { period minMeetings } } }');
    expect(raised.forumKind.rulesValidFrom).toBe(today);
    expect(raised.forumKind.ruleVersions.map((v: any) => [v.validFrom, v.cadence.map((c: any) => `${c.period}:${c.minMeetings}`)])).toEqual([
      ['2000-01-01', ['AUTUMN_TERM:2', 'SPRING_TERM:3']],
      [today, ['AUTUMN_TERM:3', 'SPRING_TERM:3']],
    ]);

    expect(await report('3426', finished)).toEqual(before);
    // Forum.compliance says the same as the report.
    const one = before.forums[0];
    const again = await complianceOf(app, a.admin, one.forum.id, finished, 'cadence { rule { minMeetings } windows { count min status } } rules { validFrom }');
    expect(again).toEqual({
      cadence: one.cadence.map((c: any) => ({ rule: { minMeetings: c.rule.minMeetings }, windows: c.windows.map((w: any) => ({ count: w.count, min: w.min, status: w.status })) })),
      rules: { validFrom: '2000-01-01' },
    });

    // The terms that begin after the change are judged by the new rules and list the new unit and kind.
    const next = await report('3426', nextAutumn);
    const tstForums = next.forums.filter((f: any) => f.kind.code === 'tst');
    expect(tstForums.length).toBeGreaterThan(0);
    for (const f of tstForums) {
      expect(f.rules.cadence.map((c: any) => c.minMeetings)).toEqual([3, 3]);
      expect(f.cadence.flatMap((c: any) => c.windows.map((w: any) => [w.window.label, w.min]))).toEqual([[nextAutumn, 3]]);
    }
    const missing = Object.fromEntries(next.missingForums.map((m: any) => [m.kind.code, m.units.map((u: any) => u.code)]));
    expect(missing.tst).toEqual(['tolga-ny-skole']);
    expect(missing['elevrad-team']).toContain('tolga-ny-skole');
    expect(missing['elevrad-team'].length).toBeGreaterThan(1);
  });
});

describe('rule versions and unit validity on a fixed clock (2024-10-15)', () => {
  const TODAY = '2024-10-15';
  let other: TestApp;
  let b: Actors;
  beforeAll(async () => {
    other = await startTestApp({ clock: fixedClock(`${TODAY}T10:00:00Z`) });
    b = await actors(other);
  });
  afterAll(() => other.close());

  const windows = async (forumId: string, period: string) =>
    (await complianceOf(other, b.admin, forumId, period, 'cadence { windows { window { label } count min status } }')).cadence.flatMap((c: any) =>
      c.windows.map((w: any) => [w.window.label, w.count, w.min, w.status]),
    );

  it("keeps a term that began before a change on the old rules, judges later terms by the new, and applies a change backdated to the term's start to it", async () => {
    const kind = await createKind(other, b.admin);
    const forum = await unitForum(other, b, kind);
    for (const date of ['2023-09-12', '2023-11-14', '2024-09-10', '2024-10-08']) await held(other, forum, date);
    await mutate(other, b.admin, 'updateForumKind', { id: kind.id, cadence: TST_RULES(3, 3) }, 'forumKind { id }');
    expect(await windows(forum.id, '2023-AUTUMN')).toEqual([['2023-AUTUMN', 2, 2, 'MET']]);
    // The autumn term began on 2024-08-01 under the old rules: a change dated today applies from the next window.
    expect(await windows(forum.id, '2024-AUTUMN')).toEqual([['2024-AUTUMN', 2, 2, 'MET']]);
    expect(await windows(forum.id, '2025-SPRING')).toEqual([['2025-SPRING', 0, 3, 'IN_PROGRESS']]);
    expect(await windows(forum.id, '2025-AUTUMN')).toEqual([['2025-AUTUMN', 0, 3, 'IN_PROGRESS']]);

    // Another kind, the same change dated from the start of the current term: it judges that term.
    const backdated = await createKind(other, b.admin);
    const forum2 = await unitForum(other, b, backdated);
    for (const date of ['2023-09-12', '2023-11-14', '2024-09-10', '2024-10-08']) await held(other, forum2, date);
    await mutate(other, b.admin, 'updateForumKind', { id: backdated.id, cadence: TST_RULES(3, 3), rulesValidFrom: '2024-08-01' }, 'forumKind { id }');
    expect(await windows(forum2.id, '2023-AUTUMN')).toEqual([['2023-AUTUMN', 2, 2, 'MET']]);
    expect(await windows(forum2.id, '2024-AUTUMN')).toEqual([['2024-AUTUMN', 2, 3, 'IN_PROGRESS']]);
  });

  it('changes the term dates only from a year none of whose terms has begun: begun and finished terms read the same', async () => {
    const read = async (period: string) => ok(await other.gql(`query($p: String!) { forumCompliance(municipalityNumber: "3426", period: $p) { ${REPORT} } }`, { p: period }, b.admin)).forumCompliance;
    const before = { finished: await read('2023-AUTUMN'), begun: await read('2024-AUTUMN') };
    expect(before.begun.period).toMatchObject({ from: '2024-08-01', to: '2024-12-31' });
    const dates = { springStart: '01-05', springEnd: '06-20', autumnStart: '08-20', autumnEnd: '12-20' };
    // 2024's spring term has begun (today 2024-10-15): the new dates apply from 2025.
    const { terms } = await mutate(other, b.admin, 'setForumTerms', dates, 'terms { fromYear autumnStart }');
    expect(terms).toEqual({ fromYear: 2025, autumnStart: '08-20' });
    expect({ finished: await read('2023-AUTUMN'), begun: await read('2024-AUTUMN') }).toEqual(before);
    expect((await read('2025-AUTUMN')).period).toMatchObject({ from: '2025-08-20', to: '2025-12-20' });
    expect(ok(await other.gql(`{ forumTerms { autumnStart fromYear isDefault } }`, {}, b.admin)).forumTerms).toEqual({ autumnStart: '08-20', fromYear: 2025, isDefault: false });

    const refused = await attempt(other, b.admin, 'setForumTerms', { ...dates, autumnStart: '09-01', fromYear: 2024 }, 'terms { fromYear }');
    expect(refused.payload.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([['input.fromYear', 'INVALID']]);
    expect(await read('2024-AUTUMN')).toEqual(before.begun);
  });

  it('refuses new rules dated before the rules in force, and changes nothing', async () => {
    const kind = await createKind(other, b.admin, { rulesValidFrom: '2024-01-01' });
    const r = await attempt(other, b.admin, 'updateForumKind', { id: kind.id, cadence: TST_RULES(4, 4), rulesValidFrom: '2023-06-01' }, 'forumKind { id }');
    expect([codes(r.payload), r.payload.userErrors[0].field]).toEqual([['INVALID'], ['input', 'rulesValidFrom']]);
    const after = ok(await other.gql(`query($id: ID!) { node(id: $id) { ... on ForumKind { rulesValidFrom cadence { minMeetings } ruleVersions { validFrom } } } }`, { id: kind.id }, b.admin)).node;
    expect(after).toEqual({ rulesValidFrom: '2024-01-01', cadence: [{ minMeetings: 2 }, { minMeetings: 3 }], ruleVersions: [{ validFrom: '2024-01-01' }] });
    // A change of the name only is no new version.
    await mutate(other, b.admin, 'updateForumKind', { id: kind.id, name: 'Nytt navn' }, 'forumKind { id }');
    const renamed = ok(await other.gql(`query($id: ID!) { node(id: $id) { ... on ForumKind { rulesValidFrom ruleVersions { validFrom } } } }`, { id: kind.id }, b.admin)).node;
    expect(renamed).toEqual({ rulesValidFrom: '2024-01-01', ruleVersions: [{ validFrom: '2024-01-01' }] });
  });

  it('judges a kind created today from today: the term under way and earlier ones are not judged by it', async () => {
    const kind = await createKind(other, b.admin, { rulesValidFrom: TODAY, cadence: [{ period: 'MONTH', minMeetings: 1 }], agendaElements: [] });
    const forum = await unitForum(other, b, kind);
    await held(other, forum, '2024-09-10');
    const september = await complianceOf(other, b.admin, forum.id, '2024-09', 'cadence { windows { status } } shortMeetings { actualMinutes }');
    expect(september).toBeNull();
    expect(await windows(forum.id, '2024-11')).toEqual([['2024-11', 0, 1, 'IN_PROGRESS']]);
  });

  it('counts a unit only in the periods it is open in: a new unit from its opening, a closed one until its closing', async () => {
    const kind = await createKind(other, b.admin, { requiredUnitKinds: ['SCHOOL'] });
    const missingIn = async (period: string) =>
      ok(await other.gql(`query($p: String!) { forumCompliance(municipalityNumber: "3428", period: $p) { missingForums { kind { id } units { code } } } }`, { p: period }, b.admin))
        .forumCompliance.missingForums.filter((m: any) => m.kind.id === kind.id)
        .flatMap((m: any) => m.units.map((u: any) => u.code));
    const closing = await createUnit(other, b.admin, '3428');
    const opening = await createUnit(other, b.admin, '3428', 100, 'SCHOOL', '2024-09-01');
    expect(await missingIn('2024-SPRING')).toContain(closing.code);
    expect(await missingIn('2024-SPRING')).not.toContain(opening.code);
    expect(await missingIn('2024-AUTUMN')).toEqual(expect.arrayContaining([closing.code, opening.code]));

    const { unit } = await mutate(other, b.admin, 'updateUnit', { id: closing.id, closedOn: '2024-06-30' }, 'unit { openedOn closedOn }');
    expect(unit).toEqual({ openedOn: '2000-01-01', closedOn: '2024-06-30' });
    expect(await missingIn('2024-SPRING')).toContain(closing.code);
    expect(await missingIn('2024-AUTUMN')).not.toContain(closing.code);
    expect(await missingIn('2024-AUTUMN')).toContain(opening.code);

    // Re-opened (closedOn: null): it counts again.
    await mutate(other, b.admin, 'updateUnit', { id: closing.id, closedOn: null }, 'unit { id }');
    expect(await missingIn('2024-AUTUMN')).toContain(closing.code);
  });

  it("counts in a service's load only the units open today", async () => {
    const kind = await createKind(other, b.admin, { requiredUnitKinds: ['KINDERGARTEN'] });
    const leader = await other.token(Role.SERVICE_LEADER, { service: 'ppt' });
    const places = async () =>
      ok(await other.gql(`{ serviceForumLoad(period: "2024") { load { lines { kind { id } municipality { number } places } } } }`, {}, leader))
        .serviceForumLoad.load.lines.filter((l: any) => l.kind.id === kind.id && l.municipality?.number === '3428')
        .reduce((n: number, l: any) => n + l.places, 0);
    const before = await places();
    const unit = await createUnit(other, b.admin, '3428', 30, 'KINDERGARTEN');
    await createUnit(other, b.admin, '3428', 30, 'KINDERGARTEN', '2025-01-01'); // opens after today
    expect(await places()).toBe(before + 1);
    await mutate(other, b.admin, 'updateUnit', { id: unit.id, closedOn: '2024-10-14' }, 'unit { id }');
    expect(await places()).toBe(before);
  });

  it('refuses a unit that closes before it opens, and one opened before 2000, and changes nothing', async () => {
    const unit = await createUnit(other, b.admin, '3428', 100, 'SCHOOL', '2024-09-01');
    const closedEarly = await attempt(other, b.admin, 'updateUnit', { id: unit.id, closedOn: '2024-08-31' }, 'unit { id }');
    expect([codes(closedEarly.payload), closedEarly.payload.userErrors[0].field]).toEqual([['INVALID'], ['input', 'closedOn']]);
    const tooEarly = await attempt(
      other,
      b.admin,
      'createUnit',
      { municipalityNumber: '3428', code: 'for-tidlig', name: 'For tidlig', kind: 'SCHOOL', size: 10, openedOn: '1999-12-31' },
      'unit { id }',
    );
    expect([codes(tooEarly.payload), tooEarly.payload.userErrors[0].field]).toEqual([['INVALID'], ['input', 'openedOn']]);
    const rows = await other.owner.query(`SELECT opened_on::text, closed_on FROM unit WHERE code = ANY($1)`, [[unit.code, 'for-tidlig']]);
    expect(rows.rows).toEqual([{ opened_on: '2024-09-01', closed_on: null }]);
  });
});
