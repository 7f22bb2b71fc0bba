import { Context } from '../../context';
import { MeasureImplementation, PlanMeasure, PlanVersion, StrategicPlan } from '../../entities/plans';
import { badInput } from '../../errors';
import { ConnectionShape, capped, PageRequest, pageWindow, toConnection } from '../paging';
import { assertKommunenummer } from '../reference/kommunenummer';
import { implementationsFor, indexImplementations } from './analysis';
import { planLoaders } from './read';

/**
 * Implementation status read two ways (docs/plans.md "Bounded answers"):
 * - per municipality and paged: `PlanVersion.implementations(municipalityNumber:, first:, after:)`,
 *   one page of the version's measures in plan order with that municipality's status — a fixed
 *   number of reads per page (coverage, one page of measures with their total, the status rows of
 *   those measures), whatever the size of the plan or the number of municipalities;
 * - per measure, every covered municipality: `Measure.implementations`, capped at
 *   IMPLEMENTATIONS_CAP (priced at that size by the complexity limit), with `implementationCount`.
 */

/** The most municipalities `Measure.implementations` lists (the largest cooperation region is smaller; the count beside it says how many there are). */
export const IMPLEMENTATIONS_CAP = 50;

/** The measure of the version an implementation row was read through (rows are kept by lineage key, shared by every version). */
const measureOf = new WeakMap<MeasureImplementation, PlanMeasure>();

/** A copy of the row (rows of the plan's index are shared by every version's measure) that knows its measure. */
function forMeasure(row: MeasureImplementation, measure: PlanMeasure): MeasureImplementation {
  const own = Object.assign(new MeasureImplementation(), row);
  measureOf.set(own, measure);
  return own;
}

/** Status per covered municipality (at most IMPLEMENTATIONS_CAP); implementation status is internal to the region (PUBLIC: none). */
export async function measureImplementations(ctx: Context, measure: PlanMeasure): Promise<MeasureImplementation[]> {
  if (!ctx.principal.regionId) return [];
  const [municipalities, index] = await Promise.all([planLoaders.municipalities(ctx, measure.planId), planLoaders.implementationIndex(ctx, measure.planId)]);
  return implementationsFor(measure, capped(municipalities, IMPLEMENTATIONS_CAP), index).map((row) => forMeasure(row, measure));
}

/** How many municipalities the plan covers (the full length of `Measure.implementations`); 0 for PUBLIC. */
export async function implementationCount(ctx: Context, measure: PlanMeasure): Promise<number> {
  if (!ctx.principal.regionId) return 0;
  return (await planLoaders.municipalities(ctx, measure.planId)).length;
}

export interface MunicipalImplementations extends PageRequest {
  municipalityNumber: string;
}

/**
 * One page of the version's measures (plan order) with one covered municipality's status:
 * NOT_STARTED where nothing is recorded. PUBLIC: an empty page (as `Measure.implementations`).
 * A municipality the plan does not cover is bad input.
 */
export async function versionImplementations(ctx: Context, version: PlanVersion, args: MunicipalImplementations): Promise<ConnectionShape<MeasureImplementation>> {
  assertKommunenummer(args.municipalityNumber, 'municipalityNumber');
  const window = pageWindow(args);
  if (!ctx.principal.regionId) return toConnection([], 0, window.offset);
  const [covered, page] = await Promise.all([planLoaders.municipalities(ctx, version.planId), ctx.loaders.page(PlanMeasure, { versionId: version.id }, { position: 'ASC' }, window)]);
  const municipality = covered.find((m) => m.number === args.municipalityNumber);
  if (!municipality) throw badInput('municipalityNumber', 'coverage', { key: 'plans.errors.municipalityNotInPlan', params: { number: args.municipalityNumber } });
  const keys = page.rows.map((m) => m.key);
  const rows = keys.length ? await ctx.loaders.list(MeasureImplementation, { planId: version.planId, municipalityId: municipality.id, measureKey: keys }) : [];
  const index = indexImplementations(rows);
  const items = page.rows.map((m) => forMeasure(implementationsFor(m, [municipality], index)[0], m));
  return toConnection(items, page.total, window.offset);
}

/**
 * `MeasureImplementation.measure`: the measure of the version it was read through; for a row read
 * otherwise (a mutation's payload), the measure of the adopted version with its lineage key.
 */
export async function implementationMeasure(ctx: Context, row: MeasureImplementation): Promise<PlanMeasure | null> {
  const known = measureOf.get(row);
  if (known) return known;
  const plan = await ctx.loaders.byId(StrategicPlan).load(row.planId);
  if (!plan?.adoptedVersionId) return null;
  const measures = await planLoaders.measures(ctx, plan.adoptedVersionId);
  return measures.find((m) => m.key === row.measureKey) ?? null;
}
