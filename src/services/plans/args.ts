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
} from '../../entities/plans';

/**
 * What the plan services take: plain data. The schema's input classes implement these, so the
 * services never depend on GraphQL types. In every "changes" type, undefined = unchanged and null
 * (or blank text) = cleared, except for required fields, which a change can never clear.
 */

/** Where the plan comes from, and what in it is illustrative (both optional free text). */
export interface PlanNotes {
  sourceNote?: string | null;
  illustrativeNote?: string | null;
}

export interface NewPlan extends PlanNotes {
  title: string;
  periodStartYear: number;
  periodEndYear: number;
  /** Kommunenummer of every municipality that must adopt the plan. */
  municipalityNumbers: string[];
  /** Global IDs of the shared services the plan covers. */
  serviceIds: string[];
}

export interface PlanChanges extends PlanNotes {
  id: string;
  title?: string | null;
  periodStartYear?: number | null;
  periodEndYear?: number | null;
  municipalityNumbers?: string[] | null;
  serviceIds?: string[] | null;
}

export interface ById {
  id: string;
}

export interface ByVersion {
  versionId: string;
}

export interface Submission extends ByVersion {
  /** When the version was sent on consultation; default today (a past date records an earlier process). */
  submittedOn?: Date | null;
  /** Submit although the § 15-1 check says incomplete (without it: CONFIRMATION_REQUIRED, nothing changes). */
  confirmIncomplete?: boolean | null;
}

export interface GoalFields {
  /** The focus area the goal belongs to (global ID in the same version); null = none. */
  focusAreaId?: string | null;
  code?: string | null;
  description?: string | null;
  position?: number | null;
}

export interface NewGoal extends GoalFields {
  versionId: string;
  kind: PlanGoalKind;
  parentGoalId?: string | null;
  title: string;
}

export interface GoalChanges extends GoalFields {
  id: string;
  title?: string | null;
}

export interface FocusAreaFields {
  whatWeAchieve?: string | null;
  howWeDoIt?: string | null;
  rolesAndResponsibility?: string | null;
  position?: number | null;
}

export interface NewFocusArea extends FocusAreaFields {
  versionId: string;
  title: string;
}

export interface FocusAreaChanges extends FocusAreaFields {
  id: string;
  title?: string | null;
}

/** Exactly one of the three. */
export interface Responsible {
  serviceId?: string | null;
  municipalityNumber?: string | null;
  role?: string | null;
  /** Default LEAD. */
  responsibility?: MeasureResponsibility | null;
}

/** An age band: both bounds optional (open), 0–30, from ≤ to. */
export interface AgeFields {
  ageFrom?: number | null;
  ageTo?: number | null;
}

export interface MeasureFields extends AgeFields {
  focusAreaId?: string | null;
  code?: string | null;
  description?: string | null;
  organisation?: string | null;
  timeFrame?: string | null;
  /** Whole øre as a decimal string. */
  budgetOre?: string | null;
  budgetLine?: string | null;
  /** In the order the plan gives them; replaces the list when given (null or [] = none stated). */
  preventionLevels?: PreventionLevel[] | null;
  targetGroup?: string | null;
  statusInPlan?: PlanMeasureStatus | null;
  /** Replaces the list when given. */
  responsible?: Responsible[] | null;
  /** Global IDs of factors (same version) the measure addresses; replaces the list when given. */
  factorIds?: string[] | null;
  /** Global IDs of target groups (same version) the measure is for; replaces the list when given. */
  targetGroupIds?: string[] | null;
  /** Global IDs of measures (same version) this one depends on; replaces the list when given. */
  dependsOnMeasureIds?: string[] | null;
  position?: number | null;
}

export interface NewMeasure extends MeasureFields {
  versionId: string;
  title: string;
  /** Global IDs of goals the measure serves. */
  goalIds?: string[] | null;
}

export interface MeasureChanges extends MeasureFields {
  id: string;
  title?: string | null;
}

export interface GoalMeasureLink {
  goalId: string;
  measureId: string;
}

export interface MilestoneFields {
  description?: string | null;
  dueTerm?: PlanTerm | null;
  dueMonth?: number | null;
  dueYear?: number | null;
  dueDate?: Date | null;
  /** A role; or responsibleBodyId, not both. */
  responsible?: string | null;
  responsibleBodyId?: string | null;
  /** The measure or the focus area the milestone advances (not both). */
  measureId?: string | null;
  focusAreaId?: string | null;
  position?: number | null;
  /** The milestone is the version's adoption: done when the last covered council adopts it. */
  doneOnAdoption?: boolean | null;
  /** Every covered municipality must reach the milestone itself (progress recorded per municipality). */
  perMunicipality?: boolean | null;
}

export interface NewMilestone extends MilestoneFields {
  versionId: string;
  title: string;
}

export interface MilestoneChanges extends MilestoneFields {
  id: string;
  title?: string | null;
}

export interface AdoptionDecision {
  versionId: string;
  /** A MUNICIPAL_DIRECTOR may omit it (their own). */
  municipalityNumber?: string | null;
  status: PlanAdoptionStatus;
  decisionBody: string;
  decidedOn?: Date | null;
  caseNumber?: string | null;
  /** Record an adoption although the § 15-1 check says incomplete (without it: CONFIRMATION_REQUIRED, nothing changes). */
  confirmIncomplete?: boolean | null;
}

export interface ImplementationUpdate {
  measureId: string;
  municipalityNumber?: string | null;
  status: ImplementationStatus;
  /** Omitted = unchanged; null or blank = cleared. */
  note?: string | null;
}

export interface RevisionStart {
  planId: string;
  changeNote?: string | null;
}

export interface Review {
  planId: string;
  /** A shared service's review of its own measures (global ID); omitted = the whole plan. */
  serviceId?: string | null;
  reviewedOn: Date;
  summary: string;
  decidedChanges: string[];
}

/** Links a measure (by its lineage key) to the forum kind whose fora show how it is carried out; null unlinks. */
export interface MeasureForumKindLink {
  measureId: string;
  forumKindId?: string | null;
}

/** One municipality's progress on a milestone every covered municipality must reach. */
export interface MunicipalMilestoneProgressUpdate {
  milestoneId: string;
  /** A MUNICIPAL_DIRECTOR may omit it (their own). */
  municipalityNumber?: string | null;
  status: MilestoneStatus;
  /** Required for DONE, not allowed otherwise; not in the future. */
  completedOn?: Date | null;
  /** Omitted = unchanged; null or blank = cleared. */
  note?: string | null;
}

export interface MilestoneProgressUpdate {
  milestoneId: string;
  status: MilestoneStatus;
  /** Required for DONE, not allowed otherwise; not in the future. */
  completedOn?: Date | null;
  /** Omitted = unchanged; null or blank = cleared. */
  note?: string | null;
}

// ---- plan elements -------------------------------------------------------------------------

export interface StatementFields {
  kind?: PlanStatementKind | null;
  code?: string | null;
  title?: string | null;
  text?: string | null;
  reference?: string | null;
  position?: number | null;
}

export interface NewStatement extends StatementFields {
  versionId: string;
  kind: PlanStatementKind;
  text: string;
}

export interface StatementChanges extends StatementFields {
  id: string;
}

export interface FactorFields extends AgeFields {
  kind?: PlanFactorKind | null;
  code?: string | null;
  title?: string | null;
  description?: string | null;
  position?: number | null;
}

export interface NewFactor extends FactorFields {
  versionId: string;
  kind: PlanFactorKind;
  title: string;
}

export interface FactorChanges extends FactorFields {
  id: string;
}

export interface TargetGroupFields extends AgeFields {
  code?: string | null;
  name?: string | null;
  description?: string | null;
  /** Global IDs of the factors that apply to the group; replaces the list when given. */
  factorIds?: string[] | null;
  position?: number | null;
}

export interface NewTargetGroup extends TargetGroupFields {
  versionId: string;
  name: string;
}

export interface TargetGroupChanges extends TargetGroupFields {
  id: string;
}

export interface BodyMember {
  role: string;
  personName?: string | null;
  municipalityNumber?: string | null;
  serviceId?: string | null;
  note?: string | null;
}

export interface BodyFields {
  kind?: PlanBodyKind | null;
  name?: string | null;
  description?: string | null;
  leader?: string | null;
  cadence?: string | null;
  /** In order; replaces the list when given. */
  members?: BodyMember[] | null;
  position?: number | null;
}

export interface NewBody extends BodyFields {
  versionId: string;
  kind: PlanBodyKind;
  name: string;
}

export interface BodyChanges extends BodyFields {
  id: string;
}

export interface CollaborationModelFields {
  kind?: CollaborationModelKind | null;
  name?: string | null;
  description?: string | null;
  /** A CONSENT_RULE statement of the same version. */
  consentRuleId?: string | null;
  position?: number | null;
}

export interface NewCollaborationModel extends CollaborationModelFields {
  versionId: string;
  kind: CollaborationModelKind;
  name: string;
}

export interface CollaborationModelChanges extends CollaborationModelFields {
  id: string;
}

export interface CollaborationStepFields {
  code?: string | null;
  title?: string | null;
  preventionLevel?: PreventionLevel | null;
  targetGroup?: string | null;
  criteria?: string | null;
  tasks?: string | null;
  collaboration?: string | null;
  participants?: string | null;
  convenedBy?: string | null;
  minutesBy?: string | null;
  cadence?: string | null;
  forum?: string | null;
  /** A forum kind of the region (fora feature), global ID. */
  forumKindId?: string | null;
  escalateTo?: string | null;
  consentRuleId?: string | null;
  position?: number | null;
}

export interface NewCollaborationStep extends CollaborationStepFields {
  /** The model (global ID); the step belongs to its version. */
  modelId: string;
  title: string;
}

export interface CollaborationStepChanges extends CollaborationStepFields {
  id: string;
}

export interface ReferralRouteFields {
  recipient?: string | null;
  /** The collaboration step the route belongs to (same version). */
  stepId?: string | null;
  /** The shared service referred to, when it is one. */
  serviceId?: string | null;
  referredBy?: string | null;
  how?: string | null;
  prerequisite?: string | null;
  anonymousConsultation?: boolean | null;
  consentRuleId?: string | null;
  position?: number | null;
}

export interface NewReferralRoute extends ReferralRouteFields {
  versionId: string;
  recipient: string;
}

export interface ReferralRouteChanges extends ReferralRouteFields {
  id: string;
}
