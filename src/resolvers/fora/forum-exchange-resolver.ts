import { Arg, Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { GraphQLDate } from 'graphql-scalars';
import { type Context, todayOf } from '../../context';
import { Forum, ForumCaseConsent, ForumCaseReferral, ForumMembership, ForumMinutesDelivery } from '../../entities/fora';
import { SharedService } from '../../entities/reference/shared-service';
import { PageArgs } from '../../schema/connection';
import {
  ForumCaseReferralConnection,
  ForumCaseReferralPayload,
  ForumMinutesDeliveryConnection,
  ForumSeatHolder,
  RecordForumCaseReferralOutcomeInput,
  ReferForumCaseInput,
} from '../../schema/fora/exchange';
import { deliveredMinutesText, forumReferrals, receivedMinutes, recordForumCaseReferralOutcome, referForumCase, referralConsent } from '../../services/fora/exchange';
import { foraLoaders } from '../../services/fora/read';
import { seatHolder } from '../../services/fora/role-seats';
import { dayOf } from '../../services/fora/values';

/** What passes between fora (seed 003): minutes sent on, referred cases. */
@Resolver(() => Forum)
export class ForumExchangeResolver {
  @FieldResolver(() => ForumMinutesDeliveryConnection, {
    description: "Minutes other fora sent to this one, newest meeting first (this forum's own members only; the sender's other content stays its own).",
  })
  receivedMinutes(@Root() f: Forum, @Args() page: PageArgs, @Ctx() ctx: Context) {
    return receivedMinutes(ctx, f, page);
  }

  @FieldResolver(() => ForumCaseReferralConnection, { description: "Cases this forum referred to other fora, with their outcome (this forum's own members only)." })
  sentReferrals(@Root() f: Forum, @Args() page: PageArgs, @Ctx() ctx: Context) {
    return forumReferrals(ctx, f, 'sent', page);
  }

  @FieldResolver(() => ForumCaseReferralConnection, { description: "Cases other fora referred to this one (this forum's own members only)." })
  receivedReferrals(@Root() f: Forum, @Args() page: PageArgs, @Ctx() ctx: Context) {
    return forumReferrals(ctx, f, 'received', page);
  }

  @Mutation(() => ForumCaseReferralPayload, { description: "The sending forum's leader: refer a case to another forum, anonymously or under a consent of the sending forum." })
  referForumCase(@Arg('input') input: ReferForumCaseInput, @Ctx() ctx: Context) {
    return referForumCase(ctx, input);
  }

  @Mutation(() => ForumCaseReferralPayload, { description: "The receiving forum's leader: the referral's outcome (ACCEPTED, DECLINED, then CONCLUDED), with a date and text." })
  recordForumCaseReferralOutcome(@Arg('input') input: RecordForumCaseReferralOutcomeInput, @Ctx() ctx: Context) {
    return recordForumCaseReferralOutcome(ctx, input);
  }
}

@Resolver(() => ForumMinutesDelivery)
export class ForumMinutesDeliveryResolver {
  @FieldResolver(() => Forum, { description: 'The forum that sent its minutes.' })
  async fromForum(@Root() d: ForumMinutesDelivery, @Ctx() ctx: Context) {
    return foraLoaders.forum(ctx, d.fromForumId);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The minutes.' })
  minutes(@Root() d: ForumMinutesDelivery, @Ctx() ctx: Context) {
    return deliveredMinutesText(ctx, d);
  }
}

@Resolver(() => ForumCaseReferral)
export class ForumCaseReferralResolver {
  @FieldResolver(() => Forum)
  async fromForum(@Root() r: ForumCaseReferral, @Ctx() ctx: Context) {
    return foraLoaders.forum(ctx, r.fromForumId);
  }

  @FieldResolver(() => Forum)
  async toForum(@Root() r: ForumCaseReferral, @Ctx() ctx: Context) {
    return foraLoaders.forum(ctx, r.toForumId);
  }

  @FieldResolver(() => ForumCaseConsent, { nullable: true, description: 'The consent the case was referred under (null: anonymous).' })
  consent(@Root() r: ForumCaseReferral, @Ctx() ctx: Context) {
    return referralConsent(ctx, r);
  }
}

/** Seats held by a role in another forum (seed 003). */
@Resolver(() => ForumMembership)
export class ForumMembershipRoleResolver {
  @FieldResolver(() => Forum, { nullable: true, description: 'For a seat held by a role in another forum: that forum.' })
  async roleForum(@Root() m: ForumMembership, @Ctx() ctx: Context) {
    return m.roleForumId ? foraLoaders.forum(ctx, m.roleForumId) : null;
  }

  @FieldResolver(() => ForumSeatHolder, {
    nullable: true,
    description: 'Who holds the seat on a date (default today): its own person or service, or whoever then holds the role in `roleForum` (null if no one does).',
  })
  async holder(@Root() m: ForumMembership, @Arg('on', () => GraphQLDate, { nullable: true }) on: Date | null, @Ctx() ctx: Context) {
    const held = await seatHolder(ctx, m, on ? dayOf(on) : todayOf(ctx));
    if (!held) return null;
    return { personName: held.personName, service: held.serviceId ? await ctx.loaders.byId(SharedService).load(held.serviceId) : null };
  }
}
