/** Periods of the statistics: a year ("2021") or a month ("2021-03"). Pure. */
export interface Period {
  year: number;
  /** 1–12, or null for the whole year. */
  month: number | null;
}

const PATTERN = /^(\d{4})(?:-(\d{2}))?$/;

/** "2021" or "2021-03" → a Period, or null when it is neither. */
export function parsePeriod(text: string): Period | null {
  const m = PATTERN.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] === undefined ? null : Number(m[2]);
  if (year < 1900 || year > 2200 || (month !== null && (month < 1 || month > 12))) return null;
  return { year, month };
}

export const formatPeriod = (p: Period): string => (p.month === null ? String(p.year) : `${p.year}-${String(p.month).padStart(2, '0')}`);

/** The last day of a period, as an ISO date. */
export function periodEnd(p: Period): string {
  const end = p.month === null ? new Date(Date.UTC(p.year, 11, 31)) : new Date(Date.UTC(p.year, p.month, 0));
  return end.toISOString().slice(0, 10);
}

/** Months are numbered year × 12 + month − 1, so ranges are plain integer ranges. */
export const monthIndex = (year: number, month: number): number => year * 12 + month - 1;
export const fromMonthIndex = (index: number): { year: number; month: number } => ({ year: Math.floor(index / 12), month: (index % 12) + 1 });
