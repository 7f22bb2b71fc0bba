import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Municipality } from '../../entities/reference/municipality';
import { PlanFocusArea, PlanGoal, PlanMeasure, PlanMilestone } from '../../entities/plans/content';
import { ImplementationStatus } from '../../entities/plans/enums';
import { PlanVersion, StrategicPlan } from '../../entities/plans/strategic-plan';
import { MeasureImplementation, PlanAdoption, PlanReview } from '../../entities/plans/tracking';
import { Connection } from '../connection';
import { MutationPayload } from '../user-error';
import * as analysis from '../../services/plans/analysis';
import { LegalRequirement, PlanChangeKind } from '../../services/plans/analysis';

export const StrategicPlanConnection = Connection(StrategicPlan);

// ---- payloads ------------------------------------------------------------------------------

@ObjectType()
export class StrategicPlanPayload extends MutationPayload {
  @Field(() => StrategicPlan, { nullable: true }) strategicPlan?: StrategicPlan | null;
  @Field(() => PlanVersion, { nullable: true, description: 'The version the mutation created or changed.' }) version?: PlanVersion | null;
}

@ObjectType()
export class DeleteStrategicPlanPayload extends MutationPayload {
  @Field(() => ID, { nullable: true }) deletedId?: string | null;
}

@ObjectType()
export class PlanGoalPayload extends MutationPayload {
  @Field(() => PlanGoal, { nullable: true }) goal?: PlanGoal | null;
}

@ObjectType()
export class PlanFocusAreaPayload extends MutationPayload {
  @Field(() => PlanFocusArea, { nullable: true }) focusArea?: PlanFocusArea | null;
}

@ObjectType()
export class PlanMeasurePayload extends MutationPayload {
  @Field(() => PlanMeasure, { nullable: true }) measure?: PlanMeasure | null;
}

@ObjectType()
export class PlanMilestonePayload extends MutationPayload {
  @Field(() => PlanMilestone, { nullable: true }) milestone?: PlanMilestone | null;
}

@ObjectType()
export class DeletePlanItemPayload extends MutationPayload {
  @Field(() => ID, { nullable: true }) deletedId?: string | null;
}

@ObjectType()
export class GoalMeasureLinkPayload extends MutationPayload {
  @Field(() => PlanGoal, { nullable: true }) goal?: PlanGoal | null;
  @Field(() => PlanMeasure, { nullable: true }) measure?: PlanMeasure | null;
}

@ObjectType()
export class PlanAdoptionPayload extends MutationPayload {
  @Field(() => PlanAdoption, { nullable: true }) adoption?: PlanAdoption | null;
  @Field(() => PlanVersion, { nullable: true }) version?: PlanVersion | null;
  @Field(() => StrategicPlan, { nullable: true }) strategicPlan?: StrategicPlan | null;
}

@ObjectType()
export class MeasureImplementationPayload extends MutationPayload {
  @Field(() => MeasureImplementation, { nullable: true }) implementation?: MeasureImplementation | null;
  @Field(() => PlanMeasure, { nullable: true }) measure?: PlanMeasure | null;
}

@ObjectType()
export class PlanReviewPayload extends MutationPayload {
  @Field(() => PlanReview, { nullable: true }) review?: PlanReview | null;
}

// ---- read models ---------------------------------------------------------------------------

@ObjectType({ description: 'The measure serves the goal.' })
export class GoalMeasureLink {
  @Field(() => PlanGoal) goal: PlanGoal;
  @Field(() => PlanMeasure) measure: PlanMeasure;
}

@ObjectType()
export class CoverageCell {
  @Field(() => PlanMeasure) measure: PlanMeasure;
  @Field({ description: 'True when the measure serves the goal.' }) linked: boolean;
}

@ObjectType()
export class CoverageRow {
  @Field(() => PlanGoal) goal: PlanGoal;
  @Field(() => [CoverageCell], { description: 'One cell per measure, in the order of `measures`.' }) cells: CoverageCell[];
  @Field(() => Int) measureCount: number;
}

@ObjectType({ description: 'Goal × measure matrix (rows: goals and sub-goals, not the main goal; columns: measures).' })
export class CoverageMatrix implements analysis.Coverage {
  @Field(() => [PlanGoal]) goals: PlanGoal[];
  @Field(() => [PlanMeasure]) measures: PlanMeasure[];
  @Field(() => [CoverageRow]) rows: CoverageRow[];
  @Field(() => [PlanGoal], { description: 'Goals no measure serves.' }) goalsWithoutMeasures: PlanGoal[];
  @Field(() => [PlanMeasure], { description: 'Measures that serve no goal.' }) measuresWithoutGoals: PlanMeasure[];
}

@ObjectType()
export class PlanAdoptionSummary implements analysis.AdoptionSummary {
  @Field(() => Int) total: number;
  @Field(() => Int) adopted: number;
  @Field(() => Int) rejected: number;
  @Field(() => Int) pending: number;
  @Field({ description: 'Every covered municipality adopted this version.' }) complete: boolean;
}

@ObjectType({ description: 'How many measure × municipality pairs have a status; share = count / total.' })
export class StatusCount implements analysis.StatusCount {
  @Field(() => ImplementationStatus) status: ImplementationStatus;
  @Field(() => Int) count: number;
  @Field(() => Int, { description: 'Denominator of share.' }) total: number;
  @Field(() => Float, { description: 'count / total, rounded to 4 decimals (0 when total is 0).' }) share: number;
}

@ObjectType()
export class MunicipalityProgress {
  @Field(() => Municipality) municipality: Municipality;
  @Field(() => Int, { description: 'Measures of the adopted version.' }) measureCount: number;
  @Field(() => [StatusCount]) counts: StatusCount[];
}

@ObjectType()
export class GoalProgress {
  @Field(() => PlanGoal) goal: PlanGoal;
  @Field(() => Int, { description: 'Measures serving the goal.' }) measureCount: number;
  @Field(() => [StatusCount], { description: 'Over linked measures × covered municipalities.' }) counts: StatusCount[];
}

@ObjectType({ description: 'Implementation progress of the adopted version.' })
export class PlanProgress implements analysis.Progress {
  @Field(() => PlanVersion) version: PlanVersion;
  @Field(() => Int) measureCount: number;
  @Field(() => Int) municipalityCount: number;
  @Field(() => [StatusCount], { description: 'Region-wide, over measures × covered municipalities.' }) counts: StatusCount[];
  @Field(() => [MunicipalityProgress]) perMunicipality: MunicipalityProgress[];
  @Field(() => [GoalProgress]) perGoal: GoalProgress[];
}

registerEnumType(LegalRequirement, {
  name: 'PlanLegalRequirement',
  description: 'Barnevernsloven § 15-1: the plan states the goals, how the work is organised and divided between departments, and how they cooperate.',
});

@ObjectType()
export class LegalCheck implements analysis.LegalCheck {
  @Field(() => LegalRequirement) requirement: LegalRequirement;
  @Field() present: boolean;
  @Field({ description: 'Why the requirement counts as present or missing.' }) reason: string;
}

@ObjectType({ description: 'Does the version state what barnevernsloven § 15-1 requires?' })
export class LegalCompleteness implements analysis.LegalCompleteness {
  @Field({ description: 'e.g. "barnevernsloven § 15-1".' }) reference: string;
  @Field() complete: boolean;
  @Field(() => [LegalCheck]) checks: LegalCheck[];
}

registerEnumType(PlanChangeKind, { name: 'PlanChangeKind' });

@ObjectType({ description: 'A goal, focus area, measure or milestone that differs between two versions (matched by key).' })
export class PlanItemChange implements analysis.ItemChange {
  @Field(() => ID) key: string;
  @Field(() => PlanChangeKind) change: PlanChangeKind;
  @Field({ description: 'Title in the newer version (or the older one when removed).' }) title: string;
  @Field(() => String, { nullable: true }) previousTitle: string | null;
  @Field(() => [String], { description: 'Changed fields when CHANGED, e.g. ["title", "budgetOre"].' }) fields: string[];
}

@ObjectType()
export class PlanLinkChange {
  @Field(() => PlanChangeKind) change: PlanChangeKind;
  @Field(() => ID) goalKey: string;
  @Field(() => ID) measureKey: string;
  @Field() goalTitle: string;
  @Field() measureTitle: string;
}

@ObjectType({ description: 'What changed from one version to another.' })
export class PlanVersionComparison {
  @Field(() => PlanVersion) from: PlanVersion;
  @Field(() => PlanVersion) to: PlanVersion;
  @Field(() => [PlanItemChange]) goals: PlanItemChange[];
  @Field(() => [PlanItemChange]) focusAreas: PlanItemChange[];
  @Field(() => [PlanItemChange]) measures: PlanItemChange[];
  @Field(() => [PlanItemChange]) milestones: PlanItemChange[];
  @Field(() => [PlanLinkChange]) links: PlanLinkChange[];
  @Field({ description: 'True when nothing differs.' }) identical: boolean;
}

