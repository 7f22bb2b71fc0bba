import { GraphQLDate } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { badInput } from '../../errors';
import { Municipality } from '../../entities/reference/municipality';
import { PlanReview, PlanVersion, StrategicPlan, StrategicPlanStatus } from '../../entities/plans';
import { Region } from '../../entities/reference/region';
import { SharedService } from '../../entities/reference/shared-service';
import { AgeBandInput, CreateStrategicPlanInput, PlanIdInput, PlanVersionIdInput, RecordPlanReviewInput, StartPlanRevisionInput, UpdateStrategicPlanInput } from '../../schema/plans/inputs';
import {
  DeleteStrategicPlanPayload,
  PlanExpiry,
  PlanFollowUp,
  PlanProgress,
  PlanReviewStatus,
  PlanReviewPayload,
  PlanVersionComparison,
  StrategicPlanConnection,
  StrategicPlanPayload,
  PreventionCoverage,
} from '../../schema/plans/types';
import { compareVersions, planExpiry, planPreventionCoverage, planProgress, planReviewStatus, regionFollowUp } from '../../services/plans/insights';
import { ageBandsOf } from '../../services/plans/prevention';
import { AS_OF, dayOf } from './as-of';
import { archiveStrategicPlan, createStrategicPlan, deleteStrategicPlan, updateStrategicPlan } from '../../services/plans/plans';
import { currentVersion, findStrategicPlan, listStrategicPlans, planLoaders, versionIsVisible } from '../../services/plans/read';
import { recordPlanReview, startPlanRevision, submitPlanForConsultation } from '../../services/plans/workflow';
import { PageArgs } from '../../schema/connection';

@Resolver(() => StrategicPlan)
export class StrategicPlanResolver {
  @Query(() => StrategicPlanConnection, { description: 'Strategic plans of your region, newest period first. Without a token: adopted and archived plans only (optionally of regionCode).' })
  strategicPlans(
    @Arg('status', () => StrategicPlanStatus, { nullable: true }) status: StrategicPlanStatus | null,
    @Arg('regionCode', () => String, { nullable: true }) regionCode: string | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return listStrategicPlans(ctx, { ...page, status, regionCode });
  }

  @Query(() => StrategicPlan, { nullable: true, description: 'A plan by global ID; null if it does not exist or you may not see it (drafts are not public).' })
  strategicPlan(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return findStrategicPlan(ctx, id);
  }

  @Query(() => PreventionCoverage, {
    nullable: true,
    description:
      'Prevention gap analysis of a plan: its measures by prevention level × age band × risk or protective factor, the cells with no measure, and the measures that address no stated risk. The version you see by default (or versionNumber); null if you may not see the plan.',
  })
  preventionCoverage(
    @Arg('planId', () => ID) planId: string,
    @Arg('versionNumber', () => Int, { nullable: true }) versionNumber: number | null,
    @Arg('ageBands', () => [AgeBandInput], { nullable: true, description: 'Default: 0–5, 6–12, 13–15, 16–17.' }) ageBands: AgeBandInput[] | null,
    @Ctx() ctx: Context,
  ) {
    return planPreventionCoverage(ctx, planId, versionNumber, ageBandsOf(ageBands));
  }

  @Query(() => [PlanFollowUp], {
    description:
      'Follow-up of every adopted plan of your region: period ending or ended (with what must happen), overdue milestones, and who has and has not reviewed their measures in `year`. Signed-in callers only.',
  })
  planFollowUp(
    @Arg('asOf', () => GraphQLDate, AS_OF) asOf: Date | null,
    @Arg('horizonMonths', () => Int, { defaultValue: 6, description: 'Flag a plan whose period ends within this many months (0–60).' }) horizonMonths: number,
    @Arg('year', () => Int, { nullable: true, description: 'Reviews of this year (default: the year of asOf).' }) year: number | null,
    @Ctx() ctx: Context,
  ) {
    const day = dayOf(ctx, asOf);
    return regionFollowUp(ctx, { asOf: day, horizonMonths: checkedHorizon(horizonMonths), year: year ?? Number(day.slice(0, 4)) });
  }

  @FieldResolver(() => Region)
  region(@Root() p: StrategicPlan, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Region).load(p.regionId);
  }

  @FieldResolver(() => [Municipality], { description: 'Owner municipalities the plan covers; each must adopt it.' })
  municipalities(@Root() p: StrategicPlan, @Ctx() ctx: Context) {
    return planLoaders.municipalities(ctx, p.id);
  }

  @FieldResolver(() => [SharedService], { description: 'Shared services the plan covers.' })
  sharedServices(@Root() p: StrategicPlan, @Ctx() ctx: Context) {
    return planLoaders.services(ctx, p.id);
  }

  @FieldResolver(() => [PlanVersion], { description: 'Versions you may see, oldest first (PUBLIC: adopted and superseded ones).' })
  versions(@Root() p: StrategicPlan, @Ctx() ctx: Context) {
    return planLoaders.visibleVersions(ctx, p.id);
  }

  @FieldResolver(() => PlanVersion, { nullable: true, description: 'The newest version (a draft while revising); PUBLIC gets the adopted one.' })
  currentVersion(@Root() p: StrategicPlan, @Ctx() ctx: Context) {
    return currentVersion(ctx, p);
  }

  @FieldResolver(() => PlanVersion, { nullable: true, description: 'The version in force.' })
  adoptedVersion(@Root() p: StrategicPlan, @Ctx() ctx: Context) {
    return p.adoptedVersionId ? ctx.loaders.byId(PlanVersion).load(p.adoptedVersionId) : null;
  }

  @FieldResolver(() => PlanVersion, { nullable: true, description: 'A version by number.' })
  async version(@Root() p: StrategicPlan, @Arg('number', () => Int) number: number, @Ctx() ctx: Context) {
    const versions = await planLoaders.versions(ctx, p.id);
    const v = versions.find((x) => x.number === number);
    return v && versionIsVisible(ctx, v) ? v : null;
  }

  @FieldResolver(() => PlanVersionComparison, { description: 'What changed between two versions, in every kind of content, and the links added or removed.' })
  async compareVersions(@Root() p: StrategicPlan, @Arg('from', () => Int) from: number, @Arg('to', () => Int) to: number, @Ctx() ctx: Context) {
    const { items, ...rest } = await compareVersions(ctx, p, from, to);
    return { ...items, ...rest };
  }

  @FieldResolver(() => PlanExpiry, { description: 'Whether the plan period ends within horizonMonths of asOf or has ended, and what the law and the plan then say must happen.' })
  expiry(
    @Root() p: StrategicPlan,
    @Arg('asOf', () => GraphQLDate, AS_OF) asOf: Date | null,
    @Arg('horizonMonths', () => Int, { defaultValue: 6, description: '0–60.' }) horizonMonths: number,
    @Ctx() ctx: Context,
  ) {
    return planExpiry(ctx, p, dayOf(ctx, asOf), checkedHorizon(horizonMonths));
  }

  @FieldResolver(() => PlanReviewStatus, {
    description: 'Yearly reviews of `year`: of the whole plan, and per covered shared service of its own measures. Not public: UNAUTHENTICATED without a token.',
  })
  reviewStatus(@Root() p: StrategicPlan, @Arg('year', () => Int) year: number, @Ctx() ctx: Context) {
    return planReviewStatus(ctx, p, checkedYear(year));
  }

  @FieldResolver(() => PlanProgress, {
    nullable: true,
    description:
      'Implementation progress of the adopted version; null before adoption. Not public: without a token this field is an UNAUTHENTICATED error on the field (the rest of the answer stands).',
  })
  progress(@Root() p: StrategicPlan, @Ctx() ctx: Context) {
    return planProgress(ctx, p);
  }

  @FieldResolver(() => [PlanReview], { description: 'Yearly reviews, oldest first. Not public: empty without a token.' })
  reviews(@Root() p: StrategicPlan, @Ctx() ctx: Context) {
    return planLoaders.reviews(ctx, p.id);
  }

  @Mutation(() => StrategicPlanPayload, { description: 'REGION_ADMIN or SERVICE_LEADER (including their own service): a new plan, version 1 as DRAFT.' })
  createStrategicPlan(@Arg('input') input: CreateStrategicPlanInput, @Ctx() ctx: Context) {
    return createStrategicPlan(ctx, input);
  }

  @Mutation(() => StrategicPlanPayload, { description: 'Title, period and coverage, while the newest version is a DRAFT.' })
  updateStrategicPlan(@Arg('input') input: UpdateStrategicPlanInput, @Ctx() ctx: Context) {
    return updateStrategicPlan(ctx, input);
  }

  @Mutation(() => DeleteStrategicPlanPayload, { description: 'Deletes a plan that never left its first draft.' })
  deleteStrategicPlan(@Arg('input') input: PlanIdInput, @Ctx() ctx: Context) {
    return deleteStrategicPlan(ctx, input);
  }

  @Mutation(() => StrategicPlanPayload, { description: 'REGION_ADMIN: an adopted plan leaves force (stays public).' })
  archiveStrategicPlan(@Arg('input') input: PlanIdInput, @Ctx() ctx: Context) {
    return archiveStrategicPlan(ctx, input);
  }

  @Mutation(() => StrategicPlanPayload, { description: 'DRAFT → CONSULTATION: the content freezes and the councils can decide.' })
  submitPlanForConsultation(@Arg('input') input: PlanVersionIdInput, @Ctx() ctx: Context) {
    return submitPlanForConsultation(ctx, input);
  }

  @Mutation(() => StrategicPlanPayload, { description: 'A new DRAFT version copied from the newest adopted (or consultation) version.' })
  startPlanRevision(@Arg('input') input: StartPlanRevisionInput, @Ctx() ctx: Context) {
    return startPlanRevision(ctx, input);
  }

  @Mutation(() => PlanReviewPayload, { description: 'Records the yearly review of an adopted plan.' })
  recordPlanReview(@Arg('input') input: RecordPlanReviewInput, @Ctx() ctx: Context) {
    return recordPlanReview(ctx, input);
  }
}

function checkedHorizon(months: number): number {
  if (months < 0 || months > 60) throw badInput('horizonMonths', 'range', { key: 'plans.errors.horizonMonths' });
  return months;
}

function checkedYear(year: number): number {
  if (year < 2000 || year > 2100) throw badInput('year', 'range', { key: 'common.errors.yearBetween', params: { min: 2000, max: 2100 } });
  return year;
}
