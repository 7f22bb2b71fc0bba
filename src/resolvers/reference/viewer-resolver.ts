import { Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../../auth/roles';
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
}

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { description: 'Who you are and what your role is scoped to.' })
  viewer(@Ctx() ctx: Context): Viewer {
    return Object.assign(new Viewer(), ctx.principal);
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
