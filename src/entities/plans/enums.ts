import { registerEnumType } from 'type-graphql';

export enum StrategicPlanStatus {
  DRAFT = 'DRAFT',
  CONSULTATION = 'CONSULTATION',
  ADOPTED = 'ADOPTED',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(StrategicPlanStatus, {
  name: 'StrategicPlanStatus',
  description: 'DRAFT → CONSULTATION (høring) → ADOPTED (vedtatt in every covered municipality) → ARCHIVED. A plan stays ADOPTED while a revision is drafted.',
});

export enum PlanVersionStatus {
  DRAFT = 'DRAFT',
  CONSULTATION = 'CONSULTATION',
  ADOPTED = 'ADOPTED',
  SUPERSEDED = 'SUPERSEDED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(PlanVersionStatus, {
  name: 'PlanVersionStatus',
  description: 'Only DRAFT versions can change. ADOPTED = in force; SUPERSEDED = was in force until a later version was adopted; WITHDRAWN = left consultation without being adopted (a revision replaced it).',
});

export enum PlanGoalKind {
  MAIN = 'MAIN',
  GOAL = 'GOAL',
  SUB_GOAL = 'SUB_GOAL',
}
registerEnumType(PlanGoalKind, { name: 'PlanGoalKind', description: 'MAIN = hovedmål (one per version), GOAL = mål/delmål, SUB_GOAL = nested one level under a GOAL.' });

export enum PreventionLevel {
  UNIVERSAL = 'UNIVERSAL',
  SELECTIVE = 'SELECTIVE',
  INDICATED = 'INDICATED',
}
registerEnumType(PreventionLevel, {
  name: 'PreventionLevel',
  description: 'UNIVERSAL = everyone, SELECTIVE = groups with raised risk, INDICATED = individuals with high risk or clear signs.',
});

export enum MeasureResponsibleKind {
  SERVICE = 'SERVICE',
  MUNICIPALITY = 'MUNICIPALITY',
  ROLE = 'ROLE',
}
registerEnumType(MeasureResponsibleKind, { name: 'MeasureResponsibleKind', description: 'A shared service, a municipality, or a named role (e.g. "Kommunalsjef oppvekst").' });

export enum PlanTerm {
  SPRING = 'SPRING',
  AUTUMN = 'AUTUMN',
}
registerEnumType(PlanTerm, { name: 'PlanTerm', description: 'SPRING = våren, AUTUMN = høsten.' });

export enum MilestoneStatus {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(MilestoneStatus, { name: 'PlanMilestoneStatus' });

export enum PlanAdoptionStatus {
  PENDING = 'PENDING',
  ADOPTED = 'ADOPTED',
  REJECTED = 'REJECTED',
}
registerEnumType(PlanAdoptionStatus, { name: 'PlanAdoptionStatus', description: 'The council decision (kommunestyrevedtak) of one municipality on one version.' });

export enum ImplementationStatus {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  IMPLEMENTED = 'IMPLEMENTED',
  EVALUATED = 'EVALUATED',
}
registerEnumType(ImplementationStatus, { name: 'MeasureImplementationStatus' });

export const IMPLEMENTATION_STATUSES = Object.values(ImplementationStatus);
