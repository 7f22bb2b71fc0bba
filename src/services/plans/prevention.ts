import { ageBandText, PlanFactor, PlanFactorKind, PlanMeasure, PlanMeasureFactor, PlanMeasureTargetGroup, PlanTargetGroupFactor, PreventionLevel } from '../../entities/plans';
import { badInput } from '../../errors';
import { Message } from '../../i18n';

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
 *   alder" is not applicable to 0–5); a gap is an applicable cell with no measure. A gap is
 *   NO_MEASURE when no measure of the plan lies in that level × band at all, and NOT_LINKED when
 *   measures lie there but none is linked to the factor (the plan may address it, without saying so).
 * - A plan that states no factors is not assessed: it has no gaps to count (`assessed` false,
 *   `gapCount` null), rather than "0 gaps".
 */

export enum GapKind {
  /** No measure of the plan lies in this level × band. */
  NO_MEASURE = 'NO_MEASURE',
  /** Measures lie in this level × band, but none is linked to the factor (directly or through a target group). */
  NOT_LINKED = 'NOT_LINKED',
}

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
export function checkAgeBands(bands: { from: number | null; to: number | null }[]): Message | null {
  if (!bands.length) return { key: 'plans.errors.ageBandsNone' };
  for (const [i, b] of bands.entries()) {
    if (b.from !== null && b.to !== null && b.from > b.to) return { key: 'plans.errors.ageBandEndsBeforeStart', params: { n: i + 1 } };
    const next = bands[i + 1];
    if (next && (b.to === null || next.from === null || next.from <= b.to)) return { key: 'plans.errors.ageBandsOverlap', params: { a: i + 1, b: i + 2 } };
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
  /** For a gap: whether measures lie in the level × band without being linked to the factor; null otherwise. */
  gapKind: GapKind | null;
  /** For a NOT_LINKED gap: the measures that lie in the level × band but are not linked to the factor. */
  unlinkedMeasures: PlanMeasure[];
}

export interface FactorCoverage {
  factor: PlanFactor;
  /** Measures that address the factor (directly or through a target group), in plan order. */
  measures: PlanMeasure[];
  cells: CoverageCell[];
  /** Applicable cells without a measure. */
  gapCount: number;
  /** Of these, the cells where measures lie but are not linked to the factor. */
  notLinkedCount: number;
}

export interface CoverageGap {
  factor: PlanFactor;
  level: PreventionLevel;
  band: AgeBand;
  kind: GapKind;
  unlinkedMeasures: PlanMeasure[];
}

export interface PreventionCoverage {
  /** The plan states factors to assess its measures against; false: not assessed (no gap count). */
  assessed: boolean;
  /** Every gap, or null when not assessed. */
  gapCount: number | null;
  /** Gaps where no measure lies in the level × band (null when not assessed). */
  gapsWithoutMeasure: number | null;
  /** Gaps where measures lie in the level × band but are not linked to the factor (null when not assessed). */
  gapsNotLinked: number | null;
  /** The result in one sentence, for people. */
  /** The result in one sentence, for people (a message; the boundary renders it). */
  summary: Message;
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
        const gap = ok && !inside.length;
        const unlinkedMeasures = gap ? input.measures.filter((m) => inCell(m, level, band)) : [];
        return { level, band, applicable: ok, measures: inside, gap, gapKind: gap ? (unlinkedMeasures.length ? GapKind.NOT_LINKED : GapKind.NO_MEASURE) : null, unlinkedMeasures };
      }),
    );

  const ordered = [...input.factors.filter((f) => f.kind === PlanFactorKind.RISK), ...input.factors.filter((f) => f.kind === PlanFactorKind.PROTECTIVE)];
  const factors = ordered.map((factor) => {
    const measures = input.measures.filter((m) => addressed.get(m.id)?.has(factor.id));
    const cells = cellsFor(measures, (band) => agesOverlap(agesOf(factor), band));
    return { factor, measures, cells, gapCount: cells.filter((c) => c.gap).length, notLinkedCount: cells.filter((c) => c.gapKind === GapKind.NOT_LINKED).length };
  });
  const risks = new Set(input.factors.filter((f) => f.kind === PlanFactorKind.RISK).map((f) => f.id));
  const gaps = factors.flatMap((f) => f.cells.filter((c) => c.gap).map((c) => ({ factor: f.factor, level: c.level, band: c.band, kind: c.gapKind!, unlinkedMeasures: c.unlinkedMeasures })));
  const assessed = factors.length > 0;
  const notLinked = gaps.filter((g) => g.kind === GapKind.NOT_LINKED).length;
  return {
    assessed,
    gapCount: assessed ? gaps.length : null,
    gapsWithoutMeasure: assessed ? gaps.length - notLinked : null,
    gapsNotLinked: assessed ? notLinked : null,
    summary: summaryOf(assessed, gaps.length, notLinked),
    levels: PREVENTION_LEVELS,
    ageBands,
    overall: cellsFor(input.measures, () => true),
    factors,
    gaps,
    measuresAddressingNoRisk: input.measures.filter((m) => ![...(addressed.get(m.id) ?? [])].some((id) => risks.has(id))),
    measuresWithoutLevel: input.measures.filter((m) => !m.preventionLevels.length),
    factorsWithoutMeasures: factors.filter((f) => !f.measures.length).map((f) => f.factor),
  };
}

/** The gap analysis in one sentence, for people (rendered in the reader's language by the GraphQL boundary). */
function summaryOf(assessed: boolean, gaps: number, notLinked: number): Message {
  if (!assessed) return { key: 'plans.prevention.notAssessed' };
  if (!gaps) return { key: 'plans.prevention.noGaps' };
  const parts: Message[] = [
    ...(gaps - notLinked ? [{ key: 'plans.prevention.uncovered' as const, params: { count: gaps - notLinked } }] : []),
    ...(notLinked ? [{ key: 'plans.prevention.notLinked' as const, params: { count: notLinked } }] : []),
  ];
  const listed = parts.length === 2 ? { key: 'plans.legal.then' as const, params: { a: parts[0], b: parts[1] } } : parts[0];
  return { key: 'plans.prevention.gaps', params: { count: gaps, parts: listed } };
}

/** Age bands given by a caller: at most 20, ordered, not overlapping (else BAD_USER_INPUT on ageBands); none given = the default. */
export function ageBandsOf(input: { from?: number | null; to?: number | null }[] | null | undefined): AgeBand[] | undefined {
  if (!input) return undefined;
  const bands = input.map((b) => ({ from: b.from ?? null, to: b.to ?? null }));
  const problem: Message | null = bands.length > 20 ? { key: 'plans.errors.ageBandsTooMany' } : checkAgeBands(bands);
  if (problem) throw badInput('ageBands', 'bands', problem);
  return bands.map((b) => ({ ...b, label: bandLabel(b.from, b.to) }));
}
