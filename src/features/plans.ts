import { StrategicPlans1732500000000 } from '../../migrations/1732500000000-plans-schema';
import { planEntities, PlanFocusArea, PlanGoal, PlanMeasure, PlanMilestone, PlanReview, PlanVersion, StrategicPlan } from '../entities/plans';
import { planResolvers } from '../resolvers/plans';
import { seedStrategicPlan } from '../seed/plans/strategic-plan';
import { contentIsVisible, planIsVisible, versionIsVisible } from '../services/plans/read';
import { Feature } from './feature';

/** Shared strategic plans: versions, content, adoption per municipality, implementation, reviews. */
export const plans: Feature = {
  name: 'plans',
  entities: planEntities,
  resolvers: planResolvers,
  // RLS hides other regions and, for PUBLIC, drafts; `visible` says the same.
  nodeTypes: [
    { entity: StrategicPlan, visible: planIsVisible },
    { entity: PlanVersion, visible: versionIsVisible },
    { entity: PlanGoal, visible: contentIsVisible },
    { entity: PlanFocusArea, visible: contentIsVisible },
    { entity: PlanMeasure, visible: contentIsVisible },
    { entity: PlanMilestone, visible: contentIsVisible },
    { entity: PlanReview, visible: (ctx) => !!ctx.principal.regionId },
  ],
  migrations: [StrategicPlans1732500000000],
  seed: seedStrategicPlan,
};
