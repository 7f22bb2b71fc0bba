import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import { Region } from '../../entities/reference/region';
import { SharedService } from '../../entities/reference/shared-service';
import { findRegion } from '../../services/reference/reference-data';

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => Region, { nullable: true, description: 'Your region, or (without a token) the region with this code.' })
  region(@Arg('code', () => String, { nullable: true }) code: string | null, @Ctx() ctx: Context) {
    return findRegion(ctx, code);
  }

  @FieldResolver(() => [Municipality])
  municipalities(@Root() region: Region, @Ctx() ctx: Context) {
    return ctx.loaders.manyBy(Municipality, 'regionId', { number: 'ASC' }).load(region.id);
  }

  @FieldResolver(() => [SharedService])
  sharedServices(@Root() region: Region, @Ctx() ctx: Context) {
    return ctx.loaders.manyBy(SharedService, 'regionId', { name: 'ASC' }).load(region.id);
  }
}
