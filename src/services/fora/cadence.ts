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
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}

export interface WindowResult {
  window: Window;
  count: number;
  min: number;
  max: number | null;
  status: WindowStatus;
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
 * too few is BELOW_MINIMUM once the window is over (`today` after its end), IN_PROGRESS before.
 * A window the forum did not exist for in full is NOT_APPLICABLE.
 */
export function judge(window: Window, count: number, min: number, max: number | null, today: string, active: ActiveSpan): WindowResult {
  let status: WindowStatus;
  if (active.from > window.from || (active.to !== null && active.to < window.to)) status = WindowStatus.NOT_APPLICABLE;
  else if (max !== null && count > max) status = WindowStatus.ABOVE_MAXIMUM;
  else if (count >= min) status = WindowStatus.MET;
  else status = window.to < today ? WindowStatus.BELOW_MINIMUM : WindowStatus.IN_PROGRESS;
  return { window, count, min, max, status };
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
): { rule: R; windows: WindowResult[] }[] {
  return rules.map((rule) => ({
    rule,
    windows: windowsOverlapping(rule.period, period, terms).map((w) => judge(w, meetingDates.filter((d) => within(d, w)).length, rule.minMeetings, rule.maxMeetings, today, active)),
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
