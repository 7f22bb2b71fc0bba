import { EntityManager } from 'typeorm';
import { Role } from '../../auth/roles';
import { Context } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import { Unit } from '../../entities/reference/unit';
import { idOfType } from '../../schema/node';
import { CreateUnitInput, UpdateUnitInput } from '../../schema/reference/unit-inputs';
import { userError, UserErrorCode, UserErrorsException } from '../../schema/user-error';
import { requireRole } from '../access';
import { recordAudit } from '../audit';
import { RuleCheck, runMutation } from '../mutation';

async function codeTaken(tx: EntityManager, code: string, exceptId?: string): Promise<boolean> {
  const existing = await tx.getRepository(Unit).findOneBy({ code });
  return !!existing && existing.id !== exceptId;
}

export async function createUnit(ctx: Context, input: CreateUnitInput) {
  requireRole(ctx, [Role.REGION_ADMIN], 'Creating a unit');
  return runMutation(ctx, async (tx) => {
    const rules = new RuleCheck();
    const municipality = await tx.getRepository(Municipality).findOneBy({ number: input.municipalityNumber });
    if (!municipality) rules.add(userError('municipalityNumber', `No municipality ${input.municipalityNumber} in your region.`, UserErrorCode.NOT_FOUND));
    if (await codeTaken(tx, input.code)) rules.add(userError('code', `A unit with code "${input.code}" already exists.`, UserErrorCode.CONFLICT));
    rules.throwIfAny();
    const unit = tx.getRepository(Unit).create({
      regionId: ctx.principal.regionId,
      municipalityId: municipality!.id,
      code: input.code,
      name: input.name.trim(),
      kind: input.kind,
      size: input.size,
    });
    await tx.getRepository(Unit).save(unit);
    await recordAudit(tx, ctx, { operation: 'createUnit', entity: 'Unit', entityId: unit.id, municipalityId: unit.municipalityId, after: unit });
    return { unit };
  });
}

export async function updateUnit(ctx: Context, input: UpdateUnitInput) {
  requireRole(ctx, [Role.REGION_ADMIN], 'Updating a unit');
  return runMutation(ctx, async (tx) => {
    const id = idOfType(input.id, 'Unit');
    const before = id ? await tx.getRepository(Unit).findOneBy({ id }) : null;
    if (!before) throw new UserErrorsException([userError('id', 'No such unit in your region.', UserErrorCode.NOT_FOUND)]);
    const unit = tx.getRepository(Unit).merge(tx.getRepository(Unit).create({ ...before }), {
      ...(input.name !== undefined && input.name !== null ? { name: input.name.trim() } : {}),
      ...(input.kind ? { kind: input.kind } : {}),
      ...(input.size !== undefined && input.size !== null ? { size: input.size } : {}),
    });
    await tx.getRepository(Unit).save(unit);
    await recordAudit(tx, ctx, { operation: 'updateUnit', entity: 'Unit', entityId: unit.id, municipalityId: unit.municipalityId, before, after: unit });
    return { unit };
  });
}
