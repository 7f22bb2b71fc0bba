import { CadencePeriod } from '../../entities/fora/enums';
import { CadenceRuleLike } from './cadence';
import { daysOf, DateRange, monthsTouched, termsOf, TermDates, weekdayOf, Window, windowsOverlapping, within, yearOf } from './periods';

/**
 * A term's meeting schedule that meets the cadence rules, as a pure function: the fewest meetings
 * that satisfy every applicable rule, spread evenly over the chosen weekday, skipping excluded
 * dates and days that already have a meeting. Existing (planned or held) meetings count, so
 * running it twice adds nothing the second time.
 */

export interface ScheduleRequest {
  term: Window;
  /** Rules that apply to this forum (its unit's size band). */
  rules: CadenceRuleLike[];
  terms: TermDates;
  /** ISO weekday: Monday = 1 … Friday = 5. */
  weekday: number;
  /** Dates of the forum's meetings that are not cancelled (any date; those outside the windows are ignored). */
  existing: string[];
  excluded: string[];
}

/** A window the schedule must fill: at least `min` and at most `max` meetings between from and to. */
interface Need extends DateRange {
  label: string;
  min: number;
  max: number | null;
}

export type ScheduleResult = { ok: true; dates: string[]; existingInTerm: number; totalInTerm: number } | { ok: false; window: string; needed: number; possible: number };

/** The needs of one term: the term rule itself, each (school) month, the half-year and the year's share. */
function needsOf(req: ScheduleRequest): { months: Need[]; wider: Need[] } {
  const { term, terms } = req;
  const months: Need[] = [];
  const wider: Need[] = [];
  const year = yearOf(term.from);
  const [spring, autumn] = termsOf(year, terms);
  for (const rule of req.rules) {
    switch (rule.period) {
      case CadencePeriod.AUTUMN_TERM:
      case CadencePeriod.SPRING_TERM:
        if (rule.period === term.kind) wider.push({ label: term.label, from: term.from, to: term.to, min: rule.minMeetings, max: rule.maxMeetings });
        break;
      case CadencePeriod.MONTH:
        for (const m of windowsOverlapping(CadencePeriod.MONTH, term, terms)) {
          months.push({ label: m.label, from: m.from > term.from ? m.from : term.from, to: m.to < term.to ? m.to : term.to, min: rule.minMeetings, max: rule.maxMeetings });
        }
        break;
      case CadencePeriod.HALF_YEAR: {
        const [half] = windowsOverlapping(CadencePeriod.HALF_YEAR, { from: term.from, to: term.from }, terms);
        wider.push({ label: half.label, from: half.from, to: half.to, min: rule.minMeetings, max: rule.maxMeetings });
        break;
      }
      case CadencePeriod.YEAR: {
        // The yearly minimum is shared between the terms by their length (4 a year: 2 + 2).
        const springMonths = monthsTouched(spring);
        const springShare = Math.round((rule.minMeetings * springMonths) / (springMonths + monthsTouched(autumn)));
        const share = term.kind === CadencePeriod.SPRING_TERM ? springShare : rule.minMeetings - springShare;
        wider.push({ label: `${term.label} (share of ${year})`, from: term.from, to: term.to, min: share, max: null });
        if (rule.maxMeetings !== null) wider.push({ label: `${year}`, from: `${year}-01-01`, to: `${year}-12-31`, min: 0, max: rule.maxMeetings });
        break;
      }
    }
  }
  return { months, wider };
}

/**
 * Takes k of the sorted `dates`, as evenly spread as possible: for each ideal position the nearest
 * date that `take` accepts (take records it). Returns how many were taken.
 */
function pickEvenly(dates: string[], k: number, take: (date: string) => boolean): number {
  const tried = new Set<number>();
  let taken = 0;
  for (let i = 0; i < k; i++) {
    const ideal = Math.min(dates.length - 1, Math.floor(((i + 0.5) * dates.length) / k));
    for (let offset = 0; offset < dates.length; offset++) {
      const hit = (offset === 0 ? [ideal] : [ideal + offset, ideal - offset]).find((j) => j >= 0 && j < dates.length && !tried.has(j) && take(dates[j]));
      if (hit !== undefined) {
        tried.add(hit);
        taken += 1;
        break;
      }
    }
  }
  return taken;
}

export function planSchedule(req: ScheduleRequest): ScheduleResult {
  const { term } = req;
  const existing = new Set(req.existing);
  const excluded = new Set(req.excluded);
  const candidates = daysOf(term).filter((d) => weekdayOf(d) === req.weekday && !excluded.has(d) && !existing.has(d));
  const { months, wider } = needsOf(req);
  const all = [...months, ...wider];
  const picked: string[] = [];
  const count = (n: Need) => [...req.existing, ...picked].filter((d) => within(d, n)).length;
  const fits = (date: string) => all.every((n) => n.max === null || !within(date, n) || count(n) < n.max);

  // Months first (the finest windows), then the term, the half-year and the year's share.
  for (const need of [...months, ...wider]) {
    const missing = need.min - count(need);
    if (missing <= 0) continue;
    const free = candidates.filter((d) => !picked.includes(d) && within(d, need));
    const take = (d: string) => {
      if (picked.includes(d) || !fits(d)) return false;
      picked.push(d);
      return true;
    };
    const taken = pickEvenly(free, missing, take);
    if (taken < missing) return { ok: false, window: need.label, needed: missing, possible: taken };
  }
  const existingInTerm = req.existing.filter((d) => within(d, term)).length;
  return { ok: true, dates: picked.sort(), existingInTerm, totalInTerm: existingInTerm + picked.length };
}
