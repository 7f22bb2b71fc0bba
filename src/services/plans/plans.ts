import { EntityManager, In } from 'typeorm';
import { Role } from '../../auth/roles';
import { Context } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import { PlanCoverageMunicipality, PlanCoverageService, PlanVersion, PlanVersionStatus, StrategicPlan, StrategicPlanStatus } from '../../entities/plans';
import { SharedService } from '../../entities/reference/shared-service';
import { idOfType } from '../../schema/node';
import { CreateStrategicPlanInput, PlanIdInput, UpdateStrategicPlanInput } from '../../schema/plans/inputs';
import { userError, UserErrorCode, UserErrorsException } from '../../schema/user-error';
import { requireRole } from '../access';
import { recordAudit } from '../audit';
import { RuleCheck, runMutation } from '../mutation';
import { assertMayEdit, frozenMessage, loadByGlobalId, PLAN_EDITORS } from './guard';

interface Coverage {
  municipalities: Municipality[];
  services: SharedService[];
}

/** Checks the covered municipalities and services of a plan input (all in the caller's region). */
async function resolveCoverage(tx: EntityManager, ctx: Context, rules: RuleCheck, numbers: string[] | undefined, serviceGlobalIds: string[] | undefined): Promise<Partial<Coverage>> {
  const out: Partial<Coverage> = {};
  if (numbers) {
    const dupes = numbers.filter((n, i) => numbers.indexOf(n) !== i);
    if (dupes.length) rules.add(userError('municipalityNumbers', `Listed more than once: ${[...new Set(dupes)].join(', ')}.`));
    const found = await tx.getRepository(Municipality).findBy({ number: In(numbers) });
    numbers.forEach((n, i) => {
      if (!found.some((m) => m.number === n)) rules.add(userError(['input', 'municipalityNumbers', String(i)], `No municipality ${n} in your region.`, UserErrorCode.NOT_FOUND));
    });
    out.municipalities = found;
  }
  if (serviceGlobalIds) {
    const ids = serviceGlobalIds.map((g) => idOfType(g, 'SharedService'));
    const found = await tx.getRepository(SharedService).findBy({ id: In(ids.filter((x): x is string => !!x)) });
    ids.forEach((id, i) => {
      if (!id || !found.some((s) => s.id === id)) rules.add(userError(['input', 'serviceIds', String(i)], 'No such shared service in your region.', UserErrorCode.NOT_FOUND));
    });
    if (new Set(ids).size !== ids.length) rules.add(userError('serviceIds', 'A service is listed more than once.'));
    if (ctx.principal.role === Role.SERVICE_LEADER && !found.some((s) => s.id === ctx.principal.serviceId)) {
      rules.add(userError('serviceIds', 'A service leader must include their own service in the plan.', UserErrorCode.FORBIDDEN));
    }
    out.services = found;
  }
  return out;
}

/** Writes coverage rows; the caller's own service first, so RLS lets a SERVICE_LEADER add the rest. */
async function writeCoverage(tx: EntityManager, ctx: Context, plan: StrategicPlan, coverage: Partial<Coverage>): Promise<void> {
  if (coverage.services) {
    const repo = tx.getRepository(PlanCoverageService);
    const own = coverage.services.filter((s) => s.id === ctx.principal.serviceId);
    const others = coverage.services.filter((s) => s.id !== ctx.principal.serviceId);
    const existing = await repo.findBy({ planId: plan.id });
    const wanted = new Set(coverage.services.map((s) => s.id));
    for (const group of [own, others]) {
      const add = group.filter((s) => !existing.some((e) => e.serviceId === s.id));
      if (add.length) await repo.insert(add.map((s) => ({ regionId: plan.regionId, planId: plan.id, serviceId: s.id })));
    }
    const remove = existing.filter((e) => !wanted.has(e.serviceId));
    if (remove.length) await repo.delete({ id: In(remove.map((r) => r.id)) });
  }
  if (coverage.municipalities) {
    const repo = tx.getRepository(PlanCoverageMunicipality);
    const existing = await repo.findBy({ planId: plan.id });
    const wanted = new Set(coverage.municipalities.map((m) => m.id));
    const add = coverage.municipalities.filter((m) => !existing.some((e) => e.municipalityId === m.id));
    if (add.length) await repo.insert(add.map((m) => ({ regionId: plan.regionId, planId: plan.id, municipalityId: m.id })));
    const remove = existing.filter((e) => !wanted.has(e.municipalityId));
    if (remove.length) await repo.delete({ id: In(remove.map((r) => r.id)) });
  }
}

export async function createStrategicPlan(ctx: Context, input: CreateStrategicPlanInput) {
  requireRole(ctx, PLAN_EDITORS, 'Creating a strategic plan');
  return runMutation(ctx, async (tx) => {
    const rules = new RuleCheck();
    if (input.periodEndYear < input.periodStartYear) rules.add(userError('periodEndYear', 'The period cannot end before it starts.'));
    const coverage = await resolveCoverage(tx, ctx, rules, input.municipalityNumbers, input.serviceIds);
    rules.throwIfAny();
    const plan = tx.getRepository(StrategicPlan).create({
      regionId: ctx.principal.regionId,
      title: input.title.trim(),
      periodStartYear: input.periodStartYear,
      periodEndYear: input.periodEndYear,
      status: StrategicPlanStatus.DRAFT,
      adoptedVersionId: null,
      createdBy: ctx.principal.subject,
    });
    await tx.getRepository(StrategicPlan).save(plan);
    await writeCoverage(tx, ctx, plan, coverage);
    const version = tx.getRepository(PlanVersion).create({
      regionId: plan.regionId,
      planId: plan.id,
      number: 1,
      status: PlanVersionStatus.DRAFT,
      basedOnVersionId: null,
      changeNote: null,
      createdBy: ctx.principal.subject,
    });
    await tx.getRepository(PlanVersion).save(version);
    await recordAudit(tx, ctx, {
      operation: 'createStrategicPlan',
      entity: 'StrategicPlan',
      entityId: plan.id,
      after: { ...plan, municipalities: coverage.municipalities!.map((m) => m.number).sort(), services: coverage.services!.map((s) => s.code).sort() },
    });
    return { strategicPlan: plan, version };
  });
}

/** The newest version of a plan (the one edits go to). */
export async function latestVersion(tx: EntityManager, planId: string): Promise<PlanVersion> {
  const [latest] = await tx.getRepository(PlanVersion).find({ where: { planId }, order: { number: 'DESC' }, take: 1 });
  return latest;
}

export async function updateStrategicPlan(ctx: Context, input: UpdateStrategicPlanInput) {
  requireRole(ctx, PLAN_EDITORS, 'Updating a strategic plan');
  return runMutation(ctx, async (tx) => {
    const before = await loadByGlobalId(tx, StrategicPlan, 'StrategicPlan', input.id, 'id', 'strategic plan');
    await assertMayEdit(tx, ctx, before, 'id');
    const version = await latestVersion(tx, before.id);
    if (version.status !== PlanVersionStatus.DRAFT) throw new UserErrorsException([userError('id', frozenMessage(version), UserErrorCode.IMMUTABLE)]);
    const rules = new RuleCheck();
    const start = input.periodStartYear ?? before.periodStartYear;
    const end = input.periodEndYear ?? before.periodEndYear;
    if (end < start) rules.add(userError('periodEndYear', 'The period cannot end before it starts.'));
    const coverage = await resolveCoverage(tx, ctx, rules, input.municipalityNumbers ?? undefined, input.serviceIds ?? undefined);
    rules.throwIfAny();
    const plan = tx.getRepository(StrategicPlan).create({ ...before, title: input.title?.trim() ?? before.title, periodStartYear: start, periodEndYear: end });
    await tx.getRepository(StrategicPlan).save(plan);
    await writeCoverage(tx, ctx, plan, coverage);
    await recordAudit(tx, ctx, {
      operation: 'updateStrategicPlan',
      entity: 'StrategicPlan',
      entityId: plan.id,
      before,
      after: { ...plan, ...(coverage.municipalities ? { municipalities: coverage.municipalities.map((m) => m.number).sort() } : {}), ...(coverage.services ? { services: coverage.services.map((s) => s.code).sort() } : {}) },
    });
    return { strategicPlan: plan, version };
  });
}

/** Only a plan that never left its first draft can be deleted; anything later is history. */
export async function deleteStrategicPlan(ctx: Context, input: PlanIdInput) {
  requireRole(ctx, PLAN_EDITORS, 'Deleting a strategic plan');
  return runMutation(ctx, async (tx) => {
    const plan = await loadByGlobalId(tx, StrategicPlan, 'StrategicPlan', input.id, 'id', 'strategic plan');
    await assertMayEdit(tx, ctx, plan, 'id');
    const versions = await tx.getRepository(PlanVersion).findBy({ planId: plan.id });
    if (plan.status !== StrategicPlanStatus.DRAFT || versions.some((v) => v.status !== PlanVersionStatus.DRAFT)) {
      throw new UserErrorsException([userError('id', 'Only a plan that was never sent on consultation can be deleted; archive an adopted plan instead.', UserErrorCode.IMMUTABLE)]);
    }
    await tx.getRepository(StrategicPlan).delete({ id: plan.id });
    await recordAudit(tx, ctx, { operation: 'deleteStrategicPlan', entity: 'StrategicPlan', entityId: plan.id, before: plan });
    return { deletedId: plan.nodeId };
  });
}

/** REGION_ADMIN: an adopted plan whose period is over leaves force but stays public. */
export async function archiveStrategicPlan(ctx: Context, input: PlanIdInput) {
  requireRole(ctx, [Role.REGION_ADMIN], 'Archiving a strategic plan');
  return runMutation(ctx, async (tx) => {
    const before = await loadByGlobalId(tx, StrategicPlan, 'StrategicPlan', input.id, 'id', 'strategic plan');
    if (before.status !== StrategicPlanStatus.ADOPTED) {
      throw new UserErrorsException([userError('id', `Only an adopted plan can be archived; this one is ${before.status}.`, UserErrorCode.CONFLICT)]);
    }
    const plan = tx.getRepository(StrategicPlan).create({ ...before, status: StrategicPlanStatus.ARCHIVED });
    await tx.getRepository(StrategicPlan).save(plan);
    await recordAudit(tx, ctx, { operation: 'archiveStrategicPlan', entity: 'StrategicPlan', entityId: plan.id, before, after: plan });
    return { strategicPlan: plan, version: null };
  });
}
