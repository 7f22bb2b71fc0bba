import { PlanFocusArea, PlanGoal, PlanGoalMeasure, PlanMeasure, PlanMeasureResponsible, PlanMilestone } from './content';
import { PlanCoverageMunicipality, PlanCoverageService, PlanVersion, StrategicPlan } from './strategic-plan';
import { MeasureImplementation, PlanAdoption, PlanReview } from './tracking';

export * from './content';
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
  PlanAdoption,
  MeasureImplementation,
  PlanReview,
];
