import { EntityManager, In } from 'typeorm';
import { holds, Role } from '../../auth/roles';
import { Context } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import { SharedService } from '../../entities/reference/shared-service';
import { PlanCoverageMunicipality, PlanCoverageService, PlanVersion, PlanVersionStatus, StrategicPlan, StrategicPlanStatus } from '../../entities/plans';
import { idOfType } from '../../global-id';
import { findByGlobalId } from '../lookup';
import { defineMutation } from '../mutation';
import { checkUnique, municipalitiesByNumber } from '../reference/kommunenummer';
import { reject, RuleCheck, userError, UserErrorCode } from '../user-errors';
import { ById, NewPlan, PlanChanges } from './args';
import { changes } from './draft-items';
import { editablePlan, frozenMessage, PLAN_EDITORS } from './guard';

const NOTES = ['sourceNote', 'illustrativeNote'];

interface Coverage {
  municipalities?: Municipality[];
  services?: SharedService[];
}

/** Checks the covered municipalities and services of a plan input (all in the caller's region). */
async function resolveCoverage(tx: EntityManager, ctx: Context, rules: RuleCheck, numbers: string[] | null | undefined, serviceGlobalIds: string[] | null | undefined): Promise<Coverage> {
  const out: Coverage = {};
  if (numbers) {
    checkUnique(rules, numbers, 'municipalityNumbers');
    out.municipalities = await municipalitiesByNumber(tx, numbers, rules, (i) => ['input', 'municipalityNumbers', String(i)]);
  }
  if (serviceGlobalIds) {
    const ids = serviceGlobalIds.map((g) => idOfType(g, 'SharedService'));
    const found = await tx.getRepository(SharedService).findBy({ id: In(ids.filter((x): x is string => !!x)) });
    ids.forEach((id, i) => {
      if (!id || !found.some((s) => s.id === id)) rules.add(userError(['input', 'serviceIds', String(i)], 'plans.suchSharedServiceRegion', {}, UserErrorCode.NOT_FOUND));
    });
    checkUnique(rules, serviceGlobalIds, 'serviceIds');
    // A service leader (who is not also REGION_ADMIN) covers a service they lead.
    if (!holds(ctx.principal, Role.REGION_ADMIN) && holds(ctx.principal, Role.SERVICE_LEADER) && !found.some((s) => holds(ctx.principal, Role.SERVICE_LEADER, s.id))) {
      rules.add(userError('serviceIds', 'plans.serviceLeaderIncludeTheir'));
    }
    out.services = found;
  }
  return out;
}

/**
 * Replaces one coverage list: inserts what is new, then deletes what is gone. The row for `firstId`
 * goes in first: RLS lets a SERVICE_LEADER add other services only once their own is covered.
 */
async function syncCoverage<T extends { id: string }>(
  tx: EntityManager,
  entity: new () => T,
  plan: StrategicPlan,
  column: keyof T & string,
  wanted: { id: string }[],
  firstId?: string,
): Promise<void> {
  const repo = tx.getRepository(entity);
  const existing = await repo.findBy({ planId: plan.id } as never);
  const have = new Set(existing.map((e) => e[column] as string));
  const add = wanted.filter((w) => !have.has(w.id));
  for (const group of [add.filter((w) => w.id === firstId), add.filter((w) => w.id !== firstId)]) {
    if (group.length) await repo.insert(group.map((w) => ({ regionId: plan.regionId, planId: plan.id, [column]: w.id }) as never));
  }
  const keep = new Set(wanted.map((w) => w.id));
  const remove = existing.filter((e) => !keep.has(e[column] as string));
  if (remove.length) await repo.delete({ id: In(remove.map((r) => r.id)) } as never);
}

async function writeCoverage(tx: EntityManager, ctx: Context, plan: StrategicPlan, coverage: Coverage): Promise<void> {
  const led = coverage.services?.find((s) => holds(ctx.principal, Role.SERVICE_LEADER, s.id));
  if (coverage.services) await syncCoverage(tx, PlanCoverageService, plan, 'serviceId', coverage.services, led?.id);
  if (coverage.municipalities) await syncCoverage(tx, PlanCoverageMunicipality, plan, 'municipalityId', coverage.municipalities);
}

const coverageSummary = (c: Coverage) => ({
  ...(c.municipalities ? { municipalities: c.municipalities.map((m) => m.number).sort() } : {}),
  ...(c.services ? { services: c.services.map((s) => s.code).sort() } : {}),
});

export const createStrategicPlan = defineMutation({
  name: 'createStrategicPlan',
  roles: PLAN_EDITORS,
  action: 'Creating a strategic plan',
  async run({ tx, ctx, audit }, input: NewPlan) {
    const rules = new RuleCheck();
    if (input.periodEndYear < input.periodStartYear) rules.add(userError('periodEndYear', 'plans.periodCannotEndBefore'));
    const coverage = await resolveCoverage(tx, ctx, rules, input.municipalityNumbers, input.serviceIds);
    rules.throwIfAny();
    const plan = tx.getRepository(StrategicPlan).create({
      regionId: ctx.principal.regionId,
      title: input.title.trim(),
      periodStartYear: input.periodStartYear,
      periodEndYear: input.periodEndYear,
      status: StrategicPlanStatus.DRAFT,
      adoptedVersionId: null,
      sourceNote: null,
      illustrativeNote: null,
      ...changes(input, NOTES),
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
    await audit({ entity: 'StrategicPlan', entityId: plan.id, after: { ...plan, ...coverageSummary(coverage) } });
    return { strategicPlan: plan, version };
  },
});

/** The newest version of a plan (the one edits go to). */
export async function latestVersion(tx: EntityManager, planId: string): Promise<PlanVersion> {
  const [latest] = await tx.getRepository(PlanVersion).find({ where: { planId }, order: { number: 'DESC' }, take: 1 });
  return latest;
}

export const updateStrategicPlan = defineMutation({
  name: 'updateStrategicPlan',
  roles: PLAN_EDITORS,
  action: 'Updating a strategic plan',
  async run({ tx, ctx, audit }, input: PlanChanges) {
    const before = await editablePlan(tx, ctx, input.id, 'id');
    const version = await latestVersion(tx, before.id);
    if (version.status !== PlanVersionStatus.DRAFT) reject('id', frozenMessage(version), { number: version.number, status: version.status }, UserErrorCode.IMMUTABLE);
    const rules = new RuleCheck();
    const start = input.periodStartYear ?? before.periodStartYear;
    const end = input.periodEndYear ?? before.periodEndYear;
    if (end < start) rules.add(userError('periodEndYear', 'plans.periodCannotEndBefore'));
    const coverage = await resolveCoverage(tx, ctx, rules, input.municipalityNumbers, input.serviceIds);
    rules.throwIfAny();
    const plan = tx.getRepository(StrategicPlan).create({ ...before, title: input.title?.trim() ?? before.title, periodStartYear: start, periodEndYear: end, ...changes(input, NOTES) });
    await tx.getRepository(StrategicPlan).save(plan);
    await writeCoverage(tx, ctx, plan, coverage);
    await audit({ entity: 'StrategicPlan', entityId: plan.id, before, after: { ...plan, ...coverageSummary(coverage) } });
    return { strategicPlan: plan, version };
  },
});

/** Only a plan that never left its first draft can be deleted; anything later is history. */
export const deleteStrategicPlan = defineMutation({
  name: 'deleteStrategicPlan',
  roles: PLAN_EDITORS,
  action: 'Deleting a strategic plan',
  async run({ tx, ctx, audit }, input: ById) {
    const plan = await editablePlan(tx, ctx, input.id, 'id');
    const versions = await tx.getRepository(PlanVersion).findBy({ planId: plan.id });
    if (plan.status !== StrategicPlanStatus.DRAFT || versions.some((v) => v.status !== PlanVersionStatus.DRAFT)) {
      reject('id', 'plans.planNeverSentConsultation', {}, UserErrorCode.IMMUTABLE);
    }
    await tx.getRepository(StrategicPlan).delete({ id: plan.id });
    await audit({ entity: 'StrategicPlan', entityId: plan.id, before: plan });
    return { deletedId: plan.nodeId };
  },
});

/** REGION_ADMIN: an adopted plan whose period is over leaves force but stays public. */
export const archiveStrategicPlan = defineMutation({
  name: 'archiveStrategicPlan',
  roles: [Role.REGION_ADMIN],
  action: 'Archiving a strategic plan',
  async run({ tx, audit }, input: ById) {
    const before = await findByGlobalId(tx, StrategicPlan, input.id, 'id', 'strategic plan');
    if (before.status !== StrategicPlanStatus.ADOPTED) reject('id', 'plans.adoptedPlanArchived', { status: before.status }, UserErrorCode.CONFLICT);
    const plan = tx.getRepository(StrategicPlan).create({ ...before, status: StrategicPlanStatus.ARCHIVED });
    await tx.getRepository(StrategicPlan).save(plan);
    await audit({ entity: 'StrategicPlan', entityId: plan.id, before, after: plan });
    return { strategicPlan: plan, version: null };
  },
});
