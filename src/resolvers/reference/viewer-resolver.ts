import { Ctx, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { HeldGrant, Role, rolesOf } from '../../auth/roles';
import { toGlobalId } from '../../global-id';
import type { Context } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import { Region } from '../../entities/reference/region';
import { SharedService } from '../../entities/reference/shared-service';
import { Unit } from '../../entities/reference/unit';

@ObjectType({ description: 'The caller, as the API sees their token.' })
export class Viewer {
  @Field(() => Role)
  role: Role;

  @Field({ description: 'Token subject; "public" without a token.' })
  subject: string;

  @Field(() => String, { nullable: true })
  displayName?: string | null;

  regionId?: string;
  municipalityId?: string;
  serviceId?: string;
  unitId?: string;
  activeGrantIds?: readonly string[];
  heldGrants?: readonly HeldGrant[];
}

@ObjectType({ description: 'A grant the signed-in person holds in Samvirke (in force today), in any region.' })
export class ViewerGrant {
  @Field(() => ID, { description: 'Send it as the Samvirke-Grant header to act with this grant only.' })
  id: string;

  @Field(() => Role)
  role: Role;

  @Field({ description: 'The region the grant is in (send it as the Samvirke-Region header to act there).' })
  regionCode: string;

  @Field({ description: 'This request acts with the grant.' })
  active: boolean;

  @Field(() => String, { nullable: true })
  validFrom?: string;

  @Field(() => String, { nullable: true })
  validTo?: string;

  @Field(() => [String], {
    nullable: true,
    description: 'The operations the grant is limited to (mutation names, import:<kind>), as for a service account; none: every operation its role allows; empty: reads only.',
  })
  operations?: readonly string[];

  regionId: string;
  municipalityId?: string;
  serviceId?: string;
  unitId?: string;
}

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { description: 'Who you are and what your role is scoped to.' })
  viewer(@Ctx() ctx: Context): Viewer {
    return Object.assign(new Viewer(), ctx.principal);
  }

  @FieldResolver(() => [Role], {
    description: 'Every role this request acts with: all of yours in the region, unless the Samvirke-Role or Samvirke-Grant header narrows it. `role` is the first of them.',
  })
  roles(@Ctx() ctx: Context): Role[] {
    return rolesOf(ctx.principal);
  }

  @FieldResolver(() => [ViewerGrant], { description: 'Your grants in force today, in every region (empty for development role tokens and PUBLIC).' })
  grants(@Root() v: Viewer): ViewerGrant[] {
    const active = new Set(v.activeGrantIds ?? []);
    return (v.heldGrants ?? []).map((g) => Object.assign(new ViewerGrant(), g, { id: toGlobalId('RoleAssignment', g.id), active: active.has(g.id) }));
  }

  @FieldResolver(() => Region, { nullable: true })
  region(@Root() v: Viewer, @Ctx() ctx: Context) {
    return v.regionId ? ctx.loaders.byId(Region).load(v.regionId) : null;
  }

  @FieldResolver(() => Municipality, { nullable: true, description: 'Set for municipality-scoped roles.' })
  municipality(@Root() v: Viewer, @Ctx() ctx: Context) {
    return v.municipalityId ? ctx.loaders.byId(Municipality).load(v.municipalityId) : null;
  }

  @FieldResolver(() => SharedService, { nullable: true, description: 'Set for service-scoped roles.' })
  sharedService(@Root() v: Viewer, @Ctx() ctx: Context) {
    return v.serviceId ? ctx.loaders.byId(SharedService).load(v.serviceId) : null;
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'Set for unit-scoped roles (TST).' })
  unit(@Root() v: Viewer, @Ctx() ctx: Context) {
    return v.unitId ? ctx.loaders.byId(Unit).load(v.unitId) : null;
  }
}

@Resolver(() => ViewerGrant)
export class ViewerGrantResolver {
  @FieldResolver(() => Municipality, { nullable: true, description: 'The municipality of a municipality-scoped grant in the region this request acts in.' })
  municipality(@Root() g: ViewerGrant, @Ctx() ctx: Context) {
    return g.municipalityId && g.regionId === ctx.principal.regionId ? ctx.loaders.byId(Municipality).load(g.municipalityId) : null;
  }

  @FieldResolver(() => SharedService, { nullable: true, description: 'The shared service of a service-scoped grant in the region this request acts in.' })
  sharedService(@Root() g: ViewerGrant, @Ctx() ctx: Context) {
    return g.serviceId && g.regionId === ctx.principal.regionId ? ctx.loaders.byId(SharedService).load(g.serviceId) : null;
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'The unit of a TST grant in the region this request acts in.' })
  unit(@Root() g: ViewerGrant, @Ctx() ctx: Context) {
    return g.unitId && g.regionId === ctx.principal.regionId ? ctx.loaders.byId(Unit).load(g.unitId) : null;
  }
}
