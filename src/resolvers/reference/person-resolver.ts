import { Arg, Args, Ctx, FieldResolver, Mutation, Resolver, Root, Query } from 'type-graphql';
import type { Context } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import { Person, RoleAssignment } from '../../entities/reference/person';
import { SharedService } from '../../entities/reference/shared-service';
import { Unit } from '../../entities/reference/unit';
import { listPeople } from '../../services/reference/people';
import { grantRole, revokeRole } from '../../services/reference/grants';
import { GrantRoleInput, GrantRolePayload, RevokeRoleInput, RevokeRolePayload } from '../../schema/reference/grant-inputs';
import { PageArgs } from '../../schema/connection';
import { PersonConnection } from '../../schema/reference/connections';

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => PersonConnection, { description: 'REGION_ADMIN: people with role assignments in your region.' })
  people(@Args() page: PageArgs, @Ctx() ctx: Context) {
    return listPeople(ctx, page);
  }

  @Mutation(() => GrantRolePayload, { description: 'REGION_ADMIN: give a person a role in your region (audited; in force from the next request).' })
  grantRole(@Arg('input') input: GrantRoleInput, @Ctx() ctx: Context) {
    return grantRole(ctx, input);
  }

  @Mutation(() => RevokeRolePayload, { description: 'REGION_ADMIN: end a grant (audited; refused from the next request on).' })
  revokeRole(@Arg('input') input: RevokeRoleInput, @Ctx() ctx: Context) {
    return revokeRole(ctx, input);
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
