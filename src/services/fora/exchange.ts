import { EntityManager } from 'typeorm';
import { Context, todayOf } from '../../context';
import { Forum, ForumCaseConsent, ForumCaseReferral, ForumMeeting, ForumMinutes, ForumMinutesDelivery, ForumReferralOutcome } from '../../entities/fora';
import { mayRead, requireScope } from '../access';
import { findByGlobalId } from '../lookup';
import { defineMutation } from '../mutation';
import { PageRequest, pageWindow, toConnection } from '../paging';
import { RuleCheck, userError, UserErrorCode } from '../user-errors';
import { CaseReferralOutcome, NewCaseReferral } from './args';
import { FORUM_RUNNERS, isInsider, isRunner, READ_FORUM_REFERRALS, runForum } from './guard';
import { pagePerForum } from './read';
import { checkCase } from './consent';
import { dayOf, trimmed } from './values';

/**
 * What passes between fora (seed 003, issue 21): a held meeting's minutes sent to another forum,
 * and a case referred from one forum to another with the outcome the receiving forum records.
 * Everything else of a forum stays its own: the receiving forum reads the minutes it was sent and
 * the referrals (and their consents) it received, never the sender's agenda, cases or follow-ups.
 * RLS says the same (migrations/1733770000000-fora-minutes-referrals-role-seats.ts).
 */

/** A forum that can receive something on `day`: open then, and not `from` itself. */
function checkReceiver(rules: RuleCheck, field: string, from: Forum, to: Forum, day: string, what: 'minutes' | 'case'): void {
  if (to.id === from.id) rules.add(userError(field, what === 'minutes' ? 'fora.cannotSendMinutesToItself' : 'fora.cannotReferToItself'));
  else if (to.establishedOn > day || (to.closedOn !== null && to.closedOn < day)) {
    rules.add(userError(field, to.closedOn ? 'fora.receiverNotOpenClosed' : 'fora.receiverNotOpen', { name: to.name, day, establishedOn: to.establishedOn, closedOn: to.closedOn ?? '' }));
  }
}

/**
 * The forum a meeting's minutes go to: `toForumId` if given, else the forum's own destination
 * (`minutesTo`), else none (the minutes are only recorded as sent). Checked into `rules`.
 */
export async function minutesReceiver(tx: EntityManager, forum: Forum, toForumId: string | null | undefined, sentOn: string, rules: RuleCheck, field = 'toForumId'): Promise<Forum | null> {
  const to = toForumId ? await findByGlobalId(tx, Forum, toForumId, field, 'forum') : forum.minutesToForumId ? await tx.getRepository(Forum).findOneBy({ id: forum.minutesToForumId }) : null;
  if (to) checkReceiver(rules, field, forum, to, sentOn, 'minutes');
  return to;
}

/** Records that a held meeting's minutes went to `to` (once per receiving forum); from then on its insiders read them. */
export async function deliverMinutes(tx: EntityManager, ctx: Context, meeting: ForumMeeting, heldOn: string, to: Forum, sentOn: string): Promise<void> {
  const repo = tx.getRepository(ForumMinutesDelivery);
  if (await repo.existsBy({ meetingId: meeting.id, forumId: to.id })) return;
  await repo.insert({ regionId: meeting.regionId, forumId: to.id, fromForumId: meeting.forumId, meetingId: meeting.id, heldOn, sentOn, sentBy: ctx.principal.subject });
}

/** Minutes sent to this forum, newest meeting first (its insiders only; others get an empty page). */
export async function receivedMinutes(ctx: Context, forum: Forum, request: PageRequest) {
  const window = pageWindow(request);
  if (!isInsider(ctx, forum)) return toConnection([], 0, window.offset);
  const page = await ctx.loaders
    .custom<string, { rows: ForumMinutesDelivery[]; total: number }>(`fora:receivedMinutes:${window.offset}:${window.limit}`, (ids) =>
      pagePerForum(ctx, ForumMinutesDelivery, 'fora:receivedMinutes', ids, '', [], 't.held_on DESC', window),
    )
    .load(forum.id);
  return toConnection(page.rows, page.total, window.offset);
}

/** The text of minutes sent to a forum (RLS lets the receiving forum's insiders read exactly these). */
export async function deliveredMinutesText(ctx: Context, delivery: ForumMinutesDelivery): Promise<string | null> {
  return (await ctx.loaders.manyBy(ForumMinutes, 'meetingId').load(delivery.meetingId))[0]?.text ?? null;
}

// ---- referrals --------------------------------------------------------------------------------

/** The caller is an insider of the referral's sending or receiving forum (READ_FORUM_REFERRALS). */
export const mayReadReferral = (ctx: Context, referral: ForumCaseReferral) => mayRead(ctx, READ_FORUM_REFERRALS, referral);

export const referForumCase = defineMutation({
  name: 'referForumCase',
  roles: FORUM_RUNNERS,
  action: 'Referring a case to another forum',
  async run({ tx, ctx, audit }, input: NewCaseReferral) {
    const from = await runForum(tx, ctx, input.fromForumId, 'fromForumId');
    const to = await findByGlobalId(tx, Forum, input.toForumId, 'toForumId', 'forum');
    const referredOn = dayOf(input.referredOn);
    const rules = new RuleCheck();
    if (referredOn > todayOf(ctx)) rules.add(userError('referredOn', 'fora.referralInFuture'));
    if (from.establishedOn > referredOn || (from.closedOn !== null && from.closedOn < referredOn)) rules.add(userError('referredOn', 'fora.senderNotOpen', { name: from.name, day: referredOn }));
    checkReceiver(rules, 'toForumId', from, to, referredOn, 'case');
    // Anonymous unless it names a consent of the sending forum, valid that day (as case items at a meeting).
    const consent = input.consentId ? await findByGlobalId(tx, ForumCaseConsent, input.consentId, 'consentId', 'consent') : null;
    if (consent && consent.forumId !== from.id) rules.add(userError('consentId', 'fora.consentOfAnotherForum', { name: from.name }, UserErrorCode.PERSONAL_DATA));
    else checkCase(rules, input, { label: input.label, summary: input.summary, measuresTried: input.measuresTried }, consent, referredOn, (field) => field, 'referral');
    const repo = tx.getRepository(ForumCaseReferral);
    // The same request twice refers the case once (asked only of an otherwise valid referral).
    rules.throwIfAny();
    if (await repo.existsBy({ fromForumId: from.id, toForumId: to.id, referredOn, label: input.label.trim() })) {
      rules.add(userError('label', 'fora.alreadyReferred', { label: input.label.trim(), name: to.name, day: referredOn }, UserErrorCode.CONFLICT));
    }
    rules.throwIfAny();
    const referral = await repo.save(
      repo.create({
        regionId: from.regionId,
        fromForumId: from.id,
        toForumId: to.id,
        referredOn,
        label: input.label.trim(),
        summary: trimmed(input.summary),
        measuresTried: trimmed(input.measuresTried),
        consentId: consent?.id ?? null,
        outcome: ForumReferralOutcome.PENDING,
        outcomeOn: null,
        outcomeText: null,
        outcomeBy: null,
        referredBy: ctx.principal.subject,
      }),
    );
    // The audit trail is read outside the fora: dates and whether it is named, never the texts.
    await audit({
      entity: 'ForumCaseReferral',
      entityId: referral.id,
      municipalityId: from.municipalityId,
      after: { fromForumId: from.id, toForumId: to.id, referredOn, named: consent !== null, confirmedAnonymous: !consent && !!input.confirmedAnonymous },
    });
    return { referral };
  },
});

/** Which outcome may follow which: PENDING → ACCEPTED or DECLINED; ACCEPTED → CONCLUDED. */
const NEXT: Record<ForumReferralOutcome, ForumReferralOutcome[]> = {
  [ForumReferralOutcome.PENDING]: [ForumReferralOutcome.ACCEPTED, ForumReferralOutcome.DECLINED],
  [ForumReferralOutcome.ACCEPTED]: [ForumReferralOutcome.CONCLUDED],
  [ForumReferralOutcome.DECLINED]: [],
  [ForumReferralOutcome.CONCLUDED]: [],
};

export const recordForumCaseReferralOutcome = defineMutation({
  name: 'recordForumCaseReferralOutcome',
  roles: FORUM_RUNNERS,
  action: "Recording a referral's outcome",
  async run({ tx, ctx, audit }, input: CaseReferralOutcome) {
    const before = await findByGlobalId(tx, ForumCaseReferral, input.referralId, 'referralId', 'referral');
    const to = await tx.getRepository(Forum).findOneByOrFail({ id: before.toForumId });
    requireScope(isRunner(ctx, to), { key: 'fora.errors.onlyReceivingLeaderRecordsOutcome', params: { forum: to.name } });
    const decidedOn = dayOf(input.decidedOn);
    const rules = new RuleCheck();
    if (!NEXT[before.outcome].includes(input.outcome)) {
      const allowed = NEXT[before.outcome];
      rules.add(
        userError(
          'outcome',
          allowed.length ? 'fora.referralOutcomeNext' : 'fora.referralOutcomeFinal',
          { outcome: before.outcome, next: allowed.join(' / ') },
          allowed.length ? UserErrorCode.INVALID : UserErrorCode.CONFLICT,
        ),
      );
    }
    const earliest = before.outcomeOn ?? before.referredOn;
    if (decidedOn < earliest || decidedOn > todayOf(ctx)) rules.add(userError('decidedOn', 'fora.betweenDateAndToday', { earliest }));
    rules.throwIfAny();
    const repo = tx.getRepository(ForumCaseReferral);
    const referral = repo.create({ ...before, outcome: input.outcome, outcomeOn: decidedOn, outcomeText: trimmed(input.text), outcomeBy: ctx.principal.subject });
    await repo.update({ id: before.id }, { outcome: referral.outcome, outcomeOn: referral.outcomeOn, outcomeText: referral.outcomeText, outcomeBy: referral.outcomeBy });
    await audit({
      entity: 'ForumCaseReferral',
      entityId: referral.id,
      municipalityId: to.municipalityId,
      before: { outcome: before.outcome, outcomeOn: before.outcomeOn },
      after: { outcome: referral.outcome, outcomeOn: referral.outcomeOn },
    });
    return { referral };
  },
});

export type ReferralDirection = 'sent' | 'received';

/** A forum's referrals, sent or received, newest first (its insiders only; others get an empty page). */
export async function forumReferrals(ctx: Context, forum: Forum, direction: ReferralDirection, request: PageRequest) {
  const window = pageWindow(request);
  if (!isInsider(ctx, forum)) return toConnection([], 0, window.offset);
  const by = direction === 'sent' ? { column: 'from_forum_id', of: (r: ForumCaseReferral) => r.fromForumId } : { column: 'to_forum_id', of: (r: ForumCaseReferral) => r.toForumId };
  const page = await ctx.loaders
    .custom<string, { rows: ForumCaseReferral[]; total: number }>(`fora:referrals:${direction}:${window.offset}:${window.limit}`, (ids) =>
      pagePerForum(ctx, ForumCaseReferral, `fora:referrals:${direction}`, ids, '', [], 't.referred_on DESC', window, by),
    )
    .load(forum.id);
  return toConnection(page.rows, page.total, window.offset);
}

/** The consent a referral names: the sending forum's insiders and the receiving forum's read it (RLS). */
export async function referralConsent(ctx: Context, referral: ForumCaseReferral): Promise<ForumCaseConsent | null> {
  if (!referral.consentId || !(await mayReadReferral(ctx, referral))) return null;
  return (await ctx.loaders.byId(ForumCaseConsent).load(referral.consentId)) ?? null;
}
