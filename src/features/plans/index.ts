import {
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
} from '../../entities/plans';
import * as resolvers from '../../resolvers/plans';
import { READ_PLAN_CONTENT, READ_PLAN_FOLLOW_UP, READ_PLAN_VERSIONS, READ_PLANS } from '../../services/plans/read';
import { Feature, resolversIn } from '../feature';
import { plansData } from './data';

/** Shared strategic plans: versions, content, adoption per municipality, implementation, reviews. */
export const plans: Feature = {
  ...plansData,
  resolvers: resolversIn(resolvers),
  // RLS hides other regions and, for PUBLIC, drafts; the rules say the same.
  nodeTypes: [
    { entity: StrategicPlan, read: READ_PLANS },
    { entity: PlanVersion, read: READ_PLAN_VERSIONS },
    ...[PlanGoal, PlanFocusArea, PlanMeasure, PlanMilestone, PlanStatement, PlanFactor, PlanTargetGroup, PlanBody, PlanCollaborationModel, PlanCollaborationStep, PlanReferralRoute].map((entity) => ({
      entity,
      read: READ_PLAN_CONTENT,
    })),
    { entity: PlanReview, read: READ_PLAN_FOLLOW_UP },
  ],
  auditedTypes: {
    PlanAdoption: READ_PLAN_CONTENT,
    PlanGoalMeasure: READ_PLAN_CONTENT,
    MeasureImplementation: READ_PLAN_FOLLOW_UP,
    PlanMilestoneProgress: READ_PLAN_FOLLOW_UP,
    PlanMilestoneMunicipalProgress: READ_PLAN_FOLLOW_UP,
    PlanMeasureForumKind: READ_PLAN_FOLLOW_UP,
  },
};
