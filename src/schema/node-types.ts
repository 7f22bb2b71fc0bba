import { Municipality } from '../entities/reference/municipality';
import { OwnershipPeriod } from '../entities/reference/ownership-period';
import { Region } from '../entities/reference/region';
import { SharedService } from '../entities/reference/shared-service';
import { Unit } from '../entities/reference/unit';
import { registerNodeType } from './node-registry';

// Reference data: RLS decides visibility (own region, or public).
registerNodeType('Region', { entity: Region });
registerNodeType('Municipality', { entity: Municipality });
registerNodeType('SharedService', { entity: SharedService });
registerNodeType('OwnershipPeriod', { entity: OwnershipPeriod });
registerNodeType('Unit', { entity: Unit });

// Strategic plans: RLS hides other regions and, for PUBLIC, drafts; `visible` says the same.
import { PlanFocusArea, PlanGoal, PlanMeasure, PlanMilestone, PlanReview, PlanVersion, StrategicPlan } from '../entities/plans';
import { contentIsVisible, planIsVisible, versionIsVisible } from '../services/plans/read';
registerNodeType('StrategicPlan', { entity: StrategicPlan, visible: planIsVisible });
registerNodeType('PlanVersion', { entity: PlanVersion, visible: versionIsVisible });
registerNodeType('PlanGoal', { entity: PlanGoal, visible: contentIsVisible });
registerNodeType('PlanFocusArea', { entity: PlanFocusArea, visible: contentIsVisible });
registerNodeType('PlanMeasure', { entity: PlanMeasure, visible: contentIsVisible });
registerNodeType('PlanMilestone', { entity: PlanMilestone, visible: contentIsVisible });
registerNodeType('PlanReview', { entity: PlanReview, visible: (ctx) => !!ctx.principal.regionId });
