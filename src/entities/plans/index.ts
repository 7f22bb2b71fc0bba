import { PlanFocusArea, PlanGoal, PlanGoalMeasure, PlanMeasure, PlanMeasureResponsible, PlanMilestone } from './content';
import { PlanCoverageMunicipality, PlanCoverageService, PlanVersion, StrategicPlan } from './strategic-plan';
import {
  PlanBody,
  PlanBodyMember,
  PlanCollaborationModel,
  PlanCollaborationStep,
  PlanFactor,
  PlanMeasureDependency,
  PlanMeasureFactor,
  PlanMeasureTargetGroup,
  PlanReferralRoute,
  PlanStatement,
  PlanTargetGroup,
  PlanTargetGroupFactor,
} from './elements';
import { MeasureImplementation, PlanAdoption, PlanMilestoneProgress, PlanReview } from './tracking';

export * from './content';
export * from './elements';
export * from './enums';
export * from './strategic-plan';
export * from './tracking';

/** Every entity of the plans feature. */
export const planEntities = [
  StrategicPlan,
  PlanCoverageMunicipality,
  PlanCoverageService,
  PlanVersion,
  PlanGoal,
  PlanFocusArea,
  PlanMeasure,
  PlanMeasureResponsible,
  PlanGoalMeasure,
  PlanMilestone,
  PlanStatement,
  PlanFactor,
  PlanTargetGroup,
  PlanMeasureFactor,
  PlanTargetGroupFactor,
  PlanMeasureTargetGroup,
  PlanMeasureDependency,
  PlanBody,
  PlanBodyMember,
  PlanCollaborationModel,
  PlanCollaborationStep,
  PlanReferralRoute,
  PlanAdoption,
  MeasureImplementation,
  PlanMilestoneProgress,
  PlanReview,
];
