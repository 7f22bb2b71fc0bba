import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { type Context, todayOf } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import { GraphQLDate } from 'graphql-scalars';
import {
  MeasureImplementation,
  MeasureResponsibleKind,
  MilestoneStatus,
  PlanBody,
  PlanFactor,
  PlanFocusArea,
  PlanGoal,
  PlanMeasure,
  PlanMeasureResponsible,
  PlanMilestone,
  PlanMilestoneProgress,
  PlanTargetGroup,
  PlanVersion,
} from '../../entities/plans';
import { SharedService } from '../../entities/reference/shared-service';
import {
  AddPlanFocusAreaInput,
  AddPlanGoalInput,
  AddPlanMeasureInput,
  AddPlanMilestoneInput,
  GoalMeasureLinkInput,
  PlanItemIdInput,
  RecordMilestoneProgressInput,
  RecordMunicipalMilestoneProgressInput,
  SetMeasureForumKindInput,
  UpdatePlanFocusAreaInput,
  UpdatePlanGoalInput,
  UpdatePlanMeasureInput,
  UpdatePlanMilestoneInput,
} from '../../schema/plans/inputs';
import {
  DeletePlanItemPayload,
  GoalMeasureLinkPayload,
  MeasureForumKindPayload,
  MilestoneProgressPayload,
  MunicipalMilestoneFollowUp,
  MunicipalMilestoneProgressPayload,
  PlanFocusAreaPayload,
  PlanGoalPayload,
  PlanMeasurePayload,
  PlanMilestonePayload,
} from '../../schema/plans/types';
import { ForumKind } from '../../entities/fora';
import { measureForumKind, setMeasureForumKind } from '../../services/plans/forum-evidence';
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
import { milestoneDueBy } from '../../services/plans/follow-up';
import { milestoneFollowUpOf, municipalFollowUpsOf } from '../../services/plans/insights';
import { IMPLEMENTATIONS_CAP, implementationCount, measureImplementations } from '../../services/plans/implementations';
import { ListCap } from '../../schema/list-cap';
import { linkedTo, oneOf, planLoaders } from '../../services/plans/read';
import { recordMilestoneProgress, recordMunicipalMilestoneProgress } from '../../services/plans/workflow';
import { AS_OF, dayOf } from './as-of';

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
    return g.parentGoalId ? ((await planLoaders.goals(ctx, g.versionId)).find((x) => x.id === g.parentGoalId) ?? null) : null;
  }

  @FieldResolver(() => PlanFocusArea, { nullable: true, description: 'The focus area the goal belongs to.' })
  focusArea(@Root() g: PlanGoal, @Ctx() ctx: Context) {
    return oneOf(planLoaders.focusAreas(ctx, g.versionId), g.focusAreaId);
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

  @FieldResolver(() => [PlanGoal], { description: 'Goals that belong to this focus area.' })
  async goals(@Root() f: PlanFocusArea, @Ctx() ctx: Context) {
    return (await planLoaders.goals(ctx, f.versionId)).filter((g) => g.focusAreaId === f.id);
  }

  @FieldResolver(() => [PlanMilestone], { description: 'Milestones that advance this focus area.' })
  async milestones(@Root() f: PlanFocusArea, @Ctx() ctx: Context) {
    return (await planLoaders.milestones(ctx, f.versionId)).filter((m) => m.focusAreaId === f.id);
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
    return m.focusAreaId ? ((await planLoaders.focusAreas(ctx, m.versionId)).find((f) => f.id === m.focusAreaId) ?? null) : null;
  }

  @FieldResolver(() => [PlanGoal], { description: 'Goals this measure serves.' })
  goals(@Root() m: PlanMeasure, @Ctx() ctx: Context) {
    return linkedGoals(ctx, m);
  }

  @FieldResolver(() => [PlanMeasureResponsible], { description: 'Who is responsible, in the order given.' })
  responsible(@Root() m: PlanMeasure, @Ctx() ctx: Context) {
    return planLoaders.responsible(ctx, m.id);
  }

  @ListCap(IMPLEMENTATIONS_CAP)
  @FieldResolver(() => [MeasureImplementation], {
    description: `Status per covered municipality (signed-in callers; empty for PUBLIC), at most ${IMPLEMENTATIONS_CAP} (implementationCount says how many there are); priced at ${IMPLEMENTATIONS_CAP} per measure by the complexity limit.`,
    deprecationReason: 'Grows with the municipalities for every measure: read PlanVersion.implementations(municipalityNumber:, first:, after:), one municipality and one page of measures at a time.',
  })
  implementations(@Root() m: PlanMeasure, @Ctx() ctx: Context) {
    return measureImplementations(ctx, m);
  }

  @FieldResolver(() => Int, { description: 'Covered municipalities: how many implementation statuses the measure has (0 for PUBLIC).' })
  implementationCount(@Root() m: PlanMeasure, @Ctx() ctx: Context) {
    return implementationCount(ctx, m);
  }

  @FieldResolver(() => ForumKind, {
    nullable: true,
    description: 'The kind of forum whose fora show how the measure is carried out (follow-up: see implementations.foraEvidence); null when none is linked or you may not see it.',
  })
  forumKind(@Root() m: PlanMeasure, @Ctx() ctx: Context) {
    return measureForumKind(ctx, m);
  }

  @Mutation(() => MeasureForumKindPayload, {
    description:
      'REGION_ADMIN or SERVICE_LEADER (plans covering own service): link a measure of the version in force (or the newest version) to the forum kind whose fora show how it is carried out, or unlink it (forumKindId null). Follow-up, no revision needed.',
  })
  setMeasureForumKind(@Arg('input') input: SetMeasureForumKindInput, @Ctx() ctx: Context) {
    return setMeasureForumKind(ctx, input);
  }

  @FieldResolver(() => [PlanFactor], { description: "Risk and protective factors the measure addresses directly (see also its target groups' factors)." })
  factors(@Root() m: PlanMeasure, @Ctx() ctx: Context) {
    return linkedTo(
      planLoaders.measureFactors(ctx, m.versionId),
      (l) => l.measureId === m.id,
      (l) => l.factorId,
      planLoaders.factors(ctx, m.versionId),
    );
  }

  @FieldResolver(() => [PlanTargetGroup], { description: 'Target groups the measure is for.' })
  targetGroups(@Root() m: PlanMeasure, @Ctx() ctx: Context) {
    return linkedTo(
      planLoaders.measureTargetGroups(ctx, m.versionId),
      (l) => l.measureId === m.id,
      (l) => l.targetGroupId,
      planLoaders.targetGroups(ctx, m.versionId),
    );
  }

  @FieldResolver(() => [PlanMeasure], { description: 'Measures this one depends on ("vil avhenge av arbeid med tiltak 3").' })
  dependsOn(@Root() m: PlanMeasure, @Ctx() ctx: Context) {
    return linkedTo(
      planLoaders.dependencies(ctx, m.versionId),
      (l) => l.measureId === m.id,
      (l) => l.dependsOnMeasureId,
      planLoaders.measures(ctx, m.versionId),
    );
  }

  @FieldResolver(() => [PlanMeasure], { description: 'Measures that depend on this one.' })
  dependents(@Root() m: PlanMeasure, @Ctx() ctx: Context) {
    return linkedTo(
      planLoaders.dependencies(ctx, m.versionId),
      (l) => l.dependsOnMeasureId === m.id,
      (l) => l.measureId,
      planLoaders.measures(ctx, m.versionId),
    );
  }

  @FieldResolver(() => [PlanMilestone], { description: 'Milestones and deadlines that advance this measure.' })
  async milestones(@Root() m: PlanMeasure, @Ctx() ctx: Context) {
    return (await planLoaders.milestones(ctx, m.versionId)).filter((x) => x.measureId === m.id);
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
  @FieldResolver(() => PlanBody, { nullable: true, description: 'The governance body responsible (or `responsible`, a role).' })
  responsibleBody(@Root() m: PlanMilestone, @Ctx() ctx: Context) {
    return oneOf(planLoaders.bodies(ctx, m.versionId), m.responsibleBodyId);
  }

  @FieldResolver(() => PlanMeasure, { nullable: true, description: 'The measure the milestone advances.' })
  measure(@Root() m: PlanMilestone, @Ctx() ctx: Context) {
    return oneOf(planLoaders.measures(ctx, m.versionId), m.measureId);
  }

  @FieldResolver(() => PlanFocusArea, { nullable: true, description: 'The focus area the milestone advances.' })
  focusArea(@Root() m: PlanMilestone, @Ctx() ctx: Context) {
    return oneOf(planLoaders.focusAreas(ctx, m.versionId), m.focusAreaId);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The last day it is due (end of its month, term or year); null without a deadline.' })
  dueBy(@Root() m: PlanMilestone) {
    return milestoneDueBy(m);
  }

  @FieldResolver(() => MilestoneStatus, { nullable: true, description: 'Recorded progress (PLANNED until recorded). Not public: null without a token.' })
  async status(@Root() m: PlanMilestone, @Ctx() ctx: Context) {
    return ctx.principal.regionId ? (await milestoneFollowUpOf(ctx, m, todayOf(ctx))).status : null;
  }

  @FieldResolver(() => PlanMilestoneProgress, { nullable: true, description: 'The recorded progress: status, completion date, note (not public).' })
  async progress(@Root() m: PlanMilestone, @Ctx() ctx: Context) {
    return (await milestoneFollowUpOf(ctx, m, todayOf(ctx))).progress;
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: "Due before asOf and, on asOf, neither done (judged by its completion date, not by today's status) nor cancelled. Not public: null without a token.",
  })
  async overdue(@Root() m: PlanMilestone, @Arg('asOf', () => GraphQLDate, AS_OF) asOf: Date | null, @Ctx() ctx: Context) {
    return ctx.principal.regionId ? (await milestoneFollowUpOf(ctx, m, dayOf(ctx, asOf))).overdue : null;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Done on or before asOf, but after the day it was due. Not public: null without a token.' })
  async doneLate(@Root() m: PlanMilestone, @Arg('asOf', () => GraphQLDate, AS_OF) asOf: Date | null, @Ctx() ctx: Context) {
    return ctx.principal.regionId ? (await milestoneFollowUpOf(ctx, m, dayOf(ctx, asOf))).doneLate : null;
  }

  @FieldResolver(() => [MunicipalMilestoneFollowUp], {
    description:
      'For a milestone each covered municipality must reach (perMunicipality): every covered municipality with its progress, overdue and done late as of asOf. Empty for other milestones and without a token.',
  })
  municipalProgress(@Root() m: PlanMilestone, @Arg('asOf', () => GraphQLDate, AS_OF) asOf: Date | null, @Ctx() ctx: Context) {
    return municipalFollowUpsOf(ctx, m, dayOf(ctx, asOf));
  }

  @Mutation(() => MunicipalMilestoneProgressPayload, {
    description:
      "MUNICIPAL_DIRECTOR (own municipality), REGION_ADMIN or SERVICE_LEADER (plans covering own service): one municipality's progress on a milestone each covered municipality must reach (perMunicipality).",
  })
  recordMunicipalMilestoneProgress(@Arg('input') input: RecordMunicipalMilestoneProgressInput, @Ctx() ctx: Context) {
    return recordMunicipalMilestoneProgress(ctx, input);
  }

  @Mutation(() => MilestoneProgressPayload, { description: 'REGION_ADMIN or SERVICE_LEADER (plans covering own service): progress of a milestone of the version in force, without a revision.' })
  recordMilestoneProgress(@Arg('input') input: RecordMilestoneProgressInput, @Ctx() ctx: Context) {
    return recordMilestoneProgress(ctx, input);
  }

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
