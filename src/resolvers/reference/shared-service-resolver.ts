import { GraphQLDate } from 'graphql-scalars';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type Context, todayOf } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import { OwnershipPeriod } from '../../entities/reference/ownership-period';
import { SharedService } from '../../entities/reference/shared-service';
import { idOfType } from '../../global-id';
import { SetServiceOwnershipInput, SetServiceOwnershipPayload } from '../../schema/reference/ownership-inputs';
import { isoDate } from '../../services/dates';
import { listSharedServices, ownersOn, SharedServicesAhead } from '../../services/reference/reference-data';
import { pageWindow } from '../../services/paging';
import { selectedBelow } from '../../schema/look-ahead';
import { setServiceOwnership } from '../../services/reference/ownership';

@Resolver(() => SharedService)
export class SharedServiceResolver {
  @Query(() => [SharedService], { description: 'Shared services of your region (without a token: of every region, or of regionCode).' })
  sharedServices(@Arg('regionCode', () => String, { nullable: true }) regionCode: string | null, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listSharedServices(ctx, regionCode, lookAhead(ctx, info));
  }

  @Query(() => SharedService, { nullable: true })
  sharedService(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    const uuid = idOfType(id, 'SharedService');
    return uuid ? ctx.loaders.byId(SharedService).load(uuid) : null;
  }

  @FieldResolver(() => Municipality, { description: 'The host municipality (vertskommune) that runs the service.' })
  host(@Root() s: SharedService, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Municipality).load(s.hostMunicipalityId);
  }

  @FieldResolver(() => [Municipality], { description: 'Owner municipalities on a date (default: today).' })
  owners(@Root() s: SharedService, @Arg('on', () => GraphQLDate, { nullable: true }) on: Date | null, @Ctx() ctx: Context) {
    return ownersOn(ctx, s.id, on ? isoDate(on) : todayOf(ctx));
  }

  @FieldResolver(() => [OwnershipPeriod], { description: 'Ownership history, newest first.' })
  ownershipPeriods(@Root() s: SharedService, @Ctx() ctx: Context) {
    return ctx.loaders.manyBy(OwnershipPeriod, 'serviceId', { validFrom: 'DESC' }).load(s.id);
  }

  @Mutation(() => SetServiceOwnershipPayload, { description: 'REGION_ADMIN: new owners from a date on.' })
  setServiceOwnership(@Arg('input') input: SetServiceOwnershipInput, @Ctx() ctx: Context) {
    return setServiceOwnership(ctx, input);
  }
}

/** `owners` (of today) and their `units(first, after)` asked for below `sharedServices`: read with the services. */
function lookAhead(ctx: Context, info: GraphQLResolveInfo): SharedServicesAhead {
  const owners = selectedBelow(info, ['owners']);
  if (!owners || owners.on != null) return {};
  const units = selectedBelow(info, ['owners', 'units']);
  let ownerUnits;
  try {
    ownerUnits = units ? pageWindow(units) : undefined;
  } catch {
    // Arguments the field itself will refuse: no look-ahead.
  }
  return { ownersOn: todayOf(ctx), ownerUnits };
}
