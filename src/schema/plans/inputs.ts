import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { GraphQLDate } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ImplementationStatus, MilestoneStatus, PlanAdoptionStatus, PlanGoalKind, PlanTerm, PreventionLevel, StrategicPlanStatus } from '../../entities/plans/enums';
import { BudgetOreScalar } from '../money';

const KOMMUNENUMMER = /^\d{4}$/;
const TEXT = 20000;

/** Sort position of an item in its version: optional, a whole number 0–100000 (one rule for every item type). */
function PositionField(description?: string): PropertyDecorator {
  return (target, key) => {
    for (const decorate of [Field(() => Int, { nullable: true, description }), IsOptional(), IsInt(), Min(0), Max(100000)]) decorate(target, key);
  };
}

@InputType({ description: 'A new strategic plan; it starts as version 1, a DRAFT.' })
export class CreateStrategicPlanInput {
  @Field()
  @Length(1, 300)
  title: string;

  @Field(() => Int)
  @IsInt()
  @Min(2000)
  @Max(2100)
  periodStartYear: number;

  @Field(() => Int)
  @IsInt()
  @Min(2000)
  @Max(2100)
  periodEndYear: number;

  @Field(() => [String], { description: 'Kommunenummer of every municipality that must adopt the plan.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Matches(KOMMUNENUMMER, { each: true, message: 'each must be a four-digit kommunenummer' })
  municipalityNumbers: string[];

  @Field(() => [ID], { description: 'Shared services the plan covers (a SERVICE_LEADER must include their own).' })
  @ArrayMaxSize(50)
  serviceIds: string[];
}

@InputType({ description: 'Changes to a plan whose newest version is a DRAFT; omitted fields stay.' })
export class UpdateStrategicPlanInput {
  @Field(() => ID)
  id: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 300)
  title?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  periodStartYear?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  periodEndYear?: number;

  @Field(() => [String], { nullable: true, description: 'Replaces the covered municipalities.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Matches(KOMMUNENUMMER, { each: true, message: 'each must be a four-digit kommunenummer' })
  municipalityNumbers?: string[];

  @Field(() => [ID], { nullable: true, description: 'Replaces the covered shared services.' })
  @IsOptional()
  @ArrayMaxSize(50)
  serviceIds?: string[];
}

@InputType()
export class PlanIdInput {
  @Field(() => ID)
  id: string;
}

@InputType()
export class PlanVersionIdInput {
  @Field(() => ID)
  versionId: string;
}

@InputType({ description: 'A goal in a DRAFT version. kind MAIN (one per version), GOAL, or SUB_GOAL with parentGoalId.' })
export class AddPlanGoalInput {
  @Field(() => ID)
  versionId: string;

  @Field(() => PlanGoalKind, { defaultValue: PlanGoalKind.GOAL })
  kind: PlanGoalKind;

  @Field(() => ID, { nullable: true, description: 'Required for SUB_GOAL: the GOAL it belongs to.' })
  @IsOptional()
  parentGoalId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 40)
  code?: string;

  @Field()
  @Length(1, 2000)
  title: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(10000)
  description?: string;

  @PositionField('Default: after the last one.')
  position?: number;
}

@InputType({ description: 'Changes to a goal of a DRAFT version; null clears code/description.' })
export class UpdatePlanGoalInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 40)
  code?: string | null;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 2000)
  title?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(10000)
  description?: string | null;

  @PositionField()
  position?: number;
}

@InputType()
export class PlanItemIdInput {
  @Field(() => ID)
  id: string;
}

@InputType({ description: 'A focus area (innsatsområde) in a DRAFT version.' })
export class AddPlanFocusAreaInput {
  @Field(() => ID)
  versionId: string;

  @Field()
  @Length(1, 300)
  title: string;

  @Field({ nullable: true, description: '"Dette vil vi oppnå".' })
  @IsOptional()
  @MaxLength(TEXT)
  whatWeAchieve?: string;

  @Field({ nullable: true, description: '"Slik gjør vi det".' })
  @IsOptional()
  @MaxLength(TEXT)
  howWeDoIt?: string;

  @Field({ nullable: true, description: '"Roller og ansvar".' })
  @IsOptional()
  @MaxLength(TEXT)
  rolesAndResponsibility?: string;

  @PositionField()
  position?: number;
}

@InputType()
export class UpdatePlanFocusAreaInput {
  @Field(() => ID)
  id: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 300)
  title?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(TEXT)
  whatWeAchieve?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(TEXT)
  howWeDoIt?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(TEXT)
  rolesAndResponsibility?: string | null;

  @PositionField()
  position?: number;
}

@InputType({ description: 'One responsible party: exactly one of serviceId, municipalityNumber or role.' })
export class MeasureResponsibleInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  serviceId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(KOMMUNENUMMER, { message: 'must be a four-digit kommunenummer' })
  municipalityNumber?: string;

  @Field({ nullable: true, description: 'A named role or unit, e.g. "Kommunalsjef oppvekst" or "Helsesykepleier".' })
  @IsOptional()
  @Length(1, 300)
  role?: string;
}

@InputType({ description: 'A measure (tiltak) in a DRAFT version.' })
export class AddPlanMeasureInput {
  @Field(() => ID)
  versionId: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  focusAreaId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 40)
  code?: string;

  @Field()
  @Length(1, 500)
  title: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(TEXT)
  description?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(TEXT)
  organisation?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(2000)
  timeFrame?: string;

  @Field(() => BudgetOreScalar, { nullable: true, description: 'Budget in whole øre.' })
  @IsOptional()
  budgetOre?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(500)
  budgetLine?: string;

  @Field(() => PreventionLevel, { nullable: true })
  @IsOptional()
  preventionLevel?: PreventionLevel;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(500)
  targetGroup?: string;

  @Field(() => [MeasureResponsibleInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  responsible?: MeasureResponsibleInput[];

  @Field(() => [ID], { nullable: true, description: 'Goals the measure serves (links).' })
  @IsOptional()
  @ArrayMaxSize(200)
  goalIds?: string[];

  @PositionField()
  position?: number;
}

@InputType({ description: 'Changes to a measure of a DRAFT version; omitted fields stay, null clears.' })
export class UpdatePlanMeasureInput {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  focusAreaId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 40)
  code?: string | null;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 500)
  title?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(TEXT)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(TEXT)
  organisation?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  timeFrame?: string | null;

  @Field(() => BudgetOreScalar, { nullable: true })
  @IsOptional()
  budgetOre?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  budgetLine?: string | null;

  @Field(() => PreventionLevel, { nullable: true })
  @IsOptional()
  preventionLevel?: PreventionLevel | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  targetGroup?: string | null;

  @Field(() => [MeasureResponsibleInput], { nullable: true, description: 'Replaces the list.' })
  @IsOptional()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  responsible?: MeasureResponsibleInput[];

  @PositionField()
  position?: number;
}

@InputType({ description: 'A goal ↔ measure link in a DRAFT version.' })
export class GoalMeasureLinkInput {
  @Field(() => ID)
  goalId: string;

  @Field(() => ID)
  measureId: string;
}

@InputType({ description: 'A milestone, due in a term (dueTerm + dueYear) and/or on a date.' })
export class AddPlanMilestoneInput {
  @Field(() => ID)
  versionId: string;

  @Field()
  @Length(1, 300)
  title: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(TEXT)
  description?: string;

  @Field(() => PlanTerm, { nullable: true })
  @IsOptional()
  dueTerm?: PlanTerm;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  dueYear?: number;

  @Field(() => GraphQLDate, { nullable: true })
  @IsOptional()
  dueDate?: Date;

  @Field(() => MilestoneStatus, { nullable: true })
  @IsOptional()
  status?: MilestoneStatus;

  @PositionField()
  position?: number;
}

@InputType()
export class UpdatePlanMilestoneInput {
  @Field(() => ID)
  id: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 300)
  title?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(TEXT)
  description?: string | null;

  @Field(() => PlanTerm, { nullable: true })
  @IsOptional()
  dueTerm?: PlanTerm | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
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

@InputType({ description: "A municipality's council decision on a version that is on consultation." })
export class RecordPlanAdoptionInput {
  @Field(() => ID)
  versionId: string;

  @Field({ nullable: true, description: 'Kommunenummer; a MUNICIPAL_DIRECTOR may omit it (their own).' })
  @IsOptional()
  @Matches(KOMMUNENUMMER, { message: 'must be a four-digit kommunenummer' })
  municipalityNumber?: string;

  @Field(() => PlanAdoptionStatus, { defaultValue: PlanAdoptionStatus.ADOPTED })
  status: PlanAdoptionStatus;

  @Field({ defaultValue: 'Kommunestyret', description: 'Decision body (kommunestyret).' })
  @Length(1, 200)
  decisionBody: string;

  @Field(() => GraphQLDate, { nullable: true, description: 'Required unless status is PENDING.' })
  @IsOptional()
  decidedOn?: Date;

  @Field({ nullable: true, description: 'Case number (saksnummer).' })
  @IsOptional()
  @Length(1, 100)
  caseNumber?: string;
}

@InputType({ description: 'How far a municipality has come with a measure of the adopted version.' })
export class SetMeasureImplementationInput {
  @Field(() => ID)
  measureId: string;

  @Field({ nullable: true, description: 'Kommunenummer; a MUNICIPAL_DIRECTOR may omit it (their own).' })
  @IsOptional()
  @Matches(KOMMUNENUMMER, { message: 'must be a four-digit kommunenummer' })
  municipalityNumber?: string;

  @Field(() => ImplementationStatus)
  status: ImplementationStatus;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(4000)
  note?: string;
}

@InputType({ description: 'Starts a new DRAFT version as a copy of the newest adopted or consultation version.' })
export class StartPlanRevisionInput {
  @Field(() => ID)
  planId: string;

  @Field({ nullable: true, description: 'Why the plan is revised.' })
  @IsOptional()
  @MaxLength(4000)
  changeNote?: string;
}

@InputType({ description: 'A yearly review (årlig gjennomgang) of an adopted plan.' })
export class RecordPlanReviewInput {
  @Field(() => ID)
  planId: string;

  @Field(() => GraphQLDate)
  reviewedOn: Date;

  @Field()
  @Length(1, 20000)
  summary: string;

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(100)
  @Length(1, 2000, { each: true })
  decidedChanges: string[];
}

export { StrategicPlanStatus };
