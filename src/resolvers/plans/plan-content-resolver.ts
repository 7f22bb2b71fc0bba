import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import { MeasureImplementation, MeasureResponsibleKind, PlanFocusArea, PlanGoal, PlanMeasure, PlanMeasureResponsible, PlanMilestone, PlanVersion } from '../../entities/plans';
import { SharedService } from '../../entities/reference/shared-service';
import {
  AddPlanFocusAreaInput,
  AddPlanGoalInput,
  AddPlanMeasureInput,
  AddPlanMilestoneInput,
  GoalMeasureLinkInput,
  PlanItemIdInput,
  UpdatePlanFocusAreaInput,
  UpdatePlanGoalInput,
  UpdatePlanMeasureInput,
  UpdatePlanMilestoneInput,
} from '../../schema/plans/inputs';
import { DeletePlanItemPayload, GoalMeasureLinkPayload, PlanFocusAreaPayload, PlanGoalPayload, PlanMeasurePayload, PlanMilestonePayload } from '../../schema/plans/types';
import {
  addPlanFocusArea,
  addPlanGoal,
  addPlanMeasure,
  addPlanMilestone,
  deletePlanFocusArea,
  deletePlanGoal,
  deletePlanMeasure,
  deletePlanMilestone,
  linkGoalMeasure,
  unlinkGoalMeasure,
  updatePlanFocusArea,
  updatePlanGoal,
  updatePlanMeasure,
  updatePlanMilestone,
} from '../../services/plans/content';
import { measureImplementations } from '../../services/plans/insights';
import { planLoaders } from '../../services/plans/read';

async function linkedMeasures(ctx: Context, goal: PlanGoal): Promise<PlanMeasure[]> {
  const [links, measures] = await Promise.all([planLoaders.links(ctx, goal.versionId), planLoaders.measures(ctx, goal.versionId)]);
  const ids = new Set(links.filter((l) => l.goalId === goal.id).map((l) => l.measureId));
  return measures.filter((m) => ids.has(m.id));
}

async function linkedGoals(ctx: Context, measure: PlanMeasure): Promise<PlanGoal[]> {
  const [links, goals] = await Promise.all([planLoaders.links(ctx, measure.versionId), planLoaders.goals(ctx, measure.versionId)]);
  const ids = new Set(links.filter((l) => l.measureId === measure.id).map((l) => l.goalId));
  return goals.filter((g) => ids.has(g.id));
}

@Resolver(() => PlanGoal)
export class PlanGoalResolver {
  @FieldResolver(() => PlanVersion)
  version(@Root() g: PlanGoal, @Ctx() ctx: Context) {
    return ctx.loaders.byId(PlanVersion).load(g.versionId);
  }

  @FieldResolver(() => PlanGoal, { nullable: true, description: 'The goal a sub-goal belongs to.' })
  async parent(@Root() g: PlanGoal, @Ctx() ctx: Context) {
    return g.parentGoalId ? (await planLoaders.goals(ctx, g.versionId)).find((x) => x.id === g.parentGoalId) ?? null : null;
  }

  @FieldResolver(() => [PlanGoal])
  async subGoals(@Root() g: PlanGoal, @Ctx() ctx: Context) {
    return (await planLoaders.goals(ctx, g.versionId)).filter((x) => x.parentGoalId === g.id);
  }

  @FieldResolver(() => [PlanMeasure], { description: 'Measures that serve this goal.' })
  measures(@Root() g: PlanGoal, @Ctx() ctx: Context) {
    return linkedMeasures(ctx, g);
  }

  @Mutation(() => PlanGoalPayload, { description: 'Adds the main goal, a goal or a sub-goal to a DRAFT version.' })
  addPlanGoal(@Arg('input') input: AddPlanGoalInput, @Ctx() ctx: Context) {
    return addPlanGoal(ctx, input);
  }

  @Mutation(() => PlanGoalPayload)
  updatePlanGoal(@Arg('input') input: UpdatePlanGoalInput, @Ctx() ctx: Context) {
    return updatePlanGoal(ctx, input);
  }

  @Mutation(() => DeletePlanItemPayload, { description: 'Deletes a goal of a DRAFT version, with its sub-goals and links.' })
  deletePlanGoal(@Arg('input') input: PlanItemIdInput, @Ctx() ctx: Context) {
    return deletePlanGoal(ctx, input);
  }

  @Mutation(() => GoalMeasureLinkPayload, { description: 'The measure serves the goal (DRAFT versions).' })
  linkGoalMeasure(@Arg('input') input: GoalMeasureLinkInput, @Ctx() ctx: Context) {
    return linkGoalMeasure(ctx, input);
  }

  @Mutation(() => GoalMeasureLinkPayload)
  unlinkGoalMeasure(@Arg('input') input: GoalMeasureLinkInput, @Ctx() ctx: Context) {
    return unlinkGoalMeasure(ctx, input);
  }
}

@Resolver(() => PlanFocusArea)
export class PlanFocusAreaResolver {
  @FieldResolver(() => [PlanMeasure], { description: 'Measures placed under this focus area.' })
  async measures(@Root() f: PlanFocusArea, @Ctx() ctx: Context) {
    return (await planLoaders.measures(ctx, f.versionId)).filter((m) => m.focusAreaId === f.id);
  }

  @Mutation(() => PlanFocusAreaPayload)
  addPlanFocusArea(@Arg('input') input: AddPlanFocusAreaInput, @Ctx() ctx: Context) {
    return addPlanFocusArea(ctx, input);
  }

  @Mutation(() => PlanFocusAreaPayload)
  updatePlanFocusArea(@Arg('input') input: UpdatePlanFocusAreaInput, @Ctx() ctx: Context) {
    return updatePlanFocusArea(ctx, input);
  }

  @Mutation(() => DeletePlanItemPayload, { description: 'Its measures stay, without a focus area.' })
  deletePlanFocusArea(@Arg('input') input: PlanItemIdInput, @Ctx() ctx: Context) {
    return deletePlanFocusArea(ctx, input);
  }
}

@Resolver(() => PlanMeasure)
export class PlanMeasureResolver {
  @FieldResolver(() => PlanVersion)
  version(@Root() m: PlanMeasure, @Ctx() ctx: Context) {
    return ctx.loaders.byId(PlanVersion).load(m.versionId);
  }

  @FieldResolver(() => PlanFocusArea, { nullable: true })
  async focusArea(@Root() m: PlanMeasure, @Ctx() ctx: Context) {
    return m.focusAreaId ? (await planLoaders.focusAreas(ctx, m.versionId)).find((f) => f.id === m.focusAreaId) ?? null : null;
  }

  @FieldResolver(() => [PlanGoal], { description: 'Goals this measure serves.' })
  goals(@Root() m: PlanMeasure, @Ctx() ctx: Context) {
    return linkedGoals(ctx, m);
  }

  @FieldResolver(() => [PlanMeasureResponsible], { description: 'Who is responsible, in the order given.' })
  responsible(@Root() m: PlanMeasure, @Ctx() ctx: Context) {
    return planLoaders.responsible(ctx, m.id);
  }

  @FieldResolver(() => [MeasureImplementation], { description: 'Status per covered municipality (signed-in callers; empty for PUBLIC).' })
  implementations(@Root() m: PlanMeasure, @Ctx() ctx: Context) {
    return measureImplementations(ctx, m);
  }

  @Mutation(() => PlanMeasurePayload)
  addPlanMeasure(@Arg('input') input: AddPlanMeasureInput, @Ctx() ctx: Context) {
    return addPlanMeasure(ctx, input);
  }

  @Mutation(() => PlanMeasurePayload)
  updatePlanMeasure(@Arg('input') input: UpdatePlanMeasureInput, @Ctx() ctx: Context) {
    return updatePlanMeasure(ctx, input);
  }

  @Mutation(() => DeletePlanItemPayload)
  deletePlanMeasure(@Arg('input') input: PlanItemIdInput, @Ctx() ctx: Context) {
    return deletePlanMeasure(ctx, input);
  }
}

@Resolver(() => PlanMeasureResponsible)
export class PlanMeasureResponsibleResolver {
  @FieldResolver(() => SharedService, { nullable: true })
  service(@Root() r: PlanMeasureResponsible, @Ctx() ctx: Context) {
    return r.serviceId ? ctx.loaders.byId(SharedService).load(r.serviceId) : null;
  }

  @FieldResolver(() => Municipality, { nullable: true })
  municipality(@Root() r: PlanMeasureResponsible, @Ctx() ctx: Context) {
    return r.municipalityId ? ctx.loaders.byId(Municipality).load(r.municipalityId) : null;
  }

  @FieldResolver(() => String, { description: 'The role, service or municipality name.' })
  async label(@Root() r: PlanMeasureResponsible, @Ctx() ctx: Context) {
    if (r.kind === MeasureResponsibleKind.SERVICE) return (await ctx.loaders.byId(SharedService).load(r.serviceId!))?.name ?? '';
    if (r.kind === MeasureResponsibleKind.MUNICIPALITY) return (await ctx.loaders.byId(Municipality).load(r.municipalityId!))?.name ?? '';
    return r.roleName ?? '';
  }
}

@Resolver(() => PlanMilestone)
export class PlanMilestoneResolver {
  @Mutation(() => PlanMilestonePayload)
  addPlanMilestone(@Arg('input') input: AddPlanMilestoneInput, @Ctx() ctx: Context) {
    return addPlanMilestone(ctx, input);
  }

  @Mutation(() => PlanMilestonePayload)
  updatePlanMilestone(@Arg('input') input: UpdatePlanMilestoneInput, @Ctx() ctx: Context) {
    return updatePlanMilestone(ctx, input);
  }

  @Mutation(() => DeletePlanItemPayload)
  deletePlanMilestone(@Arg('input') input: PlanItemIdInput, @Ctx() ctx: Context) {
    return deletePlanMilestone(ctx, input);
  }
}
