import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { GraphQLDate } from 'graphql-scalars';
import { type Context, todayOf } from '../../context';
import { Forum, ForumAgendaItem, ForumAttendance, ForumCaseConsent, ForumCaseItem, ForumFollowUp, ForumKindAgendaElement, ForumKindMember, ForumMeeting, ForumMembership } from '../../entities/fora';
import { SharedService } from '../../entities/reference/shared-service';
import {
  CancelForumMeetingInput,
  GenerateForumScheduleInput,
  MarkForumMinutesSentInput,
  PlanForumMeetingInput,
  RecordCaseConsentInput,
  RecordForumMeetingInput,
  SetForumFollowUpDoneInput,
  WithdrawCaseConsentInput,
} from '../../schema/fora/inputs';
import { CaseConsentPayload, ForumFollowUpPayload, ForumMeetingPayload, ForumSchedulePayload } from '../../schema/fora/types';
import { recordCaseConsent, withdrawCaseConsent } from '../../services/fora/consent';
import { cancelForumMeeting, generateForumSchedule, markForumMinutesSent, planForumMeeting, recordForumMeeting, setForumFollowUpDone } from '../../services/fora/meetings';
import { foraLoaders, forumOfRow } from '../../services/fora/read';
import { osloDate } from '../../services/fora/time';

const elementOf = (ctx: Context, id: string | null) => (id ? ctx.loaders.byId(ForumKindAgendaElement).load(id) : null);

@Resolver(() => ForumMeeting)
export class ForumMeetingResolver {
  @FieldResolver(() => Forum)
  forum(@Root() m: ForumMeeting, @Ctx() ctx: Context) {
    return forumOfRow(ctx, m);
  }

  @FieldResolver(() => GraphQLDate, { description: 'Local date (Europe/Oslo).' })
  date(@Root() m: ForumMeeting) {
    return osloDate(m.startsAt);
  }

  @FieldResolver(() => Date)
  endsAt(@Root() m: ForumMeeting) {
    return new Date(m.startsAt.getTime() + (m.actualMinutes ?? m.plannedMinutes) * 60_000);
  }

  @FieldResolver(() => [ForumAttendance], { description: 'PRESENT / ABSENT / EXCUSED per member (held meetings).' })
  attendance(@Root() m: ForumMeeting, @Ctx() ctx: Context) {
    return foraLoaders.attendance(ctx, m.id);
  }

  @FieldResolver(() => [ForumKindAgendaElement], { description: 'Template elements the meeting covered.' })
  async coveredElements(@Root() m: ForumMeeting, @Ctx() ctx: Context) {
    const sections = await foraLoaders.sections(ctx, m.id);
    const elements = await ctx.loaders.byId(ForumKindAgendaElement).loadMany(sections.map((s) => s.elementId));
    return elements.filter((e): e is ForumKindAgendaElement => e instanceof ForumKindAgendaElement).sort((a, b) => a.position - b.position);
  }

  @FieldResolver(() => [ForumAgendaItem], { description: "The agenda (the forum's own members only; others get an empty list)." })
  async agenda(@Root() m: ForumMeeting, @Ctx() ctx: Context) {
    return foraLoaders.agendaItems(ctx, await forumOfRow(ctx, m), m.id);
  }

  @FieldResolver(() => String, { nullable: true, description: "The minutes (the forum's own members only; never leave the forum)." })
  async minutes(@Root() m: ForumMeeting, @Ctx() ctx: Context) {
    return foraLoaders.minutes(ctx, await forumOfRow(ctx, m), m.id);
  }

  @FieldResolver(() => [ForumCaseItem], { description: "Cases discussed (the forum's own members only)." })
  async caseItems(@Root() m: ForumMeeting, @Ctx() ctx: Context) {
    return foraLoaders.caseItems(ctx, await forumOfRow(ctx, m), m.id);
  }

  @FieldResolver(() => [ForumFollowUp])
  followUps(@Root() m: ForumMeeting, @Ctx() ctx: Context) {
    return foraLoaders.followUpsOfMeeting(ctx, m.id);
  }

  @FieldResolver(() => Forum, { nullable: true, description: 'Where the minutes were sent.' })
  minutesSentTo(@Root() m: ForumMeeting, @Ctx() ctx: Context) {
    return m.minutesSentToForumId ? foraLoaders.forum(ctx, m.minutesSentToForumId) : null;
  }

  @Mutation(() => ForumMeetingPayload, { description: "The forum's leader: a planned meeting (the kind's maximum per period is kept)." })
  planForumMeeting(@Arg('input') input: PlanForumMeetingInput, @Ctx() ctx: Context) {
    return planForumMeeting(ctx, input);
  }

  @Mutation(() => ForumSchedulePayload, { description: "The forum's leader: the term's meetings the cadence rules need, evenly spread on a weekday, skipping excluded dates." })
  generateForumSchedule(@Arg('input') input: GenerateForumScheduleInput, @Ctx() ctx: Context) {
    return generateForumSchedule(ctx, input);
  }

  @Mutation(() => ForumMeetingPayload, { description: "The forum's leader: a held meeting's whole record (attendance, agenda, cases, minutes, follow-ups) in one go." })
  recordForumMeeting(@Arg('input') input: RecordForumMeetingInput, @Ctx() ctx: Context) {
    return recordForumMeeting(ctx, input);
  }

  @Mutation(() => ForumMeetingPayload, { description: 'A planned meeting is cancelled, with the reason.' })
  cancelForumMeeting(@Arg('input') input: CancelForumMeetingInput, @Ctx() ctx: Context) {
    return cancelForumMeeting(ctx, input);
  }

  @Mutation(() => ForumMeetingPayload, { description: 'The minutes were sent on (to the forum the kind sends them to).' })
  markForumMinutesSent(@Arg('input') input: MarkForumMinutesSentInput, @Ctx() ctx: Context) {
    return markForumMinutesSent(ctx, input);
  }
}

@Resolver(() => ForumAttendance)
export class ForumAttendanceResolver {
  @FieldResolver(() => ForumMembership, { nullable: true })
  async membership(@Root() a: ForumAttendance, @Ctx() ctx: Context) {
    return (await foraLoaders.memberships(ctx, a.forumId)).find((m) => m.id === a.membershipId) ?? null;
  }
}

@Resolver(() => ForumAgendaItem)
export class ForumAgendaItemResolver {
  @FieldResolver(() => ForumKindAgendaElement, { nullable: true })
  element(@Root() i: ForumAgendaItem, @Ctx() ctx: Context) {
    return elementOf(ctx, i.elementId);
  }
}

@Resolver(() => ForumCaseItem)
export class ForumCaseItemResolver {
  @FieldResolver(() => ForumKindAgendaElement, { nullable: true })
  element(@Root() i: ForumCaseItem, @Ctx() ctx: Context) {
    return elementOf(ctx, i.elementId);
  }

  @FieldResolver(() => ForumCaseConsent, { nullable: true, description: 'The consent a named case is discussed under.' })
  consent(@Root() i: ForumCaseItem, @Ctx() ctx: Context) {
    return i.consentId ? ctx.loaders.byId(ForumCaseConsent).load(i.consentId) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: "Whose case: the consent's subject; null when anonymous." })
  async subjectName(@Root() i: ForumCaseItem, @Ctx() ctx: Context) {
    return i.consentId ? ((await ctx.loaders.byId(ForumCaseConsent).load(i.consentId))?.subject ?? null) : null;
  }
}

@Resolver(() => ForumFollowUp)
export class ForumFollowUpResolver {
  @FieldResolver(() => String, { nullable: true, description: "What was agreed (the forum's own members only)." })
  async description(@Root() f: ForumFollowUp, @Ctx() ctx: Context) {
    return foraLoaders.followUpNote(ctx, await forumOfRow(ctx, f), f.id);
  }

  @FieldResolver(() => ForumKindMember, { nullable: true, description: 'The member service responsible.' })
  responsibleMember(@Root() f: ForumFollowUp, @Ctx() ctx: Context) {
    return f.responsibleMemberId ? ctx.loaders.byId(ForumKindMember).load(f.responsibleMemberId) : null;
  }

  @FieldResolver(() => SharedService, { nullable: true, description: 'The shared service responsible.' })
  responsibleService(@Root() f: ForumFollowUp, @Ctx() ctx: Context) {
    return f.responsibleServiceId ? ctx.loaders.byId(SharedService).load(f.responsibleServiceId) : null;
  }

  @FieldResolver(() => ForumMeeting, { nullable: true })
  meeting(@Root() f: ForumFollowUp, @Ctx() ctx: Context) {
    return ctx.loaders.byId(ForumMeeting).load(f.meetingId);
  }

  @FieldResolver(() => Boolean, { description: 'Not done and due before today.' })
  overdue(@Root() f: ForumFollowUp, @Ctx() ctx: Context) {
    return f.doneOn === null && f.dueOn < todayOf(ctx);
  }

  @Mutation(() => ForumFollowUpPayload, { description: "The forum's leader: a follow-up is done (doneOn) or reopened (null)." })
  setForumFollowUpDone(@Arg('input') input: SetForumFollowUpDoneInput, @Ctx() ctx: Context) {
    return setForumFollowUpDone(ctx, input);
  }
}

@Resolver(() => ForumCaseConsent)
export class ForumCaseConsentResolver {
  @FieldResolver(() => Forum)
  forum(@Root() c: ForumCaseConsent, @Ctx() ctx: Context) {
    return forumOfRow(ctx, c);
  }

  @Mutation(() => CaseConsentPayload, { description: "The forum's leader: consent to discuss a named case (who, when, for what)." })
  recordCaseConsent(@Arg('input') input: RecordCaseConsentInput, @Ctx() ctx: Context) {
    return recordCaseConsent(ctx, input);
  }

  @Mutation(() => CaseConsentPayload, { description: 'The consent is withdrawn from a date: the case is anonymous again from then on.' })
  withdrawCaseConsent(@Arg('input') input: WithdrawCaseConsentInput, @Ctx() ctx: Context) {
    return withdrawCaseConsent(ctx, input);
  }
}
