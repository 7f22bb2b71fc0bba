import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import { MunicipalityPopulation } from '../../entities/reference/municipality-population';
import { Region } from '../../entities/reference/region';
import { Unit } from '../../entities/reference/unit';
import { Connection, pageWindow, toConnection } from '../../schema/connection';
import { findMunicipality, listMunicipalities } from '../../services/reference/reference-data';

export const UnitConnection = Connection(Unit);

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 0–100 (default 20).' })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge already seen.' })
  after?: string;
}

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
  async units(@Root() m: Municipality, @Args() page: PageArgs, @Ctx() ctx: Context) {
    const { offset, limit } = pageWindow(page);
    const all = await ctx.loaders.manyBy(Unit, 'municipalityId', { name: 'ASC', id: 'ASC' }).load(m.id);
    return toConnection(all.slice(offset, offset + limit), all.length, offset);
  }
}
