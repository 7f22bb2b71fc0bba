import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLDate } from 'graphql-scalars';
import { type Context, todayOf } from '../../context';
import { Forum, ForumCaseConsent, ForumKind, ForumLeaderTerm, ForumMeetingStatus, ForumMembership } from '../../entities/fora';
import { Municipality } from '../../entities/reference/municipality';
import { Unit } from '../../entities/reference/unit';
import { PageArgs } from '../../schema/connection';
import { CreateForumInput, ForumIdInput, UpdateForumInput } from '../../schema/fora/inputs';
import {
  ForumCalendarInfo,
  ForumCalendarTokenPayload,
  ForumCompliance,
  ForumComplianceReport,
  ForumConnection,
  ForumFollowUpConnection,
  ForumMeetingConnection,
  ForumPayload,
  ServiceForumReport,
} from '../../schema/fora/types';
import { rotateForumCalendarToken } from '../../services/fora/calendar';
import { createForum, updateForum } from '../../services/fora/forums';
import { dayOf } from '../../services/fora/values';
import { isInsider, isRunner } from '../../services/fora/guard';
import { forumComplianceOf, municipalityCompliance, serviceForumReport } from '../../services/fora/insights';
import { activeOn, findForum, foraLoaders, forumFollowUps, forumMeetings, listForums, membershipsInSeatOrder, municipalityOf, unitOf } from '../../services/fora/read';

@Resolver(() => Forum)
export class ForumResolver {
  @Query(() => ForumConnection, { description: 'Fora you oversee: REGION_ADMIN and SERVICE_LEADER the region, MUNICIPAL_DIRECTOR their municipality, TST roles their unit.' })
  forums(
    @Arg('municipalityNumber', () => String, { nullable: true }) municipalityNumber: string | null,
    @Arg('kindCode', () => String, { nullable: true }) kindCode: string | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return listForums(ctx, { ...page, municipalityNumber, kindCode });
  }

  @Query(() => Forum, { nullable: true, description: 'A forum by global ID (FORBIDDEN outside your unit or municipality).' })
  forum(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return findForum(ctx, id);
  }

  @Query(() => ForumComplianceReport, {
    description: 'REGION_ADMIN (any municipality) or MUNICIPAL_DIRECTOR (own): fora of a municipality against their rules. period: "2024", "2024-H1", "2024-SPRING", "2024-AUTUMN" or "2024-03".',
  })
  forumCompliance(@Arg('municipalityNumber') municipalityNumber: string, @Arg('period') period: string, @Ctx() ctx: Context) {
    return municipalityCompliance(ctx, municipalityNumber, period);
  }

  @Query(() => ServiceForumReport, {
    description:
      "SERVICE_LEADER (own service) or REGION_ADMIN (serviceId required): the service's attendance in the fora of its owner municipalities in the period, and the hours of meetings the rules put on it.",
  })
  serviceForumLoad(@Arg('period') period: string, @Arg('serviceId', () => ID, { nullable: true }) serviceId: string | null, @Ctx() ctx: Context) {
    return serviceForumReport(ctx, period, serviceId);
  }

  @FieldResolver(() => ForumKind)
  kind(@Root() f: Forum, @Ctx() ctx: Context) {
    return foraLoaders.kind(ctx, f.kindId);
  }

  @FieldResolver(() => Municipality, { nullable: true, description: 'Null for a regional forum.' })
  municipality(@Root() f: Forum, @Ctx() ctx: Context) {
    return municipalityOf(ctx, f);
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'The unit of a unit forum (where it meets).' })
  unit(@Root() f: Forum, @Ctx() ctx: Context) {
    return unitOf(ctx, f);
  }

  @FieldResolver(() => [Unit], { description: 'The units of a group forum (a network).' })
  units(@Root() f: Forum, @Ctx() ctx: Context) {
    return foraLoaders.groupUnits(ctx, f.id);
  }

  @FieldResolver(() => Forum, { nullable: true, description: 'Where the minutes go.' })
  minutesTo(@Root() f: Forum, @Ctx() ctx: Context) {
    return f.minutesToForumId ? foraLoaders.forum(ctx, f.minutesToForumId) : null;
  }

  @FieldResolver(() => [ForumMembership], { description: 'Members on a date (default today); `history: true` for every membership ever.' })
  async memberships(
    @Root() f: Forum,
    @Arg('on', () => GraphQLDate, { nullable: true }) on: Date | null,
    @Arg('history', () => Boolean, { nullable: true }) history: boolean | null,
    @Ctx() ctx: Context,
  ) {
    const all = await membershipsInSeatOrder(ctx, f);
    return history ? all : activeOn(all, on ? dayOf(on) : todayOf(ctx));
  }

  @FieldResolver(() => ForumMembership, { nullable: true, description: 'Who leads on a date (default today).' })
  async leader(@Root() f: Forum, @Arg('on', () => GraphQLDate, { nullable: true }) on: Date | null, @Ctx() ctx: Context) {
    const [term] = activeOn(await foraLoaders.leaderTerms(ctx, f.id), on ? dayOf(on) : todayOf(ctx));
    if (!term) return null;
    return (await foraLoaders.memberships(ctx, f.id)).find((m) => m.id === term.membershipId) ?? null;
  }

  @FieldResolver(() => [ForumLeaderTerm], { description: 'Who led when.' })
  leaderTerms(@Root() f: Forum, @Ctx() ctx: Context) {
    return foraLoaders.leaderTerms(ctx, f.id);
  }

  @FieldResolver(() => ForumMeetingConnection, { description: 'Meetings, newest first; from/to are local dates.' })
  meetings(
    @Root() f: Forum,
    @Arg('from', () => GraphQLDate, { nullable: true }) from: Date | null,
    @Arg('to', () => GraphQLDate, { nullable: true }) to: Date | null,
    @Arg('status', () => ForumMeetingStatus, { nullable: true }) status: ForumMeetingStatus | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return forumMeetings(ctx, f, { ...page, from, to, status });
  }

  @FieldResolver(() => ForumFollowUpConnection, { description: 'Agreed follow-ups by due date; `open: true` only those not done.' })
  followUps(@Root() f: Forum, @Arg('open', () => Boolean, { nullable: true }) open: boolean | null, @Args() page: PageArgs, @Ctx() ctx: Context) {
    return forumFollowUps(ctx, f, { ...page, open });
  }

  @FieldResolver(() => [ForumCaseConsent], { description: "Consents for named cases (the forum's own members only; others get an empty list)." })
  consents(@Root() f: Forum, @Ctx() ctx: Context) {
    return foraLoaders.consents(ctx, f);
  }

  @FieldResolver(() => ForumCompliance, { nullable: true, description: "This forum against its kind's rules in a period (null outside your oversight)." })
  compliance(@Root() f: Forum, @Arg('period') period: string, @Ctx() ctx: Context) {
    return forumComplianceOf(ctx, f, period);
  }

  @FieldResolver(() => Boolean, { description: "You are one of the forum's own (you read its minutes and cases)." })
  viewerIsMember(@Root() f: Forum, @Ctx() ctx: Context) {
    return isInsider(ctx, f);
  }

  @FieldResolver(() => ForumCalendarInfo, { nullable: true, description: "The calendar feed (the forum's leader only)." })
  async calendar(@Root() f: Forum, @Ctx() ctx: Context) {
    if (!isRunner(ctx, f)) return null;
    const token = await foraLoaders.calendarToken(ctx, f.id);
    return { hasToken: !!token, rotatedAt: token?.rotatedAt ?? null };
  }

  @Mutation(() => ForumPayload, { description: 'REGION_ADMIN, or MUNICIPAL_DIRECTOR in their municipality: a new forum (e.g. the TST of a school).' })
  createForum(@Arg('input') input: CreateForumInput, @Ctx() ctx: Context) {
    return createForum(ctx, input);
  }

  @Mutation(() => ForumPayload, { description: 'Rename, close or reopen a forum, or change where its minutes go.' })
  updateForum(@Arg('input') input: UpdateForumInput, @Ctx() ctx: Context) {
    return updateForum(ctx, input);
  }

  @Mutation(() => ForumCalendarTokenPayload, { description: "The forum's leader: a new calendar feed link (the old one stops working)." })
  rotateForumCalendarToken(@Arg('input') input: ForumIdInput, @Ctx() ctx: Context) {
    return rotateForumCalendarToken(ctx, input);
  }
}
