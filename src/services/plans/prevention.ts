import { ageBandText, PlanFactor, PlanFactorKind, PlanMeasure, PlanMeasureFactor, PlanMeasureTargetGroup, PlanTargetGroupFactor, PreventionLevel } from '../../entities/plans';
import { badInput } from '../../errors';

/**
 * Prevention gap analysis as plain functions of loaded rows (no database): the plan's measures laid
 * out by prevention level × age band × factor, so a planner sees which stated difficulties the
 * municipality has no measure for, and which measures address no stated risk. insights.ts loads
 * the rows; test/plans/prevention.test.ts calls these directly.
 *
 * Rules:
 * - A measure addresses a factor when it is linked to it, or linked to a target group the factor
 *   applies to.
 * - A measure lies in a cell when the cell's level is one of its prevention levels and its age band
 *   overlaps the cell's band. A measure that states no age concerns every age; one that states no
 *   level lies in no cell (it is listed under `measuresWithoutLevel`).
 * - A cell is applicable when the factor's own age band overlaps the cell's band ("Fra 8-års
 *   alder" is not applicable to 0–5); a gap is an applicable cell with no measure.
 */

export interface AgeBand {
  from: number | null;
  to: number | null;
  label: string;
}

export const bandLabel = (from: number | null, to: number | null): string => ageBandText(from, to) ?? 'alle aldre';

/** Barnehage, barneskole, ungdomsskole, videregående: the ages barnevernsloven calls children. */
export const DEFAULT_AGE_BANDS: AgeBand[] = [
  [0, 5],
  [6, 12],
  [13, 15],
  [16, 17],
].map(([from, to]) => ({ from, to, label: bandLabel(from, to) }));

export const PREVENTION_LEVELS = [PreventionLevel.UNIVERSAL, PreventionLevel.SELECTIVE, PreventionLevel.INDICATED];

/** Whether two age ranges share an age (null bounds are open). */
export function agesOverlap(a: { from: number | null; to: number | null }, b: { from: number | null; to: number | null }): boolean {
  const lo = Math.max(a.from ?? 0, b.from ?? 0);
  const hi = Math.min(a.to ?? Number.POSITIVE_INFINITY, b.to ?? Number.POSITIVE_INFINITY);
  return lo <= hi;
}

const agesOf = (row: { ageFrom: number | null; ageTo: number | null }) => ({ from: row.ageFrom, to: row.ageTo });

/** Bands must be ordered and not overlap, each with from ≤ to: returns what is wrong, or null. */
export function checkAgeBands(bands: { from: number | null; to: number | null }[]): string | null {
  if (!bands.length) return 'Give at least one age band.';
  for (const [i, b] of bands.entries()) {
    if (b.from !== null && b.to !== null && b.from > b.to) return `Age band ${i + 1} ends before it starts.`;
    const next = bands[i + 1];
    if (next && (b.to === null || next.from === null || next.from <= b.to)) return `Age bands ${i + 1} and ${i + 2} overlap or are out of order.`;
  }
  return null;
}

export interface CoverageCell {
  level: PreventionLevel;
  band: AgeBand;
  /** The factor concerns children of this band (always true in the overall table). */
  applicable: boolean;
  measures: PlanMeasure[];
  /** Applicable and no measure. */
  gap: boolean;
}

export interface FactorCoverage {
  factor: PlanFactor;
  /** Measures that address the factor (directly or through a target group), in plan order. */
  measures: PlanMeasure[];
  cells: CoverageCell[];
  /** Applicable cells without a measure. */
  gapCount: number;
}

export interface CoverageGap {
  factor: PlanFactor;
  level: PreventionLevel;
  band: AgeBand;
}

export interface PreventionCoverage {
  levels: PreventionLevel[];
  ageBands: AgeBand[];
  /** Every measure by level × band, whatever it addresses. */
  overall: CoverageCell[];
  /** Risk factors first, then protective factors, each in plan order. */
  factors: FactorCoverage[];
  gaps: CoverageGap[];
  /** Measures linked to no risk factor, directly or through a target group. */
  measuresAddressingNoRisk: PlanMeasure[];
  measuresWithoutLevel: PlanMeasure[];
  factorsWithoutMeasures: PlanFactor[];
}

export interface PreventionInput {
  measures: PlanMeasure[];
  factors: PlanFactor[];
  measureFactors: PlanMeasureFactor[];
  measureTargetGroups: PlanMeasureTargetGroup[];
  targetGroupFactors: PlanTargetGroupFactor[];
  ageBands?: AgeBand[];
}

/** Factor ids each measure addresses: its own links and those of its target groups. */
export function factorsByMeasure(input: Pick<PreventionInput, 'measureFactors' | 'measureTargetGroups' | 'targetGroupFactors'>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (measureId: string, factorId: string) => (out.get(measureId) ?? out.set(measureId, new Set()).get(measureId)!).add(factorId);
  for (const l of input.measureFactors) add(l.measureId, l.factorId);
  for (const l of input.measureTargetGroups) {
    for (const f of input.targetGroupFactors) if (f.targetGroupId === l.targetGroupId) add(l.measureId, f.factorId);
  }
  return out;
}

export function computePreventionCoverage(input: PreventionInput): PreventionCoverage {
  const ageBands = input.ageBands ?? DEFAULT_AGE_BANDS;
  const addressed = factorsByMeasure(input);
  const inCell = (m: PlanMeasure, level: PreventionLevel, band: AgeBand) => m.preventionLevels.includes(level) && agesOverlap(agesOf(m), band);
  const cellsFor = (measures: PlanMeasure[], applicable: (band: AgeBand) => boolean): CoverageCell[] =>
    PREVENTION_LEVELS.flatMap((level) =>
      ageBands.map((band) => {
        const ok = applicable(band);
        const inside = ok ? measures.filter((m) => inCell(m, level, band)) : [];
        return { level, band, applicable: ok, measures: inside, gap: ok && !inside.length };
      }),
    );

  const ordered = [...input.factors.filter((f) => f.kind === PlanFactorKind.RISK), ...input.factors.filter((f) => f.kind === PlanFactorKind.PROTECTIVE)];
  const factors = ordered.map((factor) => {
    const measures = input.measures.filter((m) => addressed.get(m.id)?.has(factor.id));
    const cells = cellsFor(measures, (band) => agesOverlap(agesOf(factor), band));
    return { factor, measures, cells, gapCount: cells.filter((c) => c.gap).length };
  });
  const risks = new Set(input.factors.filter((f) => f.kind === PlanFactorKind.RISK).map((f) => f.id));
  return {
    levels: PREVENTION_LEVELS,
    ageBands,
    overall: cellsFor(input.measures, () => true),
    factors,
    gaps: factors.flatMap((f) => f.cells.filter((c) => c.gap).map((c) => ({ factor: f.factor, level: c.level, band: c.band }))),
    measuresAddressingNoRisk: input.measures.filter((m) => ![...(addressed.get(m.id) ?? [])].some((id) => risks.has(id))),
    measuresWithoutLevel: input.measures.filter((m) => !m.preventionLevels.length),
    factorsWithoutMeasures: factors.filter((f) => !f.measures.length).map((f) => f.factor),
  };
}

/** Age bands given by a caller: at most 20, ordered, not overlapping (else BAD_USER_INPUT on ageBands); none given = the default. */
export function ageBandsOf(input: { from?: number | null; to?: number | null }[] | null | undefined): AgeBand[] | undefined {
  if (!input) return undefined;
  const bands = input.map((b) => ({ from: b.from ?? null, to: b.to ?? null }));
  const problem = bands.length > 20 ? 'Give at most 20 age bands.' : checkAgeBands(bands);
  if (problem) throw badInput('ageBands', 'bands', problem);
  return bands.map((b) => ({ ...b, label: bandLabel(b.from, b.to) }));
}
