import { GraphQLDate } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import { SharedService } from '../../entities/reference/shared-service';
import { MeasureImplementation, PlanAdoption, PlanMeasure, PlanMilestoneMunicipalProgress, PlanReview, PlanVersion } from '../../entities/plans';
import { ForumKind } from '../../entities/fora';
import { SetMeasureImplementationInput } from '../../schema/plans/inputs';
import { MeasureForaEvidence, MeasureImplementationPayload } from '../../schema/plans/types';
import { implementationEvidence } from '../../services/plans/forum-evidence';
import { implementationMeasure } from '../../services/plans/implementations';
import { EVIDENCE_LIST_CAP } from '../../services/plans/evidence';
import { capped } from '../../services/paging';
import { AS_OF, dayOf } from './as-of';
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

  @FieldResolver(() => PlanMeasure, {
    nullable: true,
    description: 'The measure: of the version the status was read through; from a mutation payload, of the adopted version (null when none has the measure).',
  })
  measure(@Root() i: MeasureImplementation, @Ctx() ctx: Context) {
    return implementationMeasure(ctx, i);
  }

  @FieldResolver(() => MeasureForaEvidence, {
    nullable: true,
    description:
      "What the fora of the measure's forum kind show in this municipality (fora established, units covered, meetings held against the cadence minimum), beside the status a person set. Null when the measure is linked to no forum kind; withheld (available false, with the reason) from a caller who may not see all of the municipality's fora.",
  })
  async foraEvidence(
    @Root() i: MeasureImplementation,
    @Arg('period', () => String, {
      nullable: true,
      description: 'A fora report period ("2025-AUTUMN", "2025-H2", "2025", "2025-10"); default the term around asOf (the last one during the summer break).',
    })
    period: string | null,
    @Arg('asOf', () => GraphQLDate, AS_OF) asOf: Date | null,
    @Ctx() ctx: Context,
  ): Promise<MeasureForaEvidence | null> {
    const found = await implementationEvidence(ctx, i, { period, asOf: dayOf(ctx, asOf) });
    if (!found) return null;
    const e = found.evidence;
    return {
      available: found.available,
      reason: found.reason,
      forumKindId: found.forumKindId,
      period: e?.period.label ?? null,
      periodFrom: e?.period.from ?? null,
      periodTo: e?.period.to ?? null,
      asOf: dayOf(ctx, asOf),
      forumsEstablished: e?.forumsEstablished ?? null,
      unitsRequired: e?.unitsRequired ?? null,
      unitsCovered: e?.unitsCovered ?? null,
      unitsWithoutForum: e ? capped(e.unitsWithoutForum, EVIDENCE_LIST_CAP) : null,
      meetingsHeld: e?.meetingsHeld ?? null,
      meetingsPlanned: e?.meetingsPlanned ?? null,
      forumsMeetingMinimum: e?.forumsMeetingMinimum ?? null,
      forumsBelowMinimum: e?.forumsBelowMinimum ?? null,
      forumsInProgress: e?.forumsInProgress ?? null,
      forumsAtRisk: e?.forumsAtRisk ?? null,
      forums: e ? capped(e.forums, EVIDENCE_LIST_CAP) : null,
      summary: e?.summary ?? null,
    };
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

@Resolver(() => MeasureForaEvidence)
export class MeasureForaEvidenceResolver {
  @FieldResolver(() => ForumKind, { nullable: true, description: 'The forum kind the measure is linked to; null if you may not see it.' })
  forumKind(@Root() e: MeasureForaEvidence, @Ctx() ctx: Context) {
    return ctx.loaders.byId(ForumKind).load(e.forumKindId);
  }
}

@Resolver(() => PlanMilestoneMunicipalProgress)
export class PlanMilestoneMunicipalProgressResolver {
  @FieldResolver(() => Municipality)
  municipality(@Root() p: PlanMilestoneMunicipalProgress, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Municipality).load(p.municipalityId);
  }
}
