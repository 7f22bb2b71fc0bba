import { createHash, randomBytes } from 'node:crypto';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { Context } from '../../context';
import { aggregate, sqlOf } from '../../db/reads';
import { Forum, ForumCalendarToken, ForumMeeting, ForumMeetingStatus } from '../../entities/fora';
import { defineMutation } from '../mutation';
import { ByForum } from './args';
import { FORUM_RUNNERS, runForum } from './guard';

/**
 * A forum's meetings as an iCalendar feed (RFC 5545, written by ical-generator), behind a random
 * token per forum. Only the token's SHA-256 is stored: the token is shown once, when it is made or
 * rotated, and rotating it ends the old feed at once. The feed says when and where, never what:
 * no agenda, minutes or cases. A cancelled meeting stays in the feed as a CANCELLED event with a
 * higher SEQUENCE, so calendars remove it instead of keeping a stale copy.
 */

export const CALENDAR_PATH = '/fora/calendar.ics';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const hash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export const rotateForumCalendarToken = defineMutation({
  name: 'rotateForumCalendarToken',
  roles: FORUM_RUNNERS,
  action: "Changing a forum's calendar link",
  async run({ tx, ctx, audit }, input: ByForum) {
    const forum = await runForum(tx, ctx, input.forumId, 'forumId');
    const token = randomBytes(32).toString('base64url');
    const repo = tx.getRepository(ForumCalendarToken);
    const before = await repo.findOneBy({ forumId: forum.id });
    const row = await repo.save(repo.create({ ...(before ?? {}), regionId: forum.regionId, forumId: forum.id, tokenHash: hash(token), rotatedBy: ctx.principal.subject, rotatedAt: new Date() }));
    // Never the token (nor its hash) in the audit trail.
    await audit({ entity: 'ForumCalendarToken', entityId: row.id, municipalityId: forum.municipalityId, before: before ? { rotatedAt: before.rotatedAt } : null, after: { rotatedAt: row.rotatedAt } });
    return { forum, token, path: `${CALENDAR_PATH}?token=${token}` };
  },
});

/** How far back the feed goes (about a school year and a half). */
const HISTORY_DAYS = 550;

/**
 * The feed of the forum whose token this is, or null (unknown or rotated token). Runs in the
 * request's transaction as PUBLIC with `app.calendar_token` set: RLS then shows exactly that
 * forum and its meetings, and nothing else.
 */
export async function forumCalendar(ctx: Context, token: string, now = new Date()): Promise<string | null> {
  if (!TOKEN.test(token)) return null;
  // Its own wave, before the reads it governs (RLS reads the setting when they run).
  await ctx.db.read({ sql: `SELECT to_json(set_config('app.calendar_token', $1::text, true))`, params: [token] });
  const [forum] = await ctx.loaders.list(Forum);
  if (!forum) return null;
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
  const rows = ctx.db.rows(ForumMeeting);
  const sql = sqlOf(
    rows,
    'fora:calendar',
    () =>
      `SELECT ${aggregate(rows.json('t'), ['t.starts_at ASC', 't.id ASC'])} FROM (SELECT m.* FROM ${rows.table} m WHERE m.forum_id = $1::uuid AND m.starts_at >= $2 ORDER BY m.starts_at ASC, m.id ASC LIMIT 2000) t`,
  );
  const meetings = (await ctx.loaders.readRows(ForumMeeting, { sql, params: [forum.id, since] })).map((r) => r.row);
  const calendar = ical({ name: forum.name, prodId: { company: 'Samvirke', product: 'Fora', language: 'NB' }, method: ICalCalendarMethod.PUBLISH, ttl: 3600 });
  for (const m of meetings) {
    const cancelled = m.status === ForumMeetingStatus.CANCELLED;
    calendar.createEvent({
      id: `${m.id}@samvirke`,
      sequence: m.sequence,
      stamp: now,
      start: m.startsAt,
      end: new Date(m.startsAt.getTime() + (m.actualMinutes ?? m.plannedMinutes) * 60_000),
      summary: cancelled ? `Avlyst: ${forum.name}` : forum.name,
      location: m.place ?? undefined,
      description: cancelled ? 'Møtet er avlyst.' : m.status === ForumMeetingStatus.HELD ? 'Møtet er holdt.' : null,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  // RFC 5545 §3.1: every content line ends in CRLF, the last (END:VCALENDAR) too; ical-generator
  // joins its lines with CRLF but ends the text without one.
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
