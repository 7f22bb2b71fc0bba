import { EntityManager } from 'typeorm';
import { todayOf } from '../../context';
import { Forum, ForumCaseConsent, ForumCaseItem, ForumCaseReferral, ForumMeeting } from '../../entities/fora';
import { requireScope } from '../access';
import { findByGlobalId } from '../lookup';
import { defineMutation } from '../mutation';
import { namedPersonViolation } from '../personal-data';
import { reject, RuleCheck, userError, UserErrorCode } from '../user-errors';
import { ConsentWithdrawal, NewConsent } from './args';
import { dayOf } from './values';
import { FORUM_RUNNERS, isRunner, runForum } from './guard';
import { osloDate } from './time';

/**
 * Consent to discuss a named case (003, 004: cases are anonymous unless the parents consent). A
 * consent belongs to one forum and is readable by its insiders only (RLS); the audit trail records
 * that one was given or withdrawn, never whose.
 */
export const recordCaseConsent = defineMutation({
  name: 'recordCaseConsent',
  roles: FORUM_RUNNERS,
  action: 'Recording a consent',
  async run({ tx, ctx, audit }, input: NewConsent) {
    const forum = await runForum(tx, ctx, input.forumId, 'forumId');
    const givenOn = dayOf(input.givenOn);
    if (givenOn > todayOf(ctx)) reject('givenOn', 'fora.consentCannotGivenFuture');
    const repo = tx.getRepository(ForumCaseConsent);
    const consent = await repo.save(
      repo.create({
        regionId: forum.regionId,
        forumId: forum.id,
        subject: input.subject.trim(),
        givenBy: input.givenBy.trim(),
        givenOn,
        scope: input.scope.trim(),
        withdrawnOn: null,
        recordedBy: ctx.principal.subject,
      }),
    );
    await audit({ entity: 'ForumCaseConsent', entityId: consent.id, municipalityId: forum.municipalityId, after: { givenOn, withdrawnOn: null } });
    return { consent };
  },
});

/** From the withdrawal date on, the case is anonymous again; meetings before it keep their record. */
export const withdrawCaseConsent = defineMutation({
  name: 'withdrawCaseConsent',
  roles: FORUM_RUNNERS,
  action: 'Withdrawing a consent',
  async run({ tx, ctx, audit }, input: ConsentWithdrawal) {
    const before = await findByGlobalId(tx, ForumCaseConsent, input.consentId, 'consentId', 'consent');
    const forum = await tx.getRepository(Forum).findOneByOrFail({ id: before.forumId });
    requireScope(isRunner(ctx, forum), { key: 'fora.errors.onlyLeaderChangesConsents', params: { forum: forum.name } });
    if (before.withdrawnOn !== null) reject('consentId', 'fora.consentAlreadyWithdrawn', { withdrawnOn: before.withdrawnOn }, UserErrorCode.CONFLICT);
    const withdrawnOn = dayOf(input.withdrawnOn);
    if (withdrawnOn < before.givenOn || withdrawnOn > todayOf(ctx)) reject('withdrawnOn', 'fora.betweenDayGivenToday', { givenOn: before.givenOn });
    const used = await tx
      .getRepository(ForumCaseItem)
      .createQueryBuilder('c')
      .innerJoin(ForumMeeting, 'm', 'm.id = c.meeting_id')
      .where('c.consent_id = :id', { id: before.id })
      .select('max(m.starts_at)', 'last')
      .getRawOne<{ last: Date | null }>();
    // A referral to another forum under the consent is a use too (exchange.ts).
    const lastUse =
      [used?.last ? osloDate(new Date(used.last)) : null, await lastReferralUnder(tx, before.id)]
        .filter((d): d is string => !!d)
        .sort()
        .pop() ?? null;
    if (lastUse && lastUse >= withdrawnOn) reject('withdrawnOn', 'fora.consentReliedMeetingWithdrawal', { lastUse }, UserErrorCode.CONFLICT);
    const consent = tx.getRepository(ForumCaseConsent).create({ ...before, withdrawnOn });
    await tx.getRepository(ForumCaseConsent).save(consent);
    await audit({ entity: 'ForumCaseConsent', entityId: consent.id, municipalityId: forum.municipalityId, before: { withdrawnOn: null }, after: { withdrawnOn } });
    return { consent };
  },
});

/** A case as a meeting's case item or a referral gives it: texts, and the consent it names (if any). */
export interface CaseInput {
  consentId?: string | null;
  subjectName?: string | null;
  confirmedAnonymous?: boolean | null;
}

/**
 * The rules of a case discussed at a meeting or referred to another forum, on `date`: without a
 * consent it names no one (`subjectName` refused; `texts` that read like a given name with an age,
 * class or birth date refused unless confirmed); with one (`consent`, already found in the right
 * forum), the consent was given by then, not withdrawn by then, and is for `subjectName`.
 * (A national identity number in any text was refused before: defineMutation's personal-data guard.)
 */
export function checkCase(
  rules: RuleCheck,
  item: CaseInput,
  texts: Record<string, string | null | undefined>,
  consent: ForumCaseConsent | null | undefined,
  date: string,
  at: (field: string) => string | string[],
  /** A case discussed at a meeting or referred to another forum: the messages say which. */
  how: 'meeting' | 'referral',
): void {
  if (!item.consentId) {
    if (item.subjectName?.trim()) rules.add(userError(at('subjectName'), how === 'meeting' ? 'fora.namedCaseNeedsRecorded' : 'fora.namedReferralNeedsConsent', {}, UserErrorCode.PERSONAL_DATA));
    if (!item.confirmedAnonymous) {
      for (const [field, text] of Object.entries(texts)) {
        const named = namedPersonViolation(text, at(field));
        if (named) rules.add(named);
      }
    }
    return;
  }
  if (!consent) return;
  if (consent.givenOn > date)
    rules.add(userError(at('consentId'), how === 'meeting' ? 'fora.consentGivenAfterMeeting' : 'fora.consentGivenAfterReferral', { givenOn: consent.givenOn, date }, UserErrorCode.PERSONAL_DATA));
  else if (consent.withdrawnOn !== null && consent.withdrawnOn <= date) {
    rules.add(userError(at('consentId'), how === 'meeting' ? 'fora.consentWithdrawnDiscussCase' : 'fora.consentWithdrawnReferCase', { withdrawnOn: consent.withdrawnOn }, UserErrorCode.PERSONAL_DATA));
  }
  if (item.subjectName?.trim() && item.subjectName.trim().toLowerCase() !== consent.subject.trim().toLowerCase()) {
    rules.add(userError(at('subjectName'), 'fora.consentSomeoneElse', {}, UserErrorCode.PERSONAL_DATA));
  }
}

/** The last day a consent was relied on by a referral (for withdrawCaseConsent), or null. */
export async function lastReferralUnder(tx: EntityManager, consentId: string): Promise<string | null> {
  const row = await tx
    .getRepository(ForumCaseReferral)
    .createQueryBuilder('r')
    .where('r.consent_id = :id', { id: consentId })
    .select('max(r.referred_on)::text', 'last')
    .getRawOne<{ last: string | null }>();
  return row?.last ?? null;
}
