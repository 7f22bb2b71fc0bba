import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Person } from '../../entities/reference/person';
import { Region } from '../../entities/reference/region';
import {
  AddRegionMunicipalityInput,
  AddRegionMunicipalityPayload,
  CreateRegionInput,
  CreateRegionPayload,
  CreateSharedServiceInput,
  CreateSharedServicePayload,
  GrantRegionAdminInput,
  GrantRegionAdminPayload,
} from '../../schema/reference/onboarding-inputs';
import { requireRole } from '../../services/access';
import { addRegionMunicipality, createRegion, createSharedService, grantRegionAdmin, listRegions, OPERATORS, regionAdmins } from '../../services/reference/onboarding';

/** Onboarding: the OPERATOR's regions, municipalities and region admins; the region admin's first services. */
@Resolver(() => Region)
export class OnboardingResolver {
  @Query(() => [Region], { description: 'OPERATOR: every region (its name, municipalities and admins; nothing else of it).' })
  regions(@Ctx() ctx: Context) {
    requireRole(ctx, OPERATORS, 'Listing regions');
    return listRegions(ctx);
  }

  @FieldResolver(() => [Person], { description: "The region's administrators (REGION_ADMIN of the region, or an OPERATOR; empty for others)." })
  admins(@Root() region: Region, @Ctx() ctx: Context) {
    return regionAdmins(ctx, region);
  }

  @Mutation(() => CreateRegionPayload, { description: 'OPERATOR: a new region.' })
  createRegion(@Arg('input') input: CreateRegionInput, @Ctx() ctx: Context) {
    return createRegion(ctx, input);
  }

  @Mutation(() => AddRegionMunicipalityPayload, { description: "OPERATOR: a municipality joins a region (kommunenummer valid today by SSB's KLASS 131)." })
  addRegionMunicipality(@Arg('input') input: AddRegionMunicipalityInput, @Ctx() ctx: Context) {
    return addRegionMunicipality(ctx, input);
  }

  @Mutation(() => GrantRegionAdminPayload, { description: "OPERATOR: the region's first administrator." })
  grantRegionAdmin(@Arg('input') input: GrantRegionAdminInput, @Ctx() ctx: Context) {
    return grantRegionAdmin(ctx, input);
  }

  @Mutation(() => CreateSharedServicePayload, { description: 'REGION_ADMIN: a new shared service with its host municipality.' })
  createSharedService(@Arg('input') input: CreateSharedServiceInput, @Ctx() ctx: Context) {
    return createSharedService(ctx, input);
  }
}
