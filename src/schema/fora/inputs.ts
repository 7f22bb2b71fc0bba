import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { GraphQLDate } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { AgendaRequirement, AttendanceStatus, CadencePeriod, ForumAttendanceDuty, ForumLeadership, ForumPlacement, UnitSizeBand, Weekday } from '../../entities/fora/enums';
import { ForumRole } from '../../entities/fora/exchange-enums';
import { SharedServiceKind } from '../../entities/reference/shared-service';
import { UnitKind } from '../../entities/reference/unit';
import * as args from '../../services/fora/args';
import { LOCAL_TIME } from '../../services/fora/time';
import { IsKommunenummer } from '../kommunenummer';
import { compose, FreeText, OptionalRequiredText, OptionalText, RequiredText } from '../text';

/**
 * Inputs of the fora mutations. Shape rules here (BAD_USER_INPUT naming field and rule); domain
 * rules in the services (userErrors). The text decorators mark free text for the personal-data
 * guard of defineMutation (PERSONAL_DATA userErrors; docs/personal-data.md).
 */
const CODE = /^[a-z0-9-]{2,60}$/;
/** Codes allow digits and "-", so they could spell a national identity number: checked as free text. */
const Code = (): PropertyDecorator =>
  compose(Field(), FreeText(), Matches(CODE, { message: 'must be 2–60 characters of a–z, 0–9 and "-"', context: { key: 'common.validation.code', params: { min: 2, max: 60 } } }));
const MonthDay = (): PropertyDecorator =>
  compose(Field({ description: 'Month-day, e.g. "08-01".' }), Matches(/^\d{2}-\d{2}$/, { message: 'must be "MM-DD"', context: { key: 'common.validation.monthDay' } }));
const Count = (max = 1000): PropertyDecorator => compose(IsInt(), Min(0), Max(max));
const OptionalCount = (min: number, max: number, description?: string): PropertyDecorator =>
  compose(
    Field(() => Int, { nullable: true, description }),
    IsOptional(),
    IsInt(),
    Min(min),
    Max(max),
  );
const Minutes = (): PropertyDecorator => compose(IsInt(), Min(1), Max(1440));
const List = (max: number, min = 0): PropertyDecorator => compose(ArrayMaxSize(max), ArrayMinSize(min), ValidateNested({ each: true }));

@InputType({ description: 'Term dates of the region, month-day: spring first, both within the calendar year.' })
export class SetForumTermsInput implements args.TermSettingsInput {
  @MonthDay() springStart: string;
  @MonthDay() springEnd: string;
  @MonthDay() autumnStart: string;
  @MonthDay() autumnEnd: string;
  @Field(() => Int, {
    nullable: true,
    description:
      'The calendar year the dates apply from (earlier years keep theirs, so finished terms read the same). Default: this year while none of its terms has begun, else next year. Not a year whose terms have begun.',
  })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  fromYear?: number | null;
}

@InputType({ description: 'A member service of a forum kind.' })
export class ForumKindMemberInput implements args.KindMemberInput {
  @Code() code: string;
  @Field() @RequiredText(200) name: string;
  @Field(() => ForumAttendanceDuty) attendance: ForumAttendanceDuty;
  @Field(() => SharedServiceKind, { nullable: true, description: 'Set when a shared service fills the seat (PPT, BARNEVERN, NAV).' }) @IsOptional() serviceKind?: SharedServiceKind | null;
  @OptionalCount(1, 200, 'ON_DEMAND members expected this many times per half-year.') attendancesPerHalfYear?: number | null;
}

@InputType({ description: 'At least minMeetings and at most maxMeetings per period, for units of a size band.' })
export class CadenceRuleInput implements args.CadenceRuleInput {
  @Field(() => CadencePeriod) period: CadencePeriod;
  @Field(() => UnitSizeBand, { nullable: true, description: 'Default ANY.' }) @IsOptional() unitSize?: UnitSizeBand | null;
  @Field(() => Int) @Count() minMeetings: number;
  @OptionalCount(1, 1000) maxMeetings?: number | null;
}

@InputType({ description: 'An element of the agenda template.' })
export class AgendaElementInput implements args.AgendaElementInput {
  @Code() code: string;
  @Field() @RequiredText(300) title: string;
  @Field(() => String, { nullable: true }) @OptionalText(2000) description?: string | null;
  @Field(() => AgendaRequirement) required: AgendaRequirement;
}

@InputType({ description: 'A new kind of forum (REGION_ADMIN).' })
export class CreateForumKindInput implements args.NewForumKind {
  @Code() code: string;
  @Field() @RequiredText(200) name: string;
  @Field(() => String, { nullable: true }) @OptionalText(4000) description?: string | null;
  @Field(() => String, { nullable: true, description: 'Where the rules come from.' }) @OptionalText(500) source?: string | null;
  @Field(() => String, { nullable: true, description: 'What is assumed or illustrative.' }) @OptionalText(4000) notes?: string | null;
  @Field(() => ForumPlacement) placement: ForumPlacement;
  @Field(() => [UnitKind], { nullable: true, description: 'UNIT placement: every unit of these kinds should have one.' }) @IsOptional() @ArrayMaxSize(3) requiredUnitKinds?: UnitKind[] | null;
  @Field(() => ForumLeadership) leadership: ForumLeadership;
  @OptionalCount(1, 120, 'ROTATING: months per leader.') rotationMonths?: number | null;
  @Field(() => String, { nullable: true }) @OptionalText(500) leaderDescription?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Minutes() minMeetingMinutes?: number | null;
  @OptionalCount(1, 100000, 'Units of at least this size are LARGE.') largeUnitSize?: number | null;
  @Field(() => String, { nullable: true, description: 'Code of the kind whose fora receive the minutes.' }) @IsOptional() @FreeText() @Matches(CODE) minutesToKindCode?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'The convener writes the minutes.' }) @IsOptional() minutesByConvener?: boolean | null;
  @OptionalCount(1, 366, 'Shortest spacing in days between two meetings (tells whether a term can still reach its minimum).') minDaysBetweenMeetings?: number | null;
  @Field(() => GraphQLDate, { nullable: true, description: 'The first day the rules are in force (default today, Oslo): windows that began earlier are not judged by this kind.' })
  @IsOptional()
  rulesValidFrom?: Date | null;
  @Field(() => [ForumKindMemberInput]) @List(50, 1) members: ForumKindMemberInput[];
  @Field(() => [CadenceRuleInput]) @List(20) cadence: CadenceRuleInput[];
  @Field(() => [AgendaElementInput]) @List(30) agendaElements: AgendaElementInput[];
}

@InputType({ description: 'Changes to a forum kind; omitted fields stay, null clears. `cadence` replaces every rule. Changed rules are a new version from `rulesValidFrom`.' })
export class UpdateForumKindInput implements args.ForumKindChanges {
  @Field(() => ID) id: string;
  @Field({ nullable: true }) @OptionalRequiredText(200) name?: string;
  @Field(() => String, { nullable: true }) @OptionalText(4000) description?: string | null;
  @Field(() => String, { nullable: true }) @OptionalText(4000) notes?: string | null;
  @Field(() => ForumLeadership, { nullable: true }) @IsOptional() leadership?: ForumLeadership;
  @OptionalCount(1, 120) rotationMonths?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Minutes() minMeetingMinutes?: number | null;
  @OptionalCount(1, 100000) largeUnitSize?: number | null;
  @Field(() => [UnitKind], { nullable: true }) @IsOptional() @ArrayMaxSize(3) requiredUnitKinds?: UnitKind[] | null;
  @Field(() => [CadenceRuleInput], { nullable: true }) @IsOptional() @List(20) cadence?: CadenceRuleInput[] | null;
  @OptionalCount(1, 366) minDaysBetweenMeetings?: number | null;
  @Field(() => GraphQLDate, {
    nullable: true,
    description:
      "When rules change (cadence, size band, required unit kinds, leadership, minimum length or spacing): the first day the new rules are in force (default today, Oslo; not before the current rules' `rulesValidFrom`). A window is judged by the rules in force on its first day, so windows that began earlier keep their rules.",
  })
  @IsOptional()
  rulesValidFrom?: Date | null;
}

@InputType({ description: 'A new forum: unitId (UNIT kinds), municipalityNumber (+ unitIds for a group), nothing for a regional one.' })
export class CreateForumInput implements args.NewForum {
  @Field(() => ID) kindId: string;
  @Field() @RequiredText(200) name: string;
  @Field(() => ID, { nullable: true }) @IsOptional() unitId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsKommunenummer() municipalityNumber?: string | null;
  @Field(() => [ID], { nullable: true }) @IsOptional() @ArrayMaxSize(200) unitIds?: string[] | null;
  @Field(() => GraphQLDate) establishedOn: Date;
  @Field(() => ID, { nullable: true }) @IsOptional() minutesToForumId?: string | null;
  @Field(() => String, { nullable: true }) @OptionalText(4000) notes?: string | null;
}

@InputType({ description: 'Changes to a forum; omitted fields stay, null clears (closedOn null reopens).' })
export class UpdateForumInput implements args.ForumChanges {
  @Field(() => ID) id: string;
  @Field({ nullable: true }) @OptionalRequiredText(200) name?: string;
  @Field(() => GraphQLDate, { nullable: true }) @IsOptional() closedOn?: Date | null;
  @Field(() => ID, { nullable: true }) @IsOptional() minutesToForumId?: string | null;
  @Field(() => String, { nullable: true }) @OptionalText(4000) notes?: string | null;
}

@InputType({ description: "A person (or a service's representative) takes a seat from validFrom." })
export class AddForumMemberInput implements args.NewMembership {
  @Field(() => ID) forumId: string;
  @Field(() => ID, { description: "A member service (ForumKindMember) of the forum's kind." }) kindMemberId: string;
  @Field(() => String, { nullable: true }) @OptionalText(200) personName?: string | null;
  @Field(() => ID, { nullable: true, description: 'The shared service the member represents.' }) @IsOptional() serviceId?: string | null;
  @Field(() => ID, {
    nullable: true,
    description:
      "Instead of personName/serviceId: the seat is held by whoever holds `role` in this other forum (e.g. the samarbeidsgruppe's leader in the SLT steering group). A cycle of such seats is refused.",
  })
  @IsOptional()
  roleForumId?: string | null;
  @Field(() => ForumRole, { nullable: true, description: 'With roleForumId; default LEADER.' }) @IsOptional() role?: ForumRole | null;
  @Field(() => ForumAttendanceDuty, { nullable: true, description: "Default: the seat's duty." }) @IsOptional() attendance?: ForumAttendanceDuty | null;
  @Field(() => GraphQLDate) validFrom: Date;
}

@InputType()
export class EndForumMembershipInput implements args.MembershipEnd {
  @Field(() => ID) membershipId: string;
  @Field(() => GraphQLDate, { description: 'Last day in the forum.' }) validTo: Date;
}

@InputType({ description: "A member leads the forum from validFrom; the current leader's term ends the day before." })
export class SetForumLeaderInput implements args.LeaderChange {
  @Field(() => ID) forumId: string;
  @Field(() => ID) membershipId: string;
  @Field(() => GraphQLDate) validFrom: Date;
}

@InputType()
export class PlanForumMeetingInput implements args.NewMeeting {
  @Field(() => ID) forumId: string;
  @Field(() => Date) startsAt: Date;
  @Field(() => Int, { nullable: true, description: "Default: the kind's minimum length." }) @IsOptional() @Minutes() plannedMinutes?: number | null;
  @Field(() => String, { nullable: true, description: 'Default: the unit.' }) @OptionalText(300) place?: string | null;
}

@InputType({ description: 'Plans the meetings a term needs by the cadence rules, evenly spread over one weekday.' })
export class GenerateForumScheduleInput implements args.ScheduleInput {
  @Field(() => ID) forumId: string;
  @Field({ description: '"2031-AUTUMN" or "2031-SPRING".' })
  @Matches(/^\d{4}-(SPRING|AUTUMN)$/, { message: 'must be a term such as "2031-AUTUMN"', context: { key: 'fora.validation.term' } })
  term: string;
  @Field(() => Weekday) weekday: Weekday;
  @Field({ description: 'Local time (Europe/Oslo), HH:MM.' }) @Matches(LOCAL_TIME, { message: 'must be HH:MM', context: { key: 'common.validation.localTime' } }) startTime: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @Minutes() plannedMinutes?: number | null;
  @Field(() => String, { nullable: true }) @OptionalText(300) place?: string | null;
  @Field(() => [GraphQLDate], { nullable: true, description: 'Holidays and other days to skip.' }) @IsOptional() @ArrayMaxSize(366) excludedDates?: Date[] | null;
}

@InputType()
export class AttendanceInput implements args.AttendanceInput {
  @Field(() => ID) membershipId: string;
  @Field(() => AttendanceStatus) status: AttendanceStatus;
}

@InputType()
export class AgendaItemInput implements args.AgendaItemInput {
  @Field(() => ID, { nullable: true, description: 'The template element (ForumKindAgendaElement) the item belongs under.' }) @IsOptional() elementId?: string | null;
  @Field() @RequiredText(300) title: string;
  @Field(() => String, { nullable: true }) @OptionalText(4000) notes?: string | null;
}

@InputType({ description: 'A case discussed: anonymous unless consentId names a valid consent.' })
export class CaseItemInput implements args.CaseItemInput {
  @Field(() => ID, { nullable: true }) @IsOptional() elementId?: string | null;
  @Field({ description: 'Anonymous label, e.g. "Elev, 5. trinn".' }) @RequiredText(200) label: string;
  @Field(() => String, { nullable: true }) @OptionalText(4000) summary?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() consentId?: string | null;
  @Field(() => String, { nullable: true, description: 'Whose case; only with a consent for that person.' }) @OptionalText(200) subjectName?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      "Without a consent, a label or summary that reads like a given name with an age, a class or a birth date («Ola Nordmann, 12 år», «Kari i 5B») is refused (PERSONAL_DATA). true = you checked: it names no one (e.g. a street or a teacher's name); the check is skipped. Default false.",
  })
  @IsOptional()
  confirmedAnonymous?: boolean | null;
}

@InputType()
export class FollowUpInput implements args.FollowUpInput {
  @Field() @RequiredText(2000) description: string;
  @Field(() => ID, { nullable: true }) @IsOptional() responsibleMemberId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() responsibleServiceId?: string | null;
  @Field(() => GraphQLDate) dueOn: Date;
}

@InputType({ description: 'The whole record of a held meeting, in one mutation: nothing is saved unless all of it passes.' })
export class RecordForumMeetingInput implements args.HeldMeeting {
  @Field(() => ID, { nullable: true, description: 'A PLANNED meeting. Or forumId + startsAt for one that was not planned.' }) @IsOptional() meetingId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() forumId?: string | null;
  @Field(() => Date, { nullable: true }) @IsOptional() startsAt?: Date | null;
  @Field(() => Int) @Minutes() actualMinutes: number;
  @Field(() => String, { nullable: true }) @OptionalText(300) place?: string | null;
  @Field(() => String, { nullable: true }) @OptionalText(200) convenedBy?: string | null;
  @Field() @RequiredText(200) minutesWrittenBy: string;
  @Field(() => [AttendanceInput]) @List(200) attendance: AttendanceInput[];
  @Field(() => [AgendaItemInput]) @List(50) agenda: AgendaItemInput[];
  @Field(() => [CaseItemInput], { nullable: true }) @IsOptional() @List(50) caseItems?: CaseItemInput[] | null;
  @Field() @RequiredText(50000) minutes: string;
  @Field(() => [FollowUpInput], { nullable: true }) @IsOptional() @List(50) followUps?: FollowUpInput[] | null;
  @Field(() => GraphQLDate, { nullable: true }) @IsOptional() minutesSentOn?: Date | null;
}

@InputType()
export class CancelForumMeetingInput implements args.Cancellation {
  @Field(() => ID) meetingId: string;
  @Field() @RequiredText(1000) reason: string;
}

@InputType()
export class MarkForumMinutesSentInput implements args.MinutesSent {
  @Field(() => ID) meetingId: string;
  @Field(() => GraphQLDate) sentOn: Date;
  @Field(() => ID, { nullable: true, description: "The forum that receives the minutes and may read them (not the sender's other content); default the forum's `minutesTo`." })
  @IsOptional()
  toForumId?: string | null;
}

@InputType({ description: 'doneOn null reopens the follow-up.' })
export class SetForumFollowUpDoneInput implements args.FollowUpDone {
  @Field(() => ID) followUpId: string;
  @Field(() => GraphQLDate, { nullable: true }) @IsOptional() doneOn?: Date | null;
}

@InputType({ description: 'Consent to discuss a named case in this forum.' })
export class RecordCaseConsentInput implements args.NewConsent {
  @Field(() => ID) forumId: string;
  @Field({ description: 'Whose case.' }) @RequiredText(200) subject: string;
  @Field({ description: 'Who consented (e.g. the parents).' }) @RequiredText(200) givenBy: string;
  @Field(() => GraphQLDate) givenOn: Date;
  @Field({ description: 'What the consent covers.' }) @RequiredText(2000) scope: string;
}

@InputType()
export class WithdrawCaseConsentInput implements args.ConsentWithdrawal {
  @Field(() => ID) consentId: string;
  @Field(() => GraphQLDate) withdrawnOn: Date;
}

@InputType()
export class ForumIdInput implements args.ByForum {
  @Field(() => ID) forumId: string;
}
