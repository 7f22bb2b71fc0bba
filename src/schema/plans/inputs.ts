import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { GraphQLDate } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ImplementationStatus, MilestoneStatus, PlanAdoptionStatus, PlanGoalKind, PlanTerm, PreventionLevel } from '../../entities/plans/enums';
import * as args from '../../services/plans/args';
import { IsKommunenummer } from '../kommunenummer';
import { OreScalar } from '../money';
import { compose, OptionalRequiredText, OptionalText, RequiredText } from '../text';

/**
 * Inputs of the plan mutations. Where adding and changing an item take the same fields, both
 * inputs extend one fields class (a base input type that no field uses, so it never appears in the
 * schema; type-graphql copies its fields into each input), so
 * a field and its rules are written once. Omitted = unchanged, null or blank = cleared in every
 * update; a required field (title, position, status) can be changed but never cleared.
 */
const TEXT = 20000;

/** Sort position of an item in its version: optional, a whole number 0–100000 (one rule for every item type). */
const PositionField = (description?: string): PropertyDecorator => compose(Field(() => Int, { nullable: true, description }), IsOptional(), IsInt(), Min(0), Max(100000));
/** A year of a plan period or deadline. */
const PlanYear = (): PropertyDecorator => compose(IsInt(), Min(2000), Max(2100));

@InputType({ description: 'A new strategic plan; it starts as version 1, a DRAFT.' })
export class CreateStrategicPlanInput implements args.NewPlan {
  @Field()
  @RequiredText(300)
  title: string;

  @Field(() => Int)
  @PlanYear()
  periodStartYear: number;

  @Field(() => Int)
  @PlanYear()
  periodEndYear: number;

  @Field(() => [String], { description: 'Kommunenummer of every municipality that must adopt the plan.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsKommunenummer({ each: true })
  municipalityNumbers: string[];

  @Field(() => [ID], { description: 'Shared services the plan covers (a SERVICE_LEADER must include their own).' })
  @ArrayMaxSize(50)
  serviceIds: string[];
}

@InputType({ description: 'Changes to a plan whose newest version is a DRAFT; omitted fields stay.' })
export class UpdateStrategicPlanInput implements args.PlanChanges {
  @Field(() => ID)
  id: string;

  @Field({ nullable: true })
  @OptionalRequiredText(300)
  title?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @PlanYear()
  periodStartYear?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @PlanYear()
  periodEndYear?: number;

  @Field(() => [String], { nullable: true, description: 'Replaces the covered municipalities.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsKommunenummer({ each: true })
  municipalityNumbers?: string[];

  @Field(() => [ID], { nullable: true, description: 'Replaces the covered shared services.' })
  @IsOptional()
  @ArrayMaxSize(50)
  serviceIds?: string[];
}

@InputType()
export class PlanIdInput implements args.ById {
  @Field(() => ID)
  id: string;
}

@InputType()
export class PlanVersionIdInput implements args.Submission {
  @Field(() => ID)
  versionId: string;

  @Field(() => GraphQLDate, { nullable: true, description: 'submitPlanForConsultation: the day the version was sent on consultation (default today; an earlier day records a process that already happened). Council decisions cannot be dated before it.' })
  @IsOptional()
  submittedOn?: Date;
}

@InputType()
export class PlanItemIdInput implements args.ById {
  @Field(() => ID)
  id: string;
}

// ---- goals ---------------------------------------------------------------------------------

@InputType('PlanGoalFields')
abstract class PlanGoalFields implements args.GoalFields {
  @Field(() => String, { nullable: true, description: 'Label as printed in the plan, e.g. "1" for "Delmål 1".' })
  @IsOptional()
  @Length(1, 40)
  code?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(10000)
  description?: string | null;

  @PositionField('Default (new items): after the last one.')
  position?: number;
}

@InputType({ description: 'A goal in a DRAFT version. kind MAIN (one per version), GOAL, or SUB_GOAL with parentGoalId.' })
export class AddPlanGoalInput extends PlanGoalFields implements args.NewGoal {
  @Field(() => ID)
  versionId: string;

  @Field(() => PlanGoalKind, { defaultValue: PlanGoalKind.GOAL })
  kind: PlanGoalKind;

  @Field(() => ID, { nullable: true, description: 'Required for SUB_GOAL: the GOAL it belongs to.' })
  @IsOptional()
  parentGoalId?: string;

  @Field()
  @RequiredText(2000)
  title: string;
}

@InputType({ description: 'Changes to a goal of a DRAFT version; null clears code/description.' })
export class UpdatePlanGoalInput extends PlanGoalFields implements args.GoalChanges {
  @Field(() => ID)
  id: string;

  @Field({ nullable: true })
  @OptionalRequiredText(2000)
  title?: string;
}

// ---- focus areas ---------------------------------------------------------------------------

@InputType('PlanFocusAreaFields')
abstract class PlanFocusAreaFields implements args.FocusAreaFields {
  @Field(() => String, { nullable: true, description: '"Dette vil vi oppnå".' })
  @OptionalText(TEXT)
  whatWeAchieve?: string | null;

  @Field(() => String, { nullable: true, description: '"Slik gjør vi det".' })
  @OptionalText(TEXT)
  howWeDoIt?: string | null;

  @Field(() => String, { nullable: true, description: '"Roller og ansvar".' })
  @OptionalText(TEXT)
  rolesAndResponsibility?: string | null;

  @PositionField()
  position?: number;
}

@InputType({ description: 'A focus area (innsatsområde) in a DRAFT version.' })
export class AddPlanFocusAreaInput extends PlanFocusAreaFields implements args.NewFocusArea {
  @Field(() => ID)
  versionId: string;

  @Field()
  @RequiredText(300)
  title: string;
}

@InputType()
export class UpdatePlanFocusAreaInput extends PlanFocusAreaFields implements args.FocusAreaChanges {
  @Field(() => ID)
  id: string;

  @Field({ nullable: true })
  @OptionalRequiredText(300)
  title?: string;
}

// ---- measures ------------------------------------------------------------------------------

@InputType({ description: 'One responsible party: exactly one of serviceId, municipalityNumber or role.' })
export class MeasureResponsibleInput implements args.Responsible {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  serviceId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsKommunenummer()
  municipalityNumber?: string;

  @Field({ nullable: true, description: 'A named role or unit, e.g. "Kommunalsjef oppvekst" or "Helsesykepleier".' })
  @IsOptional()
  @RequiredText(300)
  role?: string;
}

@InputType('PlanMeasureFields')
abstract class PlanMeasureFields implements args.MeasureFields {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  focusAreaId?: string | null;

  @Field(() => String, { nullable: true, description: 'Label as printed in the plan, e.g. "1" for "Tiltak 1".' })
  @IsOptional()
  @Length(1, 40)
  code?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(TEXT)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(TEXT)
  organisation?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(2000)
  timeFrame?: string | null;

  @Field(() => OreScalar, { nullable: true, description: 'Budget in whole øre.' })
  @IsOptional()
  budgetOre?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(500)
  budgetLine?: string | null;

  @Field(() => PreventionLevel, { nullable: true })
  @IsOptional()
  preventionLevel?: PreventionLevel | null;

  @Field(() => String, { nullable: true })
  @OptionalText(500)
  targetGroup?: string | null;

  @Field(() => [MeasureResponsibleInput], { nullable: true, description: 'Who is responsible, in order (replaces the list when changing a measure).' })
  @IsOptional()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  responsible?: MeasureResponsibleInput[];

  @PositionField()
  position?: number;
}

@InputType({ description: 'A measure (tiltak) in a DRAFT version.' })
export class AddPlanMeasureInput extends PlanMeasureFields implements args.NewMeasure {
  @Field(() => ID)
  versionId: string;

  @Field()
  @RequiredText(500)
  title: string;

  @Field(() => [ID], { nullable: true, description: 'Goals the measure serves (links).' })
  @IsOptional()
  @ArrayMaxSize(200)
  goalIds?: string[];
}

@InputType({ description: 'Changes to a measure of a DRAFT version; omitted fields stay, null clears.' })
export class UpdatePlanMeasureInput extends PlanMeasureFields implements args.MeasureChanges {
  @Field(() => ID)
  id: string;

  @Field({ nullable: true })
  @OptionalRequiredText(500)
  title?: string;
}

@InputType({ description: 'A goal ↔ measure link in a DRAFT version.' })
export class GoalMeasureLinkInput implements args.GoalMeasureLink {
  @Field(() => ID)
  goalId: string;

  @Field(() => ID)
  measureId: string;
}

// ---- milestones ----------------------------------------------------------------------------

@InputType('PlanMilestoneFields')
abstract class PlanMilestoneFields implements args.MilestoneFields {
  @Field(() => String, { nullable: true })
  @OptionalText(TEXT)
  description?: string | null;

  @Field(() => PlanTerm, { nullable: true })
  @IsOptional()
  dueTerm?: PlanTerm | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @PlanYear()
  dueYear?: number | null;

  @Field(() => GraphQLDate, { nullable: true })
  @IsOptional()
  dueDate?: Date | null;

  @Field(() => MilestoneStatus, { nullable: true })
  @IsOptional()
  status?: MilestoneStatus;

  @PositionField()
  position?: number;
}

@InputType({ description: 'A milestone, due in a term (dueTerm + dueYear) and/or on a date.' })
export class AddPlanMilestoneInput extends PlanMilestoneFields implements args.NewMilestone {
  @Field(() => ID)
  versionId: string;

  @Field()
  @RequiredText(300)
  title: string;
}

@InputType()
export class UpdatePlanMilestoneInput extends PlanMilestoneFields implements args.MilestoneChanges {
  @Field(() => ID)
  id: string;

  @Field({ nullable: true })
  @OptionalRequiredText(300)
  title?: string;
}

// ---- after adoption ------------------------------------------------------------------------

@InputType({ description: "A municipality's council decision on a version that is on consultation." })
export class RecordPlanAdoptionInput implements args.AdoptionDecision {
  @Field(() => ID)
  versionId: string;

  @Field({ nullable: true, description: 'Kommunenummer; a MUNICIPAL_DIRECTOR may omit it (their own).' })
  @IsOptional()
  @IsKommunenummer()
  municipalityNumber?: string;

  @Field(() => PlanAdoptionStatus, { defaultValue: PlanAdoptionStatus.ADOPTED })
  status: PlanAdoptionStatus;

  @Field({ defaultValue: 'Kommunestyret', description: 'Decision body (kommunestyret).' })
  @RequiredText(200)
  decisionBody: string;

  @Field(() => GraphQLDate, { nullable: true, description: 'Required unless status is PENDING; not before the version was sent on consultation, not in the future.' })
  @IsOptional()
  decidedOn?: Date;

  @Field({ nullable: true, description: 'Case number (saksnummer).' })
  @IsOptional()
  @Length(1, 100)
  caseNumber?: string;
}

@InputType({ description: 'How far a municipality has come with a measure of the adopted version.' })
export class SetMeasureImplementationInput implements args.ImplementationUpdate {
  @Field(() => ID)
  measureId: string;

  @Field({ nullable: true, description: 'Kommunenummer; a MUNICIPAL_DIRECTOR may omit it (their own).' })
  @IsOptional()
  @IsKommunenummer()
  municipalityNumber?: string;

  @Field(() => ImplementationStatus)
  status: ImplementationStatus;

  @Field(() => String, { nullable: true, description: 'Omitted: the previous note stays; null or empty: cleared.' })
  @OptionalText(4000)
  note?: string | null;
}

@InputType({ description: 'Starts a new DRAFT version as a copy of the newest adopted or consultation version.' })
export class StartPlanRevisionInput implements args.RevisionStart {
  @Field(() => ID)
  planId: string;

  @Field({ nullable: true, description: 'Why the plan is revised.' })
  @OptionalText(4000)
  changeNote?: string;
}

@InputType({ description: 'A yearly review (årlig gjennomgang) of an adopted plan.' })
export class RecordPlanReviewInput implements args.Review {
  @Field(() => ID)
  planId: string;

  @Field(() => GraphQLDate)
  reviewedOn: Date;

  @Field()
  @RequiredText(20000)
  summary: string;

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(100)
  @Length(1, 2000, { each: true })
  decidedChanges: string[];
}
