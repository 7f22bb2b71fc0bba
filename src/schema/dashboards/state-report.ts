import { IsEnum, IsInt, Max, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { StateReport, StateReportSectionKey } from '../../entities/dashboards';
import * as args from '../../services/dashboards/args';
import * as figures from '../../services/dashboards/state-report-figures';
import { Connection } from '../connection';
import { IsKommunenummer } from '../kommunenummer';
import { OreScalar } from '../money';
import { SuppressionRange } from '../statistics/types';
import { OptionalText } from '../text';
import { MutationPayload } from '../user-error';

/** The state-of-service report's inputs, payloads and its figures as typed fields (docs/dashboards.md). */

@InputType({ description: 'SERVICE_LEADER: the draft of the report to an owner municipality for a year (created, or its figures refreshed).' })
export class PrepareStateReportInput implements args.StateReportPreparation {
  @Field(() => ID, { description: 'A shared service you lead.' })
  serviceId: string;

  @Field({ description: 'Kommunenummer of a municipality that owned the service in the year.' })
  @IsKommunenummer()
  municipalityNumber: string;

  @Field(() => Int, { description: 'This year or an earlier one (from 2000).' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

@InputType({ description: 'A narrative section of a draft report. Free text, checked for personal data (a national identity number is refused); null or blank removes the section.' })
export class WriteStateReportSectionInput implements args.StateReportSectionText {
  @Field(() => ID)
  reportId: string;

  @Field(() => StateReportSectionKey)
  @IsEnum(StateReportSectionKey)
  key: StateReportSectionKey;

  @Field(() => String, { nullable: true, description: `At most ${figures.MAX_SECTION_LENGTH} characters.` })
  @OptionalText(figures.MAX_SECTION_LENGTH)
  text?: string | null;
}

@InputType()
export class StateReportIdInput implements args.ByStateReport {
  @Field(() => ID)
  reportId: string;
}

@ObjectType()
export class StateReportPayload extends MutationPayload {
  @Field(() => StateReport, { nullable: true })
  report?: StateReport | null;
}

export const StateReportConnection = Connection(StateReport);

@ObjectType({ description: 'A narrative section: its key, bokmål title and text (null until written).' })
export class StateReportSection {
  @Field(() => StateReportSectionKey) key: StateReportSectionKey;
  @Field({ description: 'The bokmål heading, e.g. «Sammendrag».' }) title: string;
  @Field(() => String, { nullable: true }) text: string | null;
}

@ObjectType({ description: 'A metric and year of the activity statistics as published (suppressed as for the public).' })
export class StateReportStatisticsRow implements figures.ReportStatisticsRow {
  @Field() metricCode: string;
  @Field() metricName: string;
  @Field({ description: 'The year, "YYYY".' }) period: string;
  @Field(() => Float, { nullable: true, description: 'Null when suppressed or missing.' }) value: number | null;
  @Field() suppressed: boolean;
  @Field(() => String, { nullable: true, description: 'Why the value is not shown (as activityStatistics says).' }) reason: string | null;
  @Field(() => Float, { nullable: true, description: 'Per 1,000 children aged 0–17; only where the count is shown.' }) per1000Aged0To17: number | null;
  @Field(() => Float, { nullable: true }) changeFromPreviousYear: number | null;
}

@ObjectType({ description: "Activity statistics of the report's years as the public sees them (SSB's «:» for a suppressed cell)." })
export class StateReportStatistics implements figures.ReportStatistics {
  @Field({ description: 'SUPPRESSED: the publication.' }) view: string;
  @Field(() => SuppressionRange) suppression: SuppressionRange;
  @Field() from: string;
  @Field() to: string;
  @Field(() => [StateReportStatisticsRow], { description: 'The municipality, per metric and year.' }) rows: StateReportStatisticsRow[];
  @Field(() => [StateReportStatisticsRow], { description: 'The cooperation as a whole, per metric and year.' }) cooperation: StateReportStatisticsRow[];
}

@ObjectType({ description: "The municipality's total line of the newest published cost report of the year." })
export class StateReportCosts implements figures.ReportCosts {
  @Field({ description: '"YYYY-MM".' }) reportPeriod: string;
  @Field(() => Int) reportVersion: number;
  @Field(() => OreScalar) budgetYearOre: string;
  @Field(() => OreScalar) budgetYtdOre: string;
  @Field(() => OreScalar) actualYtdOre: string;
  @Field(() => OreScalar) forecastOre: string;
  @Field(() => OreScalar) deviationOre: string;
}

@ObjectType({ description: "The municipality's seats in the service's fora of a kind, in a term." })
export class StateReportForaAttendance implements figures.ReportForaAttendance {
  @Field() kindCode: string;
  @Field() kindName: string;
  @Field(() => Int) meetingsHeld: number;
  @Field(() => Int) expected: number;
  @Field(() => Int) present: number;
  @Field(() => Float, { nullable: true, description: 'present / expected; null when nothing was expected.' }) rate: number | null;
}

@ObjectType({ description: 'A school term of the year.' })
export class StateReportForaTerm implements figures.ReportForaTerm {
  @Field({ description: '"YYYY-SPRING" or "YYYY-AUTUMN".' }) term: string;
  @Field() label: string;
  @Field() from: string;
  @Field() to: string;
  @Field(() => [StateReportForaAttendance]) attendance: StateReportForaAttendance[];
}

@ObjectType()
export class StateReportMilestone implements figures.ReportMilestone {
  @Field() title: string;
  @Field(() => String, { nullable: true }) dueBy: string | null;
  @Field() status: string;
}

@ObjectType()
export class StateReportStatusCount {
  @Field() status: string;
  @Field(() => Int) count: number;
  @Field(() => Float) share: number;
}

@ObjectType()
export class StateReportPlanExpiry {
  @Field() periodEnd: string;
  @Field() state: string;
  @Field(() => Int) monthsLeft: number;
  @Field() flagged: boolean;
}

@ObjectType({ description: "An adopted plan of the service: its implementation in the municipality and follow-up as of the report's day." })
export class StateReportPlan implements figures.ReportPlan {
  @Field(() => ID, { description: 'Global ID of the strategic plan.' }) planId: string;
  @Field() title: string;
  @Field(() => Int) measureCount: number;
  @Field(() => [StateReportStatusCount]) counts: StateReportStatusCount[];
  @Field(() => [StateReportMilestone], { description: 'Overdue on asOf.' }) overdueMilestones: StateReportMilestone[];
  @Field(() => StateReportPlanExpiry) expiry: StateReportPlanExpiry;
}

@ObjectType({ description: "The municipality's fora of one kind in the term, by compliance with the kind's rules (as forumCompliance judges them)." })
export class StateReportForaKindCompliance implements figures.ReportForaKindCompliance {
  @Field() kindCode: string;
  @Field() kindName: string;
  @Field(() => Int) forums: number;
  @Field(() => Int, { description: 'Neither below the minimum, at risk, nor above the maximum.' }) met: number;
  @Field(() => Int) belowMinimum: number;
  @Field(() => Int, { description: 'Not below the minimum, but a window not yet over can no longer reach it.' }) atRisk: number;
  @Field(() => Int, { description: 'Neither below the minimum nor at risk, but above the maximum.' }) aboveMaximum: number;
  @Field(() => Int, { description: 'Units that must have a forum of the kind and had none.' }) unitsWithoutRequiredForum: number;
}

@ObjectType({ description: "Compliance of the owner municipality's fora in the school term in force on asOf: counts only." })
export class StateReportForaCompliance implements figures.ReportForaCompliance {
  @Field({ description: '"YYYY-SPRING" or "YYYY-AUTUMN".' }) term: string;
  @Field() label: string;
  @Field() from: string;
  @Field() to: string;
  @Field(() => [StateReportForaKindCompliance], { description: 'Per kind of forum, kind code order.' }) kinds: StateReportForaKindCompliance[];
  @Field(() => Int) mandatoryExpected: number;
  @Field(() => Int) mandatoryPresent: number;
  @Field(() => Float, { nullable: true, description: 'present / expected; null when nothing was expected.' }) mandatoryAttendanceRate: number | null;
}

@ObjectType({ description: 'The figures snapshot of a report: as they were when it was prepared (frozen at publication).' })
export class StateReportFigures {
  @Field() serviceName: string;
  @Field() municipalityNumber: string;
  @Field() municipalityName: string;
  @Field(() => Int) year: number;
  @Field({ description: 'The day the figures are as of.' }) asOf: string;
  @Field(() => StateReportStatistics) statistics: StateReportStatistics;
  @Field(() => StateReportCosts, { nullable: true, description: 'Null when no cost report of the year is published.' }) costs: StateReportCosts | null;
  @Field(() => [StateReportForaTerm]) fora: StateReportForaTerm[];
  @Field(() => StateReportForaCompliance, { nullable: true, description: 'Null in a report prepared before compliance was part of it.' }) foraCompliance: StateReportForaCompliance | null;
  @Field(() => [StateReportPlan]) plans: StateReportPlan[];
}
