import { NonEmptyArray } from 'type-graphql';
import { AuditResolver } from './reference/audit-resolver';
import { MunicipalityResolver } from './reference/municipality-resolver';
import { NodeResolver } from './node-resolver';
import { OwnershipPeriodResolver } from './reference/ownership-period-resolver';
import { PersonResolver, RoleAssignmentResolver } from './reference/person-resolver';
import { RegionResolver } from './reference/region-resolver';
import { SharedServiceResolver } from './reference/shared-service-resolver';
import { UnitResolver } from './reference/unit-resolver';
import { ViewerResolver } from './reference/viewer-resolver';
import { StrategicPlanResolver } from './plans/strategic-plan-resolver';
import { PlanVersionResolver } from './plans/plan-version-resolver';
import { PlanFocusAreaResolver, PlanGoalResolver, PlanMeasureResolver, PlanMeasureResponsibleResolver, PlanMilestoneResolver } from './plans/plan-content-resolver';
import { MeasureImplementationResolver, PlanAdoptionResolver, PlanReviewResolver } from './plans/plan-tracking-resolver';

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
