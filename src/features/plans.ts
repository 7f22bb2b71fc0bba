import { StrategicPlans1732500000000 } from '../../migrations/1732500000000-plans-schema';
import { PlanElements1732900000000 } from '../../migrations/1732900000000-plans-elements';
import { PlanFollowUp1732910000000 } from '../../migrations/1732910000000-plans-follow-up';
import { PlanForumKind1732920000000 } from '../../migrations/1732920000000-plans-forum-kind';
import {
  planEntities,
  PlanBody,
  PlanCollaborationModel,
  PlanCollaborationStep,
  PlanFactor,
  PlanFocusArea,
  PlanGoal,
  PlanMeasure,
  PlanMilestone,
  PlanReferralRoute,
  PlanReview,
  PlanStatement,
  PlanTargetGroup,
  PlanVersion,
  StrategicPlan,
} from '../entities/plans';
import { planResolvers } from '../resolvers/plans';
import { seedStrategicPlan } from '../seed/plans/strategic-plan';
import { READ_PLAN_CONTENT, READ_PLAN_FOLLOW_UP, READ_PLAN_VERSIONS, READ_PLANS } from '../services/plans/read';
import { Feature } from './feature';

/** Shared strategic plans: versions, content, adoption per municipality, implementation, reviews. */
export const plans: Feature = {
  name: 'plans',
  entities: planEntities,
  resolvers: planResolvers,
  // RLS hides other regions and, for PUBLIC, drafts; the rules say the same.
  nodeTypes: [
    { entity: StrategicPlan, read: READ_PLANS },
    { entity: PlanVersion, read: READ_PLAN_VERSIONS },
    ...[PlanGoal, PlanFocusArea, PlanMeasure, PlanMilestone, PlanStatement, PlanFactor, PlanTargetGroup, PlanBody, PlanCollaborationModel, PlanCollaborationStep, PlanReferralRoute].map((entity) => ({ entity, read: READ_PLAN_CONTENT })),
    { entity: PlanReview, read: READ_PLAN_FOLLOW_UP },
  ],
  auditedTypes: { PlanAdoption: READ_PLAN_CONTENT, PlanGoalMeasure: READ_PLAN_CONTENT, MeasureImplementation: READ_PLAN_FOLLOW_UP, PlanMilestoneProgress: READ_PLAN_FOLLOW_UP },
  migrations: [StrategicPlans1732500000000, PlanElements1732900000000, PlanFollowUp1732910000000, PlanForumKind1732920000000],
  seed: seedStrategicPlan,
};
