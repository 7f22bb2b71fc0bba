import highsLoader from 'highs';

/**
 * The attacker of the suppression tests, independent of the code under test: given everything a
 * table publishes (the shown cells and every total equation), it computes with integer linear
 * programming (HiGHS) the smallest and largest value each unpublished cell can have, counts being
 * non-negative integers.
 */
export interface Equation {
  /** Cells that add up … */
  parts: number[];
  /** … to this cell. */
  total: number;
}

export interface Published {
  /** Per cell: the published value, or null when it is not published (suppressed or missing). */
  shown: (number | null)[];
  equations: Equation[];
  /** What the attacker knows about each unpublished cell from below (default 0: counts are ≥ 0). */
  lower?: number[];
  /**
   * Further equations between cells and variables of another publication (revisions): `Σ coefficient ·
   * x = rhs` over cells of this publication (`cells`) and of `extra` unknowns (named e0, e1, …).
   */
  links?: { cells: [number, number][]; extra: [number, number][]; rhs: number }[];
  /** Unknowns of another publication (revisions): their lower bounds. */
  extraLower?: number[];
}

export type Range = { lo: number; hi: number };

let highs: Awaited<ReturnType<typeof highsLoader>> | undefined;
async function solver() {
  highs ??= await highsLoader();
  return highs;
}

/** The equations of a rows × cols table whose totals sit in totalRow / totalCol. */
export function tableEquations(rows: number, cols: number, totalRow: number | null, totalCol: number | null): Equation[] {
  const out: Equation[] = [];
  if (totalCol !== null) for (let r = 0; r < rows; r++) out.push({ parts: [...Array(cols).keys()].filter((c) => c !== totalCol).map((c) => r * cols + c), total: r * cols + totalCol });
  if (totalRow !== null) for (let c = 0; c < cols; c++) out.push({ parts: [...Array(rows).keys()].filter((r) => r !== totalRow).map((r) => r * cols + c), total: totalRow * cols + c });
  return out;
}

/** [lo, hi] of every unpublished cell (hi = Infinity when nothing bounds it). */
export async function attack(published: Published): Promise<Map<number, Range>> {
  const h = await solver();
  const unknown = published.shown.map((v, i) => (v === null ? i : -1)).filter((i) => i >= 0);
  const name = (i: number) => `x${i}`;
  const constraints: string[] = [];
  published.equations.forEach((e, k) => {
    // Σ parts − total = 0, published values moved to the right-hand side.
    const terms: string[] = [];
    let rhs = 0;
    for (const [cell, coefficient] of [...e.parts.map((p) => [p, 1] as const), [e.total, -1] as const]) {
      const v = published.shown[cell];
      if (v === null) terms.push(`${coefficient > 0 ? '+' : '-'} ${name(cell)}`);
      else rhs -= coefficient * v;
    }
    if (terms.length) constraints.push(` e${k}: ${terms.join(' ')} = ${rhs}`);
  });
  const extraName = (k: number) => `y${k}`;
  const extras = (published.extraLower ?? []).map((_, k) => k);
  (published.links ?? []).forEach((link, k) => {
    const terms: string[] = [];
    let rhs = link.rhs;
    for (const [cell, coefficient] of link.cells) {
      const v = published.shown[cell];
      if (v === null) terms.push(`${coefficient >= 0 ? '+' : '-'} ${Math.abs(coefficient)} ${name(cell)}`);
      else rhs -= coefficient * v;
    }
    for (const [extra, coefficient] of link.extra) terms.push(`${coefficient >= 0 ? '+' : '-'} ${Math.abs(coefficient)} ${extraName(extra)}`);
    if (terms.length) constraints.push(` l${k}: ${terms.join(' ')} = ${rhs}`);
  });
  const result = new Map<number, Range>();
  // Extras (another publication's unknowns) are reported under −1 − k.
  for (const target of [...unknown, ...extras.map((k) => -1 - k)]) {
    const variable = target >= 0 ? name(target) : extraName(-1 - target);
    const bound = (sense: 'Maximize' | 'Minimize') => {
      const lp = [
        sense,
        ` obj: ${variable}`,
        'Subject To',
        ...(constraints.length ? constraints : [` none: ${variable} >= 0`]),
        'Bounds',
        ...unknown.map((i) => ` ${name(i)} >= ${published.lower?.[i] ?? 0}`),
        ...extras.map((k) => ` ${extraName(k)} >= ${published.extraLower?.[k] ?? 0}`),
        'General',
        ` ${[...unknown.map(name), ...extras.map(extraName)].join(' ')}`,
        'End',
      ].join('\n');
      const solution = h.solve(lp);
      // The true table satisfies every constraint, so "infeasible or unbounded" can only be unbounded.
      if (solution.Status === 'Unbounded' || solution.Status === 'Primal infeasible or unbounded') return sense === 'Maximize' ? Infinity : -Infinity;
      if (solution.Status !== 'Optimal') throw new Error(`LP ${solution.Status}:\n${lp}`);
      return Math.round(solution.ObjectiveValue);
    };
    result.set(target, { lo: bound('Minimize'), hi: bound('Maximize') });
  }
  return result;
}

/** Random tables are reproducible from their seed. */
export { generator as random } from '../../src/seed/statistics/random';
