import { ApiQuery, asApiRole as asApiRoleOf, tableFingerprint } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { Actors, actors, attempt, BuiltForum, codes, createKind, createUnit, heldInput, municipalForum, mutate, unitForum, uuid } from './fixtures';

/**
 * Tenancy of every fora table: another region can neither read nor change it, through the API and
 * with the service checks bypassed (raw SQL as the API role with a hand-set context). Within the
 * region the narrower scopes hold in RLS too: content (minutes, agenda items, cases, consents,
 * follow-up texts) only for the forum's own members; structure for them and oversight.
 */
let app: TestApp;
let a: Actors;
let forum: BuiltForum;
let team: BuiltForum;
let ids: { region: string; valdres: string; valdresUnit: string; folldalSkole: string; folldal: string; tynset: string; forum: string; barnevern: string };

const STRUCTURE = ['forum_membership', 'forum_leader_term', 'forum_meeting', 'forum_attendance', 'forum_agenda_section', 'forum_follow_up'];
const CONTENT = ['forum_agenda_item', 'forum_minutes', 'forum_follow_up_note', 'forum_case_consent', 'forum_case_item'];
const CONFIG = ['forum_term_setting', 'forum_kind', 'forum_kind_member', 'forum_kind_cadence', 'forum_kind_agenda_element', 'forum_kind_rule_version'];
const ALL = [...CONFIG, 'forum', 'forum_unit', ...STRUCTURE, ...CONTENT, 'forum_calendar_token'];

const one = async (sql: string, params: unknown[] = []) => (await app.owner.query(sql, params)).rows[0];

beforeAll(async () => {
  app = await startTestApp();
  a = await actors(app);
  const kind = await createKind(app, a.admin);
  // A rule change from a later date keeps the earlier rules as a forum_kind_rule_version row.
  await mutate(app, a.admin, 'updateForumKind', { id: kind.id, cadence: [{ period: 'AUTUMN_TERM', minMeetings: 3 }], rulesValidFrom: '2024-06-01' }, 'forumKind { id }');
  forum = await unitForum(app, a, kind);
  const c = await mutate(app, forum.runner, 'recordCaseConsent', { forumId: forum.id, subject: 'Barn A', givenBy: 'Foreldre', givenOn: '2024-09-01', scope: 'TST' }, 'consent { id }');
  await mutate(
    app,
    forum.runner,
    'recordForumMeeting',
    {
      ...heldInput(forum, '2024-09-10', { followUps: [{ description: 'Oppfølging', responsibleMemberId: kind.members.ppt, dueOn: '2024-10-01' }] }),
      caseItems: [{ label: 'Sak', consentId: c.consent.id }],
    },
    'meeting { id }',
  );
  await mutate(app, forum.runner, 'rotateForumCalendarToken', { forumId: forum.id }, 'token');
  await mutate(app, a.admin, 'setForumTerms', { springStart: '01-01', springEnd: '06-30', autumnStart: '08-01', autumnEnd: '12-31' }, 'terms { autumnStart }');
  const groupKind = await createKind(app, a.admin, { placement: 'UNIT_GROUP', agendaElements: [] });
  const unit = await createUnit(app, a.admin, '3429');
  await mutate(app, a.admin, 'createForum', { kindId: groupKind.id, name: 'Nettverk', municipalityNumber: '3429', unitIds: [unit.id], establishedOn: '2024-01-01' }, 'forum { id }');
  team = await municipalForum(app, a, await createKind(app, a.admin, { placement: 'MUNICIPALITY', agendaElements: [] }), '3429');
  await mutate(app, team.runner, 'recordForumMeeting', heldInput(team, '2024-09-11'), 'meeting { id }');
  ids = {
    region: (await one(`SELECT id FROM region WHERE code = 'nord-osterdal'`)).id,
    valdres: (await one(`SELECT id FROM region WHERE code = 'valdres'`)).id,
    valdresUnit: (await one(`SELECT id FROM unit WHERE code = 'sor-aurdal-bagn-skule'`)).id,
    folldalSkole: (await one(`SELECT id FROM unit WHERE code = 'folldal-skole'`)).id,
    folldal: (await one(`SELECT id FROM municipality WHERE number = '3429'`)).id,
    tynset: (await one(`SELECT id FROM municipality WHERE number = '3427'`)).id,
    forum: uuid(forum.id),
    barnevern: (await one(`SELECT s.id FROM shared_service s JOIN region r ON r.id = s.region_id WHERE s.code = 'barnevern' AND r.code = 'nord-osterdal'`)).id,
  };
});
afterAll(() => app.close());

type Q = ApiQuery;
const asApiRole = (settings: Record<string, string>, work: (q: Q) => Promise<void>) => asApiRoleOf(app, settings, work);

/** Rows of `table` that belong to the test's unit forum (or, for configuration, to Nord-Østerdal). */
function mine(table: string): string {
  if (CONFIG.includes(table)) return `region_id = '${ids.region}'`;
  if (table === 'forum') return `id = '${ids.forum}'`;
  if (table === 'forum_unit') return `region_id = '${ids.region}'`;
  return `forum_id = '${ids.forum}'`;
}
const count = async (q: Q, table: string) => (await q(`SELECT count(*)::int AS n FROM ${table} WHERE ${mine(table)}`))[0].n;

describe('another region (RLS alone)', () => {
  it('the fixture has rows in every table (the checks below are not vacuous)', async () => {
    for (const table of ALL) {
      const n = Number((await one(`SELECT count(*) AS n FROM ${table} WHERE ${mine(table)}`)).n);
      expect([table, n > 0]).toEqual([table, true]);
    }
  });

  it.each([
    ['REGION_ADMIN', {}],
    ['TST_LEADER', { unit_id: 'valdresUnit' }],
    ['SERVICE_LEADER', {}],
  ])('a Valdres %s reads none of it, and changes none of it', async (role, scope) => {
    const settings: Record<string, string> = { role, region_id: ids.valdres, ...Object.fromEntries(Object.entries(scope).map(([k, v]) => [k, (ids as any)[v]])) };
    const before = await tableFingerprint(app, ALL);
    await asApiRole(settings, async (q) => {
      for (const table of ALL) {
        expect([table, await count(q, table)]).toEqual([table, 0]);
        const updated = await q(`WITH u AS (UPDATE ${table} SET region_id = region_id WHERE ${mine(table)} RETURNING 1) SELECT count(*)::int AS n FROM u`);
        const deleted = await q(`WITH d AS (DELETE FROM ${table} WHERE ${mine(table)} RETURNING 1) SELECT count(*)::int AS n FROM d`);
        expect([table, updated[0].n, deleted[0].n]).toEqual([table, 0, 0]);
      }
      // Nor can it write a row into Nord-Østerdal, or one of its own that points there.
      await q('SAVEPOINT s');
      await expect(q(`INSERT INTO forum_meeting (region_id, forum_id, starts_at, planned_minutes, created_by) VALUES ($1, $2, now(), 60, 'x')`, [ids.region, ids.forum])).rejects.toThrow(
        /row-level security|violates/,
      );
      await q('ROLLBACK TO SAVEPOINT s');
      await expect(q(`INSERT INTO forum_meeting (region_id, forum_id, starts_at, planned_minutes, created_by) VALUES ($1, $2, now(), 60, 'x')`, [ids.valdres, ids.forum])).rejects.toThrow(
        /row-level security|violates/,
      );
      await q('ROLLBACK TO SAVEPOINT s');
    });
    expect(await tableFingerprint(app, ALL)).toEqual(before);
  });

  it('through the API: lists, node(id:) and reports show nothing; mutations with its IDs are NOT_FOUND and change nothing', async () => {
    const valdres = a.valdresAdmin;
    expect(ok(await app.gql(`{ forums(first: 100) { nodes { id } } forumKinds { id } }`, {}, valdres)).forums.nodes.map((n: any) => n.id)).not.toContain(forum.id);
    const nodes = ok(await app.gql(`query($f: ID!, $k: ID!) { f: node(id: $f) { id } k: node(id: $k) { id } }`, { f: forum.id, k: forum.kind.id }, valdres));
    expect(nodes).toEqual({ f: null, k: null });
    expect((await app.gql(`{ forumCompliance(municipalityNumber: "3429", period: "2024") { summary { forums } } }`, {}, valdres)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const before = await tableFingerprint(app, ALL);
    const meeting = ok(await app.gql(`query($id: ID!) { forum(id: $id) { meetings { nodes { id followUps { id } } } } }`, { id: forum.id }, forum.runner)).forum.meetings.nodes[0];
    const tries: [string, Record<string, unknown>][] = [
      ['planForumMeeting', { forumId: forum.id, startsAt: '2024-12-03T10:00:00Z' }],
      ['addForumMember', { forumId: forum.id, kindMemberId: forum.kind.members.ppt, personName: 'X', validFrom: '2024-01-01' }],
      ['cancelForumMeeting', { meetingId: meeting.id, reason: 'x' }],
      ['setForumFollowUpDone', { followUpId: meeting.followUps[0].id, doneOn: '2024-09-20' }],
      ['updateForumKind', { id: forum.kind.id, name: 'Kapret' }],
      ['createForum', { kindId: forum.kind.id, name: 'X', municipalityNumber: '3449', establishedOn: '2024-01-01' }],
      ['rotateForumCalendarToken', { forumId: forum.id }],
    ];
    for (const [name, input] of tries) {
      const r = await attempt(app, valdres, name, input, '');
      expect([name, codes(r.payload)]).toEqual([name, ['NOT_FOUND']]);
    }
    expect(await tableFingerprint(app, ALL)).toEqual(before);
  });
});

describe('within the region (RLS alone)', () => {
  const contentAndStructure = async (settings: Record<string, string>) => {
    const out: Record<string, number> = {};
    await asApiRole(settings, async (q) => {
      for (const table of [...STRUCTURE, ...CONTENT, 'forum_calendar_token']) out[table] = await count(q, table);
    });
    return out;
  };
  const seen = (counts: Record<string, number>) =>
    Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([t]) => t)
      .sort();

  it("gives the unit's own TST everything; oversight the structure only; another unit and another municipality nothing", async () => {
    const unit = uuid(forum.unit!.id);
    const region = { region_id: ids.region };
    expect(seen(await contentAndStructure({ ...region, role: 'TST_MEMBER', unit_id: unit }))).toEqual([...STRUCTURE, ...CONTENT].sort());
    expect(seen(await contentAndStructure({ ...region, role: 'TST_LEADER', unit_id: unit }))).toEqual([...STRUCTURE, ...CONTENT, 'forum_calendar_token'].sort());
    for (const oversight of <Record<string, string>[]>[{ role: 'REGION_ADMIN' }, { role: 'SERVICE_LEADER', service_id: ids.barnevern }, { role: 'MUNICIPAL_DIRECTOR', municipality_id: ids.folldal }]) {
      expect([oversight.role, seen(await contentAndStructure({ ...region, ...oversight }))]).toEqual([oversight.role, [...STRUCTURE].sort()]);
    }
    for (const outsider of <Record<string, string>[]>[
      { role: 'TST_MEMBER', unit_id: ids.folldalSkole },
      { role: 'MUNICIPAL_DIRECTOR', municipality_id: ids.tynset },
      { role: 'AUDITOR', municipality_id: ids.folldal },
      { role: 'HOST_FINANCE', service_id: ids.barnevern },
    ]) {
      expect([outsider.role, seen(await contentAndStructure({ ...region, ...outsider }))]).toEqual([outsider.role, []]);
    }
  });

  it("lets only the forum's runner write: a member, REGION_ADMIN and the director cannot write a unit forum's minutes or meetings", async () => {
    const unit = uuid(forum.unit!.id);
    const meeting = (await one(`SELECT id FROM forum_meeting WHERE forum_id = $1`, [ids.forum])).id;
    for (const settings of <Record<string, string>[]>[{ role: 'TST_MEMBER', unit_id: unit }, { role: 'REGION_ADMIN' }, { role: 'MUNICIPAL_DIRECTOR', municipality_id: ids.folldal }]) {
      await asApiRole({ region_id: ids.region, ...settings }, async (q) => {
        const updated = await q(`WITH u AS (UPDATE forum_minutes SET text = 'endret' WHERE forum_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM u`, [ids.forum]);
        const moved = await q(
          `WITH u AS (UPDATE forum_meeting SET status = 'CANCELLED', cancel_reason = 'x', actual_minutes = NULL, minutes_written_by = NULL WHERE forum_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM u`,
          [ids.forum],
        );
        expect([settings.role, updated[0].n, moved[0].n]).toEqual([settings.role, 0, 0]);
        await q('SAVEPOINT s');
        await expect(q(`INSERT INTO forum_minutes (region_id, forum_id, meeting_id, text) VALUES ($1, $2, $3, 'x')`, [ids.region, ids.forum, meeting])).rejects.toThrow(/row-level security|duplicate/);
        await q('ROLLBACK TO SAVEPOINT s');
      });
    }
    await asApiRole({ region_id: ids.region, role: 'TST_LEADER', unit_id: unit }, async (q) => {
      const updated = await q(`WITH u AS (UPDATE forum_minutes SET text = 'endret' WHERE forum_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM u`, [ids.forum]);
      expect(updated[0].n).toBe(1);
    });
  });

  it("keeps a municipal forum's content to its director", async () => {
    const teamId = uuid(team.id);
    const minutes = async (settings: Record<string, string>) => {
      let n = -1;
      await asApiRole({ region_id: ids.region, ...settings }, async (q) => {
        n = (await q(`SELECT count(*)::int AS n FROM forum_minutes WHERE forum_id = $1`, [teamId]))[0].n;
      });
      return n;
    };
    expect(await minutes({ role: 'MUNICIPAL_DIRECTOR', municipality_id: ids.folldal })).toBe(1);
    expect(await minutes({ role: 'MUNICIPAL_DIRECTOR', municipality_id: ids.tynset })).toBe(0);
    expect(await minutes({ role: 'REGION_ADMIN' })).toBe(0);
  });
});

describe('the calendar context', () => {
  it('shows a PUBLIC transaction with the token exactly its forum and meetings, and nothing else', async () => {
    const { token } = await mutate(app, forum.runner, 'rotateForumCalendarToken', { forumId: forum.id }, 'token');
    await asApiRole({ role: 'PUBLIC', calendar_token: token }, async (q) => {
      expect((await q(`SELECT id FROM forum`)).map((r) => r.id)).toEqual([ids.forum]);
      expect((await q(`SELECT DISTINCT forum_id FROM forum_meeting`)).map((r) => r.forum_id)).toEqual([ids.forum]);
      for (const table of [...CONFIG, 'forum_unit', ...STRUCTURE.filter((t) => t !== 'forum_meeting'), ...CONTENT]) {
        expect([table, (await q(`SELECT count(*)::int AS n FROM ${table}`))[0].n]).toEqual([table, 0]);
      }
    });
    await asApiRole({ role: 'PUBLIC', calendar_token: 'x'.repeat(43) }, async (q) => {
      expect((await q(`SELECT count(*)::int AS n FROM forum_meeting`))[0].n).toBe(0);
    });
    // A signed-in role gains nothing from the setting.
    await asApiRole({ role: 'TST_MEMBER', region_id: ids.region, unit_id: ids.folldalSkole, calendar_token: token }, async (q) => {
      expect((await q(`SELECT count(*)::int AS n FROM forum_meeting WHERE forum_id = $1`, [ids.forum]))[0].n).toBe(0);
    });
  });
});
