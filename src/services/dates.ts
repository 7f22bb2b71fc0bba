/**
 * Dates in Samvirke are Norwegian: "today", "this month" and "this year" are the calendar day,
 * month and year in Europe/Oslo (UTC+1 in winter, UTC+2 in summer), never the UTC day. Between
 * midnight and 01:00/02:00 Oslo time the UTC day is still yesterday; using it would refuse today's
 * date as "in the future" and a month that has just ended as "not ended yet".
 *
 * "Now" comes from the app's clock (`AppConfig.clock`, `nowOf(ctx)` / `todayOf(ctx)` in
 * src/context.ts), so a test can fix the time; these functions take that instant as an argument.
 * Calendar dates themselves (PostgreSQL `date`, the GraphQL Date scalar) are plain YYYY-MM-DD
 * values without a zone: arithmetic on them (`dayBefore`, `isoDate` of a Date scalar, which is
 * midnight UTC) stays in UTC, where every day has 24 hours.
 */

/** A calendar date held as a JavaScript Date at midnight UTC (the GraphQL Date scalar) → YYYY-MM-DD. Not for "now": use `osloToday`. */
export const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

/** The calendar day before an ISO date (YYYY-MM-DD): where a dated period ends when the next one starts. */
export const dayBefore = (iso: string): string => isoDate(new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000));

const OSLO_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' });

let lastMinute = Number.NaN;
let lastDay = '';

/**
 * The calendar day in Norway (Europe/Oslo) at the instant `now`, YYYY-MM-DD: what "today" means
 * everywhere. Asked several times per request: the day of the last minute asked is kept (Oslo's
 * offset is whole hours, so a day always begins on a minute).
 */
export function osloToday(now: Date): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== lastMinute) {
    lastDay = OSLO_DAY.format(now);
    lastMinute = minute;
  }
  return lastDay;
}

/** The year and month (1-12) in Norway at the instant `now`. */
export function osloMonth(now: Date): { year: number; month: number } {
  const [year, month] = osloToday(now).split('-').map(Number);
  return { year, month };
}

/** The app's source of "now" (AppConfig.clock). */
export type Clock = () => Date;

/** The real time: what every running server uses. */
export const systemClock: Clock = () => new Date();

/** A clock stopped at one instant (an ISO timestamp with its offset, e.g. 2026-01-31T23:30:00Z): for tests only. */
export function fixedClock(instant: string): Clock {
  const at = Date.parse(instant);
  if (Number.isNaN(at)) throw new Error(`fixedClock: "${instant}" is not an ISO timestamp`);
  return () => new Date(at);
}
