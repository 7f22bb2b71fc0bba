import { EntityManager } from 'typeorm';
import { Role } from '../../auth/roles';
import { Unit, UnitKind } from '../../entities/reference/unit';
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
}

/** Omitted (undefined or null) fields stay as they are. */
export interface UnitChanges {
  id: string;
  name?: string | null;
  kind?: UnitKind | null;
  size?: number | null;
}

async function codeTaken(tx: EntityManager, code: string, exceptId?: string): Promise<boolean> {
  const existing = await tx.getRepository(Unit).findOneBy({ code });
  return !!existing && existing.id !== exceptId;
}

export const createUnit = defineMutation({
  name: 'createUnit',
  roles: [Role.REGION_ADMIN],
  action: 'Creating a unit',
  async run({ tx, ctx, audit }, input: NewUnit) {
    const rules = new RuleCheck();
    const [municipality] = await municipalitiesByNumber(tx, [input.municipalityNumber], rules, () => 'municipalityNumber');
    if (await codeTaken(tx, input.code)) rules.add(userError('code', 'reference.unitCodeAlreadyExists', { code: input.code }, UserErrorCode.CONFLICT));
    rules.throwIfAny();
    const unit = tx.getRepository(Unit).create({
      regionId: ctx.principal.regionId,
      municipalityId: municipality.id,
      code: input.code,
      name: input.name.trim(),
      kind: input.kind,
      size: input.size,
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
    const unit = tx.getRepository(Unit).create({
      ...before,
      ...(input.name != null ? { name: input.name.trim() } : {}),
      ...(input.kind != null ? { kind: input.kind } : {}),
      ...(input.size != null ? { size: input.size } : {}),
    });
    await tx.getRepository(Unit).save(unit);
    await audit({ entity: 'Unit', entityId: unit.id, municipalityId: unit.municipalityId, before, after: unit });
    return { unit };
  },
});
