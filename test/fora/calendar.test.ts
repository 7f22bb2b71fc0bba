import { raw } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { Actors, actors, attempt, BuiltForum, createKind, heldInput, mutate, unitForum } from './fixtures';

/** The .ics feed of a forum: RFC 5545 text behind a rotatable token; cancelled meetings stay as cancelled events. */
let app: TestApp;
let a: Actors;
let forum: BuiltForum;
beforeAll(async () => {
  app = await startTestApp();
  a = await actors(app);
  forum = await unitForum(app, a, await createKind(app, a.admin));
  await mutate(app, forum.runner, 'recordForumMeeting', { ...heldInput(forum, new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10)), minutes: 'Hemmelig referattekst' }, 'meeting { id }');
  const soon = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  await mutate(app, forum.runner, 'planForumMeeting', { forumId: forum.id, startsAt: `${soon(10)}T11:30:00Z`, place: 'Møterom 2' }, 'meeting { id }');
  const { meeting } = await mutate(app, forum.runner, 'planForumMeeting', { forumId: forum.id, startsAt: `${soon(20)}T11:30:00Z` }, 'meeting { id }');
  await mutate(app, forum.runner, 'cancelForumMeeting', { meetingId: meeting.id, reason: 'Sykdom i teamet' }, 'meeting { id }');
});
afterAll(() => app.close());

/** Unfolds RFC 5545 lines (CRLF + space continues a line) and splits into VEVENT blocks. */
function events(ics: string): Record<string, string>[] {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  const out: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      out.push(current!);
      current = null;
    } else if (current) {
      const i = line.indexOf(':');
      current[line.slice(0, i).split(';')[0]] = line.slice(i + 1);
    }
  }
  return out;
}

it('serves the meetings as text/calendar behind the token; a cancelled meeting is a CANCELLED event with a higher SEQUENCE', async () => {
  const { token, path } = await mutate(app, forum.runner, 'rotateForumCalendarToken', { forumId: forum.id }, 'token path');
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(path).toBe(`/fora/calendar.ics?token=${token}`);
  const res = await raw(app, path);
  expect(res.status).toBe(200);
  expect(res.contentType).toMatch(/^text\/calendar; charset=utf-8/);
  expect(res.text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
  expect(res.text.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
  expect(res.text).toMatch(/\r\nPRODID:-\/\/Samvirke\/\/Fora\/\/NB\r\n/);
  expect(res.text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
  const list = events(res.text);
  expect(list).toHaveLength(3);
  for (const e of list) {
    expect(e.UID).toMatch(/^[0-9a-f-]{36}@samvirke$/);
    expect(e.DTSTART).toMatch(/^\d{8}T\d{6}Z$/);
    expect(e.DTSTAMP).toMatch(/^\d{8}T\d{6}Z$/);
  }
  const cancelled = list.filter((e) => e.STATUS === 'CANCELLED');
  expect(cancelled).toHaveLength(1);
  expect(Number(cancelled[0].SEQUENCE)).toBeGreaterThan(0);
  expect(list.find((e) => e.LOCATION === 'Møterom 2')?.STATUS).toBe('CONFIRMED');
  // When and where only: no minutes, no cancellation reason.
  expect(res.text).not.toContain('Hemmelig referattekst');
  expect(res.text).not.toContain('Sykdom i teamet');
});

it('stops the old link when the token is rotated; unknown, malformed and missing tokens are 404', async () => {
  const first = await mutate(app, forum.runner, 'rotateForumCalendarToken', { forumId: forum.id }, 'token path');
  const second = await mutate(app, forum.runner, 'rotateForumCalendarToken', { forumId: forum.id }, 'token path');
  expect(second.token).not.toBe(first.token);
  expect((await raw(app, first.path)).status).toBe(404);
  expect((await raw(app, second.path)).status).toBe(200);
  for (const path of ['/fora/calendar.ics?token=short', `/fora/calendar.ics?token=${'A'.repeat(43)}`, '/fora/calendar.ics', `/fora/calendar.ics?token=${'%00'.repeat(43)}`]) {
    const res = await raw(app, path);
    expect([path, res.status, res.json?.errors?.[0]?.extensions?.code]).toEqual([path, 404, 'NOT_FOUND']);
  }
  // A bearer token changes nothing: the link is the credential.
  const withAuth = await raw(app, second.path, { headers: { authorization: `Bearer ${a.admin}` } });
  expect(withAuth.status).toBe(200);
  // The token is never stored or audited in clear.
  const stored = await app.owner.query(`SELECT token_hash FROM forum_calendar_token`);
  expect(stored.rows.map((r) => r.token_hash)).not.toContain(second.token);
  const audited = await app.owner.query(`SELECT after::text AS after FROM audit_record WHERE operation = 'rotateForumCalendarToken'`);
  expect(audited.rows.length).toBeGreaterThanOrEqual(2);
  expect(audited.rows.some((r) => r.after.includes(second.token) || r.after.includes(first.token))).toBe(false);
});

it("lets only the forum's leader see and rotate the link", async () => {
  const query = `query($id: ID!) { forum(id: $id) { calendar { hasToken rotatedAt } } }`;
  expect(ok(await app.gql(query, { id: forum.id }, forum.runner)).forum.calendar.hasToken).toBe(true);
  expect(ok(await app.gql(query, { id: forum.id }, await a.member(forum.unit!.code))).forum.calendar).toBeNull();
  expect(ok(await app.gql(query, { id: forum.id }, a.admin)).forum.calendar).toBeNull();
  for (const token of [await a.member(forum.unit!.code), a.admin, await a.director('3429')]) {
    expect((await attempt(app, token, 'rotateForumCalendarToken', { forumId: forum.id }, 'token')).code).toBe('FORBIDDEN');
  }
});
