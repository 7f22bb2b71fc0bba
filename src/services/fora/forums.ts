import { EntityManager, In, IsNull } from 'typeorm';
import { holds, Role } from '../../auth/roles';
import { Context } from '../../context';
import { Forum, ForumKind, ForumKindMember, ForumLeaderTerm, ForumLeadership, ForumMembership, ForumPlacement, ForumRole, ForumUnit } from '../../entities/fora';
import { Municipality } from '../../entities/reference/municipality';
import { SharedService } from '../../entities/reference/shared-service';
import { Unit } from '../../entities/reference/unit';
import { idOfType } from '../../global-id';
import { requireScope } from '../access';
import { findByGlobalId } from '../lookup';
import { defineMutation, MutationScope } from '../mutation';
import { checkUnique, municipalitiesByNumber } from '../reference/kommunenummer';
import { reject, RuleCheck, userError, UserErrorCode } from '../user-errors';
import { ForumChanges, LeaderChange, MembershipEnd, NewForum, NewMembership } from './args';
import { FORUM_CREATORS, FORUM_MANAGERS, isManager, manageForum } from './guard';
import { addDays } from './periods';
import { roleSeatForum } from './role-seats';
import { dayOf, trimmed } from './values';

/** Creates and changes fora of a municipality: a REGION_ADMIN, or its MUNICIPAL_DIRECTOR (whichever of the caller's roles). */
const mayCreateIn = (ctx: Context, municipalityId: string | null) => holds(ctx.principal, Role.REGION_ADMIN) || holds(ctx.principal, Role.MUNICIPAL_DIRECTOR, municipalityId);

/** Where a new forum sits: the municipality (and unit) its placement needs, all in the caller's reach. */
async function placeForum(tx: EntityManager, ctx: Context, kind: ForumKind, input: NewForum, rules: RuleCheck): Promise<{ municipality: Municipality | null; unit: Unit | null; groupUnits: Unit[] }> {
  const none = { municipality: null, unit: null, groupUnits: [] };
  const numbered = input.municipalityNumber ? ((await municipalitiesByNumber(tx, [input.municipalityNumber], rules, () => 'municipalityNumber'))[0] ?? null) : null;
  if (kind.placement === ForumPlacement.REGION) {
    if (input.municipalityNumber || input.unitId || input.unitIds?.length) rules.add(userError('kindId', 'fora.regionalForumGiveMunicipality', { name: kind.name }));
    requireScope(holds(ctx.principal, Role.REGION_ADMIN), { key: 'fora.errors.onlyRegionAdminCreatesRegional' });
    return none;
  }
  if (kind.placement === ForumPlacement.UNIT) {
    if (!input.unitId) {
      rules.add(userError('unitId', 'fora.sitsUnitGiveUnitid', { name: kind.name }));
      return none;
    }
    const unitId = idOfType(input.unitId, 'Unit');
    const unit = unitId ? await tx.getRepository(Unit).findOneBy({ id: unitId }) : null;
    if (!unit) {
      rules.add(userError('unitId', 'fora.suchUnitRegion', {}, UserErrorCode.NOT_FOUND));
      return none;
    }
    if (numbered && numbered.id !== unit.municipalityId) rules.add(userError('municipalityNumber', 'fora.unitNotInMunicipalityNumber', { name: unit.name, number: numbered.number }));
    const municipality = await tx.getRepository(Municipality).findOneByOrFail({ id: unit.municipalityId });
    return { municipality, unit, groupUnits: [] };
  }
  if (!input.municipalityNumber) {
    rules.add(userError('municipalityNumber', 'fora.sitsMunicipalityGiveKommunenummer', { name: kind.name }));
    return none;
  }
  if (input.unitId) rules.add(userError('unitId', kind.placement === ForumPlacement.UNIT_GROUP ? 'fora.notUnitForumListGroup' : 'fora.notUnitForum', { name: kind.name }));
  const groupUnits: Unit[] = [];
  if (kind.placement === ForumPlacement.UNIT_GROUP) {
    const ids = input.unitIds ?? [];
    if (!ids.length) rules.add(userError('unitIds', 'fora.groupUnitsListThem', { name: kind.name }));
    checkUnique(rules, ids, 'unitIds');
    const found = await tx.getRepository(Unit).findBy({ id: In(ids.map((g) => idOfType(g, 'Unit')).filter((x): x is string => !!x)) });
    ids.forEach((g, i) => {
      const unit = found.find((u) => u.id === idOfType(g, 'Unit'));
      if (!unit) rules.add(userError(['input', 'unitIds', String(i)], 'fora.suchUnitRegion', {}, UserErrorCode.NOT_FOUND));
      else if (numbered && unit.municipalityId !== numbered.id) rules.add(userError(['input', 'unitIds', String(i)], 'fora.unitNotInMunicipality', { name: unit.name, numberedName: numbered.name }));
      else if (!groupUnits.includes(unit)) groupUnits.push(unit);
    });
  } else if (input.unitIds?.length) rules.add(userError('unitIds', 'fora.notGroupOfUnits', { name: kind.name }));
  return { municipality: numbered, unit: null, groupUnits };
}

async function minutesDestination(tx: EntityManager, kind: ForumKind, globalId: string | null | undefined, rules: RuleCheck): Promise<Forum | null> {
  if (!globalId) return null;
  const id = idOfType(globalId, 'Forum');
  const target = id ? await tx.getRepository(Forum).findOneBy({ id }) : null;
  if (!target) rules.add(userError('minutesToForumId', 'fora.suchForumRegion', {}, UserErrorCode.NOT_FOUND));
  else if (kind.minutesToKindId && target.kindId !== kind.minutesToKindId) rules.add(userError('minutesToForumId', 'fora.sendsMinutesForumAnother', { name: kind.name, targetName: target.name }));
  return target;
}

export const createForum = defineMutation({
  name: 'createForum',
  roles: FORUM_CREATORS,
  action: 'Creating a forum',
  async run({ tx, ctx, audit }, input: NewForum) {
    const kind = await findByGlobalId(tx, ForumKind, input.kindId, 'kindId', 'forum kind');
    const rules = new RuleCheck();
    const { municipality, unit, groupUnits } = await placeForum(tx, ctx, kind, input, rules);
    if (municipality) {
      requireScope(mayCreateIn(ctx, municipality.id), { key: 'fora.errors.createInOwnMunicipalityOnly', params: { name: municipality.name } });
    }
    const establishedOn = dayOf(input.establishedOn);
    if (unit) {
      const clash = await tx.getRepository(Forum).findOne({ where: { kindId: kind.id, unitId: unit.id }, order: { establishedOn: 'DESC' } });
      if (clash && (clash.closedOn === null || clash.closedOn >= establishedOn)) {
        rules.add(userError('unitId', 'fora.alreadyCloseFirst', { name: unit.name, clashName: clash.name, kindName: kind.name, establishedOn: clash.establishedOn }, UserErrorCode.CONFLICT));
      }
    }
    const destination = await minutesDestination(tx, kind, input.minutesToForumId, rules);
    rules.throwIfAny();
    const repo = tx.getRepository(Forum);
    const forum = await repo.save(
      repo.create({
        regionId: ctx.principal.regionId,
        kindId: kind.id,
        placement: kind.placement,
        name: input.name.trim(),
        municipalityId: municipality?.id ?? null,
        unitId: unit?.id ?? null,
        establishedOn,
        closedOn: null,
        minutesToForumId: destination?.id ?? null,
        notes: trimmed(input.notes),
        createdBy: ctx.principal.subject,
      }),
    );
    if (groupUnits.length) {
      await tx.getRepository(ForumUnit).insert(groupUnits.map((u) => ({ regionId: forum.regionId, forumId: forum.id, unitId: u.id })));
    }
    await audit({ entity: 'Forum', entityId: forum.id, municipalityId: forum.municipalityId, after: { ...forum, units: groupUnits.map((u) => u.code) } });
    return { forum };
  },
});

export const updateForum = defineMutation({
  name: 'updateForum',
  roles: FORUM_CREATORS,
  action: 'Changing a forum',
  async run({ tx, ctx, audit }, input: ForumChanges) {
    const before = await findByGlobalId(tx, Forum, input.id, 'id', 'forum');
    requireScope(mayCreateIn(ctx, before.municipalityId), { key: 'fora.errors.mayNotChangeForum', params: { forum: before.name } });
    const rules = new RuleCheck();
    const closedOn = input.closedOn === undefined ? before.closedOn : input.closedOn === null ? null : dayOf(input.closedOn);
    if (closedOn && closedOn < before.establishedOn) rules.add(userError('closedOn', 'fora.forumEstablished', { establishedOn: before.establishedOn }));
    const kind = await tx.getRepository(ForumKind).findOneByOrFail({ id: before.kindId });
    const destination = input.minutesToForumId === undefined ? undefined : await minutesDestination(tx, kind, input.minutesToForumId, rules);
    if (destination?.id === before.id) rules.add(userError('minutesToForumId', 'fora.forumCannotSendMinutes'));
    rules.throwIfAny();
    const forum = tx.getRepository(Forum).create({
      ...before,
      name: input.name?.trim() ?? before.name,
      closedOn,
      minutesToForumId: destination === undefined ? before.minutesToForumId : (destination?.id ?? null),
      notes: input.notes === undefined ? before.notes : trimmed(input.notes),
    });
    await tx.getRepository(Forum).save(forum);
    await audit({ entity: 'Forum', entityId: forum.id, municipalityId: forum.municipalityId, before, after: forum });
    return { forum };
  },
});

export const addForumMember = defineMutation({
  name: 'addForumMember',
  roles: FORUM_MANAGERS,
  action: 'Changing the members of a forum',
  async run({ tx, ctx, audit }, input: NewMembership) {
    const forum = await manageForum(tx, ctx, input.forumId, 'forumId');
    const seat = await findByGlobalId(tx, ForumKindMember, input.kindMemberId, 'kindMemberId', 'member service');
    const rules = new RuleCheck();
    if (seat.kindId !== forum.kindId) rules.add(userError('kindMemberId', 'fora.notMemberServiceOfKind', { name: seat.name }));
    let service: SharedService | null = null;
    if (input.serviceId) {
      service = await findByGlobalId(tx, SharedService, input.serviceId, 'serviceId', 'shared service');
      if (seat.serviceKind && service.kind !== seat.serviceKind)
        rules.add(userError('serviceId', 'fora.seatForOtherServiceKind', { name: seat.name, serviceKind: seat.serviceKind, serviceName: service.name, kind: service.kind }));
    }
    const validFrom = dayOf(input.validFrom);
    // A seat held by a role in another forum (003) names no person or service: whoever holds the role does.
    let roleForum: Forum | null = null;
    if (input.roleForumId) {
      if (input.personName?.trim() || service) rules.add(userError('roleForumId', 'fora.roleSeatNamesNoOne'));
      roleForum = await roleSeatForum(tx, forum, input.roleForumId, validFrom, rules);
    } else if (input.role) rules.add(userError('role', 'fora.roleSeatNeedsForum'));
    else if (!input.personName?.trim() && !service) rules.add(userError('personName', 'fora.namePersonSharedService'));
    if (validFrom < forum.establishedOn) rules.add(userError('validFrom', 'fora.forumEstablished', { establishedOn: forum.establishedOn }));
    if (forum.closedOn && validFrom > forum.closedOn) rules.add(userError('validFrom', 'fora.forumClosed', { closedOn: forum.closedOn }));
    rules.throwIfAny();
    const repo = tx.getRepository(ForumMembership);
    const membership = await repo.save(
      repo.create({
        regionId: forum.regionId,
        forumId: forum.id,
        kindId: forum.kindId,
        kindMemberId: seat.id,
        personName: roleForum ? null : trimmed(input.personName),
        serviceId: roleForum ? null : (service?.id ?? null),
        roleForumId: roleForum?.id ?? null,
        roleInForum: roleForum ? (input.role ?? ForumRole.LEADER) : null,
        attendance: input.attendance ?? seat.attendance,
        validFrom,
        validTo: null,
        createdBy: ctx.principal.subject,
      }),
    );
    await audit({ entity: 'ForumMembership', entityId: membership.id, municipalityId: forum.municipalityId, after: membership });
    return { membership, forum };
  },
});

/** Ends the open leader term of `membership` (if any) on `validTo`. */
async function endLeaderTerm(tx: EntityManager, audit: MutationScope['audit'], forum: Forum, membershipId: string, validTo: string): Promise<void> {
  const repo = tx.getRepository(ForumLeaderTerm);
  const open = await repo.findOneBy({ forumId: forum.id, membershipId, validTo: IsNull() });
  if (!open) return;
  const ended = repo.create({ ...open, validTo });
  await repo.save(ended);
  await audit({ entity: 'ForumLeaderTerm', entityId: ended.id, municipalityId: forum.municipalityId, before: open, after: ended });
}

export const endForumMembership = defineMutation({
  name: 'endForumMembership',
  roles: FORUM_MANAGERS,
  action: 'Changing the members of a forum',
  async run({ tx, ctx, audit }, input: MembershipEnd) {
    const before = await findByGlobalId(tx, ForumMembership, input.membershipId, 'membershipId', 'membership');
    const forum = await tx.getRepository(Forum).findOneByOrFail({ id: before.forumId });
    requireScope(isManager(ctx, forum), { key: 'fora.errors.mayNotChangeMembers', params: { forum: forum.name } });
    const validTo = dayOf(input.validTo);
    if (before.validTo !== null) reject('membershipId', 'fora.membershipAlreadyEnded', { validTo: before.validTo }, UserErrorCode.CONFLICT);
    if (validTo < before.validFrom) reject('validTo', 'fora.membershipStarted', { validFrom: before.validFrom });
    const membership = tx.getRepository(ForumMembership).create({ ...before, validTo });
    await tx.getRepository(ForumMembership).save(membership);
    await audit({ entity: 'ForumMembership', entityId: membership.id, municipalityId: forum.municipalityId, before, after: membership });
    await endLeaderTerm(tx, audit, forum, membership.id, validTo);
    return { membership, forum };
  },
});

/** The same person (by name) or the same membership. */
const samePerson = (a: ForumMembership, b: ForumMembership) => a.id === b.id || (!!a.personName && a.personName.trim().toLowerCase() === b.personName?.trim().toLowerCase());

export const setForumLeader = defineMutation({
  name: 'setForumLeader',
  roles: FORUM_MANAGERS,
  action: 'Changing the leader of a forum',
  async run({ tx, ctx, audit }, input: LeaderChange) {
    const forum = await manageForum(tx, ctx, input.forumId, 'forumId');
    const membership = await findByGlobalId(tx, ForumMembership, input.membershipId, 'membershipId', 'membership');
    const validFrom = dayOf(input.validFrom);
    const rules = new RuleCheck();
    if (membership.forumId !== forum.id) reject('membershipId', 'fora.membershipAnotherForum');
    if (membership.validFrom > validFrom || (membership.validTo !== null && membership.validTo < validFrom)) {
      rules.add(
        userError('validFrom', membership.validTo ? 'fora.memberSitsFromTo' : 'fora.memberSitsFrom', {
          validFrom: membership.validFrom,
          ...(membership.validTo ? { validTo: membership.validTo } : {}),
        }),
      );
    }
    const repo = tx.getRepository(ForumLeaderTerm);
    if (await repo.createQueryBuilder('t').where('t.forum_id = :f AND t.valid_from >= :d', { f: forum.id, d: validFrom }).getCount()) {
      rules.add(userError('validFrom', 'fora.leaderTermAlreadyStarts', {}, UserErrorCode.CONFLICT));
    }
    const current = await repo.findOneBy({ forumId: forum.id, validTo: IsNull() });
    const kind = await tx.getRepository(ForumKind).findOneByOrFail({ id: forum.kindId });
    if (current && kind.leadership === ForumLeadership.ROTATING) {
      const previous = await tx.getRepository(ForumMembership).findOneByOrFail({ id: current.membershipId });
      if (samePerson(previous, membership)) rules.add(userError('membershipId', 'fora.leadershipRotatesAnotherMember', { name: kind.name }));
    }
    rules.throwIfAny();
    if (current) {
      const ended = repo.create({ ...current, validTo: addDays(validFrom, -1) });
      await repo.save(ended);
      await audit({ entity: 'ForumLeaderTerm', entityId: ended.id, municipalityId: forum.municipalityId, before: current, after: ended });
    }
    const term = await repo.save(repo.create({ regionId: forum.regionId, forumId: forum.id, membershipId: membership.id, validFrom, validTo: null }));
    await audit({ entity: 'ForumLeaderTerm', entityId: term.id, municipalityId: forum.municipalityId, after: term });
    return { forum };
  },
});
