import { EntityManager, In, Not } from 'typeorm';
import { Context, todayOf } from '../../context';
import {
  CadencePeriod,
  Forum,
  ForumAgendaItem,
  ForumAgendaSection,
  ForumAttendance,
  ForumAttendanceDuty,
  ForumCaseConsent,
  ForumCaseItem,
  ForumFollowUp,
  ForumFollowUpNote,
  ForumKind,
  ForumKindAgendaElement,
  ForumKindCadence,
  ForumKindMember,
  ForumMeeting,
  ForumMeetingStatus,
  ForumMembership,
  ForumMinutes,
  Weekday,
} from '../../entities/fora';
import { SharedService } from '../../entities/reference/shared-service';
import { Unit } from '../../entities/reference/unit';
import { idOfType } from '../../global-id';
import { requireScope } from '../access';
import { findByGlobalId } from '../lookup';
import { defineMutation } from '../mutation';
import { reject, RuleCheck, userError, UserErrorCode } from '../user-errors';
import { Cancellation, FollowUpDone, HeldMeeting, MinutesSent, NewMeeting, ScheduleInput } from './args';
import { applicableRules, bandOf, CadenceRuleLike } from './cadence';
import { dayOf, isActiveOn as isActive, trimmed } from './values';
import { FORUM_RUNNERS, isRunner, runForum, runMeeting } from './guard';
import { loadTerms } from './read';
import { daysOf, parsePeriod, TermDates, windowsOverlapping, within } from './periods';
import { planSchedule } from './schedule';
import { osloDate, osloInstant } from './time';
import { DEFAULT_MEETING_MINUTES } from './load';
import { deliverMinutes, minutesReceiver } from './exchange';
import { checkCase } from './consent';

const WEEKDAY_NUMBER: Record<Weekday, number> = { MONDAY: 1, TUESDAY: 2, WEDNESDAY: 3, THURSDAY: 4, FRIDAY: 5 };

interface ForumRules {
  kind: ForumKind;
  rules: CadenceRuleLike[];
  terms: TermDates;
  place: string | null;
}

/** The cadence rules that apply to this forum (its unit's size band), the region's terms and the default place. */
async function rulesOf(tx: EntityManager, forum: Forum): Promise<ForumRules> {
  const kind = await tx.getRepository(ForumKind).findOneByOrFail({ id: forum.kindId });
  const unit = forum.unitId ? await tx.getRepository(Unit).findOneByOrFail({ id: forum.unitId }) : null;
  const cadence = await tx.getRepository(ForumKindCadence).findBy({ kindId: kind.id });
  return { kind, rules: applicableRules(cadence, bandOf(unit?.size, kind.largeUnitSize)), terms: await loadTerms(tx), place: unit?.name ?? null };
}

/** Local dates of the forum's meetings that are not cancelled (optionally leaving one out). */
async function meetingDates(tx: EntityManager, forumId: string, exceptId?: string): Promise<string[]> {
  const rows = await tx
    .getRepository(ForumMeeting)
    .find({ where: { forumId, status: Not(ForumMeetingStatus.CANCELLED), ...(exceptId ? { id: Not(exceptId) } : {}) }, select: { id: true, startsAt: true } });
  return rows.map((m) => osloDate(m.startsAt));
}

/** A new meeting on `date` must not break a rule's maximum ("at most 4 a month"). */
function checkMaximum(rules: RuleCheck, fr: ForumRules, existing: string[], date: string, field: string): void {
  for (const rule of fr.rules) {
    if (rule.maxMeetings === null) continue;
    for (const w of windowsOverlapping(rule.period, { from: date, to: date }, fr.terms)) {
      const count = existing.filter((d) => within(d, w)).length;
      if (count + 1 > rule.maxMeetings) rules.add(userError(field, `fora.meetsAtMostPer${rule.period}`, { name: fr.kind.name, count: rule.maxMeetings, label: w.label, existing: count }));
    }
  }
}

function checkActive(rules: RuleCheck, forum: Forum, date: string, field: string): void {
  if (date < forum.establishedOn || (forum.closedOn !== null && date > forum.closedOn)) {
    rules.add(
      userError(field, forum.closedOn ? 'fora.forumExistsFromTo' : 'fora.forumExistsFrom', {
        name: forum.name,
        establishedOn: forum.establishedOn,
        ...(forum.closedOn ? { closedOn: forum.closedOn } : {}),
      }),
    );
  }
}

export const planForumMeeting = defineMutation({
  name: 'planForumMeeting',
  roles: FORUM_RUNNERS,
  action: 'Planning a meeting',
  async run({ tx, ctx, audit }, input: NewMeeting) {
    const forum = await runForum(tx, ctx, input.forumId, 'forumId');
    const fr = await rulesOf(tx, forum);
    const date = osloDate(input.startsAt);
    const existing = await meetingDates(tx, forum.id);
    const rules = new RuleCheck();
    checkActive(rules, forum, date, 'startsAt');
    if (existing.includes(date)) rules.add(userError('startsAt', 'fora.alreadyMeeting', { name: forum.name, date }, UserErrorCode.CONFLICT));
    checkMaximum(rules, fr, existing, date, 'startsAt');
    rules.throwIfAny();
    const repo = tx.getRepository(ForumMeeting);
    const meeting = await repo.save(
      repo.create({
        regionId: forum.regionId,
        forumId: forum.id,
        startsAt: input.startsAt,
        plannedMinutes: input.plannedMinutes ?? fr.kind.minMeetingMinutes ?? DEFAULT_MEETING_MINUTES,
        place: trimmed(input.place) ?? fr.place,
        status: ForumMeetingStatus.PLANNED,
        createdBy: ctx.principal.subject,
      }),
    );
    await audit({ entity: 'ForumMeeting', entityId: meeting.id, municipalityId: forum.municipalityId, after: meeting });
    return { meeting };
  },
});

export const generateForumSchedule = defineMutation({
  name: 'generateForumSchedule',
  roles: FORUM_RUNNERS,
  action: 'Planning meetings',
  async run({ tx, ctx, audit }, input: ScheduleInput) {
    const forum = await runForum(tx, ctx, input.forumId, 'forumId');
    const fr = await rulesOf(tx, forum);
    const term = parsePeriod(input.term, fr.terms);
    if (!term || (term.kind !== CadencePeriod.AUTUMN_TERM && term.kind !== CadencePeriod.SPRING_TERM)) reject('term', 'fora.nameTermAutumnSpring');
    if (!fr.rules.some((r) => r.minMeetings > 0)) reject('forumId', 'fora.minimumNumberMeetingsPlan', { name: fr.kind.name });
    const existing = await meetingDates(tx, forum.id);
    // Days the forum does not exist are excluded like holidays.
    const closed = (d: string) => d < forum.establishedOn || (forum.closedOn !== null && d > forum.closedOn);
    const excluded = [...(input.excludedDates ?? []).map(dayOf), ...daysOf(term).filter(closed)];
    const plan = planSchedule({ term, rules: fr.rules, terms: fr.terms, weekday: WEEKDAY_NUMBER[input.weekday], existing, excluded });
    if (!plan.ok) {
      reject('excludedDates', 'fora.tooFewFreeDays', { window: plan.window, count: plan.needed, possible: plan.possible, weekdays: { key: `fora.weekdays.${input.weekday}` } });
    }
    const repo = tx.getRepository(ForumMeeting);
    const meetings = plan.dates.length
      ? await repo.save(
          plan.dates.map((date) =>
            repo.create({
              regionId: forum.regionId,
              forumId: forum.id,
              startsAt: osloInstant(date, input.startTime),
              plannedMinutes: input.plannedMinutes ?? fr.kind.minMeetingMinutes ?? DEFAULT_MEETING_MINUTES,
              place: trimmed(input.place) ?? fr.place,
              status: ForumMeetingStatus.PLANNED,
              createdBy: ctx.principal.subject,
            }),
          ),
        )
      : [];
    await audit({
      entity: 'Forum',
      entityId: forum.id,
      municipalityId: forum.municipalityId,
      after: { schedule: term.label, weekday: input.weekday, startTime: input.startTime, planned: plan.dates, alreadyInTerm: plan.existingInTerm },
    });
    return { meetings, existingInTerm: plan.existingInTerm, totalInTerm: plan.totalInTerm };
  },
});

/** The meeting a record is for: a PLANNED one, or a new one at forumId + startsAt (checked like planning). */
async function meetingToRecord(tx: EntityManager, ctx: Context, input: HeldMeeting, rules: RuleCheck): Promise<{ meeting: ForumMeeting | null; forum: Forum; startsAt: Date; fr: ForumRules }> {
  if (input.meetingId && (input.forumId || input.startsAt)) reject('meetingId', 'fora.givePlannedMeetingMeetingid');
  if (input.meetingId) {
    const { meeting, forum } = await runMeeting(tx, ctx, input.meetingId, 'meetingId');
    if (meeting.status !== ForumMeetingStatus.PLANNED) reject('meetingId', 'fora.meetingPlannedMeetingRecorded', { status: meeting.status }, UserErrorCode.CONFLICT);
    return { meeting, forum, startsAt: meeting.startsAt, fr: await rulesOf(tx, forum) };
  }
  if (!input.forumId || !input.startsAt) reject('meetingId', 'fora.givePlannedMeetingMeetingid2');
  const forum = await runForum(tx, ctx, input.forumId, 'forumId');
  const fr = await rulesOf(tx, forum);
  const date = osloDate(input.startsAt);
  const existing = await meetingDates(tx, forum.id);
  checkActive(rules, forum, date, 'startsAt');
  if (existing.includes(date)) rules.add(userError('startsAt', 'fora.alreadyMeetingRecordMeetingid', { name: forum.name, date }, UserErrorCode.CONFLICT));
  checkMaximum(rules, fr, existing, date, 'startsAt');
  return { meeting: null, forum, startsAt: input.startsAt, fr };
}

/** Global IDs of one type → rows of `entity` that pass `belongs`; a NOT_FOUND rule violation for each other one. */
async function resolveIds<T extends { id: string }>(
  tx: EntityManager,
  entity: (new () => T) & { name: string },
  ids: (string | null | undefined)[],
  field: (i: number) => string[],
  what: string,
  rules: RuleCheck,
  belongs: (row: T) => boolean,
): Promise<Map<string, T>> {
  const uuids = ids.map((g) => (g ? idOfType(g, entity.name) : null));
  const wanted = uuids.filter((x): x is string => !!x);
  const found = wanted.length ? await tx.getRepository(entity).findBy({ id: In(wanted) } as never) : [];
  const byGlobal = new Map<string, T>();
  ids.forEach((g, i) => {
    if (!g) return;
    const row = found.find((r) => r.id === uuids[i]);
    if (!row || !belongs(row)) rules.add(userError(field(i), 'fora.noSuchInForum', { what }, UserErrorCode.NOT_FOUND));
    else byGlobal.set(g, row);
  });
  return byGlobal;
}

const at = (list: string, i: number, name?: string) => ['input', list, String(i), ...(name ? [name] : [])];
const label = (m: ForumMembership, seats: ForumKindMember[]) => `${seats.find((s) => s.id === m.kindMemberId)?.name ?? 'member'}${m.personName ? ` (${m.personName})` : ''}`;

/**
 * One mutation for the whole record of a held meeting: length, attendance of every member with
 * attendance duty, agenda under the template's elements, case items (anonymous unless a valid
 * consent names them), minutes, follow-ups, who wrote the minutes and whether they were sent on.
 * Every rule is checked first; a single violation (e.g. a national identity number in the minutes)
 * saves nothing.
 */
export const recordForumMeeting = defineMutation({
  name: 'recordForumMeeting',
  roles: FORUM_RUNNERS,
  action: 'Recording a meeting',
  async run({ tx, ctx, audit }, input: HeldMeeting) {
    const rules = new RuleCheck();
    const { meeting: planned, forum, startsAt, fr } = await meetingToRecord(tx, ctx, input, rules);
    const date = osloDate(startsAt);
    const now = todayOf(ctx);
    if (date > now) rules.add(userError(planned ? 'meetingId' : 'startsAt', 'fora.meetingRecordedHeldDay', { date }));

    const [seats, elements, memberships] = await Promise.all([
      tx.getRepository(ForumKindMember).findBy({ kindId: forum.kindId }),
      tx.getRepository(ForumKindAgendaElement).findBy({ kindId: forum.kindId }),
      tx.getRepository(ForumMembership).findBy({ forumId: forum.id }),
    ]);

    // Attendance: members of this forum that day, each once; everyone with attendance duty listed.
    const attendees = await resolveIds(
      tx,
      ForumMembership,
      input.attendance.map((a) => a.membershipId),
      (i) => at('attendance', i, 'membershipId'),
      'member',
      rules,
      (m) => m.forumId === forum.id,
    );
    input.attendance.forEach((a, i) => {
      const m = attendees.get(a.membershipId);
      if (m && !isActive(m, date)) rules.add(userError(at('attendance', i, 'membershipId'), 'fora.notMemberOnDate', { member: label(m, seats), date }));
      if (input.attendance.findIndex((b) => b.membershipId === a.membershipId) !== i) rules.add(userError(at('attendance', i, 'membershipId'), 'fora.listedMoreThanOnce'));
    });
    const listed = new Set([...attendees.values()].map((m) => m.id));
    const missing = memberships.filter((m) => m.attendance === ForumAttendanceDuty.MANDATORY && isActive(m, date) && !listed.has(m.id));
    if (missing.length) rules.add(userError('attendance', 'fora.recordAttendanceEveryMember', { missing: missing.map((m) => label(m, seats)).join(', ') }));

    // Agenda and case items under the kind's template elements.
    const element = (g: string | null | undefined) => (g ? elements.find((e) => e.id === idOfType(g, 'ForumKindAgendaElement')) : undefined);
    input.agenda.forEach((item, i) => {
      if (item.elementId && !element(item.elementId)) rules.add(userError(at('agenda', i, 'elementId'), 'fora.notAgendaElement', {}, UserErrorCode.NOT_FOUND));
    });

    // Case items: anonymous by default; a named case needs this forum's consent, valid that day.
    const caseItems = input.caseItems ?? [];
    const consents = await resolveIds(
      tx,
      ForumCaseConsent,
      caseItems.map((c) => c.consentId),
      (i) => at('caseItems', i, 'consentId'),
      'consent',
      rules,
      (c) => c.forumId === forum.id,
    );
    caseItems.forEach((item, i) => {
      if (item.elementId && !element(item.elementId)) rules.add(userError(at('caseItems', i, 'elementId'), 'fora.notAgendaElement', {}, UserErrorCode.NOT_FOUND));
      // Without a consent the label and summary must not name the child; a false alarm is confirmed by the caller.
      const consent = item.consentId ? consents.get(item.consentId) : undefined;
      checkCase(rules, item, { label: item.label, summary: item.summary }, consent, date, (field) => at('caseItems', i, field), 'meeting');
    });

    // Follow-ups: who is responsible (a member service of the kind and/or a shared service), by when.
    const followUps = input.followUps ?? [];
    const responsible = await resolveIds(
      tx,
      ForumKindMember,
      followUps.map((f) => f.responsibleMemberId),
      (i) => at('followUps', i, 'responsibleMemberId'),
      'member service',
      rules,
      (s) => s.kindId === forum.kindId,
    );
    const services = await resolveIds(
      tx,
      SharedService,
      followUps.map((f) => f.responsibleServiceId),
      (i) => at('followUps', i, 'responsibleServiceId'),
      'shared service',
      rules,
      () => true,
    );
    followUps.forEach((f, i) => {
      if (!f.responsibleMemberId && !f.responsibleServiceId) rules.add(userError(at('followUps', i), 'fora.nameResponsibleMemberService'));
      if (dayOf(f.dueOn) < date) rules.add(userError(at('followUps', i, 'dueOn'), 'fora.dueBeforeMeeting', { date }));
    });

    // Minutes: written by the convener where the kind says so (004).
    if (fr.kind.minutesByConvener && (!input.convenedBy?.trim() || input.convenedBy.trim().toLowerCase() !== input.minutesWrittenBy.trim().toLowerCase())) {
      rules.add(userError('minutesWrittenBy', 'fora.minutesWrittenWhoeverConvened', { name: fr.kind.name }));
    }
    const sentOn = input.minutesSentOn ? dayOf(input.minutesSentOn) : null;
    if (sentOn && (sentOn < date || sentOn > now)) rules.add(userError('minutesSentOn', 'fora.betweenMeetingToday', { date }));
    const minutesTo = sentOn ? await minutesReceiver(tx, forum, null, sentOn, rules, 'minutesSentOn') : null;
    rules.throwIfAny();

    // ---- write ------------------------------------------------------------------------------
    const repo = tx.getRepository(ForumMeeting);
    const meeting = await repo.save(
      repo.create({
        ...(planned ?? { regionId: forum.regionId, forumId: forum.id, startsAt, plannedMinutes: input.actualMinutes, createdBy: ctx.principal.subject }),
        status: ForumMeetingStatus.HELD,
        actualMinutes: input.actualMinutes,
        place: trimmed(input.place) ?? planned?.place ?? fr.place,
        convenedBy: trimmed(input.convenedBy),
        minutesWrittenBy: input.minutesWrittenBy.trim(),
        minutesSentOn: sentOn,
        minutesSentToForumId: minutesTo?.id ?? null,
        sequence: planned ? planned.sequence + 1 : 0,
        recordedBy: ctx.principal.subject,
        recordedAt: new Date(),
      }),
    );
    const base = { regionId: forum.regionId, forumId: forum.id, meetingId: meeting.id };
    if (input.attendance.length) {
      await tx.getRepository(ForumAttendance).insert(input.attendance.map((a) => ({ ...base, membershipId: attendees.get(a.membershipId)!.id, status: a.status })));
    }
    const covered = [...new Set([...input.agenda, ...caseItems].map((x) => element(x.elementId)?.id).filter((x): x is string => !!x))];
    if (covered.length) await tx.getRepository(ForumAgendaSection).insert(covered.map((elementId) => ({ ...base, kindId: forum.kindId, elementId })));
    if (input.agenda.length) {
      await tx
        .getRepository(ForumAgendaItem)
        .insert(input.agenda.map((item, position) => ({ ...base, position, elementId: element(item.elementId)?.id ?? null, title: item.title.trim(), notes: trimmed(item.notes) })));
    }
    await tx.getRepository(ForumMinutes).insert({ ...base, text: input.minutes.trim() });
    if (minutesTo && sentOn) await deliverMinutes(tx, ctx, meeting, date, minutesTo, sentOn);
    if (caseItems.length) {
      await tx.getRepository(ForumCaseItem).insert(
        caseItems.map((c, position) => ({
          ...base,
          position,
          elementId: element(c.elementId)?.id ?? null,
          label: c.label.trim(),
          summary: trimmed(c.summary),
          consentId: c.consentId ? consents.get(c.consentId)!.id : null,
        })),
      );
    }
    if (followUps.length) {
      const saved = await tx.getRepository(ForumFollowUp).save(
        followUps.map((f, position) =>
          tx.getRepository(ForumFollowUp).create({
            ...base,
            position,
            kindId: forum.kindId,
            responsibleMemberId: f.responsibleMemberId ? responsible.get(f.responsibleMemberId)!.id : null,
            responsibleServiceId: f.responsibleServiceId ? services.get(f.responsibleServiceId)!.id : null,
            dueOn: dayOf(f.dueOn),
            doneOn: null,
          }),
        ),
      );
      await tx.getRepository(ForumFollowUpNote).insert(saved.map((s, i) => ({ regionId: forum.regionId, forumId: forum.id, followUpId: s.id, description: followUps[i].description.trim() })));
    }
    // The audit trail is read outside the forum (REGION_ADMIN, AUDITOR): counts only, never the text.
    await audit({
      entity: 'ForumMeeting',
      entityId: meeting.id,
      municipalityId: forum.municipalityId,
      before: planned ? { status: planned.status, startsAt: planned.startsAt } : null,
      after: {
        status: meeting.status,
        startsAt: meeting.startsAt,
        actualMinutes: meeting.actualMinutes,
        attendance: input.attendance.length,
        agendaItems: input.agenda.length,
        elementsCovered: covered.length,
        caseItems: caseItems.length,
        namedCaseItems: caseItems.filter((c) => c.consentId).length,
        confirmedAnonymousCaseItems: caseItems.filter((c) => !c.consentId && c.confirmedAnonymous).length,
        followUps: followUps.length,
        minutesCharacters: input.minutes.trim().length,
      },
    });
    return { meeting };
  },
});

export const cancelForumMeeting = defineMutation({
  name: 'cancelForumMeeting',
  roles: FORUM_RUNNERS,
  action: 'Cancelling a meeting',
  async run({ tx, ctx, audit }, input: Cancellation) {
    const { meeting: before, forum } = await runMeeting(tx, ctx, input.meetingId, 'meetingId');
    if (before.status !== ForumMeetingStatus.PLANNED) reject('meetingId', 'fora.meetingPlannedMeetingCancelled', { status: before.status }, UserErrorCode.CONFLICT);
    const meeting = tx.getRepository(ForumMeeting).create({ ...before, status: ForumMeetingStatus.CANCELLED, cancelReason: input.reason.trim(), sequence: before.sequence + 1 });
    await tx.getRepository(ForumMeeting).save(meeting);
    await audit({
      entity: 'ForumMeeting',
      entityId: meeting.id,
      municipalityId: forum.municipalityId,
      before: { status: before.status },
      after: { status: meeting.status, startsAt: meeting.startsAt },
    });
    return { meeting };
  },
});

export const markForumMinutesSent = defineMutation({
  name: 'markForumMinutesSent',
  roles: FORUM_RUNNERS,
  action: 'Recording that minutes were sent on',
  async run({ tx, ctx, audit }, input: MinutesSent) {
    const { meeting: before, forum } = await runMeeting(tx, ctx, input.meetingId, 'meetingId');
    if (before.status !== ForumMeetingStatus.HELD) reject('meetingId', 'fora.minutesHeldMeetingSent', {}, UserErrorCode.CONFLICT);
    const sentOn = dayOf(input.sentOn);
    const date = osloDate(before.startsAt);
    if (sentOn < date || sentOn > todayOf(ctx)) reject('sentOn', 'fora.betweenMeetingToday', { date });
    const rules = new RuleCheck();
    const to = await minutesReceiver(tx, forum, input.toForumId, sentOn, rules);
    rules.throwIfAny();
    const meeting = tx.getRepository(ForumMeeting).create({ ...before, minutesSentOn: sentOn, minutesSentToForumId: to?.id ?? null });
    await tx.getRepository(ForumMeeting).save(meeting);
    // The receiving forum's insiders read these minutes from now on (and nothing else of this forum).
    if (to) await deliverMinutes(tx, ctx, meeting, date, to, sentOn);
    await audit({
      entity: 'ForumMeeting',
      entityId: meeting.id,
      municipalityId: forum.municipalityId,
      before: { minutesSentOn: before.minutesSentOn },
      after: { minutesSentOn: sentOn, minutesSentToForumId: meeting.minutesSentToForumId },
    });
    return { meeting };
  },
});

export const setForumFollowUpDone = defineMutation({
  name: 'setForumFollowUpDone',
  roles: FORUM_RUNNERS,
  action: 'Updating a follow-up',
  async run({ tx, ctx, audit }, input: FollowUpDone) {
    const before = await findByGlobalId(tx, ForumFollowUp, input.followUpId, 'followUpId', 'follow-up');
    const forum = await tx.getRepository(Forum).findOneByOrFail({ id: before.forumId });
    requireScope(isRunner(ctx, forum), { key: 'fora.errors.onlyLeaderUpdatesFollowUps', params: { forum: forum.name } });
    const doneOn = input.doneOn ? dayOf(input.doneOn) : null;
    const meeting = await tx.getRepository(ForumMeeting).findOneByOrFail({ id: before.meetingId });
    if (doneOn && (doneOn < osloDate(meeting.startsAt) || doneOn > todayOf(ctx))) reject('doneOn', 'fora.betweenMeetingToday', { date: osloDate(meeting.startsAt) });
    const followUp = tx.getRepository(ForumFollowUp).create({ ...before, doneOn });
    await tx.getRepository(ForumFollowUp).save(followUp);
    await audit({ entity: 'ForumFollowUp', entityId: followUp.id, municipalityId: forum.municipalityId, before: { doneOn: before.doneOn }, after: { doneOn } });
    return { followUp };
  },
});
