import { asApiRole } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { Actors, actors, BuiltForum, createKind, held, mutate, uuid } from './fixtures';

/**
 * Regional fora (seed 001: "meetings with the kommunedirektører and finance twice a year") in the
 * kommunedirektør's compliance report (issue 21): every municipality of the region takes part in a
 * regional forum, so each director's report shows it (`regionalForums`, `regionalSummary`) beside
 * the municipality's own fora. The director oversees its structure; its content stays with the
 * REGION_ADMIN (1733752000000-fora-regional-oversight).
 */
let app: TestApp;
let a: Actors;
let forum: BuiltForum;
const one = async (sql: string, params: unknown[] = []) => (await app.owner.query(sql, params)).rows[0];

beforeAll(async () => {
  app = await startTestApp();
  a = await actors(app);
  const kind = await createKind(app, a.admin, {
    placement: 'REGION',
    minMeetingMinutes: null,
    members: [
      { code: 'kommunedirektor', name: 'Kommunedirektørene', attendance: 'MANDATORY' },
      { code: 'okonomi', name: 'Økonomi', attendance: 'MANDATORY' },
    ],
    cadence: [{ period: 'YEAR', minMeetings: 2 }],
    agendaElements: [],
  });
  const created = await mutate(app, a.admin, 'createForum', { kindId: kind.id, name: 'Møte med kommunedirektørene og økonomi', establishedOn: '2024-01-01' }, 'forum { id }');
  forum = { id: created.forum.id, kind, seats: {}, runner: a.admin };
  await held(app, forum, '2024-03-12', { text: 'Referat: budsjett (regionalt)' });
  await held(app, forum, '2024-10-15');
});
afterAll(() => app.close());

const REPORT = `query($n: String!) { forumCompliance(municipalityNumber: $n, period: "2024") {
  forums { forum { id } }
  regionalForums { forum { id name } cadence { rule { period minMeetings } windows { window { label } count status } } }
  regionalSummary { forums meetingsHeld forumsBelowMinimum }
  summary { forums } } }`;

describe("a kommunedirektør's compliance report", () => {
  it.each(['3429', '3426'])("shows the region's forum beside the fora of municipality %s, and keeps it out of the municipality's own list and summary", async (number) => {
    const director = await a.director(number);
    const report = ok(await app.gql(REPORT, { n: number }, director)).forumCompliance;
    const regional = report.regionalForums.find((f: any) => f.forum.id === forum.id);
    expect(regional).toEqual({
      forum: { id: forum.id, name: 'Møte med kommunedirektørene og økonomi' },
      cadence: [{ rule: { period: 'YEAR', minMeetings: 2 }, windows: [{ window: { label: '2024' }, count: 2, status: 'MET' }] }],
    });
    expect(report.regionalSummary.forums).toBe(report.regionalForums.length);
    expect(report.regionalSummary.meetingsHeld).toBeGreaterThanOrEqual(2);
    expect(report.forums.map((f: any) => f.forum.id)).not.toContain(forum.id);
    expect(report.summary.forums).toBe(report.forums.length);
  });

  it('lets the director read the structure of the regional forum, not its minutes', async () => {
    const director = await a.director('3429');
    const res = ok(await app.gql(`query($id: ID!) { forum(id: $id) { meetings { nodes { status minutes } } } }`, { id: forum.id }, director));
    expect(res.forum.meetings.nodes).toEqual([
      { status: 'HELD', minutes: null },
      { status: 'HELD', minutes: null },
    ]);
    const admin = ok(await app.gql(`query($id: ID!) { forum(id: $id) { meetings { nodes { minutes } } } }`, { id: forum.id }, a.admin));
    expect(admin.forum.meetings.nodes.map((m: any) => m.minutes)).toContain('Referat: budsjett (regionalt)');
  });

  it('holds in RLS alone: a director of the region reads the meetings, no content; a director of another region nothing', async () => {
    const region = (await one(`SELECT id FROM region WHERE code = 'nord-osterdal'`)).id;
    const valdres = (await one(`SELECT id FROM region WHERE code = 'valdres'`)).id;
    const folldal = (await one(`SELECT id FROM municipality WHERE number = '3429'`)).id;
    const sorAurdal = (await one(`SELECT id FROM municipality WHERE number = '3449'`)).id;
    const id = uuid(forum.id);
    const counts = (settings: Record<string, string>) =>
      asApiRole(app, settings, async (q) => {
        const n = async (table: string) => (await q(`SELECT count(*)::int AS n FROM ${table} WHERE forum_id = $1`, [id]))[0].n;
        return { meetings: await n('forum_meeting'), minutes: await n('forum_minutes'), agendaItems: await n('forum_agenda_item') };
      });
    expect(await counts({ role: 'REGION_ADMIN', region_id: region })).toEqual({ meetings: 2, minutes: 2, agendaItems: 0 });
    expect(await counts({ role: 'MUNICIPAL_DIRECTOR', region_id: region, municipality_id: folldal })).toEqual({ meetings: 2, minutes: 0, agendaItems: 0 });
    expect(await counts({ role: 'MUNICIPAL_FINANCE', region_id: region, municipality_id: folldal })).toEqual({ meetings: 0, minutes: 0, agendaItems: 0 });
    expect(await counts({ role: 'MUNICIPAL_DIRECTOR', region_id: valdres, municipality_id: sorAurdal })).toEqual({ meetings: 0, minutes: 0, agendaItems: 0 });
  });
});
