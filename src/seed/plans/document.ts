/**
 * A strategic plan as its document states it: plain data, one shape for the demo seed (written with
 * SQL by ./write.ts) and for the test fixtures (built through the GraphQL API and read back into the
 * same shape by test/plans/fixtures/). References between parts are by what the document prints:
 * goals and measures by code, focus areas by title, target groups and bodies by name, factors as
 * "RISK:<code>" / "PROTECTIVE:<code>", consent rules by their text. Optional lists that are empty
 * are left out, so a document read back compares equal to the one written.
 */
export type Level = 'UNIVERSAL' | 'SELECTIVE' | 'INDICATED';

export type Responsible = ({ role: string } | { serviceCode: string } | { municipalityNumber: string }) & {
  /** Default LEAD. */
  responsibility?: 'SUPPORTING' | 'PARTICIPANT';
};

export interface DocStatement {
  kind:
    | 'MOTTO'
    | 'BACKGROUND'
    | 'PURPOSE'
    | 'MANDATE'
    | 'TARGET_AUDIENCE'
    | 'LEGAL_BASIS'
    | 'NATIONAL_GUIDANCE'
    | 'RELATED_PLAN'
    | 'PROCESS'
    | 'KNOWLEDGE_BASE'
    | 'STRATEGY'
    | 'DEFINITION'
    | 'PRINCIPLE'
    | 'CONSENT_RULE'
    | 'IMPLEMENTATION'
    | 'REVIEW_RULE'
    | 'RECOMMENDATION';
  code?: string;
  title?: string;
  text: string;
  reference?: string;
}

export interface DocFactor {
  kind: 'RISK' | 'PROTECTIVE';
  code: string;
  title: string;
  description?: string;
  ageFrom?: number;
  ageTo?: number;
}

export interface DocTargetGroup {
  code?: string;
  name: string;
  description?: string;
  ageFrom?: number;
  ageTo?: number;
  /** "RISK:<code>" / "PROTECTIVE:<code>". */
  factors?: string[];
}

export interface DocFocusArea {
  title: string;
  whatWeAchieve?: string;
  howWeDoIt?: string;
  rolesAndResponsibility?: string;
}

export interface DocGoal {
  code?: string;
  title: string;
  description?: string;
  /** Title of the focus area the goal belongs to. */
  focusArea?: string;
  subGoals?: { code?: string; title: string; description?: string }[];
}

export interface DocMeasure {
  code?: string;
  title: string;
  description?: string;
  organisation?: string;
  timeFrame?: string;
  budgetOre?: number | string;
  budgetLine?: string;
  preventionLevels?: Level[];
  targetGroup?: string;
  ageFrom?: number;
  ageTo?: number;
  statusInPlan?: 'PLANNED' | 'ONGOING' | 'COMPLETED';
  /** Title of the focus area the measure is placed under. */
  focusArea?: string;
  responsible: Responsible[];
  /** "RISK:<code>" / "PROTECTIVE:<code>". */
  factors?: string[];
  /** Names of target groups. */
  targetGroups?: string[];
  /** Codes of measures this one depends on. */
  dependsOn?: string[];
}

export interface DocMember {
  role: string;
  personName?: string;
  municipalityNumber?: string;
  serviceCode?: string;
  note?: string;
}

export interface DocBody {
  kind: 'STEERING_GROUP' | 'WORKING_GROUP' | 'PROJECT_GROUP' | 'REFERENCE_GROUP' | 'IMPLEMENTATION_GROUP' | 'OTHER';
  name: string;
  description?: string;
  leader?: string;
  cadence?: string;
  members: DocMember[];
}

export interface DocMilestone {
  title: string;
  description?: string;
  dueTerm?: 'SPRING' | 'AUTUMN';
  dueMonth?: number;
  dueYear?: number;
  dueDate?: string;
  responsible?: string;
  /** Name of the body responsible. */
  responsibleBody?: string;
  /** Code of the measure it advances. */
  measure?: string;
  /** Title of the focus area it advances. */
  focusArea?: string;
  /** The milestone is the plan's adoption («Planen vedtas politisk»): done when the last council adopts. */
  doneOnAdoption?: boolean;
  /** Every covered municipality must reach the milestone itself (its progress is followed per municipality). */
  perMunicipality?: boolean;
}

export interface DocReferralRoute {
  recipient: string;
  serviceCode?: string;
  referredBy?: string;
  how?: string;
  prerequisite?: string;
  anonymousConsultation?: true;
  /** The text of a CONSENT_RULE statement. */
  consentRule?: string;
}

export interface DocStep {
  code?: string;
  title: string;
  preventionLevel?: Level;
  targetGroup?: string;
  criteria?: string;
  tasks?: string;
  collaboration?: string;
  participants?: string;
  convenedBy?: string;
  minutesBy?: string;
  cadence?: string;
  forum?: string;
  /** Code of the region's forum kind (fora feature) that carries the step, e.g. "innsatsteam". */
  forumKind?: string;
  escalateTo?: string;
  consentRule?: string;
  referralRoutes?: DocReferralRoute[];
}

export interface DocCollaborationModel {
  kind: 'COLLABORATION' | 'ESCALATION';
  name: string;
  description?: string;
  consentRule?: string;
  steps: DocStep[];
}

export interface PlanDocument {
  title: string;
  periodStartYear: number;
  periodEndYear: number;
  municipalityNumbers: string[];
  sourceNote?: string;
  illustrativeNote?: string;
  statements?: DocStatement[];
  mainGoals?: string[];
  goals: DocGoal[];
  focusAreas?: DocFocusArea[];
  factors?: DocFactor[];
  targetGroups?: DocTargetGroup[];
  measures: DocMeasure[];
  /** Goal × measure matrix: measure code → codes of the goals (or sub-goals) it serves. */
  matrix?: Record<string, string[]>;
  bodies?: DocBody[];
  milestones?: DocMilestone[];
  collaborationModels?: DocCollaborationModel[];
  /** Referral routes that belong to no step. */
  referralRoutes?: DocReferralRoute[];
}

/** "RISK:3" for a factor. */
export const factorRef = (f: { kind: string; code: string | null }) => `${f.kind}:${f.code}`;
