import { PlanFocusAreaResolver, PlanGoalResolver, PlanMeasureResolver, PlanMeasureResponsibleResolver, PlanMilestoneResolver } from './plan-content-resolver';
import { MeasureImplementationResolver, PlanAdoptionResolver, PlanReviewResolver } from './plan-tracking-resolver';
import { PlanVersionResolver } from './plan-version-resolver';
import { StrategicPlanResolver } from './strategic-plan-resolver';

export const planResolvers = [
  StrategicPlanResolver,
  PlanVersionResolver,
  PlanGoalResolver,
  PlanFocusAreaResolver,
  PlanMeasureResolver,
  PlanMeasureResponsibleResolver,
  PlanMilestoneResolver,
  PlanAdoptionResolver,
  MeasureImplementationResolver,
  PlanReviewResolver,
];
