import { EntityManager } from 'typeorm';
import { Role } from '../../auth/roles';
import { Context } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import { PlanCoverageMunicipality, PlanCoverageService, PlanVersion, PlanVersionStatus, StrategicPlan } from '../../entities/plans';
import { idOfType } from '../../schema/node';
import { userError, UserErrorCode, UserErrorsException } from '../../schema/user-error';

/** Roles that may create and edit plan drafts (SERVICE_LEADER only for plans covering their service). */
export const PLAN_EDITORS = [Role.REGION_ADMIN, Role.SERVICE_LEADER];
/** Roles that record council decisions and implementation status (MUNICIPAL_DIRECTOR for their own municipality). */
export const MUNICIPAL_RECORDERS = [Role.REGION_ADMIN, Role.MUNICIPAL_DIRECTOR];

const fail = (field: string, message: string, code: UserErrorCode): never => {
  throw new UserErrorsException([userError(field, message, code)]);
};

/** Loads a row by global ID inside the mutation; RLS hides other regions, so foreign IDs are NOT_FOUND. */
export async function loadByGlobalId<T extends { id: string }>(
  tx: EntityManager,
  entity: new () => T,
  typeName: string,
  globalId: string,
  field: string,
  what: string,
): Promise<T> {
  const id = idOfType(globalId, typeName);
  const row = id ? await tx.getRepository(entity).findOneBy({ id } as never) : null;
  if (!row) fail(field, `No such ${what} in your region.`, UserErrorCode.NOT_FOUND);
  return row as T;
}

export async function coveredServiceIds(tx: EntityManager, planId: string): Promise<string[]> {
  return (await tx.getRepository(PlanCoverageService).findBy({ planId })).map((c) => c.serviceId);
}

export async function coveredMunicipalityIds(tx: EntityManager, planId: string): Promise<string[]> {
  return (await tx.getRepository(PlanCoverageMunicipality).findBy({ planId })).map((c) => c.municipalityId);
}

/** REGION_ADMIN edits any plan of the region; SERVICE_LEADER only a plan that covers their service. */
export async function assertMayEdit(tx: EntityManager, ctx: Context, plan: StrategicPlan, field: string): Promise<void> {
  if (ctx.principal.role === Role.REGION_ADMIN) return;
  const services = await coveredServiceIds(tx, plan.id);
  if (!ctx.principal.serviceId || !services.includes(ctx.principal.serviceId)) {
    fail(field, 'This plan does not cover your shared service, so you may not edit it.', UserErrorCode.FORBIDDEN);
  }
}

/** A version's status as a sentence for rule violations. */
export function frozenMessage(version: PlanVersion): string {
  switch (version.status) {
    case PlanVersionStatus.CONSULTATION:
      return `Version ${version.number} is on consultation and cannot change; start a revision to edit it.`;
    case PlanVersionStatus.ADOPTED:
      return `Version ${version.number} is adopted and immutable; start a revision (startPlanRevision) to edit a new draft.`;
    default:
      return `Version ${version.number} is ${version.status} and cannot change.`;
  }
}

/** The plan and version behind a content mutation: found, editable by the caller, and still a DRAFT. */
export async function openDraft(tx: EntityManager, ctx: Context, versionId: string, field: string): Promise<{ plan: StrategicPlan; version: PlanVersion }> {
  const version = await loadByGlobalId(tx, PlanVersion, 'PlanVersion', versionId, field, 'plan version');
  return draftOf(tx, ctx, version, field);
}

export async function draftOf(tx: EntityManager, ctx: Context, version: PlanVersion, field: string): Promise<{ plan: StrategicPlan; version: PlanVersion }> {
  const plan = await tx.getRepository(StrategicPlan).findOneByOrFail({ id: version.planId });
  await assertMayEdit(tx, ctx, plan, field);
  if (version.status !== PlanVersionStatus.DRAFT) fail(field, frozenMessage(version), UserErrorCode.IMMUTABLE);
  return { plan, version };
}

/** A content row (goal, measure, …) by global ID, in an editable draft. */
export async function openDraftRow<T extends { id: string; versionId: string }>(
  tx: EntityManager,
  ctx: Context,
  entity: new () => T,
  typeName: string,
  globalId: string,
  field: string,
  what: string,
): Promise<{ row: T; plan: StrategicPlan; version: PlanVersion }> {
  const row = await loadByGlobalId(tx, entity, typeName, globalId, field, what);
  const version = await tx.getRepository(PlanVersion).findOneByOrFail({ id: row.versionId });
  return { row, ...(await draftOf(tx, ctx, version, field)) };
}

/**
 * The municipality a municipal record is for: a MUNICIPAL_DIRECTOR may only act for their own
 * municipality (another one is a FORBIDDEN userError); REGION_ADMIN must name it.
 */
export async function targetMunicipality(tx: EntityManager, ctx: Context, number: string | null | undefined, field = 'municipalityNumber'): Promise<Municipality> {
  if (!number) {
    if (ctx.principal.municipalityId) return tx.getRepository(Municipality).findOneByOrFail({ id: ctx.principal.municipalityId });
    fail(field, 'Name the municipality (kommunenummer).', UserErrorCode.INVALID);
  }
  const municipality = await tx.getRepository(Municipality).findOneBy({ number: number! });
  if (!municipality) fail(field, `No municipality ${number} in your region.`, UserErrorCode.NOT_FOUND);
  if (ctx.principal.role === Role.MUNICIPAL_DIRECTOR && municipality!.id !== ctx.principal.municipalityId) {
    fail(field, `You may only record decisions and status for your own municipality, not ${municipality!.name} (${number}).`, UserErrorCode.FORBIDDEN);
  }
  return municipality!;
}
