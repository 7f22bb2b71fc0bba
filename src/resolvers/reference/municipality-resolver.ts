import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import { MunicipalityPopulation } from '../../entities/reference/municipality-population';
import { Region } from '../../entities/reference/region';
import { PageArgs } from '../../schema/connection';
import { UnitConnection } from '../../schema/reference/connections';
import { findMunicipality, listMunicipalities, unitsOf } from '../../services/reference/reference-data';

@Resolver(() => Municipality)
export class MunicipalityResolver {
  @Query(() => [Municipality], { description: 'Municipalities of your region (without a token: of every region, or of regionCode).' })
  municipalities(@Arg('regionCode', () => String, { nullable: true }) regionCode: string | null, @Ctx() ctx: Context) {
    return listMunicipalities(ctx, regionCode);
  }

  @Query(() => Municipality, { nullable: true })
  municipality(@Arg('number', { description: 'Kommunenummer, e.g. "3429".' }) number: string, @Ctx() ctx: Context) {
    return findMunicipality(ctx, number);
  }

  @FieldResolver(() => Region)
  region(@Root() m: Municipality, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Region).load(m.regionId);
  }

  @FieldResolver(() => [MunicipalityPopulation], { description: 'Residents aged 0–17 per year, oldest first.' })
  populations(@Root() m: Municipality, @Ctx() ctx: Context) {
    return ctx.loaders.manyBy(MunicipalityPopulation, 'municipalityId', { year: 'ASC' }).load(m.id);
  }

  @FieldResolver(() => UnitConnection, { description: 'Schools, kindergartens and other units, by name.' })
  units(@Root() m: Municipality, @Args() page: PageArgs, @Ctx() ctx: Context) {
    return unitsOf(ctx, m, page);
  }
}
