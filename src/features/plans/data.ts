import { StrategicPlans1732500000000 } from '../../../migrations/1732500000000-plans-schema';
import { PlanElements1732900000000 } from '../../../migrations/1732900000000-plans-elements';
import { PlanFollowUp1732910000000 } from '../../../migrations/1732910000000-plans-follow-up';
import { PlanForumKind1732920000000 } from '../../../migrations/1732920000000-plans-forum-kind';
import { PlanMilestoneAdoption1733730000000 } from '../../../migrations/1733730000000-plans-milestone-adoption';
import { PlanForumEvidenceAndMunicipalMilestones1733760000000 } from '../../../migrations/1733760000000-plans-forum-evidence-and-municipal-milestones';
import * as entities from '../../entities/plans';
import { seedStrategicPlan } from '../../seed/plans/strategic-plan';
import { entitiesIn, FeatureData } from '../feature';

/** Shared strategic plans: versions, content, adoption per municipality, implementation, reviews. */
export const plansData: FeatureData = {
  name: 'plans',
  entities: entitiesIn(entities),
  migrations: [
    StrategicPlans1732500000000,
    PlanElements1732900000000,
    PlanFollowUp1732910000000,
    PlanForumKind1732920000000,
    PlanMilestoneAdoption1733730000000,
    PlanForumEvidenceAndMunicipalMilestones1733760000000,
  ],
  seed: seedStrategicPlan,
};
