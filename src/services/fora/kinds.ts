import { EntityManager } from 'typeorm';
import { Role } from '../../auth/roles';
import { todayOf } from '../../context';
import {
  ForumAttendanceDuty,
  ForumKind,
  ForumKindAgendaElement,
  ForumKindCadence,
  ForumKindMember,
  ForumKindRuleVersion,
  ForumLeadership,
  ForumPlacement,
  ForumTermSetting,
  UnitSizeBand,
} from '../../entities/fora';
import { isoDate } from '../dates';
import { findByGlobalId } from '../lookup';
import { defineMutation } from '../mutation';
import { checkUnique } from '../reference/kommunenummer';
import { RuleCheck, userError, UserErrorCode } from '../user-errors';
import { CadenceRuleInput, ForumKindChanges, NewForumKind, TermSettingsInput } from './args';
import { isMonthDay, termDatesOf } from './periods';
import { loadTerms } from './read';
import { RULES_SINCE_ALWAYS, rulesOfKind, sameRules } from './rules';
import { trimmed } from './values';

/** REGION_ADMIN configures the kinds of fora and the terms: the rules are data, "trialled and evaluated" (001). */
const CONFIGURERS = [Role.REGION_ADMIN];

function checkLeadership(rules: RuleCheck, leadership: ForumLeadership, rotationMonths: number | null | undefined): void {
  if (leadership === ForumLeadership.ROTATING && !rotationMonths) rules.add(userError('rotationMonths', 'fora.rotatingLeadershipNeedsRotationmonths'));
  if (leadership === ForumLeadership.FIXED && rotationMonths) rules.add(userError('rotationMonths', 'fora.rotationmonthsAppliesRotatingLeadership'));
}

function checkCadence(rules: RuleCheck, cadence: CadenceRuleInput[], largeUnitSize: number | null | undefined): void {
  const seen = new Set<string>();
  cadence.forEach((c, i) => {
    const field = ['input', 'cadence', String(i)];
    const band = c.unitSize ?? UnitSizeBand.ANY;
    if (c.maxMeetings != null && c.maxMeetings < c.minMeetings) rules.add(userError([...field, 'maxMeetings'], 'fora.maxmeetingsCannotBelowMinmeetings'));
    if (!c.minMeetings && c.maxMeetings == null) rules.add(userError(field, 'fora.ruleNeedsMinimumAbove'));
    if (band !== UnitSizeBand.ANY && !largeUnitSize) rules.add(userError([...field, 'unitSize'], 'fora.ruleNeedsLargeUnitSize', { band }));
    const key = `${c.period}:${band}`;
    if (seen.has(key)) rules.add(userError(field, 'fora.twoRulesMergeThem', { period: c.period, band }));
    seen.add(key);
  });
}

async function insertCadence(tx: EntityManager, kind: ForumKind, cadence: CadenceRuleInput[]): Promise<ForumKindCadence[]> {
  const repo = tx.getRepository(ForumKindCadence);
  const rows = cadence.map((c, position) =>
    repo.create({
      regionId: kind.regionId,
      kindId: kind.id,
      position,
      period: c.period,
      unitSize: c.unitSize ?? UnitSizeBand.ANY,
      minMeetings: c.minMeetings,
      maxMeetings: c.maxMeetings ?? null,
    }),
  );
  return rows.length ? repo.save(rows) : [];
}

export const createForumKind = defineMutation({
  name: 'createForumKind',
  roles: CONFIGURERS,
  action: 'Configuring forum kinds',
  async run({ tx, ctx, audit }, input: NewForumKind) {
    const rules = new RuleCheck();
    const repo = tx.getRepository(ForumKind);
    if (await repo.findOneBy({ code: input.code })) rules.add(userError('code', 'fora.forumKindCodeAlready', { code: input.code }, UserErrorCode.CONFLICT));
    checkLeadership(rules, input.leadership, input.rotationMonths);
    const required = input.requiredUnitKinds ?? [];
    if (required.length && input.placement !== ForumPlacement.UNIT) rules.add(userError('requiredUnitKinds', 'fora.kindPlacedUnitRequired'));
    checkUnique(
      rules,
      input.members.map((m) => m.code),
      'members',
      'Member code given',
    );
    checkUnique(
      rules,
      input.agendaElements.map((e) => e.code),
      'agendaElements',
      'Element code given',
    );
    input.members.forEach((m, i) => {
      if (m.attendancesPerHalfYear != null && m.attendance === ForumAttendanceDuty.MANDATORY)
        rules.add(userError(['input', 'members', String(i), 'attendancesPerHalfYear'], 'fora.memberAttendanceDutyAttends'));
    });
    checkCadence(rules, input.cadence, input.largeUnitSize);
    const rulesValidFrom = input.rulesValidFrom ? isoDate(input.rulesValidFrom) : todayOf(ctx);
    if (rulesValidFrom < RULES_SINCE_ALWAYS) rules.add(userError('rulesValidFrom', 'fora.rulesFromEarliest', { earliest: RULES_SINCE_ALWAYS }));
    let minutesTo: ForumKind | null = null;
    if (input.minutesToKindCode) {
      minutesTo = await repo.findOneBy({ code: input.minutesToKindCode });
      if (!minutesTo) rules.add(userError('minutesToKindCode', 'fora.noSuchForumKindCode', { minutesToKindCode: input.minutesToKindCode }, UserErrorCode.NOT_FOUND));
    }
    rules.throwIfAny();

    const kind = await repo.save(
      repo.create({
        regionId: ctx.principal.regionId,
        code: input.code,
        name: input.name.trim(),
        description: trimmed(input.description),
        source: trimmed(input.source),
        notes: trimmed(input.notes),
        placement: input.placement,
        requiredUnitKinds: required,
        leadership: input.leadership,
        rotationMonths: input.leadership === ForumLeadership.ROTATING ? input.rotationMonths! : null,
        leaderDescription: trimmed(input.leaderDescription),
        minMeetingMinutes: input.minMeetingMinutes ?? null,
        largeUnitSize: input.largeUnitSize ?? null,
        minutesToKindId: minutesTo?.id ?? null,
        minutesByConvener: input.minutesByConvener ?? false,
        minDaysBetweenMeetings: input.minDaysBetweenMeetings ?? null,
        rulesValidFrom,
      }),
    );
    const memberRepo = tx.getRepository(ForumKindMember);
    await memberRepo.save(
      input.members.map((m, position) =>
        memberRepo.create({
          regionId: kind.regionId,
          kindId: kind.id,
          position,
          code: m.code,
          name: m.name.trim(),
          attendance: m.attendance,
          serviceKind: m.serviceKind ?? null,
          attendancesPerHalfYear: m.attendancesPerHalfYear ?? null,
        }),
      ),
    );
    await insertCadence(tx, kind, input.cadence);
    const elementRepo = tx.getRepository(ForumKindAgendaElement);
    if (input.agendaElements.length) {
      await elementRepo.save(
        input.agendaElements.map((e, position) =>
          elementRepo.create({
            regionId: kind.regionId,
            kindId: kind.id,
            position,
            code: e.code,
            title: e.title.trim(),
            description: trimmed(e.description),
            required: e.required,
          }),
        ),
      );
    }
    await audit({ entity: 'ForumKind', entityId: kind.id, after: { ...kind, members: input.members, cadence: input.cadence, agendaElements: input.agendaElements } });
    return { forumKind: kind };
  },
});

export const updateForumKind = defineMutation({
  name: 'updateForumKind',
  roles: CONFIGURERS,
  action: 'Configuring forum kinds',
  async run({ tx, ctx, audit }, input: ForumKindChanges) {
    const before = await findByGlobalId(tx, ForumKind, input.id, 'id', 'forum kind');
    const rules = new RuleCheck();
    const leadership = input.leadership ?? before.leadership;
    const rotationMonths = input.rotationMonths === undefined ? (leadership === ForumLeadership.ROTATING ? before.rotationMonths : null) : input.rotationMonths;
    checkLeadership(rules, leadership, rotationMonths);
    const largeUnitSize = input.largeUnitSize === undefined ? before.largeUnitSize : input.largeUnitSize;
    const cadenceBefore = await tx.getRepository(ForumKindCadence).find({ where: { kindId: before.id }, order: { position: 'ASC' } });
    const cadence = input.cadence ?? cadenceBefore;
    checkCadence(rules, cadence, largeUnitSize);
    const required = input.requiredUnitKinds === undefined ? before.requiredUnitKinds : (input.requiredUnitKinds ?? []);
    if (required.length && before.placement !== ForumPlacement.UNIT) rules.add(userError('requiredUnitKinds', 'fora.kindPlacedUnitRequired'));
    rules.throwIfAny();

    const kind = tx.getRepository(ForumKind).create({
      ...before,
      name: input.name?.trim() ?? before.name,
      description: input.description === undefined ? before.description : trimmed(input.description),
      notes: input.notes === undefined ? before.notes : trimmed(input.notes),
      leadership,
      rotationMonths: rotationMonths ?? null,
      minMeetingMinutes: input.minMeetingMinutes === undefined ? before.minMeetingMinutes : input.minMeetingMinutes,
      largeUnitSize: largeUnitSize ?? null,
      requiredUnitKinds: required,
      minDaysBetweenMeetings: input.minDaysBetweenMeetings === undefined ? before.minDaysBetweenMeetings : input.minDaysBetweenMeetings,
    });
    // Changed rules are a new version: the current ones are kept as history up to the day before.
    const rulesBefore = rulesOfKind(before, cadenceBefore);
    const rulesChanged = !sameRules(rulesBefore, rulesOfKind(kind, cadence));
    if (rulesChanged) {
      const validFrom = input.rulesValidFrom ? isoDate(input.rulesValidFrom) : todayOf(ctx);
      if (validFrom < before.rulesValidFrom) {
        rules.add(userError('rulesValidFrom', 'fora.rulesBeforeCurrent', { current: before.rulesValidFrom, asked: validFrom }));
        rules.throwIfAny();
      }
      if (validFrom > before.rulesValidFrom) {
        const versions = tx.getRepository(ForumKindRuleVersion);
        await versions.save(versions.create({ regionId: before.regionId, kindId: before.id, ...rulesBefore, createdBy: ctx.principal.subject }));
      }
      kind.rulesValidFrom = validFrom;
    }
    await tx.getRepository(ForumKind).save(kind);
    if (input.cadence) {
      await tx.getRepository(ForumKindCadence).delete({ kindId: kind.id });
      await insertCadence(tx, kind, input.cadence);
    }
    await audit({ entity: 'ForumKind', entityId: kind.id, before: { ...before, cadence: cadenceBefore }, after: { ...kind, cadence } });
    return { forumKind: kind };
  },
});

export const setForumTerms = defineMutation({
  name: 'setForumTerms',
  roles: CONFIGURERS,
  action: 'Setting the school terms',
  async run({ tx, ctx, audit }, input: TermSettingsInput) {
    const rules = new RuleCheck();
    for (const field of ['springStart', 'springEnd', 'autumnStart', 'autumnEnd'] as const) {
      if (!isMonthDay(input[field])) rules.add(userError(field, 'fora.notMonthDayEveryYear', { value: input[field] }));
    }
    rules.throwIfAny();
    if (!(input.springStart <= input.springEnd && input.springEnd < input.autumnStart && input.autumnStart <= input.autumnEnd)) {
      rules.add(userError('autumnStart', 'fora.springTermComeFirst'));
    }
    rules.throwIfAny();
    // Dates apply from a year whose terms have not begun: a term that began (and any finished one)
    // keeps the dates it was judged by.
    const today = todayOf(ctx);
    const year = Number(today.slice(0, 4));
    const inForce = termDatesOf(await loadTerms(tx), year);
    const firstOpenYear = today < `${year}-${inForce.springStart}` ? year : year + 1;
    const fromYear = input.fromYear ?? firstOpenYear;
    if (fromYear < firstOpenYear) {
      rules.add(userError('fromYear', 'fora.termDatesYearBegun', { fromYear, firstOpenYear }));
    }
    rules.throwIfAny();
    const repo = tx.getRepository(ForumTermSetting);
    const before = await repo.findOneBy({ regionId: ctx.principal.regionId, fromYear });
    const { fromYear: _asked, ...dates } = input;
    const setting = await repo.save(repo.create({ ...(before ?? {}), regionId: ctx.principal.regionId, ...dates, fromYear, updatedBy: ctx.principal.subject, updatedAt: new Date() }));
    await audit({ entity: 'ForumTermSetting', entityId: setting.id, before, after: setting });
    return { terms: setting };
  },
});
