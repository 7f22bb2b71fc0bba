import { Arg, Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { GraphQLDate } from 'graphql-scalars';
import {
  CollaborationModelKind,
  PlanAdoption,
  PlanBody,
  PlanCollaborationModel,
  PlanFactor,
  PlanFactorKind,
  PlanFocusArea,
  PlanGoal,
  PlanGoalKind,
  PlanMeasure,
  PlanMilestone,
  PlanReferralRoute,
  PlanStatement,
  PlanStatementKind,
  PlanTargetGroup,
  PlanVersion,
  PreventionLevel,
  StrategicPlan,
} from '../../entities/plans';
import { AgeBandInput, RecordPlanAdoptionInput } from '../../schema/plans/inputs';
import {
  CoverageMatrix,
  GoalMeasureLink,
  LegalCompleteness,
  MeasureImplementationConnection,
  MilestoneFollowUp,
  MunicipalMilestoneFollowUp,
  PlanAdoptionPayload,
  PlanAdoptionSummary,
  PreventionCoverage,
} from '../../schema/plans/types';
import { orderedGoals } from '../../services/plans/analysis';
import {
  adoptionSummary,
  coverageMatrix,
  legalCompleteness,
  milestonesDoneLateOf,
  overdueByMunicipalityOf,
  overdueMilestonesOf,
  preventionCoverageOf,
  versionAdoptions,
} from '../../services/plans/insights';
import { ageBandsOf } from '../../services/plans/prevention';
import { versionImplementations } from '../../services/plans/implementations';
import { PageArgs } from '../../schema/connection';
import { AS_OF, dayOf } from './as-of';
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

  @FieldResolver(() => PlanGoal, { nullable: true, description: 'Hovedmål: the first main goal (see mainGoals).' })
  async mainGoal(@Root() v: PlanVersion, @Ctx() ctx: Context) {
    return (await planLoaders.goals(ctx, v.id)).find((g) => g.kind === PlanGoalKind.MAIN) ?? null;
  }

  @FieldResolver(() => [PlanGoal], { description: 'Every main goal (hovedmålsetning), in order: a plan may state several.' })
  async mainGoals(@Root() v: PlanVersion, @Ctx() ctx: Context) {
    return (await planLoaders.goals(ctx, v.id)).filter((g) => g.kind === PlanGoalKind.MAIN);
  }

  @FieldResolver(() => [PlanStatement], { description: "The plan's texts in order; filter by kind (TARGET_AUDIENCE, PURPOSE, LEGAL_BASIS, DEFINITION for the glossary, PRINCIPLE …)." })
  async statements(@Root() v: PlanVersion, @Arg('kind', () => PlanStatementKind, { nullable: true }) kind: PlanStatementKind | null, @Ctx() ctx: Context) {
    const all = await planLoaders.statements(ctx, v.id);
    return kind ? all.filter((s) => s.kind === kind) : all;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The motto (the first MOTTO statement).' })
  async motto(@Root() v: PlanVersion, @Ctx() ctx: Context) {
    return (await planLoaders.statements(ctx, v.id)).find((s) => s.kind === PlanStatementKind.MOTTO)?.text ?? null;
  }

  @FieldResolver(() => [PlanFactor], { description: 'Risk and protective factors in order; filter by kind.' })
  async factors(@Root() v: PlanVersion, @Arg('kind', () => PlanFactorKind, { nullable: true }) kind: PlanFactorKind | null, @Ctx() ctx: Context) {
    const all = await planLoaders.factors(ctx, v.id);
    return kind ? all.filter((f) => f.kind === kind) : all;
  }

  @FieldResolver(() => [PlanTargetGroup])
  targetGroups(@Root() v: PlanVersion, @Ctx() ctx: Context) {
    return planLoaders.targetGroups(ctx, v.id);
  }

  @FieldResolver(() => [PlanBody], { description: 'Governance bodies (steering group, working group …) with their members.' })
  governanceBodies(@Root() v: PlanVersion, @Ctx() ctx: Context) {
    return planLoaders.bodies(ctx, v.id);
  }

  @FieldResolver(() => [PlanCollaborationModel], { description: 'Collaboration models and escalation ladders; filter by kind.' })
  async collaborationModels(@Root() v: PlanVersion, @Arg('kind', () => CollaborationModelKind, { nullable: true }) kind: CollaborationModelKind | null, @Ctx() ctx: Context) {
    const all = await planLoaders.collaborationModels(ctx, v.id);
    return kind ? all.filter((m) => m.kind === kind) : all;
  }

  @FieldResolver(() => [PlanReferralRoute])
  referralRoutes(@Root() v: PlanVersion, @Ctx() ctx: Context) {
    return planLoaders.referralRoutes(ctx, v.id);
  }

  @FieldResolver(() => PreventionCoverage, { description: 'Gap analysis: the measures by prevention level × age band × risk or protective factor.' })
  preventionCoverage(
    @Root() v: PlanVersion,
    @Arg('ageBands', () => [AgeBandInput], { nullable: true, description: 'Default: 0–5, 6–12, 13–15, 16–17.' }) ageBands: AgeBandInput[] | null,
    @Ctx() ctx: Context,
  ) {
    return preventionCoverageOf(ctx, v, ageBandsOf(ageBands));
  }

  @FieldResolver(() => [MilestoneFollowUp], { description: 'Milestones due before asOf that on asOf were neither done (by their completion date) nor cancelled. Not public: empty without a token.' })
  overdueMilestones(@Root() v: PlanVersion, @Arg('asOf', () => GraphQLDate, AS_OF) asOf: Date | null, @Ctx() ctx: Context) {
    return overdueMilestonesOf(ctx, v, dayOf(ctx, asOf));
  }

  @FieldResolver(() => [MunicipalMilestoneFollowUp], {
    description:
      'Milestones each covered municipality must reach itself that are overdue on asOf, one entry per municipality that has not done (by its completion date) nor cancelled it. Not public: empty without a token.',
  })
  overdueByMunicipality(@Root() v: PlanVersion, @Arg('asOf', () => GraphQLDate, AS_OF) asOf: Date | null, @Ctx() ctx: Context) {
    return overdueByMunicipalityOf(ctx, v, dayOf(ctx, asOf));
  }

  @FieldResolver(() => [MilestoneFollowUp], { description: 'Milestones done by asOf, but after the day they were due. Not public: empty without a token.' })
  milestonesDoneLate(@Root() v: PlanVersion, @Arg('asOf', () => GraphQLDate, AS_OF) asOf: Date | null, @Ctx() ctx: Context) {
    return milestonesDoneLateOf(ctx, v, dayOf(ctx, asOf));
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

  @FieldResolver(() => [PlanMeasure], { description: 'Measures in plan order; filter by prevention level (measures on several levels appear under each).' })
  async measures(@Root() v: PlanVersion, @Arg('preventionLevel', () => PreventionLevel, { nullable: true }) level: PreventionLevel | null, @Ctx() ctx: Context) {
    const measures = await planLoaders.measures(ctx, v.id);
    return level ? measures.filter((m) => m.preventionLevels.includes(level)) : measures;
  }

  @FieldResolver(() => MeasureImplementationConnection, {
    description:
      "One municipality's implementation status of the version's measures, one page of measures in plan order (NOT_STARTED where nothing is recorded; each row names its measure). Signed-in callers; an empty page for PUBLIC. The bounded way to read implementation: a fixed number of SQL statements per page.",
  })
  implementations(
    @Root() v: PlanVersion,
    @Arg('municipalityNumber', { description: 'Kommunenummer of a municipality the plan covers.' }) municipalityNumber: string,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return versionImplementations(ctx, v, { municipalityNumber, ...page });
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

  @FieldResolver(() => LegalCompleteness, { description: 'Does the version state goals, organisation and cooperation (barnevernsloven § 15-1)? A structural check, not a legal review.' })
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
    description:
      "MUNICIPAL_DIRECTOR (own municipality) or REGION_ADMIN: a council's decision on a version on consultation. When all covered municipalities adopted it, the version and plan become ADOPTED.",
  })
  recordPlanAdoption(@Arg('input') input: RecordPlanAdoptionInput, @Ctx() ctx: Context) {
    return recordPlanAdoption(ctx, input);
  }
}
