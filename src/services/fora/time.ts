/**
 * Meetings happen in Norwegian local time; the database keeps instants (timestamptz). These turn a
 * local date and time in Europe/Oslo into an instant and back, daylight saving included.
 */
export const FORA_TIME_ZONE = 'Europe/Oslo';

const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: FORA_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function localParts(instant: Date): Record<string, string> {
  return Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
}

/** Minutes Oslo is ahead of UTC at `instant` (60 in winter, 120 in summer), from the time zone database. */
function offsetMinutes(instant: Date): number {
  const p = localParts(instant);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

const DAY_MS = 86_400_000;
/** Instants from 1900 to 2100 take the fast path below; others ask Intl each time. */
const FAST_FROM = Date.UTC(1900, 0, 1);
const FAST_TO = Date.UTC(2100, 0, 1);
/** UTC days seen, at most this many kept (a few kB per thousand days). */
const KEPT_DAYS = 20_000;
/** Oslo's offset through each UTC day (by day number), or null on a day it changes. */
const dayOffsets = new Map<number, number | null>();

/**
 * The offset at `ms`, asking Intl (formatToParts, the slow part: a compliance report dates every
 * meeting of its fora) once per UTC day instead of once per instant: when the offsets at the day's
 * first and last second agree, it holds all day (Oslo changes at most once a day, at 01:00 UTC);
 * on the two days a year it changes, each instant asks Intl. test/fora/time.test.ts compares every
 * quarter hour of three years with Intl.
 */
function offsetAt(ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  let offset = dayOffsets.get(day);
  if (offset === undefined) {
    const first = offsetMinutes(new Date(day * DAY_MS));
    const last = offsetMinutes(new Date(day * DAY_MS + DAY_MS - 1000));
    offset = first === last ? first : null;
    if (dayOffsets.size >= KEPT_DAYS) dayOffsets.clear();
    dayOffsets.set(day, offset);
  }
  return offset ?? offsetMinutes(new Date(ms));
}

/** The instant shifted to Oslo's wall clock (read with the UTC getters), or null outside the fast path's years. */
function wallClock(instant: Date): Date | null {
  const ms = instant.getTime();
  if (!(ms >= FAST_FROM && ms < FAST_TO)) return null;
  return new Date(Math.floor(ms / 1000) * 1000 + offsetAt(ms) * 60000);
}

const two = (n: number) => String(n).padStart(2, '0');

/** The local calendar date (YYYY-MM-DD) of an instant in Oslo. */
export function osloDate(instant: Date): string {
  const wall = wallClock(instant);
  if (wall) return `${wall.getUTCFullYear()}-${two(wall.getUTCMonth() + 1)}-${two(wall.getUTCDate())}`;
  const p = localParts(instant);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The local time (HH:MM) of an instant in Oslo. */
export function osloTime(instant: Date): string {
  const wall = wallClock(instant);
  if (wall) return `${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}`;
  const p = localParts(instant);
  return `${p.hour}:${p.minute}`;
}

/** The instant of a local date (YYYY-MM-DD) and time (HH:MM) in Oslo. */
export function osloInstant(date: string, time = '00:00'): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const first = wall - offsetMinutes(new Date(wall)) * 60000;
  const second = wall - offsetMinutes(new Date(first)) * 60000;
  return new Date(second);
}

/** HH:MM, 00:00–23:59. */
export const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
