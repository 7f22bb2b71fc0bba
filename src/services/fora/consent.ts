import { todayOf } from '../../context';
import { Forum, ForumCaseConsent, ForumCaseItem, ForumMeeting } from '../../entities/fora';
import { requireScope } from '../access';
import { findByGlobalId } from '../lookup';
import { defineMutation } from '../mutation';
import { reject, UserErrorCode } from '../user-errors';
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
    requireScope(isRunner(ctx, forum), `Only the forum's own leader may change consents of "${forum.name}".`);
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
    const lastUse = used?.last ? osloDate(new Date(used.last)) : null;
    if (lastUse && lastUse >= withdrawnOn) reject('withdrawnOn', 'fora.consentReliedMeetingWithdrawal', { lastUse }, UserErrorCode.CONFLICT);
    const consent = tx.getRepository(ForumCaseConsent).create({ ...before, withdrawnOn });
    await tx.getRepository(ForumCaseConsent).save(consent);
    await audit({ entity: 'ForumCaseConsent', entityId: consent.id, municipalityId: forum.municipalityId, before: { withdrawnOn: null }, after: { withdrawnOn } });
    return { consent };
  },
});
