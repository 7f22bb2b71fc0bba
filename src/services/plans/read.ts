import { getMetadataArgsStorage } from 'typeorm';
import { Context, isPublic } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import {
  MeasureImplementation,
  PlanAdoption,
  PlanBody,
  PlanBodyMember,
  PlanCollaborationModel,
  PlanCollaborationStep,
  PlanFactor,
  PlanMeasureDependency,
  PlanMeasureFactor,
  PlanMeasureTargetGroup,
  PlanMilestoneMunicipalProgress,
  PlanMilestoneProgress,
  PlanReferralRoute,
  PlanStatement,
  PlanTargetGroup,
  PlanTargetGroupFactor,
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
import { ImplementationIndex, indexImplementations } from './analysis';
import { idOfType } from '../../global-id';
import { ReadRule, ALL_ROLES, SIGNED_IN } from '../access';

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

/**
 * The read rules of the plans matrix (docs/permissions.md): `strategicPlans`, `strategicPlan` and
 * the version and content fields filter by the same functions; `node(id:)` and the audit trail
 * apply these rules (src/services/access.ts). Signed-in callers read the whole region (RLS).
 */
/** Plans (readAdoptedPlans; PUBLIC: adopted and archived only). */
export const READ_PLANS: ReadRule<StrategicPlan> = { action: 'Reading strategic plans', roles: ALL_ROLES, wholeRegion: SIGNED_IN, row: planIsVisible };
/** Versions and adoptions (readPlanDrafts: PUBLIC none). */
export const READ_PLAN_VERSIONS: ReadRule<PlanVersion> = { action: 'Reading plan versions', roles: ALL_ROLES, wholeRegion: SIGNED_IN, row: versionIsVisible };
/** Goals, measures and the other content of a version: visible with its version. */
export const READ_PLAN_CONTENT: ReadRule<{ versionId: string }> = { action: 'Reading plan content', roles: ALL_ROLES, wholeRegion: SIGNED_IN, row: contentIsVisible };
/** Reviews, milestone progress, implementation status (readPlanProgress, readPlanFollowUp: not public). */
export const READ_PLAN_FOLLOW_UP: ReadRule = { action: 'Reading plan follow-up', roles: SIGNED_IN };

const ORDER = { position: 'ASC', id: 'ASC' } as const;
const positioned = new Map<Function, boolean>();
/** Whether rows of `entity` have a plan order (a `position` column); looked up once per entity. */
const hasPosition = (entity: Function): boolean => {
  if (!positioned.has(entity)) {
    positioned.set(
      entity,
      getMetadataArgsStorage().columns.some((c) => c.propertyName === 'position' && typeof c.target === 'function' && (c.target === entity || entity.prototype instanceof c.target)),
    );
  }
  return positioned.get(entity)!;
};

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
  contentOf: <T extends { id: string; versionId: string }>(ctx: Context, entity: new () => T, versionId: string): Promise<T[]> =>
    ctx.loaders.manyBy(entity, 'versionId' as keyof T & string, (hasPosition(entity) ? ORDER : { id: 'ASC' }) as never).load(versionId),
  statements: (ctx: Context, versionId: string) => planLoaders.contentOf(ctx, PlanStatement, versionId),
  factors: (ctx: Context, versionId: string) => planLoaders.contentOf(ctx, PlanFactor, versionId),
  targetGroups: (ctx: Context, versionId: string) => planLoaders.contentOf(ctx, PlanTargetGroup, versionId),
  measureFactors: (ctx: Context, versionId: string) => planLoaders.contentOf(ctx, PlanMeasureFactor, versionId),
  targetGroupFactors: (ctx: Context, versionId: string) => planLoaders.contentOf(ctx, PlanTargetGroupFactor, versionId),
  measureTargetGroups: (ctx: Context, versionId: string) => planLoaders.contentOf(ctx, PlanMeasureTargetGroup, versionId),
  dependencies: (ctx: Context, versionId: string) => planLoaders.contentOf(ctx, PlanMeasureDependency, versionId),
  bodies: (ctx: Context, versionId: string) => planLoaders.contentOf(ctx, PlanBody, versionId),
  bodyMembers: (ctx: Context, versionId: string) => planLoaders.contentOf(ctx, PlanBodyMember, versionId),
  collaborationModels: (ctx: Context, versionId: string) => planLoaders.contentOf(ctx, PlanCollaborationModel, versionId),
  collaborationSteps: (ctx: Context, versionId: string) => planLoaders.contentOf(ctx, PlanCollaborationStep, versionId),
  referralRoutes: (ctx: Context, versionId: string) => planLoaders.contentOf(ctx, PlanReferralRoute, versionId),
  /** Milestone progress is internal to the region (PUBLIC: none). */
  milestoneProgress: async (ctx: Context, planId: string) => (ctx.principal.regionId ? ctx.loaders.manyBy(PlanMilestoneProgress, 'planId').load(planId) : []),
  /** Each municipality's progress on milestones it must reach itself; internal to the region (PUBLIC: none). */
  municipalMilestoneProgress: async (ctx: Context, planId: string) => (ctx.principal.regionId ? ctx.loaders.manyBy(PlanMilestoneMunicipalProgress, 'planId').load(planId) : []),
  adoptions: (ctx: Context, versionId: string) => ctx.loaders.manyBy(PlanAdoption, 'versionId').load(versionId),
  implementations: (ctx: Context, planId: string) => ctx.loaders.manyBy(MeasureImplementation, 'planId').load(planId),
  reviews: (ctx: Context, planId: string) => ctx.loaders.manyBy(PlanReview, 'planId', { reviewedOn: 'ASC', id: 'ASC' }).load(planId),
  /** Covered municipalities by kommunenummer (once per plan and request: every measure asks). */
  municipalities: (ctx: Context, planId: string) =>
    ctx.loaders
      .custom<string, Municipality[]>('plans.municipalities', (planIds) =>
        Promise.all(
          planIds.map(async (planId) => {
            const rows = await ctx.loaders.manyBy(PlanCoverageMunicipality, 'planId').load(planId);
            const found = await ctx.loaders.byId(Municipality).loadMany(rows.map((r) => r.municipalityId));
            return found.filter((m): m is Municipality => m instanceof Municipality).sort((a, b) => a.number.localeCompare(b.number));
          }),
        ),
      )
      .load(planId),
  async services(ctx: Context, planId: string): Promise<SharedService[]> {
    const rows = await ctx.loaders.manyBy(PlanCoverageService, 'planId').load(planId);
    const found = await ctx.loaders.byId(SharedService).loadMany(rows.map((r) => r.serviceId));
    return found.filter((s): s is SharedService => s instanceof SharedService).sort((a, b) => a.name.localeCompare(b.name, 'nb'));
  },
  /** A plan's implementation rows indexed by measure and municipality (once per plan and request). */
  implementationIndex: (ctx: Context, planId: string) =>
    ctx.loaders
      .custom<string, ImplementationIndex>('plans.implementationIndex', (planIds) => Promise.all(planIds.map(async (planId) => indexImplementations(await planLoaders.implementations(ctx, planId)))))
      .load(planId),
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
  let statuses: StrategicPlanStatus[] | undefined = filter.status ? [filter.status] : undefined;
  if (isPublic(ctx)) statuses = (statuses ?? PUBLIC_PLAN_STATUSES).filter((s) => PUBLIC_PLAN_STATUSES.includes(s));
  let regionId: string | undefined;
  if (filter.regionCode) {
    const [region] = await ctx.loaders.list(Region, { code: filter.regionCode });
    if (!region) return toConnection([], 0, offset);
    regionId = region.id;
  }
  const { rows, total } = await ctx.loaders.page(
    StrategicPlan,
    { ...(statuses ? { status: statuses } : {}), ...(regionId ? { regionId } : {}) },
    { periodStartYear: 'DESC', title: 'ASC' },
    { offset, limit },
  );
  return toConnection(rows, total, offset);
}

export async function findStrategicPlan(ctx: Context, globalId: string): Promise<StrategicPlan | null> {
  const id = idOfType(globalId, 'StrategicPlan');
  const plan = id ? await ctx.loaders.byId(StrategicPlan).load(id) : null;
  return plan && planIsVisible(ctx, plan) ? plan : null;
}

/** The row with `id` among the rows of a version's loader (null when id is null or not there). */
export async function oneOf<T extends { id: string }>(rows: Promise<T[]>, id: string | null): Promise<T | null> {
  return id ? ((await rows).find((r) => r.id === id) ?? null) : null;
}

/** The rows (in their own order) that the links matching `from` point at with `to`. */
export async function linkedTo<L, T extends { id: string }>(links: Promise<L[]>, from: (l: L) => boolean, to: (l: L) => string, rows: Promise<T[]>): Promise<T[]> {
  const [ls, all] = await Promise.all([links, rows]);
  const ids = new Set(ls.filter(from).map(to));
  return all.filter((r) => ids.has(r.id));
}
