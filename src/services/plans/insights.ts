import { Context } from '../../context';
import { MeasureImplementation, PlanAdoption, PlanFocusArea, PlanGoal, PlanGoalMeasure, PlanMeasure, PlanMilestone, PlanVersion, StrategicPlan } from '../../entities/plans';
import { badInput } from '../../errors';
import { requireSignedIn } from '../access';
import {
  adoptionsFor,
  AdoptionSummary,
  assessLegalCompleteness,
  ComparedTable,
  computeCoverage,
  computeProgress,
  Coverage,
  diffItems,
  diffLinks,
  implementationsFor,
  ItemChange,
  LegalCompleteness,
  PlanChangeKind,
  Progress,
  summarizeAdoptions,
  VersionSnapshot,
} from './analysis';
import { contentFields, VERSION_CONTENT } from './content-model';
import { planLoaders, versionIsVisible } from './read';

/** Loads what the computations of analysis.ts need, through the request's DataLoaders. */

export async function versionAdoptions(ctx: Context, version: PlanVersion): Promise<PlanAdoption[]> {
  const [municipalities, rows] = await Promise.all([planLoaders.municipalities(ctx, version.planId), planLoaders.adoptions(ctx, version.id)]);
  return adoptionsFor(version, municipalities, rows);
}

export async function adoptionSummary(ctx: Context, version: PlanVersion): Promise<AdoptionSummary> {
  return summarizeAdoptions(await versionAdoptions(ctx, version));
}

/** Status per covered municipality; implementation status is internal to the region (PUBLIC: none). */
export async function measureImplementations(ctx: Context, measure: PlanMeasure): Promise<MeasureImplementation[]> {
  if (!ctx.principal.regionId) return [];
  const [municipalities, index] = await Promise.all([planLoaders.municipalities(ctx, measure.planId), planLoaders.implementationIndex(ctx, measure.planId)]);
  return implementationsFor(measure, municipalities, index);
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
  const [goals, measures, areas, responsible] = await Promise.all([
    planLoaders.goals(ctx, version.id),
    planLoaders.measures(ctx, version.id),
    planLoaders.focusAreas(ctx, version.id),
    planLoaders.responsibleInVersion(ctx, version.id),
  ]);
  return assessLegalCompleteness(goals, measures, areas, measures.map((m) => responsible.filter((r) => r.measureId === m.id)));
}

export interface VersionComparison {
  from: PlanVersion;
  to: PlanVersion;
  goals: ItemChange[];
  focusAreas: ItemChange[];
  measures: ItemChange[];
  milestones: ItemChange[];
  links: { change: PlanChangeKind; goalKey: string; measureKey: string; goalTitle: string; measureTitle: string }[];
  identical: boolean;
}

async function snapshot(ctx: Context, version: PlanVersion): Promise<VersionSnapshot> {
  const rows = await Promise.all(VERSION_CONTENT.map((t) => planLoaders.contentOf(ctx, t.entity, version.id)));
  return new Map(VERSION_CONTENT.map((t, i) => [t.entity, rows[i] as Record<string, unknown>[]]));
}

export async function compareVersions(ctx: Context, plan: StrategicPlan, fromNumber: number, toNumber: number): Promise<VersionComparison> {
  const versions = await planLoaders.versions(ctx, plan.id);
  const from = versions.find((v) => v.number === fromNumber);
  const to = versions.find((v) => v.number === toNumber);
  if (!from || !versionIsVisible(ctx, from)) throw badInput('from', 'exists', `the plan has no version ${fromNumber} you may see`);
  if (!to || !versionIsVisible(ctx, to)) throw badInput('to', 'exists', `the plan has no version ${toNumber} you may see`);
  const em = await ctx.db.manager();
  const tables: ComparedTable[] = VERSION_CONTENT.map((table) => ({ table, fields: contentFields(em.connection.getMetadata(table.entity), table) }));
  const [a, b] = await Promise.all([snapshot(ctx, from), snapshot(ctx, to)]);
  const goals = diffItems(PlanGoal, tables, a, b);
  const focusAreas = diffItems(PlanFocusArea, tables, a, b);
  const measures = diffItems(PlanMeasure, tables, a, b);
  const milestones = diffItems(PlanMilestone, tables, a, b);
  const links = diffLinks(PlanGoalMeasure, tables, a, b).map(({ change, ends: [goal, measure] }) => ({
    change, goalKey: goal.key as string, measureKey: measure.key as string, goalTitle: goal.title as string, measureTitle: measure.title as string,
  }));
  return { from, to, goals, focusAreas, measures, milestones, links, identical: ![...goals, ...focusAreas, ...measures, ...milestones, ...links].length };
}
