import { WindowStatus, judge, stillPossible } from '../../src/services/fora/cadence';
import { CadencePeriod } from '../../src/entities/fora/enums';
import { toGlobalId } from '../../src/global-id';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { Actors, actors, createKind, held, mutate, unitForum } from './fixtures';

/**
 * AT_RISK (issue 21): a window not yet over whose held + still planned + still possible meetings
 * are fewer than the minimum can no longer reach it, and says so before it ends. "Still possible":
 * meetings that fit from today to the window's end, each at least the kind's minDaysBetweenMeetings
 * (else 7 days) from every held or planned meeting and from each other (docs/fora.md "At risk").
 * The clock is fixed and moved between checks (AppConfig.clock).
 */
let now = '2026-12-06T11:00:00Z';
let app: TestApp;
let a: Actors;
beforeAll(async () => {
  app = await startTestApp({ clock: () => new Date(now) });
  a = await actors(app);
});
afterAll(() => app.close());

const AUTUMN = { from: '2024-08-01', to: '2024-12-31' };

describe('stillPossible and judge (pure)', () => {
  it('counts the meetings that still fit with the spacing, around those booked', () => {
    expect(stillPossible(AUTUMN, '2024-12-20', ['2024-09-10'], 7)).toBe(2); // 12-20, 12-27
    expect(stillPossible(AUTUMN, '2024-12-20', ['2024-09-10', '2024-12-23'], 7)).toBe(1); // 12-30
    expect(stillPossible(AUTUMN, '2024-12-20', ['2024-09-10'], 14)).toBe(1); // 12-20
    expect(stillPossible(AUTUMN, '2024-12-20', ['2024-12-10'], 14)).toBe(1); // 12-24
    expect(stillPossible(AUTUMN, '2025-01-02', [], 7)).toBe(0); // the window is over
    expect(stillPossible(AUTUMN, '2024-07-01', [], 30)).toBe(6); // from the window's first day: 08-01, 08-31, 09-30, 10-30, 11-29, 12-29
  });

  it('is AT_RISK only while the window runs and only when held + planned + possible < min', () => {
    const w = { kind: CadencePeriod.AUTUMN_TERM, label: '2024-AUTUMN', ...AUTUMN };
    const active = { from: '2023-08-01', to: null };
    const outlook = (planned: string[], spacing = 7) => ({ planned, booked: ['2024-09-10', ...planned], spacing });
    expect(judge(w, 1, 3, null, '2024-12-20', active, outlook([]))).toMatchObject({ status: WindowStatus.IN_PROGRESS, stillPlanned: 0, stillPossible: 2 });
    expect(judge(w, 1, 3, null, '2024-12-20', active, outlook([], 14))).toMatchObject({ status: WindowStatus.AT_RISK, stillPlanned: 0, stillPossible: 1 });
    expect(judge(w, 1, 4, null, '2024-12-20', active, outlook(['2024-12-23']))).toMatchObject({ status: WindowStatus.AT_RISK, stillPlanned: 1, stillPossible: 1 });
    // A planned meeting in the past (not recorded as held) is not "still planned".
    expect(judge(w, 1, 2, null, '2024-12-20', active, outlook(['2024-12-18'], 30))).toMatchObject({ status: WindowStatus.AT_RISK, stillPlanned: 0, stillPossible: 0 });
    // Over: BELOW_MINIMUM; met: MET; without an outlook (element and member rules): IN_PROGRESS.
    expect(judge(w, 1, 3, null, '2025-01-02', active, outlook([])).status).toBe(WindowStatus.BELOW_MINIMUM);
    expect(judge(w, 3, 3, null, '2024-12-20', active, outlook([])).status).toBe(WindowStatus.MET);
    expect(judge(w, 0, 30, null, '2024-12-20', active).status).toBe(WindowStatus.IN_PROGRESS);
  });
});

const WINDOW = 'atRisk cadence { windows { window { label } count min status stillPlanned stillPossible } }';

describe('a synthetic forum (2024-12-20)', () => {
  it('is IN_PROGRESS while enough meetings still fit, AT_RISK when they do not, and counts it in the summary', async () => {
    now = '2024-12-20T10:00:00Z';
    const rules = [
      { period: 'AUTUMN_TERM', minMeetings: 3 },
      { period: 'SPRING_TERM', minMeetings: 3 },
    ];
    const weekly = await createKind(app, a.admin, { cadence: rules });
    const fortnightly = await createKind(app, a.admin, { cadence: rules, minDaysBetweenMeetings: 14 });
    const free = await unitForum(app, a, weekly, { municipality: '3428' });
    const planned = await unitForum(app, a, weekly, { municipality: '3428' });
    const spaced = await unitForum(app, a, fortnightly, { municipality: '3428' });
    for (const f of [free, planned, spaced]) await held(app, f, '2024-09-10');
    await mutate(app, planned.runner, 'planForumMeeting', { forumId: planned.id, startsAt: '2024-12-23T10:00:00Z' }, 'meeting { id }');

    const report = ok(
      await app.gql(`{ forumCompliance(municipalityNumber: "3428", period: "2024-AUTUMN") { forums { forum { id } ${WINDOW} } summary { forumsAtRisk forumsBelowMinimum } } }`, {}, a.admin),
    ).forumCompliance;
    const of = (id: string) => report.forums.find((f: any) => f.forum.id === id);
    const row = (id: string) => [of(id).atRisk, ...of(id).cadence[0].windows.map((w: any) => [w.count, w.min, w.status, w.stillPlanned, w.stillPossible])];
    expect(row(free.id)).toEqual([false, [1, 3, 'IN_PROGRESS', 0, 2]]);
    expect(row(planned.id)).toEqual([false, [1, 3, 'IN_PROGRESS', 1, 1]]);
    expect(row(spaced.id)).toEqual([true, [1, 3, 'AT_RISK', 0, 1]]);
    expect(report.summary.forumsAtRisk).toBe(report.forums.filter((f: any) => f.atRisk).length);
    expect(report.summary.forumsAtRisk).toBeGreaterThanOrEqual(1);

    // Once the term is over, what was at risk is BELOW_MINIMUM.
    now = '2025-01-02T10:00:00Z';
    const over = ok(await app.gql(`query($id: ID!) { forum(id: $id) { compliance(period: "2024-AUTUMN") { ${WINDOW} } } }`, { id: spaced.id }, a.admin)).forum.compliance;
    expect(over).toEqual({ atRisk: false, cadence: [{ windows: [{ window: { label: '2024-AUTUMN' }, count: 1, min: 3, status: 'BELOW_MINIMUM', stillPlanned: null, stillPossible: null }] }] });
  });
});

describe("Rendalen's TSTs in the demo seed, autumn 2026", () => {
  it('on 2026-12-06 (0 held, 1 planned on 12-16, minimum 2): IN_PROGRESS by weeks, AT_RISK on 12-28, and AT_RISK on 12-06 once TSTs meet at least three weeks apart', async () => {
    now = '2026-12-06T11:00:00Z';
    // The seed's meetings depend on the day it ran: make autumn 2026 exactly the case of issue 21.
    const tsts: { id: string; code: string }[] = (
      await app.owner.query(
        `SELECT f.id, u.code FROM forum f JOIN unit u ON u.id = f.unit_id JOIN municipality m ON m.id = f.municipality_id JOIN forum_kind k ON k.id = f.kind_id
          WHERE m.number = '3424' AND k.code = 'tst' ORDER BY u.code`,
      )
    ).rows;
    expect(tsts).toHaveLength(4);
    const ids = tsts.map((t) => t.id);
    await app.owner.query(`UPDATE forum SET established_on = LEAST(established_on, '2025-08-01') WHERE id = ANY($1)`, [ids]);
    await app.owner.query(`DELETE FROM forum_meeting WHERE forum_id = ANY($1) AND starts_at >= '2026-07-31T22:00:00Z'`, [ids]);
    for (const t of tsts) {
      const { meeting } = await mutate(app, await a.leader(t.code), 'planForumMeeting', { forumId: toGlobalId('Forum', t.id), startsAt: '2026-12-16T10:00:00Z' }, 'meeting { status }');
      expect(meeting).toEqual({ status: 'PLANNED' });
    }
    const rendalen = async () =>
      ok(await app.gql(`{ forumCompliance(municipalityNumber: "3424", period: "2026-AUTUMN") { forums { kind { code } ${WINDOW} } summary { forumsAtRisk } } }`, {}, a.admin)).forumCompliance;
    const windows = (r: any) => r.forums.filter((f: any) => f.kind.code === 'tst').map((f: any) => f.cadence[0].windows.map((w: any) => [w.count, w.min, w.status, w.stillPlanned, w.stillPossible]));

    // One meeting a week at most (the kind states no spacing): 12-06, 12-23 and 12-30 still fit.
    const weekly = await rendalen();
    expect(windows(weekly)).toEqual(Array(4).fill([[0, 2, 'IN_PROGRESS', 1, 3]]));
    expect(weekly.summary.forumsAtRisk).toBe(0);

    // On 12-28 the planned meeting has passed unrecorded; one more meeting fits before 31 December.
    now = '2026-12-28T09:00:00Z';
    const late = await rendalen();
    expect(windows(late)).toEqual(Array(4).fill([[0, 2, 'AT_RISK', 0, 1]]));
    expect(late.summary.forumsAtRisk).toBe(4);

    // Back on 12-06, with TSTs at least 21 days apart from the start of the term: nothing fits beside 12-16.
    now = '2026-12-06T11:00:00Z';
    const tst = ok(await app.gql(`{ forumKinds { id code } }`, {}, a.admin)).forumKinds.find((k: any) => k.code === 'tst').id;
    await mutate(app, a.admin, 'updateForumKind', { id: tst, minDaysBetweenMeetings: 21, rulesValidFrom: '2026-08-01' }, 'forumKind { id }');
    const spaced = await rendalen();
    expect(windows(spaced)).toEqual(Array(4).fill([[0, 2, 'AT_RISK', 1, 0]]));
    expect(spaced.summary.forumsAtRisk).toBe(4);
    expect(spaced.forums.filter((f: any) => f.kind.code === 'tst').every((f: any) => f.atRisk)).toBe(true);
  });
});
