import { AlertBasis } from '../../entities/costs/enums';
import { basisPoints } from './allocation';

/**
 * When a deviation is "a large change in the cost picture" (seed 001: reported immediately): pure
 * rule evaluation over report lines. Loading and storing are in alerts.ts.
 */

export interface RuleSpec {
  id: string;
  basis: AlertBasis;
  /** Smallest |deviation| in basis points of |compared|; null = no percentage condition. */
  thresholdBp: number | null;
  /** Smallest |deviation| in øre; null = no amount condition. */
  thresholdOre: bigint | null;
  /** Only this municipality / category; null = every one. */
  municipalityId: string | null;
  categoryId: string | null;
}

/** One municipality × category line of a report (computed or stored). */
export interface LineFigures {
  municipalityId: string;
  categoryId: string;
  budgetYtd: bigint;
  actualYtd: bigint;
  forecast: bigint;
}

export interface Crossing {
  ruleId: string;
  municipalityId: string;
  categoryId: string;
  basis: AlertBasis;
  compared: bigint;
  actual: bigint;
  deviation: bigint;
  deviationBp: number | null;
}

const abs = (x: bigint) => (x < 0n ? -x : x);

/**
 * Whether a deviation crosses a rule. Only an increase counts (costs above budget, a forecast gone
 * up): that is what the owners must hear of at once, and a month whose ledger is still coming in
 * is always "under budget". With both thresholds set, both must be reached (a 300 % deviation of
 * 50 kr is not news, nor is 0.1 % of a large budget); with one, that one. An increase from 0 is an
 * infinitely large percentage.
 */
export function crosses(rule: Pick<RuleSpec, 'thresholdBp' | 'thresholdOre'>, deviation: bigint, compared: bigint): boolean {
  if (deviation <= 0n) return false;
  const bp = basisPoints(deviation, compared);
  const percentReached = rule.thresholdBp === null || bp === null || Math.abs(bp) >= rule.thresholdBp;
  const amountReached = rule.thresholdOre === null || abs(deviation) >= rule.thresholdOre;
  return percentReached && amountReached;
}

/**
 * Every (rule, line) that crosses now. BUDGET compares actual year-to-date with budget
 * year-to-date, and raises only on the crossing itself: a line that already crossed the rule in
 * the previous published report of the year was reported then. PREVIOUS_REPORT compares the
 * forecast with the forecast of the same line in that report (none = nothing to compare).
 */
export function evaluateRules(rules: readonly RuleSpec[], lines: readonly LineFigures[], previous: ReadonlyMap<string, LineFigures> | null): Crossing[] {
  const out: Crossing[] = [];
  for (const rule of rules) {
    for (const line of lines) {
      if (rule.municipalityId && rule.municipalityId !== line.municipalityId) continue;
      if (rule.categoryId && rule.categoryId !== line.categoryId) continue;
      const before = previous?.get(lineKey(line.municipalityId, line.categoryId));
      let compared: bigint;
      let actual: bigint;
      if (rule.basis === AlertBasis.BUDGET) {
        if (before && crosses(rule, before.actualYtd - before.budgetYtd, before.budgetYtd)) continue;
        compared = line.budgetYtd;
        actual = line.actualYtd;
      } else {
        if (!before) continue;
        compared = before.forecast;
        actual = line.forecast;
      }
      const deviation = actual - compared;
      if (!crosses(rule, deviation, compared)) continue;
      out.push({ ruleId: rule.id, municipalityId: line.municipalityId, categoryId: line.categoryId, basis: rule.basis, compared, actual, deviation, deviationBp: basisPoints(deviation, compared) });
    }
  }
  return out;
}

export const lineKey = (municipalityId: string, categoryId: string) => `${municipalityId}|${categoryId}`;
