import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import { Unit, UnitKind } from '../../entities/reference/unit';
import { CreateUnitInput, UnitPayload, UpdateUnitInput } from '../../schema/reference/unit-inputs';
import { listUnits } from '../../services/reference/reference-data';
import { createUnit, updateUnit } from '../../services/reference/units';
import { PageArgs } from '../../schema/connection';
import { UnitConnection } from '../../schema/reference/connections';

@Resolver(() => Unit)
export class UnitResolver {
  @Query(() => UnitConnection, { description: 'Units, ordered by municipality and name.' })
  units(
    @Arg('municipalityNumber', () => String, { nullable: true }) municipalityNumber: string | null,
    @Arg('kind', () => UnitKind, { nullable: true }) kind: UnitKind | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return listUnits(ctx, { ...page, municipalityNumber, kind });
  }

  @FieldResolver(() => Municipality)
  municipality(@Root() u: Unit, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Municipality).load(u.municipalityId);
  }

  @Mutation(() => UnitPayload, { description: 'REGION_ADMIN: add a school, kindergarten or other unit.' })
  createUnit(@Arg('input') input: CreateUnitInput, @Ctx() ctx: Context) {
    return createUnit(ctx, input);
  }

  @Mutation(() => UnitPayload, { description: 'REGION_ADMIN: rename, reclassify or resize a unit.' })
  updateUnit(@Arg('input') input: UpdateUnitInput, @Ctx() ctx: Context) {
    return updateUnit(ctx, input);
  }
}
