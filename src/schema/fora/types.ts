import { GraphQLDate } from 'graphql-scalars';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  CadencePeriod,
  Forum,
  ForumCaseConsent,
  ForumFollowUp,
  ForumKind,
  ForumKindAgendaElement,
  ForumKindCadence,
  ForumKindMember,
  ForumLeadership,
  ForumMeeting,
  ForumMembership,
  ForumTermSetting,
  UnitSizeBand,
} from '../../entities/fora';
import { Municipality } from '../../entities/reference/municipality';
import { SharedService } from '../../entities/reference/shared-service';
import { Unit, UnitKind } from '../../entities/reference/unit';
import { WindowStatus } from '../../services/fora/cadence';
import * as compliance from '../../services/fora/compliance';
import { LeadershipIssue } from '../../services/fora/compliance';
import * as load from '../../services/fora/load';
import * as periods from '../../services/fora/periods';
import * as rules from '../../services/fora/rules';
import { Connection } from '../connection';
import { MutationPayload } from '../user-error';

export const ForumConnection = Connection(Forum);
export const ForumMeetingConnection = Connection(ForumMeeting);
export const ForumFollowUpConnection = Connection(ForumFollowUp);

registerEnumType(WindowStatus, {
  name: 'CadenceStatus',
  description:
    'MET; BELOW_MINIMUM (the window is over with too few); ABOVE_MAXIMUM; IN_PROGRESS (not over yet, too few so far); AT_RISK (not over yet, and held + still planned + still possible < minimum: it can no longer reach its minimum; docs/fora.md "At risk"); NOT_APPLICABLE (the forum did not exist for the whole window).',
});
registerEnumType(LeadershipIssue, { name: 'LeadershipIssue' });

// ---- payloads ------------------------------------------------------------------------------

@ObjectType()
export class ForumKindPayload extends MutationPayload {
  @Field(() => ForumKind, { nullable: true }) forumKind?: ForumKind | null;
}

@ObjectType()
export class ForumTermsPayload extends MutationPayload {
  @Field(() => ForumTermSetting, { nullable: true }) terms?: ForumTermSetting | null;
}

@ObjectType()
export class ForumPayload extends MutationPayload {
  @Field(() => Forum, { nullable: true }) forum?: Forum | null;
}

@ObjectType()
export class ForumMembershipPayload extends MutationPayload {
  @Field(() => ForumMembership, { nullable: true }) membership?: ForumMembership | null;
  @Field(() => Forum, { nullable: true }) forum?: Forum | null;
}

@ObjectType()
export class ForumMeetingPayload extends MutationPayload {
  @Field(() => ForumMeeting, { nullable: true }) meeting?: ForumMeeting | null;
}

@ObjectType()
export class ForumSchedulePayload extends MutationPayload {
  @Field(() => [ForumMeeting], { nullable: true, description: 'The meetings this call planned (none when the term already meets the rules).' }) meetings?: ForumMeeting[] | null;
  @Field(() => Int, { nullable: true, description: 'Meetings the term already had (planned or held).' }) existingInTerm?: number | null;
  @Field(() => Int, { nullable: true }) totalInTerm?: number | null;
}

@ObjectType()
export class ForumFollowUpPayload extends MutationPayload {
  @Field(() => ForumFollowUp, { nullable: true }) followUp?: ForumFollowUp | null;
}

@ObjectType()
export class CaseConsentPayload extends MutationPayload {
  @Field(() => ForumCaseConsent, { nullable: true }) consent?: ForumCaseConsent | null;
}

@ObjectType()
export class ForumCalendarTokenPayload extends MutationPayload {
  @Field(() => Forum, { nullable: true }) forum?: Forum | null;
  @Field(() => String, { nullable: true, description: 'Shown once: only its hash is stored. Rotating again ends this feed.' }) token?: string | null;
  @Field(() => String, { nullable: true, description: 'The feed: GET this path on the API host (text/calendar).' }) path?: string | null;
}

// ---- read models ---------------------------------------------------------------------------

@ObjectType({ description: 'School terms in force for the region.' })
export class ForumTerms implements periods.TermDates {
  @Field() springStart: string;
  @Field() springEnd: string;
  @Field() autumnStart: string;
  @Field() autumnEnd: string;
  @Field({ description: 'True when the region uses the defaults (spring 01-01–06-30, autumn 08-01–12-31).' }) isDefault: boolean;
  @Field(() => Int, { description: 'The year these dates apply from (earlier years keep the dates they had).' }) fromYear: number;
}

@ObjectType({ description: "A forum's calendar feed (its leader only)." })
export class ForumCalendarInfo {
  @Field({ description: 'A feed link exists (its token is shown only when rotated).' }) hasToken: boolean;
  @Field(() => Date, { nullable: true }) rotatedAt: Date | null;
}

@ObjectType({ description: 'A period of the calendar: a term, a month, a half-year or a year.' })
export class ReportPeriod implements periods.Window {
  @Field(() => CadencePeriod) kind: CadencePeriod;
  @Field({ description: 'e.g. "2024-SPRING", "2024-03", "2024-H2", "2024".' }) label: string;
  @Field(() => GraphQLDate) from: string;
  @Field(() => GraphQLDate) to: string;
}

@ObjectType({ description: 'Meetings counted in one window of a rule (the whole window, also where it reaches beyond the report period).' })
export class CadenceWindow {
  @Field(() => ReportPeriod) window: ReportPeriod;
  @Field(() => Int) count: number;
  @Field(() => Int) min: number;
  @Field(() => Int, { nullable: true }) max: number | null;
  @Field(() => WindowStatus) status: WindowStatus;
  @Field(() => Int, { nullable: true, description: 'IN_PROGRESS / AT_RISK: meetings planned in the window from today on.' }) stillPlanned?: number | null;
  @Field(() => Int, {
    nullable: true,
    description: "IN_PROGRESS / AT_RISK: how many more meetings still fit in the window from today on, spaced by the kind's minDaysBetweenMeetings (else a week) from every meeting held or planned.",
  })
  stillPossible?: number | null;
}

@ObjectType({ description: "A version of a forum kind's rules: it judges the windows that begin from validFrom until the next version's validFrom." })
export class ForumKindRules implements rules.RulesInForce {
  @Field(() => GraphQLDate) validFrom: string;
  /** Not a field: a report of a past period must read the same after later versions (the next version's validFrom tells the end). */
  validTo: string | null;
  cadence: rules.RulesInForce['cadence'];
  @Field(() => [ForumKindCadence], { name: 'cadence' }) cadenceRules: ForumKindCadence[];
  @Field(() => [UnitKind]) requiredUnitKinds: UnitKind[];
  @Field(() => ForumLeadership) leadership: ForumLeadership;
  @Field(() => Int, { nullable: true }) rotationMonths: number | null;
  @Field(() => Int, { nullable: true }) minMeetingMinutes: number | null;
  @Field(() => Int, { nullable: true }) largeUnitSize: number | null;
  @Field(() => Int, { nullable: true }) minDaysBetweenMeetings: number | null;
}

@ObjectType()
export class CadenceRuleCompliance {
  @Field(() => ForumKindCadence) rule: ForumKindCadence;
  @Field(() => [CadenceWindow]) windows: CadenceWindow[];
}

@ObjectType()
export class ForumMeetingCounts implements compliance.MeetingCounts {
  @Field(() => Int) held: number;
  @Field(() => Int) planned: number;
  @Field(() => Int) cancelled: number;
}

@ObjectType({ description: "A held meeting shorter than the kind's minimum length." })
export class ShortForumMeeting implements compliance.ShortMeeting {
  @Field(() => ForumMeeting) meeting: ForumMeeting;
  @Field(() => Int) actualMinutes: number;
  @Field(() => Int) minimumMinutes: number;
}

@ObjectType({ description: 'A held meeting without some element every meeting must have.' })
export class MeetingMissingElements implements compliance.MissingElements {
  @Field(() => ForumMeeting) meeting: ForumMeeting;
  @Field(() => [ForumKindAgendaElement]) missing: ForumKindAgendaElement[];
}

@ObjectType({ description: 'An element required every half-year: held meetings that covered it, per half-year.' })
export class HalfYearElementCompliance {
  @Field(() => ForumKindAgendaElement) element: ForumKindAgendaElement;
  @Field(() => [CadenceWindow]) windows: CadenceWindow[];
}

@ObjectType('AttendanceCounts')
export abstract class AttendanceCounts implements compliance.AttendanceCounts {
  @Field(() => Int, { description: 'How many times someone had to come.' }) expected: number;
  @Field(() => Int) present: number;
  @Field(() => Int) absent: number;
  @Field(() => Int) excused: number;
  @Field(() => Int) notRecorded: number;
  @Field(() => Float, { nullable: true, description: 'present / expected (4 decimals); null when nothing was expected.' }) rate: number | null;
}

@ObjectType({ description: 'Attendance of a member service with attendance duty in the held meetings of the period (expected = held meetings × members of this seat with duty that day).' })
export class SeatAttendance extends AttendanceCounts implements compliance.SeatAttendance {
  @Field(() => ForumKindMember) member: ForumKindMember;
}

@ObjectType({ description: 'A member expected N times per half-year: meetings attended per half-year.' })
export class MemberHalfYearCompliance {
  @Field(() => ForumKindMember) member: ForumKindMember;
  @Field(() => [CadenceWindow]) windows: CadenceWindow[];
}

@ObjectType()
export class LeadershipViolation implements compliance.LeadershipViolation {
  @Field(() => LeadershipIssue) issue: LeadershipIssue;
  @Field(() => GraphQLDate) date: string;
  @Field() message: string;
}

@ObjectType({ description: 'Follow-ups due in the period.' })
export class FollowUpCounts implements compliance.FollowUpCounts {
  @Field(() => Int) due: number;
  @Field(() => Int) done: number;
  @Field(() => Int, { description: 'Due before today and not done.' }) overdue: number;
  @Field(() => Int) doneLate: number;
}

@ObjectType({ description: "How one forum measured up to its kind's rules in the period. Counts only: no minutes, agenda texts or cases." })
export class ForumCompliance implements compliance.ForumCompliance {
  @Field(() => Forum) forum: Forum;
  @Field(() => ForumKind) kind: ForumKind;
  @Field(() => UnitSizeBand) unitSizeBand: UnitSizeBand;
  @Field(() => ForumMeetingCounts, { description: 'Meetings in the period.' }) meetings: ForumMeetingCounts;
  @Field(() => [CadenceRuleCompliance]) cadence: CadenceRuleCompliance[];
  @Field({ description: "A finished window had fewer held meetings than the rule's minimum." }) belowMinimum: boolean;
  @Field() aboveMaximum: boolean;
  @Field({ description: 'A window not yet over can no longer reach its minimum (AT_RISK).' }) atRisk: boolean;
  @Field(() => ForumKindRules, {
    description: "The kind's rules in force on the period's first day (size band, leadership); each cadence window is judged by the rules in force on its own first day.",
  })
  rules: ForumKindRules;
  /** Field resolvers (ForumComplianceResolver): at most COMPLIANCE_MEETING_ROW_CAP, with a count. */
  shortMeetings: ShortForumMeeting[];
  missingElements: MeetingMissingElements[];
  @Field(() => [HalfYearElementCompliance]) halfYearElements: HalfYearElementCompliance[];
  @Field(() => [SeatAttendance]) attendance: SeatAttendance[];
  @Field(() => [MemberHalfYearCompliance]) memberHalfYear: MemberHalfYearCompliance[];
  leadershipViolations: LeadershipViolation[];
  @Field(() => FollowUpCounts) followUps: FollowUpCounts;
  @Field(() => Int, { nullable: true, description: 'Held meetings whose minutes were not sent on (kinds that send minutes to another forum).' }) minutesNotSent: number | null;
}

export const ForumComplianceConnection = Connection(ForumCompliance);

@ObjectType({ description: 'Units that should have a forum of this kind and had none in the period.' })
export class MissingForums implements compliance.MissingForums {
  @Field(() => ForumKind) kind: ForumKind;
  /** Field resolvers (MissingForumsResolver): at most COMPLIANCE_LIST_CAP, with a count. */
  units: Unit[];
}

@ObjectType()
export class ComplianceSummary implements compliance.ComplianceSummary {
  @Field(() => Int) forums: number;
  @Field(() => Int) meetingsHeld: number;
  @Field(() => Int) meetingsCancelled: number;
  @Field(() => Int) forumsBelowMinimum: number;
  @Field(() => Int) forumsAboveMaximum: number;
  @Field(() => Int, { description: 'Fora with a window not yet over that can no longer reach its minimum.' }) forumsAtRisk: number;
  @Field(() => Int) shortMeetings: number;
  @Field(() => Int) meetingsMissingRequiredElements: number;
  @Field(() => Int) mandatoryExpected: number;
  @Field(() => Int) mandatoryPresent: number;
  @Field(() => Float, { nullable: true }) mandatoryAttendanceRate: number | null;
  @Field(() => Int) overdueFollowUps: number;
  @Field(() => Int) unitsWithoutRequiredForum: number;
}

@ObjectType({ description: 'Fora of a municipality against their rules in a period.' })
export class ForumComplianceReport {
  @Field(() => Municipality) municipality: Municipality;
  @Field(() => ReportPeriod) period: ReportPeriod;
  /** Field resolvers (ForumComplianceReportResolver): `forums`, `forumPage`, `forumCount`, `regionalForums`, `regionalForumCount`. */
  forums: ForumCompliance[];
  @Field(() => [MissingForums]) missingForums: MissingForums[];
  @Field(() => ComplianceSummary) summary: ComplianceSummary;
  regionalForums: ForumCompliance[];
  @Field(() => ComplianceSummary, { description: 'The summary of `regionalForums`.' }) regionalSummary: ComplianceSummary;
}

@ObjectType({ description: '"PPT attended 87 % of the TST meetings in Tolga": held meetings where the service had a seat with attendance duty (expected), and in how many someone of it was present.' })
export class ServiceForumAttendance extends AttendanceCounts implements load.ServiceAttendanceRow {
  @Field(() => Municipality, { nullable: true, description: 'Null for regional fora.' }) municipality: Municipality | null;
  @Field(() => ForumKind) kind: ForumKind;
  @Field(() => Int) meetingsHeld: number;
}

@ObjectType()
export class LoadFigures implements load.LoadFigures {
  @Field(() => Float) meetingsPerYear: number;
  @Field(() => Float) hoursPerYear: number;
  @Field(() => Float, { description: 'hoursPerYear / 12.' }) hoursPerMonth: number;
  @Field(() => Float, { description: 'hoursPerYear / the school months.' }) hoursPerSchoolMonth: number;
  @Field(() => Float, { description: 'hoursPerYear / annualHoursPerFte.' }) fullTimeEquivalents: number;
}

@ObjectType({ description: 'One member seat of one kind in one municipality.' })
export class ServiceLoadLine extends LoadFigures implements load.LoadLine {
  @Field(() => ForumKind) kind: ForumKind;
  @Field(() => ForumKindMember) member: ForumKindMember;
  @Field(() => Municipality, { nullable: true }) municipality: Municipality | null;
  @Field(() => Int, { description: 'Units (unit kinds) or fora (other kinds).' }) places: number;
  @Field(() => Int) largePlaces: number;
  @Field(() => Int) minutesPerMeeting: number;
}

@ObjectType()
export class ServiceLoadIfMonthly extends LoadFigures {
  @Field(() => Int, { description: 'Units that would meet more often than now.' }) unitsAffected: number;
  @Field(() => Float) extraHoursPerMonth: number;
}

@ObjectType({ description: "Hours of meetings a year the fora rules put on a service's staff (one representative per meeting, the kind's minimum length, no travel)." })
export class ServiceLoad extends LoadFigures implements load.ServiceLoad {
  @Field(() => Int) schoolMonths: number;
  @Field(() => Int, { description: 'Working hours of one FTE (årsverk) a year used for fullTimeEquivalents.' }) annualHoursPerFte: number;
  @Field(() => [ServiceLoadLine]) lines: ServiceLoadLine[];
  @Field(() => ServiceLoadIfMonthly, { description: "The same if every unit at or above its kind's largeUnitSize met monthly." }) ifLargestMonthly: ServiceLoadIfMonthly;
}

@ObjectType({ description: 'A shared service in the fora of its owner municipalities.' })
export class ServiceForumReport {
  @Field(() => SharedService) service: SharedService;
  @Field(() => ReportPeriod) period: ReportPeriod;
  @Field(() => [Municipality], { description: 'Owner municipalities in the period.' }) owners: Municipality[];
  @Field(() => [ServiceForumAttendance]) attendance: ServiceForumAttendance[];
  @Field(() => ServiceLoad, { description: 'By the rules in force today, over the units and fora of the owners.' }) load: ServiceLoad;
}
