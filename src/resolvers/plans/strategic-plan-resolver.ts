import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import { PlanReview, PlanVersion, StrategicPlan, StrategicPlanStatus } from '../../entities/plans';
import { Region } from '../../entities/reference/region';
import { SharedService } from '../../entities/reference/shared-service';
import { CreateStrategicPlanInput, PlanIdInput, PlanVersionIdInput, RecordPlanReviewInput, StartPlanRevisionInput, UpdateStrategicPlanInput } from '../../schema/plans/inputs';
import {
  DeleteStrategicPlanPayload,
  PlanProgress,
  PlanReviewPayload,
  PlanVersionComparison,
  StrategicPlanConnection,
  StrategicPlanPayload,
} from '../../schema/plans/types';
import { compareVersions, planProgress } from '../../services/plans/insights';
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

  @FieldResolver(() => PlanVersionComparison, { description: 'What changed between two versions: goals, focus areas, measures, milestones and goal ↔ measure links.' })
  compareVersions(@Root() p: StrategicPlan, @Arg('from', () => Int) from: number, @Arg('to', () => Int) to: number, @Ctx() ctx: Context) {
    return compareVersions(ctx, p, from, to);
  }

  @FieldResolver(() => PlanProgress, { nullable: true, description: 'Implementation progress of the adopted version; null before adoption. Not public: without a token this field is an UNAUTHENTICATED error on the field (the rest of the answer stands).' })
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
