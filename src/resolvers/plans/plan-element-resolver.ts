import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import { SharedService } from '../../entities/reference/shared-service';
import { ForumKind } from '../../entities/fora';
import {
  PlanBody,
  PlanBodyMember,
  PlanCollaborationModel,
  PlanCollaborationStep,
  PlanFactor,
  PlanMeasure,
  PlanMilestone,
  PlanReferralRoute,
  PlanStatement,
  PlanTargetGroup,
} from '../../entities/plans';
import {
  AddPlanBodyInput,
  AddPlanCollaborationModelInput,
  AddPlanCollaborationStepInput,
  AddPlanFactorInput,
  AddPlanReferralRouteInput,
  AddPlanStatementInput,
  AddPlanTargetGroupInput,
  PlanItemIdInput,
  UpdatePlanBodyInput,
  UpdatePlanCollaborationModelInput,
  UpdatePlanCollaborationStepInput,
  UpdatePlanFactorInput,
  UpdatePlanReferralRouteInput,
  UpdatePlanStatementInput,
  UpdatePlanTargetGroupInput,
} from '../../schema/plans/inputs';
import {
  DeletePlanItemPayload,
  PlanBodyPayload,
  PlanCollaborationModelPayload,
  PlanCollaborationStepPayload,
  PlanFactorPayload,
  PlanReferralRoutePayload,
  PlanStatementPayload,
  PlanTargetGroupPayload,
} from '../../schema/plans/types';
import * as elements from '../../services/plans/elements';
import { measuresAddressing } from '../../services/plans/insights';
import { linkedTo, oneOf, planLoaders } from '../../services/plans/read';

@Resolver(() => PlanStatement)
export class PlanStatementResolver {
  @Mutation(() => PlanStatementPayload, { description: 'A text of the plan (motto, purpose, target audience, legal basis, definition, principle, consent rule …) in a DRAFT version.' })
  addPlanStatement(@Arg('input') input: AddPlanStatementInput, @Ctx() ctx: Context) {
    return elements.addPlanStatement(ctx, input);
  }

  @Mutation(() => PlanStatementPayload)
  updatePlanStatement(@Arg('input') input: UpdatePlanStatementInput, @Ctx() ctx: Context) {
    return elements.updatePlanStatement(ctx, input);
  }

  @Mutation(() => DeletePlanItemPayload, { description: 'Models, steps and routes that referred to it as their consent rule keep no rule.' })
  deletePlanStatement(@Arg('input') input: PlanItemIdInput, @Ctx() ctx: Context) {
    return elements.deletePlanStatement(ctx, input);
  }
}

@Resolver(() => PlanFactor)
export class PlanFactorResolver {
  @FieldResolver(() => [PlanMeasure], { description: 'Measures that address the factor, directly or through one of their target groups.' })
  measures(@Root() f: PlanFactor, @Ctx() ctx: Context) {
    return measuresAddressing(ctx, f);
  }

  @FieldResolver(() => [PlanTargetGroup], { description: 'Target groups the factor applies to.' })
  targetGroups(@Root() f: PlanFactor, @Ctx() ctx: Context) {
    return linkedTo(
      planLoaders.targetGroupFactors(ctx, f.versionId),
      (l) => l.factorId === f.id,
      (l) => l.targetGroupId,
      planLoaders.targetGroups(ctx, f.versionId),
    );
  }

  @Mutation(() => PlanFactorPayload, { description: 'A risk or protective factor in a DRAFT version.' })
  addPlanFactor(@Arg('input') input: AddPlanFactorInput, @Ctx() ctx: Context) {
    return elements.addPlanFactor(ctx, input);
  }

  @Mutation(() => PlanFactorPayload)
  updatePlanFactor(@Arg('input') input: UpdatePlanFactorInput, @Ctx() ctx: Context) {
    return elements.updatePlanFactor(ctx, input);
  }

  @Mutation(() => DeletePlanItemPayload, { description: 'Its links to measures and target groups go with it.' })
  deletePlanFactor(@Arg('input') input: PlanItemIdInput, @Ctx() ctx: Context) {
    return elements.deletePlanFactor(ctx, input);
  }
}

@Resolver(() => PlanTargetGroup)
export class PlanTargetGroupResolver {
  @FieldResolver(() => [PlanFactor], { description: 'Risk and protective factors that apply to the group.' })
  factors(@Root() g: PlanTargetGroup, @Ctx() ctx: Context) {
    return linkedTo(
      planLoaders.targetGroupFactors(ctx, g.versionId),
      (l) => l.targetGroupId === g.id,
      (l) => l.factorId,
      planLoaders.factors(ctx, g.versionId),
    );
  }

  @FieldResolver(() => [PlanMeasure], { description: 'Measures for the group.' })
  measures(@Root() g: PlanTargetGroup, @Ctx() ctx: Context) {
    return linkedTo(
      planLoaders.measureTargetGroups(ctx, g.versionId),
      (l) => l.targetGroupId === g.id,
      (l) => l.measureId,
      planLoaders.measures(ctx, g.versionId),
    );
  }

  @Mutation(() => PlanTargetGroupPayload, { description: 'A target group in a DRAFT version.' })
  addPlanTargetGroup(@Arg('input') input: AddPlanTargetGroupInput, @Ctx() ctx: Context) {
    return elements.addPlanTargetGroup(ctx, input);
  }

  @Mutation(() => PlanTargetGroupPayload)
  updatePlanTargetGroup(@Arg('input') input: UpdatePlanTargetGroupInput, @Ctx() ctx: Context) {
    return elements.updatePlanTargetGroup(ctx, input);
  }

  @Mutation(() => DeletePlanItemPayload)
  deletePlanTargetGroup(@Arg('input') input: PlanItemIdInput, @Ctx() ctx: Context) {
    return elements.deletePlanTargetGroup(ctx, input);
  }
}

@Resolver(() => PlanBody)
export class PlanBodyResolver {
  @FieldResolver(() => [PlanBodyMember], { description: 'Members in the order the plan lists them.' })
  async members(@Root() b: PlanBody, @Ctx() ctx: Context) {
    return (await planLoaders.bodyMembers(ctx, b.versionId)).filter((m) => m.bodyId === b.id);
  }

  @FieldResolver(() => [PlanMilestone], { description: 'Milestones this body is responsible for.' })
  async milestones(@Root() b: PlanBody, @Ctx() ctx: Context) {
    return (await planLoaders.milestones(ctx, b.versionId)).filter((m) => m.responsibleBodyId === b.id);
  }

  @Mutation(() => PlanBodyPayload, { description: 'A governance body with its members in a DRAFT version.' })
  addPlanBody(@Arg('input') input: AddPlanBodyInput, @Ctx() ctx: Context) {
    return elements.addPlanBody(ctx, input);
  }

  @Mutation(() => PlanBodyPayload)
  updatePlanBody(@Arg('input') input: UpdatePlanBodyInput, @Ctx() ctx: Context) {
    return elements.updatePlanBody(ctx, input);
  }

  @Mutation(() => DeletePlanItemPayload, { description: 'Its members go with it; milestones it was responsible for keep no body.' })
  deletePlanBody(@Arg('input') input: PlanItemIdInput, @Ctx() ctx: Context) {
    return elements.deletePlanBody(ctx, input);
  }
}

@Resolver(() => PlanBodyMember)
export class PlanBodyMemberResolver {
  @FieldResolver(() => Municipality, { nullable: true })
  municipality(@Root() m: PlanBodyMember, @Ctx() ctx: Context) {
    return m.municipalityId ? ctx.loaders.byId(Municipality).load(m.municipalityId) : null;
  }

  @FieldResolver(() => SharedService, { nullable: true })
  service(@Root() m: PlanBodyMember, @Ctx() ctx: Context) {
    return m.serviceId ? ctx.loaders.byId(SharedService).load(m.serviceId) : null;
  }
}

@Resolver(() => PlanCollaborationModel)
export class PlanCollaborationModelResolver {
  @FieldResolver(() => [PlanCollaborationStep], { description: 'Steps (or rungs of the ladder) in order.' })
  async steps(@Root() m: PlanCollaborationModel, @Ctx() ctx: Context) {
    return (await planLoaders.collaborationSteps(ctx, m.versionId)).filter((s) => s.modelId === m.id);
  }

  @FieldResolver(() => PlanStatement, { nullable: true, description: 'The consent rule that applies to the whole model.' })
  consentRule(@Root() m: PlanCollaborationModel, @Ctx() ctx: Context) {
    return oneOf(planLoaders.statements(ctx, m.versionId), m.consentRuleId);
  }

  @Mutation(() => PlanCollaborationModelPayload, { description: 'A collaboration model or an escalation ladder in a DRAFT version.' })
  addPlanCollaborationModel(@Arg('input') input: AddPlanCollaborationModelInput, @Ctx() ctx: Context) {
    return elements.addPlanCollaborationModel(ctx, input);
  }

  @Mutation(() => PlanCollaborationModelPayload)
  updatePlanCollaborationModel(@Arg('input') input: UpdatePlanCollaborationModelInput, @Ctx() ctx: Context) {
    return elements.updatePlanCollaborationModel(ctx, input);
  }

  @Mutation(() => DeletePlanItemPayload, { description: 'Its steps go with it.' })
  deletePlanCollaborationModel(@Arg('input') input: PlanItemIdInput, @Ctx() ctx: Context) {
    return elements.deletePlanCollaborationModel(ctx, input);
  }
}

@Resolver(() => PlanCollaborationStep)
export class PlanCollaborationStepResolver {
  @FieldResolver(() => PlanCollaborationModel)
  model(@Root() s: PlanCollaborationStep, @Ctx() ctx: Context) {
    return oneOf(planLoaders.collaborationModels(ctx, s.versionId), s.modelId);
  }

  @FieldResolver(() => PlanStatement, { nullable: true, description: 'The consent rule that applies on this step.' })
  consentRule(@Root() s: PlanCollaborationStep, @Ctx() ctx: Context) {
    return oneOf(planLoaders.statements(ctx, s.versionId), s.consentRuleId);
  }

  @FieldResolver(() => ForumKind, { nullable: true, description: 'The kind of forum (fora feature) that carries the step; null when none is named or you may not see it.' })
  forumKind(@Root() s: PlanCollaborationStep, @Ctx() ctx: Context) {
    return s.forumKindId ? ctx.loaders.byId(ForumKind).load(s.forumKindId) : null;
  }

  @FieldResolver(() => [PlanReferralRoute], { description: 'Referral routes of this step.' })
  async referralRoutes(@Root() s: PlanCollaborationStep, @Ctx() ctx: Context) {
    return (await planLoaders.referralRoutes(ctx, s.versionId)).filter((r) => r.stepId === s.id);
  }

  @Mutation(() => PlanCollaborationStepPayload, { description: 'A step of a collaboration model (or a rung of an escalation ladder) in a DRAFT version.' })
  addPlanCollaborationStep(@Arg('input') input: AddPlanCollaborationStepInput, @Ctx() ctx: Context) {
    return elements.addPlanCollaborationStep(ctx, input);
  }

  @Mutation(() => PlanCollaborationStepPayload)
  updatePlanCollaborationStep(@Arg('input') input: UpdatePlanCollaborationStepInput, @Ctx() ctx: Context) {
    return elements.updatePlanCollaborationStep(ctx, input);
  }

  @Mutation(() => DeletePlanItemPayload, { description: 'Its referral routes stay, without a step.' })
  deletePlanCollaborationStep(@Arg('input') input: PlanItemIdInput, @Ctx() ctx: Context) {
    return elements.deletePlanCollaborationStep(ctx, input);
  }
}

@Resolver(() => PlanReferralRoute)
export class PlanReferralRouteResolver {
  @FieldResolver(() => PlanCollaborationStep, { nullable: true })
  step(@Root() r: PlanReferralRoute, @Ctx() ctx: Context) {
    return oneOf(planLoaders.collaborationSteps(ctx, r.versionId), r.stepId);
  }

  @FieldResolver(() => SharedService, { nullable: true, description: 'The shared service referred to, when it is one.' })
  service(@Root() r: PlanReferralRoute, @Ctx() ctx: Context) {
    return r.serviceId ? ctx.loaders.byId(SharedService).load(r.serviceId) : null;
  }

  @FieldResolver(() => PlanStatement, { nullable: true, description: 'The consent rule that applies to the referral.' })
  consentRule(@Root() r: PlanReferralRoute, @Ctx() ctx: Context) {
    return oneOf(planLoaders.statements(ctx, r.versionId), r.consentRuleId);
  }

  @Mutation(() => PlanReferralRoutePayload, { description: 'A referral route in a DRAFT version.' })
  addPlanReferralRoute(@Arg('input') input: AddPlanReferralRouteInput, @Ctx() ctx: Context) {
    return elements.addPlanReferralRoute(ctx, input);
  }

  @Mutation(() => PlanReferralRoutePayload)
  updatePlanReferralRoute(@Arg('input') input: UpdatePlanReferralRouteInput, @Ctx() ctx: Context) {
    return elements.updatePlanReferralRoute(ctx, input);
  }

  @Mutation(() => DeletePlanItemPayload)
  deletePlanReferralRoute(@Arg('input') input: PlanItemIdInput, @Ctx() ctx: Context) {
    return elements.deletePlanReferralRoute(ctx, input);
  }
}
