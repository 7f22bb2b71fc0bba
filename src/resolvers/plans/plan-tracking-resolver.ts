import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import { SharedService } from '../../entities/reference/shared-service';
import { MeasureImplementation, PlanAdoption, PlanReview, PlanVersion } from '../../entities/plans';
import { SetMeasureImplementationInput } from '../../schema/plans/inputs';
import { MeasureImplementationPayload } from '../../schema/plans/types';
import { setMeasureImplementationStatus } from '../../services/plans/workflow';

@Resolver(() => PlanAdoption)
export class PlanAdoptionResolver {
  @FieldResolver(() => Municipality)
  municipality(@Root() a: PlanAdoption, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Municipality).load(a.municipalityId);
  }
}

@Resolver(() => MeasureImplementation)
export class MeasureImplementationResolver {
  @FieldResolver(() => Municipality)
  municipality(@Root() i: MeasureImplementation, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Municipality).load(i.municipalityId);
  }

  @Mutation(() => MeasureImplementationPayload, {
    description: 'MUNICIPAL_DIRECTOR (own municipality) or REGION_ADMIN: how far a municipality has come with a measure of the adopted version.',
  })
  setMeasureImplementationStatus(@Arg('input') input: SetMeasureImplementationInput, @Ctx() ctx: Context) {
    return setMeasureImplementationStatus(ctx, input);
  }
}

@Resolver(() => PlanReview)
export class PlanReviewResolver {
  @FieldResolver(() => SharedService, { nullable: true, description: 'The shared service that reviewed its own measures; null for a review of the whole plan.' })
  service(@Root() r: PlanReview, @Ctx() ctx: Context) {
    return r.serviceId ? ctx.loaders.byId(SharedService).load(r.serviceId) : null;
  }

  @FieldResolver(() => PlanVersion, { nullable: true, description: 'The version that was in force when reviewed.' })
  version(@Root() r: PlanReview, @Ctx() ctx: Context) {
    return ctx.loaders.byId(PlanVersion).load(r.versionId);
  }
}
