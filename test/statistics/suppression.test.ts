import { DEFAULT_RULE, PRIMARY, SECONDARY, SHOWN, suppressTable, SuppressionRule, SuppressionTable } from '../../src/services/statistics/suppression';
import { attack, Published, random, Range, tableEquations } from './attacker';

/**
 * Primary and secondary suppression, tested by an attacker rather than by examples: for many random
 * tables, an integer LP (HiGHS, independent of the code under test) computes for every suppressed
 * cell the smallest and largest value consistent with everything the table publishes. No suppressed
 * cell may be pinned or narrowed into the suppression range, and every small count must be able to
 * be larger than the range (nothing published proves it is small).
 */

type Shape = 'months and year' | 'municipalities only' | 'months without year total' | 'with missing cells';

/** A random table in one of the shapes the statistics publish, its totals computed from its cells. */
function randomTable(seed: number, shape: Shape): SuppressionTable {
  const rnd = random(seed);
  const inner = { rows: 2 + Math.floor(rnd() * 6), cols: shape === 'municipalities only' ? 1 : 2 + Math.floor(rnd() * 7) };
  const withTotalCol = shape === 'months and year' || shape === 'with missing cells';
  const rows = inner.rows + 1;
  const cols = inner.cols + (withTotalCol ? 1 : 0);
  const totalRow = inner.rows;
  const totalCol = withTotalCol ? inner.cols : null;
  // Mostly small counts, some zeros, some large: the hard case for suppression.
  const draw = () => {
    const u = rnd();
    if (shape === 'with missing cells' && u < 0.08) return null;
    if (u < 0.2) return 0;
    if (u < 0.65) return 1 + Math.floor(rnd() * 4);
    return 5 + Math.floor(rnd() * (rnd() < 0.7 ? 10 : 60));
  };
  const values: (number | null)[] = new Array(rows * cols).fill(0);
  for (let r = 0; r < inner.rows; r++) for (let c = 0; c < inner.cols; c++) values[r * cols + c] = draw();
  const sum = (cells: number[]) => (cells.some((i) => values[i] === null) ? null : cells.reduce((s, i) => s + (values[i] as number), 0));
  if (totalCol !== null) for (let r = 0; r < inner.rows; r++) values[r * cols + totalCol] = sum([...Array(inner.cols).keys()].map((c) => r * cols + c));
  for (let c = 0; c < cols; c++) values[totalRow * cols + c] = sum([...Array(inner.rows).keys()].map((r) => r * cols + c));
  // Totals are dearer to lose than single months (as in the statistics' own cost).
  return { rows, cols, values, totalRow, totalCol, cost: (r, c) => (r === totalRow || c === totalCol ? 10 : 1) };
}

function published(t: SuppressionTable, state: Uint8Array): Published {
  return { shown: t.values.map((v, i) => (state[i] === SHOWN ? v : null)), equations: tableEquations(t.rows, t.cols, t.totalRow, t.totalCol) };
}

/** Everything wrong with a suppressed table, as readable lines (empty = safe). */
async function weaknesses(t: SuppressionTable, state: Uint8Array, rule: SuppressionRule): Promise<string[]> {
  const ranges = await attack(published(t, state));
  const problems: string[] = [];
  state.forEach((s, i) => {
    if (s === SHOWN) return;
    const { lo, hi } = ranges.get(i) as Range;
    const v = t.values[i];
    if (v === null) return;
    if (lo > v || hi < v) problems.push(`cell ${i}: the attacker's range [${lo}, ${hi}] misses the true ${v} (attacker bug)`);
    if (lo === hi) problems.push(`cell ${i} (${v}) is pinned`);
    if (lo >= rule.min && hi <= rule.max) problems.push(`cell ${i} (${v}) is narrowed into the range to [${lo}, ${hi}]`);
    if (s === PRIMARY && hi <= rule.max) problems.push(`small cell ${i} (${v}) is proven small: at most ${hi}`);
  });
  return problems;
}

describe('primary suppression', () => {
  it('suppresses exactly the counts in the range, shows 0, and honours a configured range', () => {
    const t: SuppressionTable = { rows: 1, cols: 7, values: [0, 1, 2, 3, 4, 5, 9], totalRow: null, totalCol: null };
    expect([...suppressTable(t).state]).toEqual([SHOWN, PRIMARY, PRIMARY, PRIMARY, PRIMARY, SHOWN, SHOWN]);
    expect([...suppressTable(t, { min: 3, max: 5 }).state]).toEqual([SHOWN, SHOWN, SHOWN, PRIMARY, PRIMARY, PRIMARY, SHOWN]);
  });

  it('needs no secondary suppression where nothing is added up', () => {
    const t: SuppressionTable = { rows: 2, cols: 2, values: [3, 8, 1, 0], totalRow: null, totalCol: null };
    expect(suppressTable(t)).toMatchObject({ primary: 2, secondary: 0 });
  });
});

describe('secondary suppression', () => {
  it('withholds a total that would prove two small counts small (the seed\'s "58, prikket 2 kommuner")', async () => {
    // Five municipalities and their total: two small counts that add up to 4.
    const values = [33, 15, 10, 2, 2, 62];
    const t: SuppressionTable = { rows: 6, cols: 1, values, totalRow: 5, totalCol: null, cost: (r) => (r === 5 ? 10 : 20) };
    const { state } = suppressTable(t);
    expect([...state]).toEqual([SHOWN, SHOWN, SHOWN, PRIMARY, PRIMARY, SECONDARY]);
    expect(await weaknesses(t, state, DEFAULT_RULE)).toEqual([]);
  });

  it('keeps the total when the small counts protect each other (they add up to more than the range)', () => {
    const t: SuppressionTable = { rows: 6, cols: 1, values: [10, 5, 3, 3, 2, 23], totalRow: 5, totalCol: null, cost: (r) => (r === 5 ? 10 : 20) };
    expect([...suppressTable(t).state]).toEqual([SHOWN, SHOWN, PRIMARY, PRIMARY, PRIMARY, SHOWN]);
  });

  it('defeats row and column subtraction: no line has exactly one suppressed cell', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const t = randomTable(seed, 'months and year');
      const { state } = suppressTable(t);
      for (const e of tableEquations(t.rows, t.cols, t.totalRow, t.totalCol)) {
        const hidden = [...e.parts, e.total].filter((i) => state[i] !== SHOWN);
        expect([seed, hidden.length === 1]).toEqual([seed, false]);
      }
    }
  });

  const SHAPES: Shape[] = ['months and year', 'municipalities only', 'months without year total', 'with missing cells'];
  it.each(SHAPES)('leaves nothing an LP attacker can pin or narrow into the range: 40 random tables, %s', async (shape) => {
    let suppressed = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const t = randomTable(seed * 7919 + shape.length, shape);
      const { state, secondary } = suppressTable(t);
      suppressed += secondary;
      expect([shape, seed, await weaknesses(t, state, DEFAULT_RULE)]).toEqual([shape, seed, []]);
    }
    // The tables were hard enough to need secondary suppression.
    expect(suppressed).toBeGreaterThan(0);
  });

  it('holds for a configured range (2–6)', async () => {
    const rule = { min: 2, max: 6 };
    for (let seed = 1; seed <= 20; seed++) {
      const t = randomTable(seed * 104729, 'months and year');
      expect([seed, await weaknesses(t, suppressTable(t, rule).state, rule)]).toEqual([seed, []]);
    }
  });

  it('protects a count downwards when asked (its complement elsewhere is small)', async () => {
    // Cell 0 (20) must be able to fall by 3: the attacker must not prove it is ≥ 18.
    const t: SuppressionTable = { rows: 3, cols: 3, values: [20, 30, 50, 25, 9, 34, 45, 39, 84], totalRow: 2, totalCol: 2, protectDown: new Map([[0, 3]]) };
    const { state } = suppressTable(t);
    const ranges = await attack(published(t, state));
    expect(ranges.get(0)!.lo).toBeLessThanOrEqual(17);
  });
});
