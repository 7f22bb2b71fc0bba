import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import { OwnershipPeriod } from '../../entities/reference/ownership-period';
import { SharedService } from '../../entities/reference/shared-service';
import { periodOwners } from '../../services/reference/reference-data';

@Resolver(() => OwnershipPeriod)
export class OwnershipPeriodResolver {
  @FieldResolver(() => [Municipality])
  owners(@Root() p: OwnershipPeriod, @Ctx() ctx: Context) {
    return periodOwners(ctx, p);
  }

  @FieldResolver(() => SharedService)
  service(@Root() p: OwnershipPeriod, @Ctx() ctx: Context) {
    return ctx.loaders.byId(SharedService).load(p.serviceId);
  }
}
