import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { GraphQLDate } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import {
  CollaborationModelKind,
  ImplementationStatus,
  MeasureResponsibility,
  MilestoneStatus,
  PlanAdoptionStatus,
  PlanBodyKind,
  PlanFactorKind,
  PlanGoalKind,
  PlanMeasureStatus,
  PlanStatementKind,
  PlanTerm,
  PreventionLevel,
} from '../../entities/plans/enums';
import * as args from '../../services/plans/args';
import { IsKommunenummer } from '../kommunenummer';
import { OreScalar } from '../money';
import { compose, FreeText, OptionalRequiredText, OptionalText, RequiredText } from '../text';

/**
 * Inputs of the plan mutations. Where adding and changing an item take the same fields, both
 * inputs extend one fields class (a base input type that no field uses, so it never appears in the
 * schema; type-graphql copies its fields into each input), so
 * a field and its rules are written once. Omitted = unchanged, null or blank = cleared in every
 * update; a required field (title, position, status) can be changed but never cleared.
 */
const TEXT = 20000;

/** Sort position of an item in its version: optional, a whole number 0–100000 (one rule for every item type). */
const PositionField = (description?: string): PropertyDecorator =>
  compose(
    Field(() => Int, { nullable: true, description }),
    IsOptional(),
    IsInt(),
    Min(0),
    Max(100000),
  );
/** A year of a plan period or deadline. */
const PlanYear = (): PropertyDecorator => compose(IsInt(), Min(2000), Max(2100));
/** An age bound of an age band: optional, a whole number 0–30. */
const AgeField = (description: string): PropertyDecorator =>
  compose(
    Field(() => Int, { nullable: true, description }),
    IsOptional(),
    IsInt(),
    Min(0),
    Max(30),
  );
/** A label as printed in the plan ("1", "a", "Trinn 2"). */
/** A label as printed ("Delmål 1"): short free text, so checked for personal data (FreeText). */
const CodeField = (description = 'Label as printed in the plan.'): PropertyDecorator =>
  compose(
    Field(() => String, { nullable: true, description }),
    FreeText(),
    IsOptional(),
    Length(1, 40),
  );
/** A list of global IDs that replaces a list of links when given. */
const IdListField = (description: string): PropertyDecorator =>
  compose(
    Field(() => [ID], { nullable: true, description }),
    IsOptional(),
    ArrayMaxSize(200),
  );
/** A global ID of another row of the same version; null clears the reference. */
const RefField = (description: string): PropertyDecorator =>
  compose(
    Field(() => ID, { nullable: true, description }),
    IsOptional(),
  );

@InputType('PlanNotesFields')
abstract class PlanNotesFields implements args.PlanNotes {
  @Field(() => String, { nullable: true, description: 'Where the plan text comes from (the document, its date) and what of it is not entered.' })
  @OptionalText(4000)
  sourceNote?: string | null;

  @Field(() => String, { nullable: true, description: 'What in the plan record is illustrative (made up for a demo or an example); leave empty for real data.' })
  @OptionalText(4000)
  illustrativeNote?: string | null;
}

@InputType({ description: 'A new strategic plan; it starts as version 1, a DRAFT.' })
export class CreateStrategicPlanInput extends PlanNotesFields implements args.NewPlan {
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
export class UpdateStrategicPlanInput extends PlanNotesFields implements args.PlanChanges {
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

  @Field(() => GraphQLDate, {
    nullable: true,
    description:
      'submitPlanForConsultation: the day the version was sent on consultation (default today; an earlier day records a process that already happened). Council decisions cannot be dated before it.',
  })
  @IsOptional()
  submittedOn?: Date;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'submitPlanForConsultation: submit although legalCompleteness (a structural check, not a legal review) says the version is incomplete. Without it such a submission returns CONFIRMATION_REQUIRED on this field and changes nothing; the audit record keeps the confirmation.',
  })
  @IsOptional()
  confirmIncomplete?: boolean;
}

@InputType()
export class PlanItemIdInput implements args.ById {
  @Field(() => ID)
  id: string;
}

// ---- goals ---------------------------------------------------------------------------------

@InputType('PlanGoalFields')
abstract class PlanGoalFields implements args.GoalFields {
  @RefField('The focus area the goal belongs to (e.g. a strategic move of a satsingsområde); null = none.')
  focusAreaId?: string | null;

  @CodeField('Label as printed in the plan, e.g. "1" for "Delmål 1".')
  code?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(10000)
  description?: string | null;

  @PositionField('Default (new items): after the last one.')
  position?: number;
}

@InputType({ description: 'A goal in a DRAFT version. kind MAIN (hovedmål; a version may state several), GOAL, or SUB_GOAL with parentGoalId.' })
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

  @Field(() => MeasureResponsibility, { nullable: true, description: 'Default LEAD.' })
  @IsOptional()
  responsibility?: MeasureResponsibility;
}

@InputType('PlanMeasureFields')
abstract class PlanMeasureFields implements args.MeasureFields {
  @RefField('The focus area the measure is placed under; null = none.')
  focusAreaId?: string | null;

  @CodeField('Label as printed in the plan, e.g. "1" for "Tiltak 1".')
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

  @Field(() => [PreventionLevel], { nullable: true, description: 'The levels the measure serves, the one it is listed under first; replaces the list (null or [] = none stated).' })
  @IsOptional()
  @ArrayMaxSize(3)
  preventionLevels?: PreventionLevel[] | null;

  @Field(() => String, { nullable: true, description: 'Målgruppe as printed; see also targetGroupIds.' })
  @OptionalText(500)
  targetGroup?: string | null;

  @AgeField('Youngest age the measure concerns.')
  ageFrom?: number | null;

  @AgeField('Oldest age the measure concerns.')
  ageTo?: number | null;

  @Field(() => PlanMeasureStatus, { nullable: true, description: 'The status the plan itself gives the measure ("Pågår" = ONGOING).' })
  @IsOptional()
  statusInPlan?: PlanMeasureStatus | null;

  @IdListField('Risk and protective factors the measure addresses (replaces the list).')
  factorIds?: string[] | null;

  @IdListField('Target groups the measure is for (replaces the list).')
  targetGroupIds?: string[] | null;

  @IdListField('Measures this one depends on (replaces the list).')
  dependsOnMeasureIds?: string[] | null;

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

  @Field(() => Int, { nullable: true, description: 'Month 1–12, with dueYear ("innen september 2022").' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  dueMonth?: number | null;

  @Field(() => Int, { nullable: true, description: 'Alone: due in that year ("i 2024", "innen utgangen av 2024").' })
  @IsOptional()
  @PlanYear()
  dueYear?: number | null;

  @Field(() => GraphQLDate, { nullable: true })
  @IsOptional()
  dueDate?: Date | null;

  @Field(() => String, { nullable: true, description: 'Who is responsible, as a role; or responsibleBodyId.' })
  @OptionalText(500)
  responsible?: string | null;

  @RefField("One of the plan's governance bodies that is responsible.")
  responsibleBodyId?: string | null;

  @RefField('The measure the milestone advances (or focusAreaId, not both).')
  measureId?: string | null;

  @RefField('The focus area the milestone advances.')
  focusAreaId?: string | null;

  @PositionField()
  position?: number;

  @Field(() => Boolean, {
    nullable: true,
    description: 'The milestone is the adoption of its version («Planen vedtas politisk»): done when the last covered council adopts the version. Default false; null leaves it unchanged.',
  })
  @IsOptional()
  doneOnAdoption?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Every covered municipality must reach the milestone itself («Kompetansekartlegging … i kommunene»); its progress is then recorded per municipality. Default false; null leaves it unchanged. Not together with doneOnAdoption.',
  })
  @IsOptional()
  perMunicipality?: boolean | null;
}

@InputType({ description: 'A milestone or deadline: due on a date, in a month or term of a year, in a year, or with no deadline given. Its progress is recorded with recordMilestoneProgress.' })
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
  @FreeText()
  @IsOptional()
  @Length(1, 100)
  caseNumber?: string;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Record an ADOPTED decision although the version's legalCompleteness (a structural check, not a legal review) says incomplete. Without it such a decision returns CONFIRMATION_REQUIRED on this field and changes nothing; the audit record keeps the confirmation.",
  })
  @IsOptional()
  confirmIncomplete?: boolean;
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

  @Field(() => ID, { nullable: true, description: "A shared service's review of its own measures (a SERVICE_LEADER: their own service); omitted = a review of the whole plan." })
  @IsOptional()
  serviceId?: string;

  @Field(() => GraphQLDate)
  reviewedOn: Date;

  @Field()
  @RequiredText(20000)
  summary: string;

  @Field(() => [String], { defaultValue: [] })
  @FreeText()
  @ArrayMaxSize(100)
  @Length(1, 2000, { each: true })
  decidedChanges: string[];
}

@InputType({ description: 'Progress of a milestone of the version in force (or the newest version): no revision needed.' })
export class RecordMilestoneProgressInput implements args.MilestoneProgressUpdate {
  @Field(() => ID)
  milestoneId: string;

  @Field(() => MilestoneStatus)
  status: MilestoneStatus;

  @Field(() => GraphQLDate, { nullable: true, description: 'Required for DONE (not in the future), not given otherwise.' })
  @IsOptional()
  completedOn?: Date;

  @Field(() => String, { nullable: true, description: 'Omitted: the previous note stays; null or empty: cleared.' })
  @OptionalText(4000)
  note?: string | null;
}

@InputType({ description: "One municipality's progress on a milestone every covered municipality must reach (perMunicipality): no revision needed." })
export class RecordMunicipalMilestoneProgressInput implements args.MunicipalMilestoneProgressUpdate {
  @Field(() => ID)
  milestoneId: string;

  @Field({ nullable: true, description: 'Kommunenummer; a MUNICIPAL_DIRECTOR may omit it (their own).' })
  @IsOptional()
  @IsKommunenummer()
  municipalityNumber?: string;

  @Field(() => MilestoneStatus)
  status: MilestoneStatus;

  @Field(() => GraphQLDate, { nullable: true, description: 'Required for DONE (not in the future), not given otherwise.' })
  @IsOptional()
  completedOn?: Date;

  @Field(() => String, { nullable: true, description: 'Omitted: the previous note stays; null or empty: cleared. Checked for personal data.' })
  @OptionalText(4000)
  note?: string | null;
}

@InputType({ description: 'Links a measure of the version in force (or the newest version) to the forum kind whose fora show how it is carried out; follow-up, no revision needed.' })
export class SetMeasureForumKindInput implements args.MeasureForumKindLink {
  @Field(() => ID)
  measureId: string;

  @Field(() => ID, { nullable: true, description: 'A forum kind of the region; null unlinks.' })
  @IsOptional()
  forumKindId?: string | null;
}

// ---- plan elements -------------------------------------------------------------------------

@InputType('PlanStatementFields')
abstract class PlanStatementFields implements args.StatementFields {
  @CodeField('Label as printed, e.g. "a" for principle a.')
  code?: string | null;

  @Field(() => String, { nullable: true, description: 'Heading; required for a DEFINITION (the term).' })
  @OptionalText(500)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'What it cites, e.g. "barnevernsloven § 15-1".' })
  @OptionalText(500)
  reference?: string | null;

  @PositionField()
  position?: number;
}

@InputType({ description: 'A text of the plan of one kind (motto, purpose, target audience, legal basis, a definition, a principle, a consent rule …) in a DRAFT version.' })
export class AddPlanStatementInput extends PlanStatementFields implements args.NewStatement {
  @Field(() => ID)
  versionId: string;

  @Field(() => PlanStatementKind)
  kind: PlanStatementKind;

  @Field()
  @RequiredText(50000)
  text: string;
}

@InputType()
export class UpdatePlanStatementInput extends PlanStatementFields implements args.StatementChanges {
  @Field(() => ID)
  id: string;

  @Field(() => PlanStatementKind, { nullable: true })
  @IsOptional()
  kind?: PlanStatementKind;

  @Field({ nullable: true })
  @OptionalRequiredText(50000)
  text?: string;
}

@InputType('PlanFactorFields')
abstract class PlanFactorFields implements args.FactorFields {
  @CodeField('Number as printed, e.g. "3".')
  code?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(10000)
  description?: string | null;

  @AgeField('Youngest age the factor concerns ("Fra 8-års alder" = 8).')
  ageFrom?: number | null;

  @AgeField('Oldest age the factor concerns.')
  ageTo?: number | null;

  @PositionField()
  position?: number;
}

@InputType({ description: 'A risk or protective factor in a DRAFT version.' })
export class AddPlanFactorInput extends PlanFactorFields implements args.NewFactor {
  @Field(() => ID)
  versionId: string;

  @Field(() => PlanFactorKind)
  kind: PlanFactorKind;

  @Field()
  @RequiredText(1000)
  title: string;
}

@InputType()
export class UpdatePlanFactorInput extends PlanFactorFields implements args.FactorChanges {
  @Field(() => ID)
  id: string;

  @Field(() => PlanFactorKind, { nullable: true })
  @IsOptional()
  kind?: PlanFactorKind;

  @Field({ nullable: true })
  @OptionalRequiredText(1000)
  title?: string;
}

@InputType('PlanTargetGroupFields')
abstract class PlanTargetGroupFields implements args.TargetGroupFields {
  @CodeField()
  code?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(10000)
  description?: string | null;

  @AgeField('Youngest age in the group.')
  ageFrom?: number | null;

  @AgeField('Oldest age in the group.')
  ageTo?: number | null;

  @IdListField('Factors that apply to the group (replaces the list).')
  factorIds?: string[] | null;

  @PositionField()
  position?: number;
}

@InputType({ description: 'A target group (målgruppe, risikogruppe) in a DRAFT version.' })
export class AddPlanTargetGroupInput extends PlanTargetGroupFields implements args.NewTargetGroup {
  @Field(() => ID)
  versionId: string;

  @Field()
  @RequiredText(1000)
  name: string;
}

@InputType()
export class UpdatePlanTargetGroupInput extends PlanTargetGroupFields implements args.TargetGroupChanges {
  @Field(() => ID)
  id: string;

  @Field({ nullable: true })
  @OptionalRequiredText(1000)
  name?: string;
}

@InputType({ description: 'A member of a governance body: the role, and where the plan names them, the person, municipality or service.' })
export class PlanBodyMemberInput implements args.BodyMember {
  @Field({ description: 'E.g. "kommunedirektør", "Rådgivere barnehage og skole".' })
  @RequiredText(500)
  role: string;

  @Field({ nullable: true, description: 'The person as the (public) plan names them.' })
  @IsOptional()
  @RequiredText(300)
  personName?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsKommunenummer()
  municipalityNumber?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  serviceId?: string;

  @Field({ nullable: true, description: 'How they take part, e.g. "deltar ved behov for avklaringer".' })
  @IsOptional()
  @RequiredText(1000)
  note?: string;
}

@InputType('PlanBodyFields')
abstract class PlanBodyFields implements args.BodyFields {
  @Field(() => String, { nullable: true, description: 'Mandate, tasks, reporting line.' })
  @OptionalText(TEXT)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Who leads it.' })
  @OptionalText(500)
  leader?: string | null;

  @Field(() => String, { nullable: true, description: 'How often it meets.' })
  @OptionalText(500)
  cadence?: string | null;

  @Field(() => [PlanBodyMemberInput], { nullable: true, description: 'Members in order (replaces the list).' })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  members?: PlanBodyMemberInput[];

  @PositionField()
  position?: number;
}

@InputType({ description: 'A governance body (styringsgruppe, arbeidsgruppe …) in a DRAFT version.' })
export class AddPlanBodyInput extends PlanBodyFields implements args.NewBody {
  @Field(() => ID)
  versionId: string;

  @Field(() => PlanBodyKind)
  kind: PlanBodyKind;

  @Field()
  @RequiredText(300)
  name: string;
}

@InputType()
export class UpdatePlanBodyInput extends PlanBodyFields implements args.BodyChanges {
  @Field(() => ID)
  id: string;

  @Field(() => PlanBodyKind, { nullable: true })
  @IsOptional()
  kind?: PlanBodyKind;

  @Field({ nullable: true })
  @OptionalRequiredText(300)
  name?: string;
}

@InputType('PlanCollaborationModelFields')
abstract class PlanCollaborationModelFields implements args.CollaborationModelFields {
  @Field(() => String, { nullable: true })
  @OptionalText(TEXT)
  description?: string | null;

  @RefField('The CONSENT_RULE statement that applies to the whole model.')
  consentRuleId?: string | null;

  @PositionField()
  position?: number;
}

@InputType({ description: 'A collaboration model or an escalation ladder in a DRAFT version; add its steps with addPlanCollaborationStep.' })
export class AddPlanCollaborationModelInput extends PlanCollaborationModelFields implements args.NewCollaborationModel {
  @Field(() => ID)
  versionId: string;

  @Field(() => CollaborationModelKind)
  kind: CollaborationModelKind;

  @Field()
  @RequiredText(300)
  name: string;
}

@InputType()
export class UpdatePlanCollaborationModelInput extends PlanCollaborationModelFields implements args.CollaborationModelChanges {
  @Field(() => ID)
  id: string;

  @Field(() => CollaborationModelKind, { nullable: true })
  @IsOptional()
  kind?: CollaborationModelKind;

  @Field({ nullable: true })
  @OptionalRequiredText(300)
  name?: string;
}

@InputType('PlanCollaborationStepFields')
abstract class PlanCollaborationStepFields implements args.CollaborationStepFields {
  @CodeField('Label as printed, e.g. "Trinn 2".')
  code?: string | null;

  @Field(() => PreventionLevel, { nullable: true })
  @IsOptional()
  preventionLevel?: PreventionLevel | null;

  @Field(() => String, { nullable: true, description: 'Målgruppe.' })
  @OptionalText(5000)
  targetGroup?: string | null;

  @Field(() => String, { nullable: true, description: 'Kriterier.' })
  @OptionalText(TEXT)
  criteria?: string | null;

  @Field(() => String, { nullable: true, description: 'Oppgaver.' })
  @OptionalText(TEXT)
  tasks?: string | null;

  @Field(() => String, { nullable: true, description: 'Samarbeid / prinsipper for samarbeid.' })
  @OptionalText(TEXT)
  collaboration?: string | null;

  @Field(() => String, { nullable: true, description: 'Deltakere.' })
  @OptionalText(5000)
  participants?: string | null;

  @Field(() => String, { nullable: true, description: 'Who calls the meeting.' })
  @OptionalText(2000)
  convenedBy?: string | null;

  @Field(() => String, { nullable: true, description: 'Who writes the minutes.' })
  @OptionalText(2000)
  minutesBy?: string | null;

  @Field(() => String, { nullable: true, description: 'How often.' })
  @OptionalText(500)
  cadence?: string | null;

  @Field(() => String, { nullable: true, description: 'The forum that carries the step, by name as the plan prints it.' })
  @OptionalText(300)
  forum?: string | null;

  @Field(() => ID, { nullable: true, description: 'The kind of forum (forumKinds) that carries the step; null clears it.' })
  @IsOptional()
  forumKindId?: string | null;

  @Field(() => String, { nullable: true, description: 'Escalation ladders: the level a disagreement is lifted to.' })
  @OptionalText(300)
  escalateTo?: string | null;

  @RefField('The CONSENT_RULE statement that applies on this step.')
  consentRuleId?: string | null;

  @PositionField()
  position?: number;
}

@InputType({ description: 'A step of a collaboration model, or a rung of an escalation ladder, in a DRAFT version.' })
export class AddPlanCollaborationStepInput extends PlanCollaborationStepFields implements args.NewCollaborationStep {
  @Field(() => ID, { description: 'The collaboration model; the step joins its version.' })
  modelId: string;

  @Field()
  @RequiredText(1000)
  title: string;
}

@InputType()
export class UpdatePlanCollaborationStepInput extends PlanCollaborationStepFields implements args.CollaborationStepChanges {
  @Field(() => ID)
  id: string;

  @Field({ nullable: true })
  @OptionalRequiredText(1000)
  title?: string;
}

@InputType('PlanReferralRouteFields')
abstract class PlanReferralRouteFields implements args.ReferralRouteFields {
  @RefField('The collaboration step the route belongs to.')
  stepId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The shared service referred to, when it is one.' })
  @IsOptional()
  serviceId?: string | null;

  @Field(() => String, { nullable: true, description: 'Who may refer.' })
  @OptionalText(2000)
  referredBy?: string | null;

  @Field(() => String, { nullable: true, description: 'How (national portal, form, direct contact …).' })
  @OptionalText(TEXT)
  how?: string | null;

  @Field(() => String, { nullable: true, description: 'What must have happened first.' })
  @OptionalText(5000)
  prerequisite?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Cases may be discussed anonymously with the service first (default false).' })
  @IsOptional()
  anonymousConsultation?: boolean | null;

  @RefField('The CONSENT_RULE statement that applies to the referral.')
  consentRuleId?: string | null;

  @PositionField()
  position?: number;
}

@InputType({ description: 'A referral route in a DRAFT version.' })
export class AddPlanReferralRouteInput extends PlanReferralRouteFields implements args.NewReferralRoute {
  @Field(() => ID)
  versionId: string;

  @Field({ description: 'The service referred to, as the plan names it.' })
  @RequiredText(300)
  recipient: string;
}

@InputType()
export class UpdatePlanReferralRouteInput extends PlanReferralRouteFields implements args.ReferralRouteChanges {
  @Field(() => ID)
  id: string;

  @Field({ nullable: true })
  @OptionalRequiredText(300)
  recipient?: string;
}

@InputType({ description: 'An age band of the prevention gap analysis; both bounds optional (open), 0–30.' })
export class AgeBandInput {
  @AgeField('Youngest age of the band.')
  from?: number | null;

  @AgeField('Oldest age of the band.')
  to?: number | null;
}
