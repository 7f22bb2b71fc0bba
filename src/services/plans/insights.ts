import { Context } from '../../context';
import { PlanAdoption, PlanFactor, PlanMeasure, PlanMilestone, PlanVersion, StrategicPlan, StrategicPlanStatus } from '../../entities/plans';
import { badInput } from '../../errors';
import { requireSignedIn } from '../access';
import {
  adoptionsFor,
  AdoptionSummary,
  ComparedTable,
  computeCoverage,
  computeProgress,
  Coverage,
  diffItems,
  diffLinks,
  ItemChange,
  LegalCompleteness,
  PlanChangeKind,
  Progress,
  summarizeAdoptions,
  VersionSnapshot,
} from './analysis';
import { contentFields, labelOf, VERSION_CONTENT } from './content-model';
import {
  assessExpiry,
  milestoneFollowUp,
  MilestoneFollowUp,
  milestonesDoneLate,
  municipalFollowUps,
  MunicipalMilestoneFollowUp,
  MunicipalProgressInput,
  overdueMilestones,
  PlanExpiry,
  reviewStatus,
  ReviewStatus,
} from './follow-up';
import { AgeBand, computePreventionCoverage, factorsByMeasure, PreventionCoverage, PreventionInput } from './prevention';
import { legalCompletenessOf } from './legal-check';
import { currentVersion, findStrategicPlan, planLoaders, versionIsVisible } from './read';

/** Loads what the computations of analysis.ts need, through the request's DataLoaders. */

export async function versionAdoptions(ctx: Context, version: PlanVersion): Promise<PlanAdoption[]> {
  const [municipalities, rows] = await Promise.all([planLoaders.municipalities(ctx, version.planId), planLoaders.adoptions(ctx, version.id)]);
  return adoptionsFor(version, municipalities, rows);
}

export async function adoptionSummary(ctx: Context, version: PlanVersion): Promise<AdoptionSummary> {
  return summarizeAdoptions(await versionAdoptions(ctx, version));
}

/** Progress of the adopted version. Signed-in callers only. */
export async function planProgress(ctx: Context, plan: StrategicPlan): Promise<Progress | null> {
  requireSignedIn(ctx);
  if (!plan.adoptedVersionId) return null;
  const version = await ctx.loaders.byId(PlanVersion).load(plan.adoptedVersionId);
  if (!version) return null;
  const [measures, goals, links, municipalities, implementations] = await Promise.all([
    planLoaders.measures(ctx, version.id),
    planLoaders.goals(ctx, version.id),
    planLoaders.links(ctx, version.id),
    planLoaders.municipalities(ctx, plan.id),
    planLoaders.implementations(ctx, plan.id),
  ]);
  return computeProgress({ version, measures, goals, links, municipalities, implementations });
}

export async function coverageMatrix(ctx: Context, version: PlanVersion): Promise<Coverage> {
  const [goals, measures, links] = await Promise.all([planLoaders.goals(ctx, version.id), planLoaders.measures(ctx, version.id), planLoaders.links(ctx, version.id)]);
  return computeCoverage(goals, measures, links);
}

export async function legalCompleteness(ctx: Context, version: PlanVersion): Promise<LegalCompleteness> {
  const [goals, measures, areas, responsible, models, bodies] = await Promise.all([
    planLoaders.goals(ctx, version.id),
    planLoaders.measures(ctx, version.id),
    planLoaders.focusAreas(ctx, version.id),
    planLoaders.responsibleInVersion(ctx, version.id),
    planLoaders.collaborationModels(ctx, version.id),
    planLoaders.bodies(ctx, version.id),
  ]);
  return legalCompletenessOf({ goals, measures, areas, responsible, models, bodies });
}

/** Keyed items that differ, per list of the comparison ("goals", "measures" …). */
export type ItemChanges = Record<string, ItemChange[]>;

export interface RelationChange {
  relation: string;
  change: PlanChangeKind;
  fromKey: string;
  toKey: string;
  fromTitle: string;
  toTitle: string;
}

export interface VersionComparison {
  from: PlanVersion;
  to: PlanVersion;
  /** Per list name of content-model.ts: goals, focusAreas, measures, milestones, statements, factors … */
  items: ItemChanges;
  links: { change: PlanChangeKind; goalKey: string; measureKey: string; goalTitle: string; measureTitle: string }[];
  relations: RelationChange[];
  identical: boolean;
}

async function snapshot(ctx: Context, version: PlanVersion): Promise<VersionSnapshot> {
  const rows = await Promise.all(VERSION_CONTENT.map((t) => planLoaders.contentOf(ctx, t.entity as new () => { id: string; versionId: string }, version.id)));
  return new Map(VERSION_CONTENT.map((t, i) => [t.entity, rows[i] as unknown as Record<string, unknown>[]]));
}

/**
 * What changed from one version to another, for every content table of content-model.ts: keyed
 * items (added, removed, changed fields) under the table's list name, and links added or removed
 * as relations (goal ↔ measure links also under `links`).
 */
export async function compareVersions(ctx: Context, plan: StrategicPlan, fromNumber: number, toNumber: number): Promise<VersionComparison> {
  const versions = await planLoaders.versions(ctx, plan.id);
  const from = versions.find((v) => v.number === fromNumber);
  const to = versions.find((v) => v.number === toNumber);
  if (!from || !versionIsVisible(ctx, from)) throw badInput('from', 'exists', { key: 'plans.errors.noVisibleVersion', params: { number: fromNumber } });
  if (!to || !versionIsVisible(ctx, to)) throw badInput('to', 'exists', { key: 'plans.errors.noVisibleVersion', params: { number: toNumber } });
  const metadataOf = (entity: ComparedTable['table']['entity']) => ctx.db.rows(entity).metadata;
  const tables: ComparedTable[] = VERSION_CONTENT.map((table) => ({ table, fields: contentFields(metadataOf(table.entity), table) }));
  const [a, b] = await Promise.all([snapshot(ctx, from), snapshot(ctx, to)]);
  const keyed = (t: ComparedTable) => !!metadataOf(t.table.entity).findColumnWithPropertyName('key');
  const items: ItemChanges = Object.fromEntries(tables.filter(keyed).map((t) => [t.table.as!, diffItems(t.table.entity, tables, a, b)]));
  const relations = tables
    .filter((t) => !keyed(t) && !t.table.listedAs)
    .flatMap((t) =>
      diffLinks(t.table.entity, tables, a, b).map(({ change, ends: [x, y] }) => ({
        relation: t.table.as!,
        change,
        fromKey: x.key as string,
        toKey: y.key as string,
        fromTitle: labelOf(tables.find((c) => c.table.entity === t.table.refs[0].target)!.table, x),
        toTitle: labelOf(tables.find((c) => c.table.entity === t.table.refs[1].target)!.table, y),
      })),
    );
  const links = relations.filter((r) => r.relation === 'goalMeasure').map((r) => ({ change: r.change, goalKey: r.fromKey, measureKey: r.toKey, goalTitle: r.fromTitle, measureTitle: r.toTitle }));
  return { from, to, items, links, relations, identical: !relations.length && Object.values(items).every((list) => !list.length) };
}

// ---- prevention gap analysis -----------------------------------------------------------------

async function preventionInput(ctx: Context, versionId: string): Promise<PreventionInput> {
  const [measures, factors, measureFactors, measureTargetGroups, targetGroupFactors] = await Promise.all([
    planLoaders.measures(ctx, versionId),
    planLoaders.factors(ctx, versionId),
    planLoaders.measureFactors(ctx, versionId),
    planLoaders.measureTargetGroups(ctx, versionId),
    planLoaders.targetGroupFactors(ctx, versionId),
  ]);
  return { measures, factors, measureFactors, measureTargetGroups, targetGroupFactors };
}

export async function preventionCoverageOf(ctx: Context, version: PlanVersion, ageBands?: AgeBand[]): Promise<PreventionCoverage> {
  return computePreventionCoverage({ ...(await preventionInput(ctx, version.id)), ageBands });
}

/** Measures that address a factor, directly or through one of their target groups. */
export async function measuresAddressing(ctx: Context, factor: PlanFactor): Promise<PlanMeasure[]> {
  const input = await preventionInput(ctx, factor.versionId);
  const addressed = factorsByMeasure(input);
  return input.measures.filter((m) => addressed.get(m.id)?.has(factor.id));
}

/** preventionCoverage(planId): the version a reader sees by default, or the one numbered; null when neither is visible. */
export async function planPreventionCoverage(ctx: Context, planGlobalId: string, versionNumber: number | null | undefined, ageBands?: AgeBand[]): Promise<PreventionCoverage | null> {
  const plan = await findStrategicPlan(ctx, planGlobalId);
  if (!plan) return null;
  const version = versionNumber == null ? await currentVersion(ctx, plan) : ((await planLoaders.visibleVersions(ctx, plan.id)).find((v) => v.number === versionNumber) ?? null);
  return version ? preventionCoverageOf(ctx, version, ageBands) : null;
}

// ---- follow-up after adoption ----------------------------------------------------------------

/** The covered municipalities and their progress on the milestones each must reach (PUBLIC: no progress). */
async function municipalProgressOf(ctx: Context, planId: string): Promise<MunicipalProgressInput> {
  const [municipalities, progress] = await Promise.all([planLoaders.municipalities(ctx, planId), planLoaders.municipalMilestoneProgress(ctx, planId)]);
  return { municipalities, progress };
}

export async function milestoneFollowUpOf(ctx: Context, milestone: PlanMilestone, asOf: string): Promise<MilestoneFollowUp> {
  const [progress, version, municipal] = await Promise.all([
    planLoaders.milestoneProgress(ctx, milestone.planId),
    ctx.loaders.byId(PlanVersion).load(milestone.versionId),
    municipalProgressOf(ctx, milestone.planId),
  ]);
  return milestoneFollowUp(milestone, progress, asOf, version?.adoptedOn ?? null, municipal);
}

/** Overdue milestones of a version; follow-up is internal to the region (PUBLIC: none). */
export async function overdueMilestonesOf(ctx: Context, version: PlanVersion, asOf: string): Promise<MilestoneFollowUp[]> {
  if (!ctx.principal.regionId) return [];
  const [milestones, progress, municipal] = await Promise.all([planLoaders.milestones(ctx, version.id), planLoaders.milestoneProgress(ctx, version.planId), municipalProgressOf(ctx, version.planId)]);
  return overdueMilestones(milestones, progress, asOf, version.adoptedOn, municipal);
}

/** Milestones of a version done late by `asOf` (completed after their last day); PUBLIC: none. */
export async function milestonesDoneLateOf(ctx: Context, version: PlanVersion, asOf: string): Promise<MilestoneFollowUp[]> {
  if (!ctx.principal.regionId) return [];
  const [milestones, progress, municipal] = await Promise.all([planLoaders.milestones(ctx, version.id), planLoaders.milestoneProgress(ctx, version.planId), municipalProgressOf(ctx, version.planId)]);
  return milestonesDoneLate(milestones, progress, asOf, version.adoptedOn, municipal);
}

/** Each covered municipality's follow-up of a milestone it must reach itself (empty for other milestones; PUBLIC: none). */
export async function municipalFollowUpsOf(ctx: Context, milestone: PlanMilestone, asOf: string): Promise<MunicipalMilestoneFollowUp[]> {
  if (!ctx.principal.regionId || !milestone.perMunicipality) return [];
  return municipalFollowUps(milestone, await municipalProgressOf(ctx, milestone.planId), asOf);
}

/** Per municipality, the milestones of a version it must reach itself that are overdue on `asOf` (PUBLIC: none). */
export async function overdueByMunicipalityOf(ctx: Context, version: PlanVersion, asOf: string): Promise<MunicipalMilestoneFollowUp[]> {
  if (!ctx.principal.regionId) return [];
  const [milestones, municipal] = await Promise.all([planLoaders.milestones(ctx, version.id), municipalProgressOf(ctx, version.planId)]);
  return milestones.flatMap((m) => municipalFollowUps(m, municipal, asOf)).filter((f) => f.overdue);
}

/** The version whose rules apply now: the one in force, else the newest one the caller sees. */
async function governingVersion(ctx: Context, plan: StrategicPlan): Promise<PlanVersion | null> {
  const adopted = plan.adoptedVersionId ? await ctx.loaders.byId(PlanVersion).load(plan.adoptedVersionId) : null;
  return adopted ?? currentVersion(ctx, plan);
}

export async function planExpiry(ctx: Context, plan: StrategicPlan, asOf: string, horizonMonths: number): Promise<PlanExpiry> {
  const version = await governingVersion(ctx, plan);
  const statements = version ? await planLoaders.statements(ctx, version.id) : [];
  return assessExpiry(plan, statements, asOf, horizonMonths);
}

/** Who has and has not reviewed their own measures in `year` (signed-in callers only). */
export async function planReviewStatus(ctx: Context, plan: StrategicPlan, year: number): Promise<ReviewStatus> {
  requireSignedIn(ctx);
  const version = await governingVersion(ctx, plan);
  const [services, measures, responsible, reviews, statements] = await Promise.all([
    planLoaders.services(ctx, plan.id),
    version ? planLoaders.measures(ctx, version.id) : [],
    version ? planLoaders.responsibleInVersion(ctx, version.id) : [],
    planLoaders.reviews(ctx, plan.id),
    version ? planLoaders.statements(ctx, version.id) : [],
  ]);
  return reviewStatus(year, services, measures, responsible, reviews, statements);
}

export interface PlanFollowUp {
  plan: StrategicPlan;
  expiry: PlanExpiry;
  overdueMilestones: MilestoneFollowUp[];
  /** Milestones done by `asOf`, but after the day they were due. */
  milestonesDoneLate: MilestoneFollowUp[];
  /** Milestones each municipality must reach that are overdue on `asOf`, per municipality. */
  overdueByMunicipality: MunicipalMilestoneFollowUp[];
  reviews: ReviewStatus;
}

export interface FollowUpArgs {
  asOf: string;
  horizonMonths: number;
  year: number;
}

/** The region view: every adopted plan of the caller's region with its flags (signed-in callers only). */
export async function regionFollowUp(ctx: Context, args: FollowUpArgs): Promise<PlanFollowUp[]> {
  requireSignedIn(ctx);
  const plans = await ctx.loaders.list(StrategicPlan, { status: StrategicPlanStatus.ADOPTED }, { periodEndYear: 'ASC', title: 'ASC', id: 'ASC' });
  return Promise.all(
    plans.map(async (plan) => {
      const version = plan.adoptedVersionId ? await ctx.loaders.byId(PlanVersion).load(plan.adoptedVersionId) : null;
      const [expiry, overdue, doneLate, byMunicipality, reviews] = await Promise.all([
        planExpiry(ctx, plan, args.asOf, args.horizonMonths),
        version ? overdueMilestonesOf(ctx, version, args.asOf) : [],
        version ? milestonesDoneLateOf(ctx, version, args.asOf) : [],
        version ? overdueByMunicipalityOf(ctx, version, args.asOf) : [],
        planReviewStatus(ctx, plan, args.year),
      ]);
      return { plan, expiry, overdueMilestones: overdue, milestonesDoneLate: doneLate, overdueByMunicipality: byMunicipality, reviews };
    }),
  );
}
