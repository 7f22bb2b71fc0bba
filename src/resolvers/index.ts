import { NonEmptyArray } from 'type-graphql';
import { AuditResolver } from './audit-resolver';
import { MunicipalityResolver } from './municipality-resolver';
import { NodeResolver } from './node-resolver';
import { OwnershipPeriodResolver } from './ownership-period-resolver';
import { PersonResolver, RoleAssignmentResolver } from './person-resolver';
import { RegionResolver } from './region-resolver';
import { SharedServiceResolver } from './shared-service-resolver';
import { UnitResolver } from './unit-resolver';
import { ViewerResolver } from './viewer-resolver';
import { StrategicPlanResolver } from './strategic-plan-resolver';
import { PlanVersionResolver } from './plan-version-resolver';
import { PlanFocusAreaResolver, PlanGoalResolver, PlanMeasureResolver, PlanMeasureResponsibleResolver, PlanMilestoneResolver } from './plan-content-resolver';
import { MeasureImplementationResolver, PlanAdoptionResolver, PlanReviewResolver } from './plan-tracking-resolver';

/** Every resolver class; later features append theirs. */
export const resolvers: NonEmptyArray<Function> = [
  ViewerResolver,
  NodeResolver,
  RegionResolver,
  MunicipalityResolver,
  SharedServiceResolver,
  OwnershipPeriodResolver,
  UnitResolver,
  AuditResolver,
  PersonResolver,
  RoleAssignmentResolver,
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
