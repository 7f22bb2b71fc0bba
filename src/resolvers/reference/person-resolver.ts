import { Args, Ctx, FieldResolver, Resolver, Root, Query } from 'type-graphql';
import type { Context } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import { Person, RoleAssignment } from '../../entities/reference/person';
import { SharedService } from '../../entities/reference/shared-service';
import { Unit } from '../../entities/reference/unit';
import { listPeople } from '../../services/reference/people';
import { PageArgs } from '../../schema/connection';
import { PersonConnection } from '../../schema/reference/connections';

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => PersonConnection, { description: 'REGION_ADMIN: people with role assignments in your region.' })
  people(@Args() page: PageArgs, @Ctx() ctx: Context) {
    return listPeople(ctx, page);
  }

  @FieldResolver(() => [RoleAssignment])
  roleAssignments(@Root() p: Person, @Ctx() ctx: Context) {
    return ctx.loaders.manyBy(RoleAssignment, 'personId', { role: 'ASC' }).load(p.id);
  }
}

@Resolver(() => RoleAssignment)
export class RoleAssignmentResolver {
  @FieldResolver(() => Municipality, { nullable: true })
  municipality(@Root() a: RoleAssignment, @Ctx() ctx: Context) {
    return a.municipalityId ? ctx.loaders.byId(Municipality).load(a.municipalityId) : null;
  }

  @FieldResolver(() => SharedService, { nullable: true })
  sharedService(@Root() a: RoleAssignment, @Ctx() ctx: Context) {
    return a.serviceId ? ctx.loaders.byId(SharedService).load(a.serviceId) : null;
  }

  @FieldResolver(() => Unit, { nullable: true })
  unit(@Root() a: RoleAssignment, @Ctx() ctx: Context) {
    return a.unitId ? ctx.loaders.byId(Unit).load(a.unitId) : null;
  }
}
