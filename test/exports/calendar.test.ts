import { raw } from '../helpers/fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';
import { actors, createKind, heldInput, mutate, unitForum } from '../fora/fixtures';

/** RFC 5545 §3.1: every content line of the .ics feed ends in CRLF, END:VCALENDAR included. */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

it('ends every line of the calendar feed, the last one too, in CRLF and uses no bare CR or LF', async () => {
  const a = await actors(app);
  const forum = await unitForum(app, a, await createKind(app, a.admin));
  await mutate(app, forum.runner, 'recordForumMeeting', heldInput(forum, new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10)), 'meeting { id }');
  // A long place: ical-generator folds it (CRLF + space), which must stay CRLF too.
  await mutate(
    app,
    forum.runner,
    'planForumMeeting',
    { forumId: forum.id, startsAt: `${new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)}T11:30:00Z`, place: `Kommunestyresalen, ${'inngang fra baksiden, '.repeat(5)}andre etasje` },
    'meeting { id }',
  );
  const { path } = await mutate(app, forum.runner, 'rotateForumCalendarToken', { forumId: forum.id }, 'path');
  const res = await raw(app, path);
  expect(res.status).toBe(200);
  expect(res.text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  expect(res.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const lines = res.text.split('\r\n');
  expect(lines.pop()).toBe('');
  expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(0); // a folded line was checked
  expect(lines.every((l) => l.length > 0)).toBe(true);
});
