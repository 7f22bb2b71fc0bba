import { badInput } from '../../errors';

/**
 * Pure computations of the dashboards (docs/dashboards.md): the period they are for, the year
 * range of a comparison, the forum statuses counted, the change of a cost line since the month
 * before and whether a municipality stands out. Unit-tested in test/dashboards/figures.test.ts.
 */

/** The longest year range a comparison may span. */
export const MAX_COMPARISON_YEARS = 20;
/** The years of the statistics trend on a dashboard: this many up to the period's year. */
export const TREND_YEARS = 10;
/** A rate at least this many times the cooperation's (or at most its inverse) stands out. */
export const STAND_OUT_RATIO = 1.5;

export interface DashboardPeriod {
  /** "YYYY-MM". */
  month: string;
  year: number;
  monthOfYear: number;
  /** The day the follow-up is judged on: today in the current month, else the month's last day. */
  asOf: string;
  /** The school term the month lies in, as the fora reports name it ("2026-SPRING", "2026-AUTUMN"; July counts to the autumn term). */
  term: string;
}

const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/** The dashboard's month: "YYYY-MM" (default this month in Norway), never after `today`'s month. */
export function dashboardPeriod(text: string | null | undefined, today: string): DashboardPeriod {
  const month = text === null || text === undefined ? today.slice(0, 7) : text.trim();
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) throw badInput('period', 'format', { key: 'dashboards.errors.periodFormat' });
  const year = Number(match[1]);
  const monthOfYear = Number(match[2]);
  if (year < 2000) throw badInput('period', 'range', { key: 'dashboards.errors.monthFrom', params: { year: 2000 } });
  if (month > today.slice(0, 7)) throw badInput('period', 'future', { key: 'dashboards.errors.notAfterThisMonth', params: { month: today.slice(0, 7) } });
  const asOf = month === today.slice(0, 7) ? today : lastDayOf(year, monthOfYear);
  return { month, year, monthOfYear, asOf, term: `${year}-${monthOfYear <= 6 ? 'SPRING' : 'AUTUMN'}` };
}

/** The years of a comparison: "YYYY" each, from ≤ to ≤ this year, at most MAX_COMPARISON_YEARS of them. */
export function comparisonYears(from: string, to: string, thisYear: number): { from: number; to: number } {
  const year = (text: string, field: string) => {
    if (!/^\d{4}$/.test(text.trim())) throw badInput(field, 'format', { key: 'dashboards.errors.yearFormat' });
    const y = Number(text.trim());
    if (y < 2000) throw badInput(field, 'range', { key: 'dashboards.errors.yearFrom', params: { year: 2000 } });
    return y;
  };
  const first = year(from, 'from');
  const last = year(to, 'to');
  if (last < first) throw badInput('to', 'order', { key: 'common.errors.notBeforeFrom' });
  if (last > thisYear) throw badInput('to', 'future', { key: 'dashboards.errors.notAfterThisYear', params: { year: thisYear } });
  if (last - first + 1 > MAX_COMPARISON_YEARS) throw badInput('from', 'range', { key: 'dashboards.errors.rangeTooLong', params: { max: MAX_COMPARISON_YEARS, asked: last - first + 1 } });
  return { from: first, to: last };
}

export interface StatusCount {
  status: string;
  count: number;
}

/**
 * How severe a status is, most severe first. A status not listed (one the fora feature adds later,
 * e.g. AT_RISK) ranks right after BELOW_MINIMUM: a new status is a warning until it is placed.
 */
const SEVERITY = ['BELOW_MINIMUM', '*', 'ABOVE_MAXIMUM', 'IN_PROGRESS', 'MET', 'NOT_APPLICABLE'];
const rank = (status: string) => {
  const i = SEVERITY.indexOf(status);
  return i < 0 ? SEVERITY.indexOf('*') : i;
};

/** Counts per status, most severe first (then by name); statuses with no count are left out. */
export function countStatuses(statuses: readonly string[]): StatusCount[] {
  const counts = new Map<string, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].map(([status, count]) => ({ status, count })).sort((a, b) => rank(a.status) - rank(b.status) || a.status.localeCompare(b.status));
}

/** A forum's status in a period: the most severe status of its cadence windows; null without windows. */
export function worstStatus(statuses: readonly string[]): string | null {
  return statuses.length ? [...statuses].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))[0] : null;
}

export interface LineFigures {
  budgetYtdOre: string;
  actualYtdOre: string;
  forecastOre: string;
  deviationOre: string;
}

export interface CostChange {
  /** The month compared with ("YYYY-MM"). */
  since: string;
  actualYtdOre: string;
  forecastOre: string;
  deviationOre: string;
}

/** The change of a report line since the previous month's line (same year); null without one. */
export function costChange(current: LineFigures | null, previous: (LineFigures & { period: string }) | null): CostChange | null {
  if (!current || !previous) return null;
  const diff = (a: string, b: string) => String(BigInt(a) - BigInt(b));
  return {
    since: previous.period,
    actualYtdOre: diff(current.actualYtdOre, previous.actualYtdOre),
    forecastOre: diff(current.forecastOre, previous.forecastOre),
    deviationOre: diff(current.deviationOre, previous.deviationOre),
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * A municipality's rate against the cooperation's: their ratio (two decimals) and whether it
 * stands out (≥ STAND_OUT_RATIO or ≤ its inverse, 0.67, judged on the ratio as shown). Null when either rate is not shown or the
 * cooperation's is 0: a ratio is only ever computed from figures that are shown.
 */
export function comparedRate(rate: number | null, cooperation: number | null): { ratio: number; standsOut: boolean } | null {
  if (rate === null || cooperation === null || cooperation === 0) return null;
  // Judged on the ratio as shown (two decimals), so what a reader sees and the flag agree.
  const ratio = round2(rate / cooperation);
  return { ratio, standsOut: ratio >= STAND_OUT_RATIO || ratio <= round2(1 / STAND_OUT_RATIO) };
}

/** The key activity metrics a dashboard shows per kind of service (those the catalogue has). */
export const KEY_METRICS: Record<string, string[]> = {
  BARNEVERN: ['reports_received', 'investigations_started', 'children_support_measures', 'children_care_measures'],
  PPT: ['referrals', 'expert_assessments'],
  NAV: ['young_social_assistance', 'social_assistance_recipients'],
};

/** A metric's rate in one year on a municipality dashboard: the municipality, the cooperation, the county and the country. */
export interface ReferenceComparisonRow {
  metricId: string;
  /** The year, "YYYY". */
  period: string;
  municipalityPer1000: number | null;
  cooperationPer1000: number | null;
  /** The county the municipality lies in (its kommunenummer's first two digits). */
  countyCode: string;
  /** Null where SSB's figure (or the county's population aged 0–17) is not imported. */
  countyPer1000: number | null;
  countryPer1000: number | null;
}

type RateRow = { metricId: string; period: string; per1000Aged0To17: number | null };
type AreaRate = { metricId: string; year: number; areaCode: string; per1000Aged0To17: number | null };

/**
 * The comparison rows of a municipality's statistics trend: one per metric and year of the
 * cooperation's rows (in their order), the municipality's and the cooperation's rates as the trend
 * shows them (null where suppressed), the county's and the country's from SSB's imported figures.
 */
export function referenceComparison(own: RateRow[], cooperation: RateRow[], areas: AreaRate[], countyCode: string): ReferenceComparisonRow[] {
  const key = (metricId: string, period: string) => `${metricId} ${period}`;
  const ownRate = new Map(own.map((r) => [key(r.metricId, r.period), r.per1000Aged0To17]));
  const areaRate = new Map(areas.map((a) => [`${key(a.metricId, String(a.year))} ${a.areaCode}`, a.per1000Aged0To17]));
  return cooperation.map((c) => ({
    metricId: c.metricId,
    period: c.period,
    municipalityPer1000: ownRate.get(key(c.metricId, c.period)) ?? null,
    cooperationPer1000: c.per1000Aged0To17,
    countyCode,
    countyPer1000: areaRate.get(`${key(c.metricId, c.period)} ${countyCode}`) ?? null,
    countryPer1000: areaRate.get(`${key(c.metricId, c.period)} 0`) ?? null,
  }));
}
