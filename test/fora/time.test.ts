import { osloDate, osloInstant, osloTime } from '../../src/services/fora/time';

/** Oslo's wall clock of an instant straight from the time zone database (what time.ts computed before its per-day offsets). */
const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
function reference(instant: Date): { date: string; time: string } {
  const p = Object.fromEntries(intl.formatToParts(instant).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

describe('fora time (Europe/Oslo)', () => {
  it('gives the date and time the time zone database gives, every quarter hour of three years and every minute around each change', () => {
    const instants: Date[] = [];
    for (let ms = Date.UTC(2024, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 15 * 60_000) instants.push(new Date(ms + 7_000));
    // The changes: last Sunday of March and of October at 01:00 UTC.
    for (const change of ['2024-03-31', '2024-10-27', '2025-03-30', '2025-10-26', '2026-03-29', '2026-10-25']) {
      const at = Date.parse(`${change}T01:00:00Z`);
      for (let ms = at - 90 * 60_000; ms <= at + 90 * 60_000; ms += 60_000) instants.push(new Date(ms), new Date(ms - 1), new Date(ms + 59_999));
    }
    const wrong = instants.filter((i) => {
      const r = reference(i);
      return osloDate(i) !== r.date || osloTime(i) !== r.time;
    });
    expect(wrong.map((i) => [i.toISOString(), osloDate(i), osloTime(i), reference(i)])).toEqual([]);
    expect(instants.length).toBeGreaterThan(100_000);
  });

  it('dates meetings across midnight and the summer-time shift as Oslo sees them', () => {
    expect([osloDate(new Date('2025-06-30T22:30:00Z')), osloTime(new Date('2025-06-30T22:30:00Z'))]).toEqual(['2025-07-01', '00:30']);
    expect([osloDate(new Date('2025-12-31T22:59:59Z')), osloTime(new Date('2025-12-31T22:59:59Z'))]).toEqual(['2025-12-31', '23:59']);
    expect([osloDate(new Date('2025-03-30T00:59:00Z')), osloTime(new Date('2025-03-30T00:59:00Z'))]).toEqual(['2025-03-30', '01:59']);
    expect([osloDate(new Date('2025-03-30T01:00:00Z')), osloTime(new Date('2025-03-30T01:00:00Z'))]).toEqual(['2025-03-30', '03:00']);
    expect(osloInstant('2025-10-26', '12:00').toISOString()).toBe('2025-10-26T11:00:00.000Z');
  });

  it('still answers outside 1900–2100 (from the time zone database each time)', () => {
    const far = new Date('2150-07-01T12:00:00Z');
    expect([osloDate(far), osloTime(far)]).toEqual([reference(far).date, reference(far).time]);
  });
});
