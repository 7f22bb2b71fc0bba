import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { PlanAdoption, PlanFocusArea, PlanGoal, PlanGoalKind, PlanMeasure, PlanMilestone, PlanVersion, PreventionLevel, StrategicPlan } from '../../entities/plans';
import { RecordPlanAdoptionInput } from '../../schema/plans/inputs';
import { CoverageMatrix, GoalMeasureLink, LegalCompleteness, PlanAdoptionPayload, PlanAdoptionSummary } from '../../schema/plans/types';
import { orderedGoals } from '../../services/plans/analysis';
import { adoptionSummary, coverageMatrix, legalCompleteness, versionAdoptions } from '../../services/plans/insights';
import { planLoaders, versionIsVisible } from '../../services/plans/read';
import { recordPlanAdoption } from '../../services/plans/workflow';

@Resolver(() => PlanVersion)
export class PlanVersionResolver {
  @FieldResolver(() => StrategicPlan)
  plan(@Root() v: PlanVersion, @Ctx() ctx: Context) {
    return ctx.loaders.byId(StrategicPlan).load(v.planId);
  }

  @FieldResolver(() => PlanVersion, { nullable: true, description: 'The version this one was revised from.' })
  async basedOn(@Root() v: PlanVersion, @Ctx() ctx: Context) {
    const base = v.basedOnVersionId ? await ctx.loaders.byId(PlanVersion).load(v.basedOnVersionId) : null;
    return base && versionIsVisible(ctx, base) ? base : null;
  }

  @FieldResolver(() => PlanGoal, { nullable: true, description: 'Hovedmål.' })
  async mainGoal(@Root() v: PlanVersion, @Ctx() ctx: Context) {
    return (await planLoaders.goals(ctx, v.id)).find((g) => g.kind === PlanGoalKind.MAIN) ?? null;
  }

  @FieldResolver(() => [PlanGoal], { description: 'Goals in reading order (each goal followed by its sub-goals); filter by kind.' })
  async goals(@Root() v: PlanVersion, @Arg('kind', () => PlanGoalKind, { nullable: true }) kind: PlanGoalKind | null, @Ctx() ctx: Context) {
    const goals = orderedGoals(await planLoaders.goals(ctx, v.id));
    return kind ? goals.filter((g) => g.kind === kind) : goals;
  }

  @FieldResolver(() => [PlanFocusArea])
  focusAreas(@Root() v: PlanVersion, @Ctx() ctx: Context) {
    return planLoaders.focusAreas(ctx, v.id);
  }

  @FieldResolver(() => [PlanMeasure], { description: 'Measures in plan order; filter by prevention level.' })
  async measures(@Root() v: PlanVersion, @Arg('preventionLevel', () => PreventionLevel, { nullable: true }) level: PreventionLevel | null, @Ctx() ctx: Context) {
    const measures = await planLoaders.measures(ctx, v.id);
    return level ? measures.filter((m) => m.preventionLevel === level) : measures;
  }

  @FieldResolver(() => [PlanMilestone])
  milestones(@Root() v: PlanVersion, @Ctx() ctx: Context) {
    return planLoaders.milestones(ctx, v.id);
  }

  @FieldResolver(() => [GoalMeasureLink], { description: 'Every goal ↔ measure link of the version.' })
  async links(@Root() v: PlanVersion, @Ctx() ctx: Context) {
    const [links, goals, measures] = await Promise.all([planLoaders.links(ctx, v.id), planLoaders.goals(ctx, v.id), planLoaders.measures(ctx, v.id)]);
    return links
      .map((l) => ({ goal: goals.find((g) => g.id === l.goalId)!, measure: measures.find((m) => m.id === l.measureId)! }))
      .filter((l) => l.goal && l.measure)
      .sort((a, b) => a.goal.position - b.goal.position || a.measure.position - b.measure.position);
  }

  @FieldResolver(() => CoverageMatrix, { description: 'Goal × measure matrix, with goals no measure serves and measures that serve no goal.' })
  coverageMatrix(@Root() v: PlanVersion, @Ctx() ctx: Context) {
    return coverageMatrix(ctx, v);
  }

  @FieldResolver(() => LegalCompleteness, { description: 'Does the version state goals, organisation and cooperation (barnevernsloven § 15-1)?' })
  legalCompleteness(@Root() v: PlanVersion, @Ctx() ctx: Context) {
    return legalCompleteness(ctx, v);
  }

  @FieldResolver(() => [PlanAdoption], { description: 'One entry per covered municipality (PENDING until its council decided), by kommunenummer.' })
  adoptions(@Root() v: PlanVersion, @Ctx() ctx: Context) {
    return versionAdoptions(ctx, v);
  }

  @FieldResolver(() => PlanAdoptionSummary)
  adoptionSummary(@Root() v: PlanVersion, @Ctx() ctx: Context) {
    return adoptionSummary(ctx, v);
  }

  @Mutation(() => PlanAdoptionPayload, {
    description: "MUNICIPAL_DIRECTOR (own municipality) or REGION_ADMIN: a council's decision on a version on consultation. When all covered municipalities adopted it, the version and plan become ADOPTED.",
  })
  recordPlanAdoption(@Arg('input') input: RecordPlanAdoptionInput, @Ctx() ctx: Context) {
    return recordPlanAdoption(ctx, input);
  }
}
