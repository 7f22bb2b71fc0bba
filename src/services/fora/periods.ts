import { CadencePeriod } from '../../entities/fora/enums';
import { isoDate } from '../dates';
import { Message } from '../../i18n';

/**
 * Calendar arithmetic of the fora rules, on ISO dates (YYYY-MM-DD, local dates in Oslo): terms as
 * a region configures them, half-years, months and years, and the report periods ("2024-SPRING",
 * "2024-03", "2024", "2024-H2"). Pure: no database.
 */

/** Term dates as month-day ("08-01"). Autumn = 1 Aug–31 Dec and spring = 1 Jan–30 Jun unless the region says otherwise. */
export interface TermDates {
  springStart: string;
  springEnd: string;
  autumnStart: string;
  autumnEnd: string;
  /**
   * The dates of other years, when the region changed them (oldest first, each from its year on):
   * a year is judged by the setting in force from its `fromYear`, the fields above being the latest.
   */
  byYear?: (Omit<TermDates, 'byYear'> & { fromYear: number })[];
}

export const DEFAULT_TERMS: TermDates = { springStart: '01-01', springEnd: '06-30', autumnStart: '08-01', autumnEnd: '12-31' };

/** The term dates of `year`: the latest setting that applies from that year or before; the defaults before the first. */
export function termDatesOf(terms: TermDates, year: number): TermDates {
  if (!terms.byYear?.length) return terms;
  let found: TermDates = DEFAULT_TERMS;
  for (const setting of terms.byYear) if (setting.fromYear <= year) found = setting;
  return found;
}

/** A period of the calendar: a term, a month, a half-year or a year, with inclusive ends. */
export interface Window {
  kind: CadencePeriod;
  label: string;
  from: string;
  to: string;
}

export interface DateRange {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
export const yearOf = (date: string) => Number(date.slice(0, 4));
export const monthOf = (date: string) => Number(date.slice(5, 7));

export function addDays(date: string, days: number): string {
  return isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));
}

/** The same day `months` later (clamped to the month's last day). */
export function addMonths(date: string, months: number): string {
  const total = yearOf(date) * 12 + monthOf(date) - 1 + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return `${y}-${pad(m)}-${pad(Math.min(Number(date.slice(8, 10)), lastDayOfMonth(y, m)))}`;
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function weekdayOf(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Is "MM-DD" a day every year has (no 29 February)? */
export function isMonthDay(value: string): boolean {
  const match = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.exec(value);
  return !!match && Number(match[2]) <= lastDayOfMonth(2001, Number(match[1]));
}

export const overlaps = (a: DateRange, b: DateRange) => a.from <= b.to && a.to >= b.from;
export const within = (date: string, r: DateRange) => date >= r.from && date <= r.to;

/** Every day from `from` to `to`. */
export function daysOf(range: DateRange): string[] {
  const out: string[] = [];
  for (let d = range.from; d <= range.to; d = addDays(d, 1)) out.push(d);
  return out;
}

export function windowOf(kind: CadencePeriod, year: number, index: number, allTerms: TermDates): Window {
  const terms = termDatesOf(allTerms, year);
  switch (kind) {
    case CadencePeriod.YEAR:
      return { kind, label: `${year}`, from: `${year}-01-01`, to: `${year}-12-31` };
    case CadencePeriod.HALF_YEAR:
      return index === 1 ? { kind, label: `${year}-H1`, from: `${year}-01-01`, to: `${year}-06-30` } : { kind, label: `${year}-H2`, from: `${year}-07-01`, to: `${year}-12-31` };
    case CadencePeriod.SPRING_TERM:
      return { kind, label: `${year}-SPRING`, from: `${year}-${terms.springStart}`, to: `${year}-${terms.springEnd}` };
    case CadencePeriod.AUTUMN_TERM:
      return { kind, label: `${year}-AUTUMN`, from: `${year}-${terms.autumnStart}`, to: `${year}-${terms.autumnEnd}` };
    case CadencePeriod.MONTH:
      return { kind, label: `${year}-${pad(index)}`, from: `${year}-${pad(index)}-01`, to: `${year}-${pad(index)}-${pad(lastDayOfMonth(year, index))}` };
  }
}

/** The terms of a year. */
export const termsOf = (year: number, terms: TermDates): Window[] => [windowOf(CadencePeriod.SPRING_TERM, year, 1, terms), windowOf(CadencePeriod.AUTUMN_TERM, year, 1, terms)];

/** Months that overlap a term (school months): MONTH rules count only these. */
export function isSchoolMonth(year: number, month: number, terms: TermDates): boolean {
  const m = windowOf(CadencePeriod.MONTH, year, month, terms);
  return termsOf(year, terms).some((t) => overlaps(t, m));
}

/** How many months of a year overlap a term (11 with the default terms: July is off). */
export function schoolMonthCount(terms: TermDates): number {
  return Array.from({ length: 12 }, (_, i) => i + 1).filter((m) => isSchoolMonth(2001, m, terms)).length;
}

/** Months of a term (spring 6, autumn 5 by default), as whole months touched. */
export function monthsTouched(range: DateRange): number {
  return (yearOf(range.to) - yearOf(range.from)) * 12 + monthOf(range.to) - monthOf(range.from) + 1;
}

/** Every window of `kind` that overlaps `range` (MONTH: school months only), in date order. */
export function windowsOverlapping(kind: CadencePeriod, range: DateRange, terms: TermDates): Window[] {
  const out: Window[] = [];
  for (let year = yearOf(range.from); year <= yearOf(range.to); year++) {
    const indexes = kind === CadencePeriod.MONTH ? Array.from({ length: 12 }, (_, i) => i + 1).filter((m) => isSchoolMonth(year, m, terms)) : kind === CadencePeriod.HALF_YEAR ? [1, 2] : [1];
    for (const index of indexes) {
      const w = windowOf(kind, year, index, terms);
      if (overlaps(w, range)) out.push(w);
    }
  }
  return out;
}

/**
 * A report period: "2024" (year), "2024-H1"/"2024-H2" (half-year), "2024-SPRING"/"2024-AUTUMN"
 * (term, as the region configures it) or "2024-03" (month). Null if it is none of these.
 */
export function parsePeriod(text: string, terms: TermDates): Window | null {
  const match = /^(\d{4})(?:-(H[12]|SPRING|AUTUMN|0[1-9]|1[0-2]))?$/.exec(text.trim().toUpperCase());
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 2000 || year > 2100) return null;
  const part = match[2];
  if (!part) return windowOf(CadencePeriod.YEAR, year, 1, terms);
  if (part === 'H1' || part === 'H2') return windowOf(CadencePeriod.HALF_YEAR, year, Number(part[1]), terms);
  if (part === 'SPRING') return windowOf(CadencePeriod.SPRING_TERM, year, 1, terms);
  if (part === 'AUTUMN') return windowOf(CadencePeriod.AUTUMN_TERM, year, 1, terms);
  return windowOf(CadencePeriod.MONTH, year, Number(part), terms);
}

export const PERIOD_FORMAT: Message = { key: 'fora.errors.periodFormat' };
