import { GraphQLDate } from 'graphql-scalars';
import type { Message } from '../../i18n';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Municipality } from '../../entities/reference/municipality';
import { PlanFocusArea, PlanGoal, PlanMeasure, PlanMilestone } from '../../entities/plans/content';
import { PlanBody, PlanCollaborationModel, PlanCollaborationStep, PlanFactor, PlanReferralRoute, PlanStatement, PlanTargetGroup } from '../../entities/plans/elements';
import { SharedService } from '../../entities/reference/shared-service';
import { ImplementationStatus, MilestoneStatus, PreventionLevel } from '../../entities/plans/enums';
import { PlanVersion, StrategicPlan } from '../../entities/plans/strategic-plan';
import { MeasureImplementation, PlanAdoption, PlanMilestoneMunicipalProgress, PlanMilestoneProgress, PlanReview } from '../../entities/plans/tracking';
import { Forum, ForumKind } from '../../entities/fora';
import { Unit } from '../../entities/reference/unit';
import { WindowStatus } from '../../services/fora/cadence';
import { Connection } from '../connection';
import { ListCap } from '../list-cap';
import { EVIDENCE_LIST_CAP } from '../../services/plans/evidence';
import { MutationPayload } from '../user-error';
import * as analysis from '../../services/plans/analysis';
import { LegalRequirement, PlanChangeKind } from '../../services/plans/analysis';
import * as followUp from '../../services/plans/follow-up';
import { ActionSource, PlanPeriodState } from '../../services/plans/follow-up';
import * as prevention from '../../services/plans/prevention';
import { GapKind } from '../../services/plans/prevention';

export const StrategicPlanConnection = Connection(StrategicPlan);
export const MeasureImplementationConnection = Connection(MeasureImplementation);

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

@ObjectType()
export class MilestoneProgressPayload extends MutationPayload {
  @Field(() => PlanMilestoneProgress, { nullable: true }) progress?: PlanMilestoneProgress | null;
  @Field(() => PlanMilestone, { nullable: true }) milestone?: PlanMilestone | null;
}

@ObjectType()
export class MunicipalMilestoneProgressPayload extends MutationPayload {
  @Field(() => PlanMilestoneMunicipalProgress, { nullable: true }) progress?: PlanMilestoneMunicipalProgress | null;
  @Field(() => PlanMilestone, { nullable: true }) milestone?: PlanMilestone | null;
}

@ObjectType()
export class MeasureForumKindPayload extends MutationPayload {
  @Field(() => PlanMeasure, { nullable: true }) measure?: PlanMeasure | null;
  @Field(() => ForumKind, { nullable: true, description: 'The forum kind the measure is now linked to; null when unlinked.' }) forumKind?: ForumKind | null;
}

@ObjectType()
export class PlanStatementPayload extends MutationPayload {
  @Field(() => PlanStatement, { nullable: true }) statement?: PlanStatement | null;
}

@ObjectType()
export class PlanFactorPayload extends MutationPayload {
  @Field(() => PlanFactor, { nullable: true }) factor?: PlanFactor | null;
}

@ObjectType()
export class PlanTargetGroupPayload extends MutationPayload {
  @Field(() => PlanTargetGroup, { nullable: true }) targetGroup?: PlanTargetGroup | null;
}

@ObjectType()
export class PlanBodyPayload extends MutationPayload {
  @Field(() => PlanBody, { nullable: true }) body?: PlanBody | null;
}

@ObjectType()
export class PlanCollaborationModelPayload extends MutationPayload {
  @Field(() => PlanCollaborationModel, { nullable: true }) collaborationModel?: PlanCollaborationModel | null;
}

@ObjectType()
export class PlanCollaborationStepPayload extends MutationPayload {
  @Field(() => PlanCollaborationStep, { nullable: true }) step?: PlanCollaborationStep | null;
}

@ObjectType()
export class PlanReferralRoutePayload extends MutationPayload {
  @Field(() => PlanReferralRoute, { nullable: true }) referralRoute?: PlanReferralRoute | null;
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
  /** `reason` in the reader's language: LegalCheckResolver (src/resolvers/plans/plan-texts-resolver.ts). */
  reason: Message;
}

@ObjectType({
  description:
    'Does the version state what barnevernsloven § 15-1 asks a plan to state (goals, organisation, cooperation)? A structural check of what the plan states, not a legal review: "complete" does not mean the plan is lawful, and "incomplete" is a warning (submitting and adopting then need confirmIncomplete).',
})
export class LegalCompleteness implements analysis.LegalCompleteness {
  @Field({ description: 'e.g. "barnevernsloven § 15-1".' }) reference: string;
  @Field({ description: 'Every check present. Structural, not a legal review.' }) complete: boolean;
  /** `note` in the reader's language: LegalCompletenessResolver (src/resolvers/plans/plan-texts-resolver.ts). */
  note: Message;
  @Field(() => [LegalCheck]) checks: LegalCheck[];
}

registerEnumType(PlanChangeKind, { name: 'PlanChangeKind' });

@ObjectType({ description: 'A keyed item (goal, focus area, measure, milestone, statement, factor …) that differs between two versions (matched by key).' })
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

@ObjectType({ description: 'A link between two keyed items added or removed (measure ↔ factor, target group ↔ factor, measure ↔ target group, measure → measure it depends on, goal ↔ measure).' })
export class PlanRelationChange {
  @Field({ description: 'goalMeasure, measureFactor, targetGroupFactor, measureTargetGroup or measureDependency.' }) relation: string;
  @Field(() => PlanChangeKind) change: PlanChangeKind;
  @Field(() => ID) fromKey: string;
  @Field(() => ID) toKey: string;
  @Field() fromTitle: string;
  @Field() toTitle: string;
}

@ObjectType({ description: 'What changed from one version to another, in every kind of content.' })
export class PlanVersionComparison {
  @Field(() => PlanVersion) from: PlanVersion;
  @Field(() => PlanVersion) to: PlanVersion;
  @Field(() => [PlanItemChange]) goals: PlanItemChange[];
  @Field(() => [PlanItemChange]) focusAreas: PlanItemChange[];
  @Field(() => [PlanItemChange]) measures: PlanItemChange[];
  @Field(() => [PlanItemChange]) milestones: PlanItemChange[];
  @Field(() => [PlanItemChange]) statements: PlanItemChange[];
  @Field(() => [PlanItemChange]) factors: PlanItemChange[];
  @Field(() => [PlanItemChange]) targetGroups: PlanItemChange[];
  @Field(() => [PlanItemChange]) bodies: PlanItemChange[];
  @Field(() => [PlanItemChange]) collaborationModels: PlanItemChange[];
  @Field(() => [PlanItemChange]) collaborationSteps: PlanItemChange[];
  @Field(() => [PlanItemChange]) referralRoutes: PlanItemChange[];
  @Field(() => [PlanLinkChange], { description: 'Goal ↔ measure links (also in relations).' }) links: PlanLinkChange[];
  @Field(() => [PlanRelationChange]) relations: PlanRelationChange[];
  @Field({ description: 'True when nothing differs.' }) identical: boolean;
}

// ---- prevention gap analysis ---------------------------------------------------------------

@ObjectType({ description: 'An age band of the gap analysis.' })
export class AgeBand implements prevention.AgeBand {
  @Field(() => Int, { nullable: true }) from: number | null;
  @Field(() => Int, { nullable: true }) to: number | null;
  @Field({ description: 'E.g. "0–5 år".' }) label: string;
}

registerEnumType(GapKind, {
  name: 'PreventionGapKind',
  description: 'NO_MEASURE: no measure of the plan lies on the level and age; NOT_LINKED: measures lie there, but none is linked to the factor.',
});

@ObjectType({ description: 'One prevention level × age band: the measures that lie there.' })
export class PreventionCell implements prevention.CoverageCell {
  @Field(() => PreventionLevel) level: PreventionLevel;
  @Field(() => AgeBand) band: AgeBand;
  @Field({ description: 'The factor concerns children of this band (always true in `overall`).' }) applicable: boolean;
  @Field(() => [PlanMeasure]) measures: PlanMeasure[];
  @Field({ description: 'Applicable and no measure: a gap.' }) gap: boolean;
  @Field(() => GapKind, { nullable: true, description: 'For a gap: NO_MEASURE or NOT_LINKED; null otherwise.' }) gapKind: GapKind | null;
  @Field(() => [PlanMeasure], { description: 'For a NOT_LINKED gap: measures on this level and age that are not linked to the factor.' }) unlinkedMeasures: PlanMeasure[];
}

@ObjectType({ description: 'A factor laid out by level × band.' })
export class FactorCoverage implements prevention.FactorCoverage {
  @Field(() => PlanFactor) factor: PlanFactor;
  @Field(() => [PlanMeasure], { description: 'Measures that address the factor, directly or through a target group.' }) measures: PlanMeasure[];
  @Field(() => [PreventionCell], { description: 'Levels × bands, level by level.' }) cells: PreventionCell[];
  @Field(() => Int) gapCount: number;
  @Field(() => Int, { description: 'Gaps where measures lie on the level and age but are not linked to the factor.' }) notLinkedCount: number;
}

@ObjectType({ description: 'A difficulty (or a protective factor) the plan states, on a level and for an age band, that no measure is linked to.' })
export class PreventionGap implements prevention.CoverageGap {
  @Field(() => PlanFactor) factor: PlanFactor;
  @Field(() => PreventionLevel) level: PreventionLevel;
  @Field(() => AgeBand) band: AgeBand;
  @Field(() => GapKind, { description: 'NO_MEASURE: no measure of the plan on this level and age; NOT_LINKED: there are, but none is linked to the factor.' }) kind: GapKind;
  @Field(() => [PlanMeasure], { description: 'NOT_LINKED: the measures on this level and age that are not linked to the factor.' }) unlinkedMeasures: PlanMeasure[];
}

@ObjectType({ description: "The plan's measures by prevention level × age band × risk or protective factor: which stated difficulties have no measure, and which measures address no stated risk." })
export class PreventionCoverage implements prevention.PreventionCoverage {
  @Field({ description: 'The plan states factors to hold its measures against. False: not assessed (gapCount null), rather than "0 gaps".' }) assessed: boolean;
  @Field(() => Int, { nullable: true, description: 'Every gap; null when not assessed.' }) gapCount: number | null;
  @Field(() => Int, { nullable: true, description: 'Gaps where no measure of the plan lies on the level and age at all; null when not assessed.' }) gapsWithoutMeasure: number | null;
  @Field(() => Int, { nullable: true, description: 'Gaps where measures lie on the level and age but are not linked to the factor; null when not assessed.' }) gapsNotLinked: number | null;
  /** `summary` in the reader's language: PreventionCoverageResolver (src/resolvers/plans/plan-texts-resolver.ts). */
  summary: Message;
  @Field(() => [PreventionLevel]) levels: PreventionLevel[];
  @Field(() => [AgeBand]) ageBands: AgeBand[];
  @Field(() => [PreventionCell], { description: 'Every measure by level × band, whatever it addresses.' }) overall: PreventionCell[];
  @Field(() => [FactorCoverage], { description: 'Risk factors, then protective factors.' }) factors: FactorCoverage[];
  @Field(() => [PreventionGap]) gaps: PreventionGap[];
  @Field(() => [PlanMeasure], { description: 'Measures linked to no risk factor, directly or through a target group.' }) measuresAddressingNoRisk: PlanMeasure[];
  @Field(() => [PlanMeasure], { description: 'Measures that state no prevention level (they lie in no cell).' }) measuresWithoutLevel: PlanMeasure[];
  @Field(() => [PlanFactor]) factorsWithoutMeasures: PlanFactor[];
}

// ---- follow-up -----------------------------------------------------------------------------

@ObjectType({ description: 'A milestone with its progress, whether it is overdue and whether it was done late, judged as of the day asked.' })
export class MilestoneFollowUp implements followUp.MilestoneFollowUp {
  @Field(() => PlanMilestone) milestone: PlanMilestone;
  @Field(() => MilestoneStatus) status: MilestoneStatus;
  @Field(() => PlanMilestoneProgress, { nullable: true }) progress: PlanMilestoneProgress | null;
  @Field(() => String, { nullable: true, description: 'Last day it is due (end of its month, term or year); null without a deadline.' }) dueBy: string | null;
  @Field(() => GraphQLDate, { nullable: true, description: 'When it was done: the recorded completion date, or the adoption of its version (doneOnAdoption).' }) completedOn: string | null;
  @Field({ description: 'Due before asOf and, on asOf, neither done (by its completion date) nor cancelled.' }) overdue: boolean;
  @Field({ description: 'Done on or before asOf, but after the day it was due.' }) doneLate: boolean;
}

@ObjectType({ description: "One covered municipality's follow-up of a milestone it must reach itself, judged as of asOf." })
export class MunicipalMilestoneFollowUp implements followUp.MunicipalMilestoneFollowUp {
  @Field(() => PlanMilestone) milestone: PlanMilestone;
  @Field(() => Municipality) municipality: Municipality;
  @Field(() => MilestoneStatus, { description: 'The status recorded now (PLANNED while nothing is recorded).' }) status: MilestoneStatus;
  @Field(() => PlanMilestoneMunicipalProgress, { nullable: true }) progress: PlanMilestoneMunicipalProgress | null;
  @Field(() => String, { nullable: true, description: 'Last day it is due; null without a deadline.' }) dueBy: string | null;
  @Field(() => GraphQLDate, { nullable: true }) completedOn: string | null;
  @Field({ description: 'On asOf the municipality had done (by its completion date) or cancelled it.' }) closed: boolean;
  @Field({ description: 'Due before asOf and, on asOf, neither done (by its completion date) nor cancelled by this municipality.' }) overdue: boolean;
  @Field({ description: 'Done on or before asOf, but after the day it was due.' }) doneLate: boolean;
}

@ObjectType({ description: "One forum of the linked kind: meetings held in the period against the kind's minimum." })
export class ForumEvidence {
  @Field(() => Forum) forum: Forum;
  @Field(() => Unit, { nullable: true }) unit: Unit | null;
  @Field(() => Int, { description: 'Meetings held in the period, up to asOf.' }) held: number;
  @Field(() => Int, { nullable: true, description: "The kind's minimum for the period (the strictest rule); null when no rule applies." }) minimum: number | null;
  @Field(() => WindowStatus, { description: 'The worst window of the period as of asOf.' }) status: WindowStatus;
}

@ObjectType({
  description:
    "What the fora of the measure's forum kind show in one municipality: fora established, units covered, meetings held against the cadence minimum. Evidence beside the status a person set, never instead of it. Withheld (available false, with the reason) from a caller who may not see all of the municipality's fora.",
})
export class MeasureForaEvidence {
  @Field() available: boolean;
  /** `reason` in the reader's language: MeasureForaEvidenceTextResolver (src/resolvers/plans/plan-texts-resolver.ts). */
  reason: Message | null;
  forumKindId: string;
  @Field(() => String, { nullable: true, description: 'The period judged, e.g. "2025-AUTUMN".' }) period: string | null;
  @Field(() => GraphQLDate, { nullable: true }) periodFrom: string | null;
  @Field(() => GraphQLDate, { nullable: true }) periodTo: string | null;
  @Field(() => GraphQLDate, { description: 'The day judged by.' }) asOf: string;
  @Field(() => Int, { nullable: true, description: 'Fora of the kind in the municipality that existed during the period (up to asOf).' }) forumsEstablished: number | null;
  @Field(() => Int, { nullable: true, description: 'Units that should have a forum of the kind; null for kinds not placed at required units.' }) unitsRequired: number | null;
  @Field(() => Int, { nullable: true, description: 'Of those, the units that had one.' }) unitsCovered: number | null;
  @ListCap(EVIDENCE_LIST_CAP)
  @Field(() => [Unit], { nullable: true, description: `At most ${EVIDENCE_LIST_CAP} (unitsRequired − unitsCovered says how many there are).` })
  unitsWithoutForum: Unit[] | null;
  @Field(() => Int, { nullable: true, description: 'Meetings held in the period, up to asOf.' }) meetingsHeld: number | null;
  @Field(() => Int, { nullable: true, description: 'Meetings in the period still planned.' }) meetingsPlanned: number | null;
  @Field(() => Int, { nullable: true }) forumsMeetingMinimum: number | null;
  @Field(() => Int, { nullable: true }) forumsBelowMinimum: number | null;
  @Field(() => Int, { nullable: true }) forumsInProgress: number | null;
  @Field(() => Int, { nullable: true, description: 'Fora whose term is not over but can no longer reach the minimum (AT_RISK in fora compliance).' }) forumsAtRisk: number | null;
  @ListCap(EVIDENCE_LIST_CAP)
  @Field(() => [ForumEvidence], { nullable: true, description: `At most ${EVIDENCE_LIST_CAP}, by name (forumsEstablished says how many there are).` })
  forums: ForumEvidence[] | null;
  /** `summary` in the reader's language: MeasureForaEvidenceTextResolver (src/resolvers/plans/plan-texts-resolver.ts). */
  summary: Message | null;
}

registerEnumType(PlanPeriodState, { name: 'PlanPeriodState', description: 'NOT_STARTED, IN_PERIOD, ENDING (ends within the horizon) or ENDED.' });
registerEnumType(ActionSource, { name: 'PlanActionSource', description: 'LAW: what the law requires; PLAN: what the plan says about its own review and revision.' });

@ObjectType({ description: 'Something that must happen because the plan period ends or has ended.' })
export class RequiredAction implements followUp.RequiredAction {
  @Field(() => ActionSource) source: ActionSource;
  @Field(() => String, { nullable: true }) reference: string | null;
  /** `text` in the reader's language: RequiredActionResolver (src/resolvers/plans/plan-texts-resolver.ts). */
  text: string | Message;
}

@ObjectType({ description: 'Whether the plan period ends within the horizon or has ended, and what must then happen.' })
export class PlanExpiry implements followUp.PlanExpiry {
  @Field() periodStart: string;
  @Field({ description: '31 December of the last year of the period.' }) periodEnd: string;
  @Field(() => PlanPeriodState) state: PlanPeriodState;
  @Field(() => Int, { description: 'Whole months left (negative once ended).' }) monthsLeft: number;
  @Field(() => Int) horizonMonths: number;
  @Field({ description: 'ENDING or ENDED.' }) flagged: boolean;
  @Field(() => [RequiredAction], { description: 'What the law and the plan say must happen; empty unless flagged.' }) actions: RequiredAction[];
}

@ObjectType({ description: 'A covered shared service: its own measures and whether it reviewed them in the year.' })
export class ServiceReviewStatus implements followUp.ServiceReviewStatus {
  @Field(() => SharedService) service: SharedService;
  @Field(() => [PlanMeasure], { description: 'Measures of the version in force that name the service responsible.' }) measures: PlanMeasure[];
  @Field(() => PlanReview, { nullable: true }) review: PlanReview | null;
  @Field() reviewed: boolean;
  @Field({ description: 'A review is asked of this service: the plan states a review rule and the service has measures of its own.' }) required: boolean;
}

@ObjectType({ description: 'Yearly reviews of one year: of the whole plan, and per covered shared service of its own measures.' })
export class PlanReviewStatus implements followUp.ReviewStatus {
  @Field(() => Int) year: number;
  @Field(() => [PlanStatement], { description: "The plan's REVIEW_RULE statements (version in force): the rules that ask for reviews." }) reviewRules: PlanStatement[];
  @Field({ description: 'The plan states a rule for its own review; without one no review is demanded (missing is empty).' }) reviewsRequired: boolean;
  @Field(() => PlanReview, { nullable: true }) planReview: PlanReview | null;
  @Field(() => [ServiceReviewStatus]) services: ServiceReviewStatus[];
  @Field(() => [SharedService], {
    description: 'Covered services a review is asked of (a review rule, and measures of their own) that have not reviewed this year. Before issue 21 every covered service was listed.',
  })
  missing: SharedService[];
}

@ObjectType({ description: "One adopted plan's follow-up flags." })
export class PlanFollowUp {
  @Field(() => StrategicPlan) plan: StrategicPlan;
  @Field(() => PlanExpiry) expiry: PlanExpiry;
  @Field(() => [MilestoneFollowUp]) overdueMilestones: MilestoneFollowUp[];
  @Field(() => [MilestoneFollowUp], { description: 'Milestones of the version in force done by asOf, but after the day they were due.' }) milestonesDoneLate: MilestoneFollowUp[];
  @Field(() => [MunicipalMilestoneFollowUp], { description: 'Milestones each covered municipality must reach itself that are overdue on asOf, one entry per municipality.' })
  overdueByMunicipality: MunicipalMilestoneFollowUp[];
  @Field(() => PlanReviewStatus) reviews: PlanReviewStatus;
}
