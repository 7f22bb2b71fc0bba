import { EntityManager } from 'typeorm';
import { Role } from '../../auth/roles';
import { todayOf } from '../../context';
import { Unit, UnitKind } from '../../entities/reference/unit';
import { isoDate } from '../dates';
import { findByGlobalId } from '../lookup';
import { defineMutation } from '../mutation';
import { RuleCheck, userError, UserErrorCode } from '../user-errors';
import { municipalitiesByNumber } from './kommunenummer';

export interface NewUnit {
  municipalityNumber: string;
  code: string;
  name: string;
  kind: UnitKind;
  size: number;
  /** The first day the unit exists; omitted or null: today (Oslo). */
  openedOn?: Date | null;
  /** The last day it exists, if it has already been decided. */
  closedOn?: Date | null;
}

/** Omitted (undefined or null) fields stay as they are, except `closedOn`: null re-opens the unit. */
export interface UnitChanges {
  id: string;
  name?: string | null;
  kind?: UnitKind | null;
  size?: number | null;
  openedOn?: Date | null;
  closedOn?: Date | null;
}

/** Since before any data: the first day a report period can name (docs/reference.md "Units"). */
export const OPEN_SINCE_ALWAYS = '2000-01-01';

async function codeTaken(tx: EntityManager, code: string, exceptId?: string): Promise<boolean> {
  const existing = await tx.getRepository(Unit).findOneBy({ code });
  return !!existing && existing.id !== exceptId;
}

function checkDates(rules: RuleCheck, openedOn: string, closedOn: string | null): void {
  if (openedOn < OPEN_SINCE_ALWAYS) rules.add(userError('openedOn', 'reference.unitOpensEarliest', { earliest: OPEN_SINCE_ALWAYS }));
  if (closedOn !== null && closedOn < openedOn) rules.add(userError('closedOn', 'reference.unitClosesBeforeOpening', { closedOn, openedOn }));
}

/** Is the unit open on some day of the range? */
export const unitOpenIn = (unit: Pick<Unit, 'openedOn' | 'closedOn'>, range: { from: string; to: string }): boolean =>
  unit.openedOn <= range.to && (unit.closedOn === null || unit.closedOn >= range.from);

export const createUnit = defineMutation({
  name: 'createUnit',
  roles: [Role.REGION_ADMIN],
  action: 'Creating a unit',
  async run({ tx, ctx, audit }, input: NewUnit) {
    const rules = new RuleCheck();
    const [municipality] = await municipalitiesByNumber(tx, [input.municipalityNumber], rules, () => 'municipalityNumber');
    if (await codeTaken(tx, input.code)) rules.add(userError('code', 'reference.unitCodeAlreadyExists', { code: input.code }, UserErrorCode.CONFLICT));
    const openedOn = input.openedOn ? isoDate(input.openedOn) : todayOf(ctx);
    const closedOn = input.closedOn ? isoDate(input.closedOn) : null;
    checkDates(rules, openedOn, closedOn);
    rules.throwIfAny();
    const unit = tx.getRepository(Unit).create({
      regionId: ctx.principal.regionId,
      municipalityId: municipality.id,
      code: input.code,
      name: input.name.trim(),
      kind: input.kind,
      size: input.size,
      openedOn,
      closedOn,
    });
    await tx.getRepository(Unit).save(unit);
    await audit({ entity: 'Unit', entityId: unit.id, municipalityId: unit.municipalityId, after: unit });
    return { unit };
  },
});

export const updateUnit = defineMutation({
  name: 'updateUnit',
  roles: [Role.REGION_ADMIN],
  action: 'Updating a unit',
  async run({ tx, audit }, input: UnitChanges) {
    const before = await findByGlobalId(tx, Unit, input.id, 'id', 'unit');
    const openedOn = input.openedOn ? isoDate(input.openedOn) : before.openedOn;
    const closedOn = input.closedOn === undefined ? before.closedOn : input.closedOn === null ? null : isoDate(input.closedOn);
    const rules = new RuleCheck();
    checkDates(rules, openedOn, closedOn);
    rules.throwIfAny();
    const unit = tx.getRepository(Unit).create({
      ...before,
      ...(input.name != null ? { name: input.name.trim() } : {}),
      ...(input.kind != null ? { kind: input.kind } : {}),
      ...(input.size != null ? { size: input.size } : {}),
      openedOn,
      closedOn,
    });
    await tx.getRepository(Unit).save(unit);
    await audit({ entity: 'Unit', entityId: unit.id, municipalityId: unit.municipalityId, before, after: unit });
    return { unit };
  },
});
