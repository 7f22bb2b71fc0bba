import { AgendaRequirement, AttendanceStatus, CadencePeriod, ForumAttendanceDuty, ForumLeadership, ForumPlacement, UnitSizeBand, Weekday } from '../../entities/fora/enums';
import { ForumReferralOutcome, ForumRole } from '../../entities/fora/exchange-enums';
import { SharedServiceKind } from '../../entities/reference/shared-service';
import { UnitKind } from '../../entities/reference/unit';

/**
 * What the fora services take: plain data (the schema's input classes implement these). IDs are
 * global IDs; dates are Date objects (GraphQL Date) or ISO strings. In "changes" types undefined =
 * unchanged and null = cleared, except for required fields.
 */

export type DateInput = Date | string;

export interface TermSettingsInput {
  springStart: string;
  springEnd: string;
  autumnStart: string;
  autumnEnd: string;
  fromYear?: number | null;
}

export interface KindMemberInput {
  code: string;
  name: string;
  attendance: ForumAttendanceDuty;
  serviceKind?: SharedServiceKind | null;
  attendancesPerHalfYear?: number | null;
}

export interface CadenceRuleInput {
  period: CadencePeriod;
  unitSize?: UnitSizeBand | null;
  minMeetings: number;
  maxMeetings?: number | null;
}

export interface AgendaElementInput {
  code: string;
  title: string;
  description?: string | null;
  required: AgendaRequirement;
}

export interface NewForumKind {
  code: string;
  name: string;
  description?: string | null;
  source?: string | null;
  notes?: string | null;
  placement: ForumPlacement;
  requiredUnitKinds?: UnitKind[] | null;
  leadership: ForumLeadership;
  rotationMonths?: number | null;
  leaderDescription?: string | null;
  minMeetingMinutes?: number | null;
  largeUnitSize?: number | null;
  /** Code of the kind whose fora receive the minutes. */
  minutesToKindCode?: string | null;
  minutesByConvener?: boolean | null;
  /** Shortest spacing in days between two meetings of a forum of the kind. */
  minDaysBetweenMeetings?: number | null;
  /** The first day the kind's rules are in force (default today, Oslo): reports of earlier windows do not judge by them. */
  rulesValidFrom?: Date | null;
  members: KindMemberInput[];
  cadence: CadenceRuleInput[];
  agendaElements: AgendaElementInput[];
}

/** What can change when a kind's frequency is trialled and evaluated; members and template stay. */
export interface ForumKindChanges {
  id: string;
  name?: string | null;
  description?: string | null;
  notes?: string | null;
  leadership?: ForumLeadership | null;
  rotationMonths?: number | null;
  minMeetingMinutes?: number | null;
  largeUnitSize?: number | null;
  requiredUnitKinds?: UnitKind[] | null;
  /** Replaces every cadence rule. */
  cadence?: CadenceRuleInput[] | null;
  minDaysBetweenMeetings?: number | null;
  /** From which day changed rules are in force (default today, Oslo); earlier windows keep the rules they had. */
  rulesValidFrom?: Date | null;
}

export interface NewForum {
  kindId: string;
  name: string;
  /** UNIT placement. */
  unitId?: string | null;
  /** MUNICIPALITY and UNIT_GROUP placement (for UNIT: optional, must be the unit's). */
  municipalityNumber?: string | null;
  /** UNIT_GROUP placement: the units of the group (in the municipality). */
  unitIds?: string[] | null;
  establishedOn: DateInput;
  minutesToForumId?: string | null;
  notes?: string | null;
}

export interface ForumChanges {
  id: string;
  name?: string | null;
  closedOn?: DateInput | null;
  minutesToForumId?: string | null;
  notes?: string | null;
}

export interface NewMembership {
  forumId: string;
  /** The seat: a ForumKindMember of the forum's kind. */
  kindMemberId: string;
  personName?: string | null;
  serviceId?: string | null;
  /** Instead of a person or service: whoever holds `role` in this other forum (003: the samarbeidsgruppe's leader in the SLT steering group). */
  roleForumId?: string | null;
  /** With roleForumId; default LEADER. */
  role?: ForumRole | null;
  /** Default: the seat's duty. */
  attendance?: ForumAttendanceDuty | null;
  validFrom: DateInput;
}

export interface MembershipEnd {
  membershipId: string;
  validTo: DateInput;
}

export interface LeaderChange {
  forumId: string;
  membershipId: string;
  validFrom: DateInput;
}

export interface NewMeeting {
  forumId: string;
  startsAt: Date;
  plannedMinutes?: number | null;
  place?: string | null;
}

export interface ScheduleInput {
  forumId: string;
  /** "2031-AUTUMN" or "2031-SPRING". */
  term: string;
  weekday: Weekday;
  /** Local time HH:MM (Europe/Oslo). */
  startTime: string;
  plannedMinutes?: number | null;
  place?: string | null;
  excludedDates?: DateInput[] | null;
}

export interface AttendanceInput {
  membershipId: string;
  status: AttendanceStatus;
}

export interface AgendaItemInput {
  elementId?: string | null;
  title: string;
  notes?: string | null;
}

export interface CaseItemInput {
  elementId?: string | null;
  label: string;
  summary?: string | null;
  /** A named case: the consent it is discussed under. Omitted = anonymous. */
  consentId?: string | null;
  /** Whose case, for a named case (must be the consent's subject); refused without a consent. */
  subjectName?: string | null;
  /**
   * Without a consent: the caller confirms that label and summary name no one although they read
   * like a name with an age, class or birth date (src/services/personal-data/named-person.ts).
   */
  confirmedAnonymous?: boolean | null;
}

export interface FollowUpInput {
  description: string;
  /** The member service responsible (a ForumKindMember of the forum's kind) … */
  responsibleMemberId?: string | null;
  /** … and/or the shared service. */
  responsibleServiceId?: string | null;
  dueOn: DateInput;
}

export interface HeldMeeting {
  /** A PLANNED meeting; or forumId + startsAt for one that was not planned. */
  meetingId?: string | null;
  forumId?: string | null;
  startsAt?: Date | null;
  actualMinutes: number;
  place?: string | null;
  convenedBy?: string | null;
  minutesWrittenBy: string;
  attendance: AttendanceInput[];
  agenda: AgendaItemInput[];
  caseItems?: CaseItemInput[] | null;
  minutes: string;
  followUps?: FollowUpInput[] | null;
  minutesSentOn?: DateInput | null;
}

export interface Cancellation {
  meetingId: string;
  reason: string;
}

export interface MinutesSent {
  meetingId: string;
  sentOn: DateInput;
  /** The forum that receives them and may read them; default the forum's own destination (`minutesTo`). */
  toForumId?: string | null;
}

export interface FollowUpDone {
  followUpId: string;
  /** Null reopens it. */
  doneOn?: DateInput | null;
}

export interface NewConsent {
  forumId: string;
  subject: string;
  givenBy: string;
  givenOn: DateInput;
  scope: string;
}

export interface ConsentWithdrawal {
  consentId: string;
  withdrawnOn: DateInput;
}

/** A case referred from one forum (which the caller runs) to another. */
export interface NewCaseReferral {
  fromForumId: string;
  toForumId: string;
  referredOn: DateInput;
  label: string;
  summary?: string | null;
  measuresTried?: string | null;
  /** A named case: a consent of the sending forum, valid on referredOn. Omitted = anonymous. */
  consentId?: string | null;
  /** Whose case (must be the consent's subject); refused without a consent. */
  subjectName?: string | null;
  /** Without a consent: the caller confirms the texts name no one although they read like a name with an age, class or birth date. */
  confirmedAnonymous?: boolean | null;
}

/** The receiving forum's answer to a referral. */
export interface CaseReferralOutcome {
  referralId: string;
  outcome: ForumReferralOutcome;
  decidedOn: DateInput;
  text?: string | null;
}

export interface ByForum {
  forumId: string;
}
