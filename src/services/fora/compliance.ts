import {
  AgendaRequirement,
  AttendanceStatus,
  CadencePeriod,
  Forum,
  ForumAgendaSection,
  ForumAttendance,
  ForumAttendanceDuty,
  ForumFollowUp,
  ForumKind,
  ForumKindAgendaElement,
  ForumKindCadence,
  ForumKindMember,
  ForumKindRuleVersion,
  ForumLeaderTerm,
  ForumLeadership,
  ForumMeeting,
  ForumMeetingStatus,
  ForumMembership,
  ForumPlacement,
  UnitSizeBand,
} from '../../entities/fora';
import { Unit } from '../../entities/reference/unit';
import { ActiveSpan, applicableRules, bandOf, DEFAULT_SPACING_DAYS, evaluateRules, judge, WindowResult, WindowStatus } from './cadence';
import { RulesInForce, rulesOn, ruleTimeline } from './rules';
import { unitOpenIn } from '../reference/units';
import { isActiveOn as isActive, rate } from './values';
import { addMonths, DateRange, overlaps, TermDates, Window, windowsOverlapping, within } from './periods';

/**
 * Compliance of fora with their kinds' rules, as pure functions of loaded rows (insights.ts loads
 * them in a fixed number of statements; test/fora/compliance-rules.test.ts calls these directly).
 * Nothing here reads minutes, agenda texts or case items: only counts of structure rows.
 */

/** A kind with its member services, cadence rules and agenda template; `history`: the rules it had before its current ones. */
export interface KindConfig {
  kind: ForumKind;
  members: ForumKindMember[];
  cadence: ForumKindCadence[];
  elements: ForumKindAgendaElement[];
  history?: ForumKindRuleVersion[];
}

/** The kind's rule versions, oldest first (rules.ts). */
export const timelineOf = (config: KindConfig): RulesInForce[] => ruleTimeline(config.kind, config.cadence, config.history ?? []);

/** A meeting with its local date (Oslo). */
export interface DatedMeeting {
  meeting: ForumMeeting;
  date: string;
}

export interface ComplianceData {
  period: Window;
  terms: TermDates;
  today: string;
  kinds: Map<string, KindConfig>;
  forums: Forum[];
  units: Map<string, Unit>;
  memberships: ForumMembership[];
  leaderTerms: ForumLeaderTerm[];
  /** Every meeting of the forums in the years the period touches. */
  meetings: DatedMeeting[];
  attendance: AttendanceFact[];
  sections: SectionFact[];
  followUps: ForumFollowUp[];
}

/** What compliance counts of an attendance row: whose seat, at which meeting, with what status (no names, no timestamps). */
export type AttendanceFact = Pick<ForumAttendance, 'meetingId' | 'membershipId' | 'status'>;
/** What compliance counts of an agenda section: which template element a meeting covered. */
export type SectionFact = Pick<ForumAgendaSection, 'meetingId' | 'elementId'>;

export interface MeetingCounts {
  held: number;
  planned: number;
  cancelled: number;
}

export interface ShortMeeting {
  meeting: ForumMeeting;
  actualMinutes: number;
  minimumMinutes: number;
}

export interface MissingElements {
  meeting: ForumMeeting;
  missing: ForumKindAgendaElement[];
}

/** How often someone who had to come came. */
export interface AttendanceCounts {
  expected: number;
  present: number;
  absent: number;
  excused: number;
  notRecorded: number;
  /** present / expected, 4 decimals; null when nothing was expected. */
  rate: number | null;
}

/** expected = held meetings × mandatory memberships of this seat active that day. */
export interface SeatAttendance extends AttendanceCounts {
  member: ForumKindMember;
}

export enum LeadershipIssue {
  NO_LEADER = 'NO_LEADER',
  TERM_TOO_LONG = 'TERM_TOO_LONG',
  NOT_ROTATED = 'NOT_ROTATED',
}

export interface LeadershipViolation {
  issue: LeadershipIssue;
  date: string;
  message: string;
}

export interface FollowUpCounts {
  /** Follow-ups due in the period. */
  due: number;
  done: number;
  /** Due before today and not done. */
  overdue: number;
  /** Done, but after the due date. */
  doneLate: number;
}

export interface ForumCompliance {
  forum: Forum;
  kind: ForumKind;
  unitSizeBand: UnitSizeBand;
  meetings: MeetingCounts;
  cadence: { rule: ForumKindCadence; windows: WindowResult[] }[];
  belowMinimum: boolean;
  aboveMaximum: boolean;
  /** A window not yet over can no longer reach its minimum (AT_RISK). */
  atRisk: boolean;
  /** The rules the period was judged by: those in force on its first day (or, for a kind whose rules began later in the period, its first). */
  rules: RulesInForce;
  shortMeetings: ShortMeeting[];
  missingElements: MissingElements[];
  halfYearElements: { element: ForumKindAgendaElement; windows: WindowResult[] }[];
  attendance: SeatAttendance[];
  memberHalfYear: { member: ForumKindMember; windows: WindowResult[] }[];
  leadershipViolations: LeadershipViolation[];
  followUps: FollowUpCounts;
  /** Held meetings whose minutes were not sent on, where the kind sends minutes to another forum; null otherwise. */
  minutesNotSent: number | null;
}

const spanOf = (forum: Forum): ActiveSpan => ({ from: forum.establishedOn, to: forum.closedOn });
export function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** The data of one forum, indexed once for all forums of a report. */
export interface ForumIndex {
  meetings: Map<string, DatedMeeting[]>;
  memberships: Map<string, ForumMembership[]>;
  leaderTerms: Map<string, ForumLeaderTerm[]>;
  attendance: Map<string, AttendanceFact[]>;
  sections: Map<string, SectionFact[]>;
  followUps: Map<string, ForumFollowUp[]>;
}

export function indexData(data: ComplianceData): ForumIndex {
  return {
    meetings: groupBy(data.meetings, (m) => m.meeting.forumId),
    memberships: groupBy(data.memberships, (m) => m.forumId),
    leaderTerms: groupBy(data.leaderTerms, (t) => t.forumId),
    attendance: groupBy(data.attendance, (a) => a.meetingId),
    sections: groupBy(data.sections, (s) => s.meetingId),
    followUps: groupBy(data.followUps, (f) => f.forumId),
  };
}

function seatAttendance(member: ForumKindMember, held: DatedMeeting[], memberships: ForumMembership[], attendance: Map<string, AttendanceFact[]>): SeatAttendance {
  const counts = { expected: 0, present: 0, absent: 0, excused: 0, notRecorded: 0 };
  for (const { meeting, date } of held) {
    const rows = attendance.get(meeting.id) ?? [];
    for (const m of memberships) {
      if (m.kindMemberId !== member.id || m.attendance !== ForumAttendanceDuty.MANDATORY || !isActive(m, date)) continue;
      counts.expected += 1;
      const status = rows.find((a) => a.membershipId === m.id)?.status;
      if (status === AttendanceStatus.PRESENT) counts.present += 1;
      else if (status === AttendanceStatus.ABSENT) counts.absent += 1;
      else if (status === AttendanceStatus.EXCUSED) counts.excused += 1;
      else counts.notRecorded += 1;
    }
  }
  return { member, ...counts, rate: rate(counts.present, counts.expected) };
}

/**
 * Leadership: every held meeting has a leader; a ROTATING kind's leader serves at most
 * `rotationMonths` and is followed by someone else.
 */
export function leadershipViolations(
  config: { kind: Pick<ForumKind, 'leadership' | 'rotationMonths'> },
  terms: ForumLeaderTerm[],
  memberships: ForumMembership[],
  held: DatedMeeting[],
  period: DateRange,
  today: string,
): LeadershipViolation[] {
  const out: LeadershipViolation[] = [];
  const sorted = [...terms].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  for (const { date } of held) {
    if (!sorted.some((t) => isActive(t, date))) out.push({ issue: LeadershipIssue.NO_LEADER, date, message: `The meeting on ${date} had no leader on record.` });
  }
  const { kind } = config;
  if (kind.leadership !== ForumLeadership.ROTATING || !kind.rotationMonths) return out;
  const asOf = period.to < today ? period.to : today;
  const person = (t: ForumLeaderTerm) => {
    const m = memberships.find((x) => x.id === t.membershipId);
    return m?.personName ? `name:${m.personName.trim().toLowerCase()}` : `membership:${t.membershipId}`;
  };
  sorted.forEach((term, i) => {
    const end = term.validTo ?? asOf;
    if (!overlaps({ from: term.validFrom, to: end }, period)) return;
    const limit = addMonths(term.validFrom, kind.rotationMonths!);
    if (end >= limit) {
      out.push({ issue: LeadershipIssue.TERM_TOO_LONG, date: limit, message: `The leader since ${term.validFrom} has served longer than ${kind.rotationMonths} months (leadership rotates).` });
    }
    const previous = sorted[i - 1];
    if (previous && person(previous) === person(term)) {
      out.push({ issue: LeadershipIssue.NOT_ROTATED, date: term.validFrom, message: `The same member leads again from ${term.validFrom}; leadership should pass to another member.` });
    }
  });
  return out;
}

export function forumCompliance(forum: Forum, data: ComplianceData, index: ForumIndex): ForumCompliance | null {
  const config = data.kinds.get(forum.kindId);
  if (!config) return null;
  const { kind } = config;
  const { period, today, terms } = data;
  // Each window is judged by the rules in force on its first day (rules.ts); the period's own rules
  // (size band, leadership) are those of its first day, or the kind's first rules within it.
  const timeline = timelineOf(config);
  const inForce = (date: string) => rulesOn(timeline, date);
  const periodRules = inForce(period.from) ?? timeline.find((v) => v.validFrom <= period.to);
  if (!periodRules) return null;
  const unit = forum.unitId ? data.units.get(forum.unitId) : undefined;
  const bandIn = (rules: RulesInForce) => bandOf(unit?.size, rules.largeUnitSize);
  const band = bandIn(periodRules);
  const all = index.meetings.get(forum.id) ?? [];
  const held = all.filter((m) => m.meeting.status === ForumMeetingStatus.HELD);
  const heldInPeriod = held.filter((m) => within(m.date, period));
  const judgedHeld = heldInPeriod.filter((m) => inForce(m.date));
  const inPeriod = all.filter((m) => within(m.date, period));
  const count = (s: ForumMeetingStatus) => inPeriod.filter((m) => m.meeting.status === s).length;
  const memberships = index.memberships.get(forum.id) ?? [];
  const active = spanOf(forum);
  const heldDates = held.map((m) => m.date);
  const plannedDates = all.filter((m) => m.meeting.status === ForumMeetingStatus.PLANNED).map((m) => m.date);
  const booked = [...heldDates, ...plannedDates];

  // Rules without a window in the period (the autumn rule in a spring report) are left out.
  const cadence = timeline.flatMap((version) =>
    evaluateRules(
      applicableRules(version.cadenceRules, bandIn(version)),
      heldDates,
      period,
      terms,
      today,
      active,
      { planned: plannedDates, booked, spacing: version.minDaysBetweenMeetings ?? DEFAULT_SPACING_DAYS },
      (w) => inForce(w.from) === version,
    ).filter((c) => c.windows.length),
  );
  const statuses = cadence.flatMap((c) => c.windows.map((w) => w.status));

  const shortMeetings = judgedHeld.flatMap((m) => {
    const minimum = inForce(m.date)!.minMeetingMinutes;
    return minimum !== null && m.meeting.actualMinutes! < minimum ? [{ meeting: m.meeting, actualMinutes: m.meeting.actualMinutes!, minimumMinutes: minimum }] : [];
  });

  const covered = (meetingId: string) => new Set((index.sections.get(meetingId) ?? []).map((s) => s.elementId));
  const everyMeeting = config.elements.filter((e) => e.required === AgendaRequirement.EVERY_MEETING);
  const missingElements = judgedHeld.map(({ meeting }) => ({ meeting, missing: everyMeeting.filter((e) => !covered(meeting.id).has(e.id)) })).filter((m) => m.missing.length);
  const halfYears = windowsOverlapping(CadencePeriod.HALF_YEAR, period, terms).filter((w) => inForce(w.from));
  const halfYearElements = config.elements
    .filter((e) => e.required === AgendaRequirement.EVERY_HALF_YEAR)
    .map((element) => ({
      element,
      windows: halfYears.map((w) => judge(w, held.filter((m) => within(m.date, w) && covered(m.meeting.id).has(element.id)).length, 1, null, today, active)),
    }));

  const attendance = config.members
    .filter((s) => s.attendance === ForumAttendanceDuty.MANDATORY || memberships.some((m) => m.kindMemberId === s.id && m.attendance === ForumAttendanceDuty.MANDATORY))
    .map((s) => seatAttendance(s, heldInPeriod, memberships, index.attendance));
  const memberHalfYear = config.members
    .filter((s) => s.attendancesPerHalfYear !== null)
    .map((member) => ({
      member,
      windows: halfYears.map((w) => {
        const present = held.filter(
          (m) =>
            within(m.date, w) &&
            (index.attendance.get(m.meeting.id) ?? []).some((a) => a.status === AttendanceStatus.PRESENT && memberships.some((x) => x.id === a.membershipId && x.kindMemberId === member.id)),
        );
        return judge(w, present.length, member.attendancesPerHalfYear!, null, today, active);
      }),
    }));

  const dueInPeriod = (index.followUps.get(forum.id) ?? []).filter((f) => within(f.dueOn, period));
  const followUps: FollowUpCounts = {
    due: dueInPeriod.length,
    done: dueInPeriod.filter((f) => f.doneOn !== null).length,
    overdue: dueInPeriod.filter((f) => f.doneOn === null && f.dueOn < today).length,
    doneLate: dueInPeriod.filter((f) => f.doneOn !== null && f.doneOn > f.dueOn).length,
  };

  return {
    forum,
    kind,
    unitSizeBand: band,
    meetings: { held: count(ForumMeetingStatus.HELD), planned: count(ForumMeetingStatus.PLANNED), cancelled: count(ForumMeetingStatus.CANCELLED) },
    cadence,
    belowMinimum: statuses.includes(WindowStatus.BELOW_MINIMUM),
    aboveMaximum: statuses.includes(WindowStatus.ABOVE_MAXIMUM),
    atRisk: statuses.includes(WindowStatus.AT_RISK),
    rules: periodRules,
    shortMeetings,
    missingElements,
    halfYearElements,
    attendance,
    memberHalfYear,
    leadershipViolations: leadershipViolations({ kind: periodRules }, index.leaderTerms.get(forum.id) ?? [], memberships, heldInPeriod, period, today),
    followUps,
    minutesNotSent: kind.minutesToKindId ? heldInPeriod.filter((m) => m.meeting.minutesSentOn === null).length : null,
  };
}

export interface MissingForums {
  kind: ForumKind;
  units: Unit[];
}

/**
 * Units of a kind that must have a forum of a UNIT kind (TST: schools and kindergartens) but had none
 * in the period: by the kind's rules in force on the period's first day (a kind whose rules began
 * later asks nothing of the period), counting only units open on some day of the period, and a
 * unit's forum only where it overlapped the days the unit was open.
 */
export function missingForums(kinds: KindConfig[], units: Unit[], forums: Forum[], period: DateRange): MissingForums[] {
  // The fora of each unit, so that a unit looks at its own and not at every forum of the municipality.
  const byUnit = groupBy(
    forums.filter((f) => f.unitId !== null),
    (f) => f.unitId!,
  );
  return kinds
    .filter((k) => k.kind.placement === ForumPlacement.UNIT)
    .map((config) => ({ config, rules: rulesOn(timelineOf(config), period.from) }))
    .filter(({ rules }) => rules && rules.requiredUnitKinds.length)
    .map(({ config: { kind }, rules }) => ({
      kind,
      units: units.filter((u) => {
        if (!rules!.requiredUnitKinds.includes(u.kind) || !unitOpenIn(u, period)) return false;
        const open = { from: u.openedOn > period.from ? u.openedOn : period.from, to: u.closedOn !== null && u.closedOn < period.to ? u.closedOn : period.to };
        return !(byUnit.get(u.id) ?? []).some((f) => f.kindId === kind.id && overlaps({ from: f.establishedOn, to: f.closedOn ?? '9999-12-31' }, open));
      }),
    }))
    .filter((m) => m.units.length);
}

export interface ComplianceSummary {
  forums: number;
  meetingsHeld: number;
  meetingsCancelled: number;
  forumsBelowMinimum: number;
  forumsAboveMaximum: number;
  forumsAtRisk: number;
  shortMeetings: number;
  meetingsMissingRequiredElements: number;
  mandatoryExpected: number;
  mandatoryPresent: number;
  mandatoryAttendanceRate: number | null;
  overdueFollowUps: number;
  unitsWithoutRequiredForum: number;
}

export function summarize(forums: ForumCompliance[], missing: MissingForums[]): ComplianceSummary {
  const total = (f: (c: ForumCompliance) => number) => forums.reduce((acc, c) => acc + f(c), 0);
  const expected = total((c) => c.attendance.reduce((a, s) => a + s.expected, 0));
  const present = total((c) => c.attendance.reduce((a, s) => a + s.present, 0));
  return {
    forums: forums.length,
    meetingsHeld: total((c) => c.meetings.held),
    meetingsCancelled: total((c) => c.meetings.cancelled),
    forumsBelowMinimum: forums.filter((c) => c.belowMinimum).length,
    forumsAboveMaximum: forums.filter((c) => c.aboveMaximum).length,
    forumsAtRisk: forums.filter((c) => c.atRisk).length,
    shortMeetings: total((c) => c.shortMeetings.length),
    meetingsMissingRequiredElements: total((c) => c.missingElements.length),
    mandatoryExpected: expected,
    mandatoryPresent: present,
    mandatoryAttendanceRate: rate(present, expected),
    overdueFollowUps: total((c) => c.followUps.overdue),
    unitsWithoutRequiredForum: missing.reduce((acc, m) => acc + m.units.length, 0),
  };
}

/** The fora a report covers: those that existed at some point of the period. */
export const activeIn = (forums: Forum[], period: DateRange) => forums.filter((f) => overlaps({ from: f.establishedOn, to: f.closedOn ?? '9999-12-31' }, period));

/** The years a report loads meetings for: every window of every rule lies within them. */
export const loadRange = (period: DateRange): DateRange => ({ from: `${period.from.slice(0, 4)}-01-01`, to: `${period.to.slice(0, 4)}-12-31` });
