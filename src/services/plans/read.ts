import { getMetadataArgsStorage, In } from 'typeorm';
import { Context, isPublic } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import {
  MeasureImplementation,
  PlanAdoption,
  PlanCoverageMunicipality,
  PlanCoverageService,
  PlanFocusArea,
  PlanGoal,
  PlanGoalMeasure,
  PlanMeasure,
  PlanMeasureResponsible,
  PlanMilestone,
  PlanReview,
  PlanVersion,
  PlanVersionStatus,
  StrategicPlan,
  StrategicPlanStatus,
} from '../../entities/plans';
import { Region } from '../../entities/reference/region';
import { SharedService } from '../../entities/reference/shared-service';
import { PageRequest, pageWindow, toConnection } from '../paging';
import { idOfType } from '../../global-id';

/** Plans and versions PUBLIC may read (RLS says the same; the service checks too). */
export const PUBLIC_PLAN_STATUSES = [StrategicPlanStatus.ADOPTED, StrategicPlanStatus.ARCHIVED];
export const PUBLIC_VERSION_STATUSES = [PlanVersionStatus.ADOPTED, PlanVersionStatus.SUPERSEDED];

export const planIsVisible = (ctx: Context, plan: StrategicPlan) => !isPublic(ctx) || PUBLIC_PLAN_STATUSES.includes(plan.status);
export const versionIsVisible = (ctx: Context, version: PlanVersion) => !isPublic(ctx) || PUBLIC_VERSION_STATUSES.includes(version.status);

/** A content row is visible when its version is. */
export async function contentIsVisible(ctx: Context, row: { versionId: string }): Promise<boolean> {
  const version = await ctx.loaders.byId(PlanVersion).load(row.versionId);
  return !!version && versionIsVisible(ctx, version);
}

const ORDER = { position: 'ASC', id: 'ASC' } as const;
const hasPosition = (entity: Function) =>
  getMetadataArgsStorage().columns.some((c) => c.propertyName === 'position' && typeof c.target === 'function' && (c.target === entity || entity.prototype instanceof c.target));

/** Per-request batched relations of the plan feature; every field resolver goes through these. */
export const planLoaders = {
  versions: (ctx: Context, planId: string) => ctx.loaders.manyBy(PlanVersion, 'planId', { number: 'ASC' }).load(planId),
  goals: (ctx: Context, versionId: string) => ctx.loaders.manyBy(PlanGoal, 'versionId', ORDER).load(versionId),
  focusAreas: (ctx: Context, versionId: string) => ctx.loaders.manyBy(PlanFocusArea, 'versionId', ORDER).load(versionId),
  measures: (ctx: Context, versionId: string) => ctx.loaders.manyBy(PlanMeasure, 'versionId', ORDER).load(versionId),
  milestones: (ctx: Context, versionId: string) => ctx.loaders.manyBy(PlanMilestone, 'versionId', ORDER).load(versionId),
  links: (ctx: Context, versionId: string) => ctx.loaders.manyBy(PlanGoalMeasure, 'versionId').load(versionId),
  responsible: (ctx: Context, measureId: string) => ctx.loaders.manyBy(PlanMeasureResponsible, 'measureId', { position: 'ASC', id: 'ASC' }).load(measureId),
  responsibleInVersion: (ctx: Context, versionId: string) => ctx.loaders.manyBy(PlanMeasureResponsible, 'versionId', { position: 'ASC', id: 'ASC' }).load(versionId),
  /** Every row of one content table (see content-model.ts) in a version, in plan order where it has one. */
  contentOf: (ctx: Context, entity: Function, versionId: string) =>
    ctx.loaders.manyBy(entity as new () => { id: string; versionId: string }, 'versionId', (hasPosition(entity) ? ORDER : { id: 'ASC' }) as never).load(versionId),
  adoptions: (ctx: Context, versionId: string) => ctx.loaders.manyBy(PlanAdoption, 'versionId').load(versionId),
  implementations: (ctx: Context, planId: string) => ctx.loaders.manyBy(MeasureImplementation, 'planId').load(planId),
  reviews: (ctx: Context, planId: string) => ctx.loaders.manyBy(PlanReview, 'planId', { reviewedOn: 'ASC', id: 'ASC' }).load(planId),
  async municipalities(ctx: Context, planId: string): Promise<Municipality[]> {
    const rows = await ctx.loaders.manyBy(PlanCoverageMunicipality, 'planId').load(planId);
    const found = await ctx.loaders.byId(Municipality).loadMany(rows.map((r) => r.municipalityId));
    return found.filter((m): m is Municipality => m instanceof Municipality).sort((a, b) => a.number.localeCompare(b.number));
  },
  async services(ctx: Context, planId: string): Promise<SharedService[]> {
    const rows = await ctx.loaders.manyBy(PlanCoverageService, 'planId').load(planId);
    const found = await ctx.loaders.byId(SharedService).loadMany(rows.map((r) => r.serviceId));
    return found.filter((s): s is SharedService => s instanceof SharedService).sort((a, b) => a.name.localeCompare(b.name, 'nb'));
  },
  /** Visible versions of a plan, oldest first. */
  async visibleVersions(ctx: Context, planId: string): Promise<PlanVersion[]> {
    const all = await planLoaders.versions(ctx, planId);
    return all.filter((v) => versionIsVisible(ctx, v));
  },
};

/** The version a reader sees by default: the newest one (signed in) or the adopted one (PUBLIC). */
export async function currentVersion(ctx: Context, plan: StrategicPlan): Promise<PlanVersion | null> {
  const versions = await planLoaders.visibleVersions(ctx, plan.id);
  if (isPublic(ctx)) return versions.find((v) => v.id === plan.adoptedVersionId) ?? null;
  return versions[versions.length - 1] ?? null;
}

export interface PlanFilter extends PageRequest {
  status?: StrategicPlanStatus | null;
  regionCode?: string | null;
}

/** strategicPlans: own region (signed in) or adopted/archived plans (PUBLIC, optionally of one region). */
export async function listStrategicPlans(ctx: Context, filter: PlanFilter) {
  const { offset, limit } = pageWindow(filter);
  const em = await ctx.db.manager();
  let statuses: StrategicPlanStatus[] | undefined = filter.status ? [filter.status] : undefined;
  if (isPublic(ctx)) statuses = (statuses ?? PUBLIC_PLAN_STATUSES).filter((s) => PUBLIC_PLAN_STATUSES.includes(s));
  let regionId: string | undefined;
  if (filter.regionCode) {
    const region = await em.getRepository(Region).findOneBy({ code: filter.regionCode });
    if (!region) return toConnection([], 0, offset);
    regionId = region.id;
  }
  const [rows, total] = await em.getRepository(StrategicPlan).findAndCount({
    where: { ...(statuses ? { status: In(statuses) } : {}), ...(regionId ? { regionId } : {}) },
    order: { periodStartYear: 'DESC', title: 'ASC', id: 'ASC' },
    skip: offset,
    take: limit,
  });
  return toConnection(rows, total, offset);
}

export async function findStrategicPlan(ctx: Context, globalId: string): Promise<StrategicPlan | null> {
  const id = idOfType(globalId, 'StrategicPlan');
  const plan = id ? await ctx.loaders.byId(StrategicPlan).load(id) : null;
  return plan && planIsVisible(ctx, plan) ? plan : null;
}
