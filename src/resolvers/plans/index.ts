import { PlanFocusAreaResolver, PlanGoalResolver, PlanMeasureResolver, PlanMeasureResponsibleResolver, PlanMilestoneResolver } from './plan-content-resolver';
import {
  PlanBodyMemberResolver,
  PlanBodyResolver,
  PlanCollaborationModelResolver,
  PlanCollaborationStepResolver,
  PlanFactorResolver,
  PlanReferralRouteResolver,
  PlanStatementResolver,
  PlanTargetGroupResolver,
} from './plan-element-resolver';
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
  PlanStatementResolver,
  PlanFactorResolver,
  PlanTargetGroupResolver,
  PlanBodyResolver,
  PlanBodyMemberResolver,
  PlanCollaborationModelResolver,
  PlanCollaborationStepResolver,
  PlanReferralRouteResolver,
  PlanAdoptionResolver,
  MeasureImplementationResolver,
  PlanReviewResolver,
];
