import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Forum, ForumKindMember, ForumLeaderTerm, ForumMembership } from '../../entities/fora';
import { SharedService } from '../../entities/reference/shared-service';
import { AddForumMemberInput, EndForumMembershipInput, SetForumLeaderInput } from '../../schema/fora/inputs';
import { ForumMembershipPayload, ForumPayload } from '../../schema/fora/types';
import { addForumMember, endForumMembership, setForumLeader } from '../../services/fora/forums';
import { foraLoaders, forumOfRow } from '../../services/fora/read';

@Resolver(() => ForumMembership)
export class ForumMembershipResolver {
  @FieldResolver(() => ForumKindMember, { description: 'The member service this seat is for.' })
  seat(@Root() m: ForumMembership, @Ctx() ctx: Context) {
    return ctx.loaders.byId(ForumKindMember).load(m.kindMemberId);
  }

  @FieldResolver(() => SharedService, { nullable: true, description: 'The shared service the member represents.' })
  service(@Root() m: ForumMembership, @Ctx() ctx: Context) {
    return m.serviceId ? ctx.loaders.byId(SharedService).load(m.serviceId) : null;
  }

  @FieldResolver(() => Forum)
  forum(@Root() m: ForumMembership, @Ctx() ctx: Context) {
    return forumOfRow(ctx, m);
  }

  @Mutation(() => ForumMembershipPayload, { description: 'REGION_ADMIN, the MUNICIPAL_DIRECTOR (own municipality) or the TST_LEADER (own unit): a member takes a seat.' })
  addForumMember(@Arg('input') input: AddForumMemberInput, @Ctx() ctx: Context) {
    return addForumMember(ctx, input);
  }

  @Mutation(() => ForumMembershipPayload, { description: "A member leaves (the history stays); a leader's term ends with it." })
  endForumMembership(@Arg('input') input: EndForumMembershipInput, @Ctx() ctx: Context) {
    return endForumMembership(ctx, input);
  }

  @Mutation(() => ForumPayload, { description: 'A member leads from a date; for a rotating kind it must be someone else than the current leader.' })
  setForumLeader(@Arg('input') input: SetForumLeaderInput, @Ctx() ctx: Context) {
    return setForumLeader(ctx, input);
  }
}

@Resolver(() => ForumLeaderTerm)
export class ForumLeaderTermResolver {
  @FieldResolver(() => ForumMembership, { nullable: true })
  async membership(@Root() t: ForumLeaderTerm, @Ctx() ctx: Context) {
    return (await foraLoaders.memberships(ctx, t.forumId)).find((m) => m.id === t.membershipId) ?? null;
  }
}
