/**
 * Exact money arithmetic for cost reports, in whole øre (BigInt): pure functions, no database.
 * The math and a worked example are in docs/costs.md.
 */

const abs = (x: bigint) => (x < 0n ? -x : x);
const sign = (x: bigint) => (x < 0n ? -1n : x > 0n ? 1n : 0n);

/**
 * Splits `total` øre into parts proportional to `weights` so that the parts add up to `total`
 * exactly (largest-remainder / Hamilton method): every part first gets the whole øre of its exact
 * quota (total × weight ÷ Σweights, rounded towards zero); the øre left over go one each to the
 * parts with the largest remainders. Ties go to the larger weight, then to the earlier position
 * (callers order by kommunenummer), so the result is deterministic. A negative total (a credit) is
 * split like its absolute value, with the signs turned.
 *
 * Guarantees (property-tested): Σ parts = total; every part is its exact quota rounded down or up
 * (never off by a whole øre); a larger weight never gets a smaller part.
 */
export function largestRemainder(total: bigint, weights: readonly bigint[]): bigint[] {
  if (!weights.length) throw new RangeError('largestRemainder: no weights');
  if (weights.some((w) => w < 0n)) throw new RangeError('largestRemainder: negative weight');
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) throw new RangeError('largestRemainder: the weights add up to 0');
  if (total < 0n) return largestRemainder(-total, weights).map((part) => -part);
  const parts = weights.map((w) => (total * w) / sum);
  let left = total - parts.reduce((a, b) => a + b, 0n);
  const order = weights
    .map((w, i) => ({ i, w, remainder: (total * w) % sum }))
    .sort((a, b) => (a.remainder !== b.remainder ? (b.remainder > a.remainder ? 1 : -1) : a.w !== b.w ? (b.w > a.w ? 1 : -1) : a.i - b.i));
  for (const { i } of order) {
    if (left === 0n) break;
    parts[i] += 1n;
    left -= 1n;
  }
  return parts;
}

/**
 * The integer weights of an allocation key for owners with the given populations: a part
 * `equalBp` (basis points, 10000 = 100 %) split equally and a part `populationBp` split by
 * population. Owner i's exact share is equalBp/10000 × 1/n + populationBp/10000 × p_i/P; multiplied
 * by 10000 × n × P that is the integer `equalBp × P + populationBp × n × p_i`, so the allocation
 * stays exact (no fractions are ever rounded before the final largest-remainder step).
 */
export function keyWeights(equalBp: number, populationBp: number, populations: readonly number[]): bigint[] {
  if (!populations.length) throw new RangeError('keyWeights: no owners');
  if (equalBp + populationBp !== 10000 || equalBp < 0 || populationBp < 0) throw new RangeError('keyWeights: the parts must add up to 10000 basis points');
  const n = BigInt(populations.length);
  const total = populations.reduce((a, p) => a + BigInt(p), 0n);
  if (total === 0n) {
    if (populationBp > 0) throw new RangeError('keyWeights: a population part needs a population');
    return populations.map(() => 1n);
  }
  return populations.map((p) => BigInt(equalBp) * total + BigInt(populationBp) * n * BigInt(p));
}

/** n ÷ d rounded to the nearest integer, halves away from zero. */
export function divRound(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError('divRound: division by zero');
  const q = n / d;
  const r = n % d;
  return 2n * abs(r) >= abs(d) ? q + sign(n) * sign(d) : q;
}

/** Basis points are capped here (± 10 million per cent) so they fit an int column. */
const BP_CAP = 1_000_000_000n;

/** `part` as basis points of `|base|` (10000 = 100 %), rounded; null when base is 0. */
export function basisPoints(part: bigint, base: bigint): number | null {
  if (base === 0n) return null;
  const bp = divRound(part * 10000n, abs(base));
  return Number(bp > BP_CAP ? BP_CAP : bp < -BP_CAP ? -BP_CAP : bp);
}

/**
 * Year-end forecast by run-rate with the budget profile: the actual year-to-date, scaled by how
 * much of the year's budget the months so far were meant to use (annual budget ÷ budget
 * year-to-date). So a cost that runs 10 % over its profile so far is forecast 10 % over for the
 * year, and holiday pay budgeted in June is not extrapolated from January. Where the months so far
 * had no budget: the actual plus the rest of the budget; with no budget at all: the actual
 * extrapolated evenly (× 12 ÷ months). Rounded to whole øre, halves away from zero.
 */
export function runRateForecast(actualYtd: bigint, budgetYtd: bigint, budgetYear: bigint, months: number): bigint {
  if (months < 1 || months > 12) throw new RangeError('runRateForecast: months must be 1–12');
  if (budgetYtd !== 0n) return divRound(actualYtd * budgetYear, budgetYtd);
  if (budgetYear !== 0n) return actualYtd + budgetYear;
  return divRound(actualYtd * 12n, BigInt(months));
}

/** Sums of øre. */
export const sum = (values: Iterable<bigint>): bigint => {
  let total = 0n;
  for (const v of values) total += v;
  return total;
};
