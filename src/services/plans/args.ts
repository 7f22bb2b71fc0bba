import {
  ImplementationStatus,
  MilestoneStatus,
  PlanAdoptionStatus,
  PlanGoalKind,
  PlanTerm,
  PreventionLevel,
} from '../../entities/plans';

/**
 * What the plan services take: plain data. The schema's input classes implement these, so the
 * services never depend on GraphQL types. In every "changes" type, undefined = unchanged and null
 * (or blank text) = cleared, except for required fields, which a change can never clear.
 */

export interface NewPlan {
  title: string;
  periodStartYear: number;
  periodEndYear: number;
  /** Kommunenummer of every municipality that must adopt the plan. */
  municipalityNumbers: string[];
  /** Global IDs of the shared services the plan covers. */
  serviceIds: string[];
}

export interface PlanChanges {
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
}

export interface GoalFields {
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
}

export interface MeasureFields {
  focusAreaId?: string | null;
  code?: string | null;
  description?: string | null;
  organisation?: string | null;
  timeFrame?: string | null;
  /** Whole øre as a decimal string. */
  budgetOre?: string | null;
  budgetLine?: string | null;
  preventionLevel?: PreventionLevel | null;
  targetGroup?: string | null;
  /** Replaces the list when given. */
  responsible?: Responsible[] | null;
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
  dueYear?: number | null;
  dueDate?: Date | null;
  status?: MilestoneStatus | null;
  position?: number | null;
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
  reviewedOn: Date;
  summary: string;
  decidedChanges: string[];
}
