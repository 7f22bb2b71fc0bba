import { CadencePeriod, UnitSizeBand } from '../../entities/fora/enums';
import { DateRange, schoolMonthCount, TermDates, Window, windowsOverlapping, within } from './periods';

/**
 * The cadence rules of a forum kind, as pure functions: which rules apply to a unit of a given
 * size, how a count of meetings in a window is judged, and what the rules demand per year.
 */

export interface CadenceRuleLike {
  period: CadencePeriod;
  unitSize: UnitSizeBand;
  minMeetings: number;
  maxMeetings: number | null;
}

export enum WindowStatus {
  MET = 'MET',
  BELOW_MINIMUM = 'BELOW_MINIMUM',
  ABOVE_MAXIMUM = 'ABOVE_MAXIMUM',
  IN_PROGRESS = 'IN_PROGRESS',
  /** Not over yet, but held + still planned + still possible < min: it can no longer reach its minimum. */
  AT_RISK = 'AT_RISK',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}

export interface WindowResult {
  window: Window;
  count: number;
  min: number;
  max: number | null;
  status: WindowStatus;
  /** Windows not over and below their minimum (cadence rules only): planned meetings from today on in the window; null otherwise. */
  stillPlanned?: number | null;
  /** … and how many more meetings still fit in the window (see `stillPossible`); null otherwise. */
  stillPossible?: number | null;
}

/** When a kind states no minimum spacing: at most one meeting a week (docs/fora.md "At risk"). */
export const DEFAULT_SPACING_DAYS = 7;

/** An ISO date as a whole number of days since 1970-01-01 (UTC midnight: every day has 24 hours). */
const dayNumber = (isoDay: string) => Math.round(Date.parse(`${isoDay}T00:00:00Z`) / 86_400_000);

/**
 * How many more meetings fit in `window` from `today` on (today included), each at least `spacing`
 * days from every meeting the forum already has (held or planned, in or outside the window) and
 * from each other. Placing each one on the earliest day that fits gives the most that can fit.
 * Days as numbers and the booked days walked once in order: a report judges every window of every
 * forum, so this runs for each of them.
 */
export function stillPossible(window: DateRange, today: string, booked: string[], spacing: number): number {
  const days = [...new Set(booked)].map(dayNumber).sort((a, b) => a - b);
  const to = dayNumber(window.to);
  let count = 0;
  let last: number | null = null;
  let next = 0; // the first booked day after day − spacing
  for (let day = dayNumber(today > window.from ? today : window.from); day <= to; day += 1) {
    if (last !== null && day - last < spacing) continue;
    while (next < days.length && days[next] <= day - spacing) next += 1;
    if (next < days.length && days[next] < day + spacing) continue; // a booked day closer than `spacing`
    count += 1;
    last = day;
  }
  return count;
}

/** What the forum still has ahead: meetings planned from today on, all its meeting days (held or planned), and the spacing between meetings. */
export interface Outlook {
  planned: string[];
  booked: string[];
  spacing: number;
}

/** LARGE when the unit is at least the kind's large size; fora without a unit are BELOW_LARGE. */
export function bandOf(unitSize: number | null | undefined, largeUnitSize: number | null): UnitSizeBand.LARGE | UnitSizeBand.BELOW_LARGE {
  return largeUnitSize !== null && unitSize !== null && unitSize !== undefined && unitSize >= largeUnitSize ? UnitSizeBand.LARGE : UnitSizeBand.BELOW_LARGE;
}

export function applicableRules<R extends CadenceRuleLike>(rules: R[], band: UnitSizeBand): R[] {
  return rules.filter((r) => r.unitSize === UnitSizeBand.ANY || r.unitSize === band);
}

/** The span a forum existed: from its establishment to its closing (open = far future). */
export interface ActiveSpan {
  from: string;
  to: string | null;
}

/**
 * How `count` meetings in `window` measure up to `min`..`max`: too many is ABOVE_MAXIMUM at once;
 * too few is BELOW_MINIMUM once the window is over (`today` after its end), IN_PROGRESS before —
 * or, given the forum's `outlook`, AT_RISK when held + still planned + still possible < min.
 * A window the forum did not exist for in full is NOT_APPLICABLE.
 */
export function judge(window: Window, count: number, min: number, max: number | null, today: string, active: ActiveSpan, outlook?: Outlook): WindowResult {
  let status: WindowStatus;
  if (active.from > window.from || (active.to !== null && active.to < window.to)) status = WindowStatus.NOT_APPLICABLE;
  else if (max !== null && count > max) status = WindowStatus.ABOVE_MAXIMUM;
  else if (count >= min) status = WindowStatus.MET;
  else status = window.to < today ? WindowStatus.BELOW_MINIMUM : WindowStatus.IN_PROGRESS;
  if (status !== WindowStatus.IN_PROGRESS || !outlook) return { window, count, min, max, status };
  const planned = outlook.planned.filter((d) => d >= today && within(d, window)).length;
  const possible = stillPossible(window, today, outlook.booked, outlook.spacing);
  return { window, count, min, max, status: count + planned + possible < min ? WindowStatus.AT_RISK : status, stillPlanned: planned, stillPossible: possible };
}

/**
 * Every window of each rule that overlaps `period`, with the meetings in the WHOLE window (a
 * March report shows the spring term so far: "2 of 3").
 */
export function evaluateRules<R extends CadenceRuleLike>(
  rules: R[],
  meetingDates: string[],
  period: DateRange,
  terms: TermDates,
  today: string,
  active: ActiveSpan,
  outlook?: Outlook,
  /** Only windows this accepts (the windows a rule version judges); default all. */
  judged: (w: Window) => boolean = () => true,
): { rule: R; windows: WindowResult[] }[] {
  return rules.map((rule) => ({
    rule,
    windows: windowsOverlapping(rule.period, period, terms)
      .filter(judged)
      .map((w) => judge(w, meetingDates.filter((d) => within(d, w)).length, rule.minMeetings, rule.maxMeetings, today, active, outlook)),
  }));
}

/**
 * Meetings a year the rules demand at least: the strictest of the term minimums added up, the
 * monthly minimum times the school months, the half-yearly minimum twice, and the yearly minimum.
 */
export function yearlyMinimum(rules: CadenceRuleLike[], terms: TermDates): number {
  const strictest = (p: CadencePeriod) => rules.filter((r) => r.period === p).reduce((m, r) => Math.max(m, r.minMeetings), 0);
  return Math.max(
    strictest(CadencePeriod.AUTUMN_TERM) + strictest(CadencePeriod.SPRING_TERM),
    strictest(CadencePeriod.MONTH) * schoolMonthCount(terms),
    strictest(CadencePeriod.HALF_YEAR) * 2,
    strictest(CadencePeriod.YEAR),
  );
}
