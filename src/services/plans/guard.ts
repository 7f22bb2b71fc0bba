import { EntityManager } from 'typeorm';
import { facetsOf, holds, Role, scopeIdsOf } from '../../auth/roles';
import { Context } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import { MessageKey } from '../../i18n';
import { PlanCoverageMunicipality, PlanCoverageService, PlanVersion, PlanVersionStatus, StrategicPlan, StrategicPlanStatus } from '../../entities/plans';
import { requireScope } from '../access';
import { findByGlobalId, NodeEntity } from '../lookup';
import { municipalitiesByNumber } from '../reference/kommunenummer';
import { reject, RuleCheck, UserErrorCode } from '../user-errors';

/** Roles that may create and edit plan drafts (SERVICE_LEADER only for plans covering their service). */
export const PLAN_EDITORS = [Role.REGION_ADMIN, Role.SERVICE_LEADER];
/** Roles that record council decisions and implementation status (MUNICIPAL_DIRECTOR for their own municipality). */
export const MUNICIPAL_RECORDERS = [Role.REGION_ADMIN, Role.MUNICIPAL_DIRECTOR];

export async function coveredServiceIds(tx: EntityManager, planId: string): Promise<string[]> {
  return (await tx.getRepository(PlanCoverageService).findBy({ planId })).map((c) => c.serviceId);
}

export async function coveredMunicipalityIds(tx: EntityManager, planId: string): Promise<string[]> {
  return (await tx.getRepository(PlanCoverageMunicipality).findBy({ planId })).map((c) => c.municipalityId);
}

/** REGION_ADMIN edits any plan of the region; SERVICE_LEADER only a plan that covers their service (else FORBIDDEN). */
export async function assertMayEdit(tx: EntityManager, ctx: Context, plan: StrategicPlan): Promise<void> {
  if (holds(ctx.principal, Role.REGION_ADMIN)) return;
  const services = await coveredServiceIds(tx, plan.id);
  requireScope(
    services.some((s) => holds(ctx.principal, Role.SERVICE_LEADER, s)),
    { key: 'plans.errors.editNotYourService' },
  );
}

/** The plan a row (a version, a milestone …) belongs to, checked: the caller may edit it (else FORBIDDEN). */
export async function editablePlanOf(tx: EntityManager, ctx: Context, row: { planId: string }): Promise<StrategicPlan> {
  const plan = await tx.getRepository(StrategicPlan).findOneByOrFail({ id: row.planId });
  await assertMayEdit(tx, ctx, plan);
  return plan;
}

/** A plan by global ID that the caller may edit (NOT_FOUND on `field`, or FORBIDDEN). */
export async function editablePlan(tx: EntityManager, ctx: Context, globalId: string, field: string): Promise<StrategicPlan> {
  const plan = await findByGlobalId(tx, StrategicPlan, globalId, field, 'strategic plan');
  await assertMayEdit(tx, ctx, plan);
  return plan;
}

/**
 * Until a plan has an adopted version, its status follows its newest version (DRAFT or
 * CONSULTATION); once adopted, it stays ADOPTED while revisions are drafted.
 */
export async function followNewestVersion(tx: EntityManager, plan: StrategicPlan, status: StrategicPlanStatus): Promise<StrategicPlan> {
  if (plan.adoptedVersionId || plan.status === status) return plan;
  const moved = tx.getRepository(StrategicPlan).create({ ...plan, status });
  await tx.getRepository(StrategicPlan).save(moved);
  return moved;
}

/** A version's status as a sentence for rule violations. */
export function frozenMessage(version: PlanVersion): MessageKey {
  switch (version.status) {
    case PlanVersionStatus.CONSULTATION:
      return 'plans.versionOnConsultation';
    case PlanVersionStatus.ADOPTED:
      return 'plans.versionAdopted';
    default:
      return 'plans.versionFrozen';
  }
}

export interface Draft {
  plan: StrategicPlan;
  version: PlanVersion;
}

/** The plan of a version, checked: editable by the caller and the version still a DRAFT. */
export async function draftOf(tx: EntityManager, ctx: Context, version: PlanVersion, field: string): Promise<Draft> {
  const plan = await editablePlanOf(tx, ctx, version);
  if (version.status !== PlanVersionStatus.DRAFT) reject(field, frozenMessage(version), { number: version.number, status: version.status }, UserErrorCode.IMMUTABLE);
  return { plan, version };
}

/** The plan and version behind a content mutation: found, editable by the caller, and still a DRAFT. */
export async function openDraft(tx: EntityManager, ctx: Context, versionId: string, field: string): Promise<Draft> {
  return draftOf(tx, ctx, await findByGlobalId(tx, PlanVersion, versionId, field, 'plan version'), field);
}

/** A content row (goal, measure, …) by global ID, in an editable draft. */
export async function openDraftRow<T extends { id: string; versionId: string }>(
  tx: EntityManager,
  ctx: Context,
  entity: NodeEntity<T>,
  globalId: string,
  field: string,
  what: string,
): Promise<Draft & { row: T }> {
  const row = await findByGlobalId(tx, entity, globalId, field, what);
  const version = await tx.getRepository(PlanVersion).findOneByOrFail({ id: row.versionId });
  return { row, ...(await draftOf(tx, ctx, version, field)) };
}

/**
 * The municipality a municipal record is for: a MUNICIPAL_DIRECTOR acts for their own municipality
 * only (another one is FORBIDDEN) and may omit it when they direct one; REGION_ADMIN must name it.
 * A caller with several roles acts as whichever of them allows it.
 */
export async function targetMunicipality(tx: EntityManager, ctx: Context, number: string | null | undefined, field = 'municipalityNumber'): Promise<Municipality> {
  if (!number) {
    const directed = facetsOf(ctx.principal)
      .filter((f) => f.role === Role.MUNICIPAL_DIRECTOR)
      .flatMap(scopeIdsOf);
    if (directed.length === 1) return tx.getRepository(Municipality).findOneByOrFail({ id: directed[0] });
    reject(field, 'plans.nameMunicipalityKommunenummer');
  }
  const rules = new RuleCheck();
  const [municipality] = await municipalitiesByNumber(tx, [number], rules, () => field);
  rules.throwIfAny();
  requireScope(holds(ctx.principal, Role.REGION_ADMIN) || holds(ctx.principal, Role.MUNICIPAL_DIRECTOR, municipality.id), {
    key: 'plans.errors.decisionsOwnMunicipalityOnly',
    params: { name: municipality.name, number },
  });
  return municipality;
}
