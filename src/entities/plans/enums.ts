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
  description:
    'Only DRAFT versions can change. ADOPTED = in force; SUPERSEDED = was in force until a later version was adopted; WITHDRAWN = left consultation without being adopted (a revision replaced it).',
});

export enum PlanGoalKind {
  MAIN = 'MAIN',
  GOAL = 'GOAL',
  SUB_GOAL = 'SUB_GOAL',
}
registerEnumType(PlanGoalKind, { name: 'PlanGoalKind', description: 'MAIN = hovedmål (a version may state several), GOAL = mål/delmål, SUB_GOAL = nested one level under a GOAL.' });

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
registerEnumType(MilestoneStatus, { name: 'PlanMilestoneStatus', description: 'Progress of a milestone (follow-up, not content): PLANNED until someone records otherwise.' });

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

export enum MeasureResponsibility {
  LEAD = 'LEAD',
  SUPPORTING = 'SUPPORTING',
  PARTICIPANT = 'PARTICIPANT',
}
registerEnumType(MeasureResponsibility, {
  name: 'MeasureResponsibility',
  description:
    'LEAD = responsible ("Kommunalsjef for oppvekst"), SUPPORTING = works with the lead ("i samarbeid med ledere for alle enheter"), PARTICIPANT = a fixed participant with a duty to take part (TST: "Faste deltagere … det er møteplikt").',
});

export enum PlanMeasureStatus {
  PLANNED = 'PLANNED',
  ONGOING = 'ONGOING',
  COMPLETED = 'COMPLETED',
}
registerEnumType(PlanMeasureStatus, {
  name: 'PlanMeasureStatus',
  description: 'The status the plan text itself gives a measure when written (Trysil tiltak 4: "Pågår" = ONGOING). Content, not follow-up: how far each municipality has come is `implementations`.',
});

export enum PlanStatementKind {
  MOTTO = 'MOTTO',
  BACKGROUND = 'BACKGROUND',
  PURPOSE = 'PURPOSE',
  MANDATE = 'MANDATE',
  TARGET_AUDIENCE = 'TARGET_AUDIENCE',
  LEGAL_BASIS = 'LEGAL_BASIS',
  NATIONAL_GUIDANCE = 'NATIONAL_GUIDANCE',
  RELATED_PLAN = 'RELATED_PLAN',
  PROCESS = 'PROCESS',
  KNOWLEDGE_BASE = 'KNOWLEDGE_BASE',
  STRATEGY = 'STRATEGY',
  DEFINITION = 'DEFINITION',
  PRINCIPLE = 'PRINCIPLE',
  CONSENT_RULE = 'CONSENT_RULE',
  IMPLEMENTATION = 'IMPLEMENTATION',
  REVIEW_RULE = 'REVIEW_RULE',
  RECOMMENDATION = 'RECOMMENDATION',
}
registerEnumType(PlanStatementKind, {
  name: 'PlanStatementKind',
  description:
    'What a plan text is: MOTTO, BACKGROUND (bakgrunn), PURPOSE (formål), MANDATE (mandat), TARGET_AUDIENCE (målgruppen for planen), LEGAL_BASIS (lovgrunnlag, e.g. barnevernsloven § 15-1), NATIONAL_GUIDANCE (nasjonale føringer), RELATED_PLAN (sammenheng med andre planer), PROCESS (planprosess), KNOWLEDGE_BASE (utfordringsbilde, innsikt), STRATEGY, DEFINITION (a term of the glossary: title = the term), PRINCIPLE (grunnleggende prinsipper), CONSENT_RULE (samtykke; referred to by collaboration models, steps and referral routes), IMPLEMENTATION (veien videre, implementering), REVIEW_RULE (what the plan says about its own review and revision), RECOMMENDATION (anbefaling for videre arbeid).',
});

export enum PlanFactorKind {
  RISK = 'RISK',
  PROTECTIVE = 'PROTECTIVE',
}
registerEnumType(PlanFactorKind, { name: 'PlanFactorKind', description: 'RISK = risikofaktor, PROTECTIVE = beskyttelsesfaktor.' });

export enum PlanBodyKind {
  STEERING_GROUP = 'STEERING_GROUP',
  WORKING_GROUP = 'WORKING_GROUP',
  PROJECT_GROUP = 'PROJECT_GROUP',
  REFERENCE_GROUP = 'REFERENCE_GROUP',
  IMPLEMENTATION_GROUP = 'IMPLEMENTATION_GROUP',
  OTHER = 'OTHER',
}
registerEnumType(PlanBodyKind, {
  name: 'PlanBodyKind',
  description:
    'STEERING_GROUP (styringsgruppe), WORKING_GROUP (arbeidsgruppe), PROJECT_GROUP (prosjektgruppe), REFERENCE_GROUP (referansegruppe), IMPLEMENTATION_GROUP (the body that carries the plan out, e.g. "Tverrfaglig samarbeidsgruppe barn og unge"), OTHER.',
});

export enum CollaborationModelKind {
  COLLABORATION = 'COLLABORATION',
  ESCALATION = 'ESCALATION',
}
registerEnumType(CollaborationModelKind, {
  name: 'CollaborationModelKind',
  description:
    'COLLABORATION = a model of how services work together, step by step (Sør-Aurdal: trinn 1–3); ESCALATION = a ladder for disagreements (Tromsø: saksbehandler → enhetsleder → seksjonsleder → avdelingsdirektør → kommunedirektør).',
});
