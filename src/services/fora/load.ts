import { AttendanceStatus, Forum, ForumAttendanceDuty, ForumMeeting, ForumKind, ForumKindMember, ForumMembership, ForumPlacement } from '../../entities/fora';
import { Municipality } from '../../entities/reference/municipality';
import { SharedService } from '../../entities/reference/shared-service';
import { Unit } from '../../entities/reference/unit';
import { applicableRules, bandOf, yearlyMinimum } from './cadence';
import { AttendanceCounts, AttendanceFact, groupBy, KindConfig } from './compliance';
import { schoolMonthCount, TermDates } from './periods';
import { isActiveOn as isActive, rate } from './values';
import { UnitSizeBand } from '../../entities/fora/enums';

/**
 * What the fora rules ask of one shared service, as pure functions: its attendance across the
 * owner municipalities, and the hours of meetings its staff must attend (now, and if the largest
 * units met monthly). Assumptions, stated in every answer: one representative per meeting; the
 * kind's minimum meeting length, or DEFAULT_MEETING_MINUTES where the kind names none; no travel.
 */

export const DEFAULT_MEETING_MINUTES = 90;
/** Working hours of one full-time equivalent (årsverk) a year: 37.5 h × 52 weeks minus holidays and public holidays (the usual Norwegian norm). */
export const ANNUAL_HOURS_PER_FTE = 1695;

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

// ---- attendance ------------------------------------------------------------------------------

/** expected = the held meetings where the service had a mandatory seat; present = those where someone of it was PRESENT. */
export interface ServiceAttendanceRow extends AttendanceCounts {
  municipality: Municipality | null;
  kind: ForumKind;
  /** Held meetings of these fora in the period. */
  meetingsHeld: number;
}

/** A held meeting as attendance counts it. */
export interface HeldMeeting {
  meeting: Pick<ForumMeeting, 'id' | 'forumId'>;
  date: string;
}

export interface AttendanceData {
  owners: Municipality[];
  forums: Forum[];
  kinds: Map<string, KindConfig>;
  /** Memberships held for the service. */
  memberships: ForumMembership[];
  /** Held meetings in the period (what is counted of them: id, forum, Oslo date). */
  meetings: HeldMeeting[];
  attendance: AttendanceFact[];
}

/** "PPT attended 87 % of the TST meetings in Tolga this term": per owner municipality (and regional fora) and kind. */
export function serviceAttendance(data: AttendanceData): ServiceAttendanceRow[] {
  const forums = new Map(data.forums.map((f) => [f.id, f]));
  const membershipsOf = groupBy(data.memberships, (m) => m.forumId);
  const attendanceOf = groupBy(data.attendance, (a) => a.meetingId);
  const rows = new Map<string, ServiceAttendanceRow>();
  for (const { meeting, date } of data.meetings) {
    const forum = forums.get(meeting.forumId);
    const config = forum && data.kinds.get(forum.kindId);
    if (!forum || !config) continue;
    const key = `${forum.municipalityId ?? 'region'}:${forum.kindId}`;
    const municipality = data.owners.find((m) => m.id === forum.municipalityId) ?? null;
    const row = rows.get(key) ?? { municipality, kind: config.kind, meetingsHeld: 0, expected: 0, present: 0, absent: 0, excused: 0, notRecorded: 0, rate: null };
    rows.set(key, row);
    row.meetingsHeld += 1;
    const seats = (membershipsOf.get(forum.id) ?? []).filter((m) => m.attendance === ForumAttendanceDuty.MANDATORY && isActive(m, date));
    if (!seats.length) continue;
    row.expected += 1;
    const statuses = (attendanceOf.get(meeting.id) ?? []).filter((a) => seats.some((s) => s.id === a.membershipId)).map((a) => a.status);
    if (statuses.includes(AttendanceStatus.PRESENT)) row.present += 1;
    else if (statuses.includes(AttendanceStatus.EXCUSED)) row.excused += 1;
    else if (statuses.includes(AttendanceStatus.ABSENT)) row.absent += 1;
    else row.notRecorded += 1;
  }
  // Fora where the service has no seat with attendance duty say nothing about it.
  return [...rows.values()]
    .filter((r) => r.expected > 0)
    .map((r) => ({ ...r, rate: rate(r.present, r.expected) }))
    .sort((a, b) => (a.municipality?.number ?? '').localeCompare(b.municipality?.number ?? '') || a.kind.name.localeCompare(b.kind.name, 'nb'));
}

// ---- load ------------------------------------------------------------------------------------

export interface LoadData {
  service: SharedService;
  owners: Municipality[];
  /** Units of the owner municipalities. */
  units: Unit[];
  /** Fora active today in the owner municipalities and the region. */
  forums: Forum[];
  kinds: KindConfig[];
  terms: TermDates;
}

export interface LoadFigures {
  meetingsPerYear: number;
  hoursPerYear: number;
  /** hoursPerYear / 12. */
  hoursPerMonth: number;
  /** hoursPerYear / the school months (months that overlap a term). */
  hoursPerSchoolMonth: number;
  /** hoursPerYear / ANNUAL_HOURS_PER_FTE. */
  fullTimeEquivalents: number;
}

export interface LoadLine extends LoadFigures {
  kind: ForumKind;
  member: ForumKindMember;
  municipality: Municipality | null;
  /** Units (UNIT kinds) or fora (other kinds) the service must attend. */
  places: number;
  minutesPerMeeting: number;
  /** Units at or above the kind's largeUnitSize. */
  largePlaces: number;
}

export interface ServiceLoad extends LoadFigures {
  schoolMonths: number;
  annualHoursPerFte: number;
  lines: LoadLine[];
  /** The same if every unit at or above its kind's largeUnitSize met (at least) monthly. */
  ifLargestMonthly: LoadFigures & { unitsAffected: number; extraHoursPerMonth: number };
}

interface Place {
  municipalityId: string | null;
  unitSize: number | null;
}

/** Where a kind meets in the owner municipalities: every required unit and every unit with such a forum, or each forum of the kind. */
function placesOf(config: KindConfig, data: LoadData): Place[] {
  const { kind } = config;
  const forums = data.forums.filter((f) => f.kindId === kind.id);
  if (kind.placement !== ForumPlacement.UNIT) return forums.map((f) => ({ municipalityId: f.municipalityId, unitSize: null }));
  return data.units.filter((u) => kind.requiredUnitKinds.includes(u.kind) || forums.some((f) => f.unitId === u.id)).map((u) => ({ municipalityId: u.municipalityId, unitSize: u.size }));
}

function figures(meetingsPerYear: number, minutesTotal: number, schoolMonths: number): LoadFigures {
  const hoursPerYear = minutesTotal / 60;
  return {
    meetingsPerYear: round(meetingsPerYear),
    hoursPerYear: round(hoursPerYear),
    hoursPerMonth: round(hoursPerYear / 12),
    hoursPerSchoolMonth: round(hoursPerYear / schoolMonths),
    fullTimeEquivalents: round(hoursPerYear / ANNUAL_HOURS_PER_FTE, 3),
  };
}

/** Hours of meetings a year the cadence rules put on the service's staff, per kind, seat and municipality. */
export function serviceLoad(data: LoadData): ServiceLoad {
  const schoolMonths = schoolMonthCount(data.terms);
  const lines: LoadLine[] = [];
  const whatIf = { meetings: 0, minutes: 0, units: 0 };
  const now = { meetings: 0, minutes: 0 };
  for (const config of data.kinds) {
    const { kind } = config;
    const minutesPerMeeting = kind.minMeetingMinutes ?? DEFAULT_MEETING_MINUTES;
    const seats = config.members.filter((s) => s.serviceKind === data.service.kind && (s.attendance === ForumAttendanceDuty.MANDATORY || s.attendancesPerHalfYear !== null));
    if (!seats.length) continue;
    const places = placesOf(config, data);
    for (const member of seats) {
      // The yearly minimum depends on the size band alone: worked out once per band, not per place (a region has thousands).
      const minimumOf = new Map<UnitSizeBand, number>();
      const perPlace = (size: number | null, monthlyIfLarge: boolean) => {
        const band = bandOf(size, kind.largeUnitSize);
        let minimum = minimumOf.get(band);
        if (minimum === undefined) minimumOf.set(band, (minimum = yearlyMinimum(applicableRules(config.cadence, band), data.terms)));
        let n = minimum;
        if (monthlyIfLarge && band === UnitSizeBand.LARGE) n = Math.max(n, schoolMonths);
        return member.attendancesPerHalfYear !== null ? Math.min(n, member.attendancesPerHalfYear * 2) : n;
      };
      const municipalities = [...new Set(places.map((p) => p.municipalityId))];
      for (const municipalityId of municipalities) {
        const here = places.filter((p) => p.municipalityId === municipalityId);
        const meetings = here.reduce((acc, p) => acc + perPlace(p.unitSize, false), 0);
        const large = here.filter((p) => bandOf(p.unitSize, kind.largeUnitSize) === UnitSizeBand.LARGE);
        lines.push({
          kind,
          member,
          municipality: data.owners.find((m) => m.id === municipalityId) ?? null,
          places: here.length,
          largePlaces: large.length,
          minutesPerMeeting,
          ...figures(meetings, meetings * minutesPerMeeting, schoolMonths),
        });
        now.meetings += meetings;
        now.minutes += meetings * minutesPerMeeting;
        const monthly = here.reduce((acc, p) => acc + perPlace(p.unitSize, true), 0);
        whatIf.meetings += monthly;
        whatIf.minutes += monthly * minutesPerMeeting;
        whatIf.units += here.filter((p) => perPlace(p.unitSize, true) > perPlace(p.unitSize, false)).length;
      }
    }
  }
  const current = figures(now.meetings, now.minutes, schoolMonths);
  const ifMonthly = figures(whatIf.meetings, whatIf.minutes, schoolMonths);
  return {
    ...current,
    schoolMonths,
    annualHoursPerFte: ANNUAL_HOURS_PER_FTE,
    lines: lines.sort((a, b) => (a.municipality?.number ?? '').localeCompare(b.municipality?.number ?? '') || a.kind.name.localeCompare(b.kind.name, 'nb')),
    ifLargestMonthly: { ...ifMonthly, unitsAffected: whatIf.units, extraHoursPerMonth: round(ifMonthly.hoursPerMonth - current.hoursPerMonth) },
  };
}
