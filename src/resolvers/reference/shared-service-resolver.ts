import { GraphQLDate } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import { OwnershipPeriod } from '../../entities/reference/ownership-period';
import { SharedService } from '../../entities/reference/shared-service';
import { idOfType } from '../../global-id';
import { SetServiceOwnershipInput, SetServiceOwnershipPayload } from '../../schema/reference/ownership-inputs';
import { isoDate, today } from '../../services/dates';
import { listSharedServices, ownersOn } from '../../services/reference/reference-data';
import { setServiceOwnership } from '../../services/reference/ownership';

@Resolver(() => SharedService)
export class SharedServiceResolver {
  @Query(() => [SharedService], { description: 'Shared services of your region (without a token: of every region, or of regionCode).' })
  sharedServices(@Arg('regionCode', () => String, { nullable: true }) regionCode: string | null, @Ctx() ctx: Context) {
    return listSharedServices(ctx, regionCode);
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
    return ownersOn(ctx, s.id, on ? isoDate(on) : today());
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
