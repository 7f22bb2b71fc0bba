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

/** Minutes Oslo is ahead of UTC at `instant` (60 in winter, 120 in summer). */
function offsetMinutes(instant: Date): number {
  const p = localParts(instant);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/** The local calendar date (YYYY-MM-DD) of an instant in Oslo. */
export function osloDate(instant: Date): string {
  const p = localParts(instant);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The local time (HH:MM) of an instant in Oslo. */
export function osloTime(instant: Date): string {
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
