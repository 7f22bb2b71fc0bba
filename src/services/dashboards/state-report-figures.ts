import { createHash } from 'node:crypto';
import { StateReportSectionKey } from '../../entities/dashboards/enums';
import { badInput } from '../../errors';

/**
 * The figures of a state-of-service report as stored in `state_report.figures` (a snapshot: what
 * the dashboards showed on `asOf`, with suppression as for the public) and the pure computations of
 * the report: its year, its canonical content hash and its section texts. Unit-tested in
 * test/dashboards/state-report-figures.test.ts.
 */

/** Years of activity statistics in a report: this many up to the report's year. */
export const REPORT_TREND_YEARS = 5;
/** The longest text of one narrative section. */
export const MAX_SECTION_LENGTH = 20_000;

export interface ReportStatisticsRow {
  metricCode: string;
  metricName: string;
  /** The year, "YYYY". */
  period: string;
  value: number | null;
  suppressed: boolean;
  reason: string | null;
  per1000Aged0To17: number | null;
  changeFromPreviousYear: number | null;
}

export interface ReportStatistics {
  /** Always SUPPRESSED: the publication, as any reader without true counts sees it. */
  view: string;
  suppression: { min: number; max: number };
  from: string;
  to: string;
  /** The municipality per metric and year. */
  rows: ReportStatisticsRow[];
  /** The cooperation as a whole per metric and year. */
  cooperation: ReportStatisticsRow[];
}

export interface ReportCosts {
  /** The month of the newest published cost report of the year ("YYYY-MM"), and its version. */
  reportPeriod: string;
  reportVersion: number;
  /** The municipality's total line of that report (øre, decimal strings). */
  budgetYearOre: string;
  budgetYtdOre: string;
  actualYtdOre: string;
  forecastOre: string;
  deviationOre: string;
}

export interface ReportForaAttendance {
  kindCode: string;
  kindName: string;
  meetingsHeld: number;
  expected: number;
  present: number;
  /** present / expected, 4 decimals; null when nothing was expected. */
  rate: number | null;
}

export interface ReportForaTerm {
  /** "2024-SPRING" / "2024-AUTUMN". */
  term: string;
  label: string;
  from: string;
  to: string;
  /** The municipality's seats in the service's fora, per kind of forum (serviceForumLoad's attendance). */
  attendance: ReportForaAttendance[];
}

/** The municipality's fora of one kind in the term, by compliance with the kind's rules (forumCompliance's judgement). */
export interface ReportForaKindCompliance {
  kindCode: string;
  kindName: string;
  forums: number;
  /** Neither below the minimum, at risk, nor above the maximum in any cadence window. */
  met: number;
  belowMinimum: number;
  atRisk: number;
  aboveMaximum: number;
  /** Units that must have a forum of the kind (TST: schools and kindergartens) and had none. */
  unitsWithoutRequiredForum: number;
}

/** The compliance of the municipality's own fora in the term in force on asOf: counts only. */
export interface ReportForaCompliance {
  term: string;
  label: string;
  from: string;
  to: string;
  kinds: ReportForaKindCompliance[];
  /** Mandatory seats: present / expected over the municipality's fora, 4 decimals; null when none expected. */
  mandatoryExpected: number;
  mandatoryPresent: number;
  mandatoryAttendanceRate: number | null;
}

type KindRef = { id: string; code: string; name: string };
type JudgedForum = { kind: KindRef; belowMinimum: boolean; atRisk: boolean; aboveMaximum: boolean };

/**
 * forumCompliance's forums and missing-forum units grouped per kind (kind code order): each forum
 * counted once, under the most severe of below minimum, at risk, above maximum — else met.
 */
export function complianceByKind(forums: JudgedForum[], missing: { kind: KindRef; units: unknown[] }[]): ReportForaKindCompliance[] {
  const byKind = new Map<string, ReportForaKindCompliance>();
  const entry = (k: KindRef) => {
    let e = byKind.get(k.id);
    if (!e) byKind.set(k.id, (e = { kindCode: k.code, kindName: k.name, forums: 0, met: 0, belowMinimum: 0, atRisk: 0, aboveMaximum: 0, unitsWithoutRequiredForum: 0 }));
    return e;
  };
  for (const f of forums) {
    const e = entry(f.kind);
    e.forums += 1;
    if (f.belowMinimum) e.belowMinimum += 1;
    else if (f.atRisk) e.atRisk += 1;
    else if (f.aboveMaximum) e.aboveMaximum += 1;
    else e.met += 1;
  }
  for (const m of missing) entry(m.kind).unitsWithoutRequiredForum += m.units.length;
  return [...byKind.values()].sort((a, b) => a.kindCode.localeCompare(b.kindCode));
}

export interface ReportMilestone {
  title: string;
  dueBy: string | null;
  status: string;
}

export interface ReportPlan {
  /** Global ID of the strategic plan. */
  planId: string;
  title: string;
  measureCount: number;
  counts: { status: string; count: number; share: number }[];
  /** Overdue on asOf. */
  overdueMilestones: ReportMilestone[];
  expiry: { periodEnd: string; state: string; monthsLeft: number; flagged: boolean };
}

export interface StateReportFigures {
  service: { name: string; kind: string };
  municipality: { number: string; name: string };
  year: number;
  /** The day the figures are as of: the year's last day, or today within the year. */
  asOf: string;
  statistics: ReportStatistics;
  /** Null when no cost report of the year is published. */
  costs: ReportCosts | null;
  fora: ReportForaTerm[];
  /** Absent in reports prepared before it was added (issue 22). */
  foraCompliance?: ReportForaCompliance;
  plans: ReportPlan[];
}

/** The report's year and the day its figures are as of; a year in the future is refused. */
export function reportYear(
  year: number,
  today: string,
): { year: number; asOf: string; month: string } | { problem: 'dashboards.reportYearTooEarly' | 'dashboards.reportYearInFuture'; params: Record<string, number> } {
  const thisYear = Number(today.slice(0, 4));
  if (!Number.isInteger(year) || year < 2000) return { problem: 'dashboards.reportYearTooEarly', params: {} };
  if (year > thisYear) return { problem: 'dashboards.reportYearInFuture', params: { year, thisYear } };
  if (year === thisYear) return { year, asOf: today, month: today.slice(0, 7) };
  return { year, asOf: `${year}-12-31`, month: `${year}-12` };
}

/** JSON with object keys sorted at every level: the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of the canonical JSON of the figures and the sections. */
export function contentSha256(figures: object, sections: Record<string, string>): string {
  return createHash('sha256').update(canonicalJson({ figures, sections })).digest('hex');
}

/** The sections after writing `text` under `key`: blank text (or null) removes the section. */
export function withSection(sections: Record<string, string>, key: StateReportSectionKey, text: string | null | undefined): Record<string, string> {
  if (!Object.values(StateReportSectionKey).includes(key)) throw badInput('key', 'enum', { key: 'dashboards.errors.notSectionKey' });
  const out = { ...sections };
  const trimmed = text?.trim() ?? '';
  if (trimmed) out[key] = trimmed;
  else delete out[key];
  return out;
}
