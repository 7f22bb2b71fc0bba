import { DEFAULT_RULE, PRIMARY, SECONDARY, SHOWN, suppressTable, SuppressionRule, SuppressionTable } from '../../src/services/statistics/suppression';
import { attack, random, tableEquations } from './attacker';
import { Attacker, attackersOf, published, revisionWeaknesses, weaknesses } from './audit';

/**
 * Primary and secondary suppression, tested by an attacker rather than by examples: for many random
 * tables, an integer LP (HiGHS, independent of the code under test) computes for every suppressed
 * cell the smallest and largest value consistent with everything the table publishes. No suppressed
 * cell may be pinned or narrowed into the suppression range, and every small count must be able to
 * be larger than the range (nothing published proves it is small).
 */

type Shape = 'months and year' | 'municipalities only' | 'months without year total' | 'with missing cells';
/** The LP attackers solve thousands of small programs: room on a busy machine (no assertion of speed). */
const LP_TIMEOUT = 120_000;
const SHAPES: Shape[] = ['months and year', 'municipalities only', 'months without year total', 'with missing cells'];

/** A random table in one of the shapes the statistics publish, its totals computed from its cells. */
function randomTable(seed: number, shape: Shape, insiderRows = false): SuppressionTable {
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
  return { rows, cols, values, totalRow, totalCol, cost: (r, c) => (r === totalRow || c === totalCol ? 10 : 1), insiderRows };
}

/** Everything wrong with a suppressed table for one attacker, as readable lines (empty = safe). */
async function problems(t: SuppressionTable, state: Uint8Array, rule: SuppressionRule, attacker: Attacker = PUBLIC): Promise<string[]> {
  return (await weaknesses(t, state, rule, attacker)).map((f) => `cell ${f.cell} (${f.value}) ${f.problem}: [${f.range.lo}, ${f.range.hi}]`);
}

const PUBLIC: Attacker = { kind: 'public', atLeastOne: true };

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
    expect(await problems(t, state, DEFAULT_RULE)).toEqual([]);
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

  it.each(SHAPES)(
    'leaves nothing an LP attacker who knows suppressed cells are ≥ 1 can pin or narrow: 40 random tables, %s',
    async (shape) => {
      let suppressed = 0;
      for (let seed = 1; seed <= 40; seed++) {
        const t = randomTable(seed * 7919 + shape.length, shape);
        const { state, secondary } = suppressTable(t);
        suppressed += secondary;
        expect([shape, seed, await problems(t, state, DEFAULT_RULE)]).toEqual([shape, seed, []]);
      }
      // The tables were hard enough to need secondary suppression.
      expect(suppressed).toBeGreaterThan(0);
    },
    LP_TIMEOUT,
  );

  it('holds for a configured range (2–6)', async () => {
    const rule = { min: 2, max: 6 };
    for (let seed = 1; seed <= 20; seed++) {
      const t = randomTable(seed * 104729, 'months and year');
      expect([seed, await problems(t, suppressTable(t, rule).state, rule)]).toEqual([seed, []]);
    }
  });

  it('protects a count downwards when asked (its complement elsewhere is small)', async () => {
    // Cell 0 (20) must be able to fall by 3: the attacker must not prove it is ≥ 18.
    const t: SuppressionTable = { rows: 3, cols: 3, values: [20, 30, 50, 25, 9, 34, 45, 39, 84], totalRow: 2, totalCol: 2, protectDown: new Map([[0, 3]]) };
    const { state } = suppressTable(t);
    const ranges = await attack(published(t, state, PUBLIC));
    expect(ranges.get(0)!.lo).toBeLessThanOrEqual(17);
  });

  it('does not let "suppressed means ≥ 1" pin a row of small months (a year of 6, every other month a shown 0)', async () => {
    // A: six months of 1, two of 0, year 6 — with the year shown, six suppressed cells ≥ 1 adding up to 6 are all 1.
    const a = [1, 1, 1, 1, 1, 1, 0, 0];
    const b = [10, 20, 30, 40, 50, 60, 70, 80];
    const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
    const values = [...a, sum(a), ...b, sum(b), ...a.map((x, k) => x + b[k]), sum(a) + sum(b)];
    const t: SuppressionTable = { rows: 3, cols: 9, values, totalRow: 2, totalCol: 8 };
    const { state } = suppressTable(t);
    expect(await problems(t, state, DEFAULT_RULE)).toEqual([]);
    // Against the weaker attacker (≥ 0) as well, of course.
    expect(await problems(t, state, DEFAULT_RULE, { kind: 'public', atLeastOne: false })).toEqual([]);
  });
});

describe("insiders: a director who knows their own municipality's true counts", () => {
  it("cannot pin or narrow another municipality's small count (two small counts and the total they share)", async () => {
    // Three municipalities, two months and the year; B and C are small in month 1. B's director knows B.
    const values = [50, 60, 110, 2, 40, 42, 3, 30, 33, 55, 130, 185];
    const t: SuppressionTable = { rows: 4, cols: 3, values, totalRow: 3, totalCol: 2, insiderRows: true };
    const { state } = suppressTable(t);
    for (const attacker of attackersOf(t)) expect([attacker, await problems(t, state, DEFAULT_RULE, attacker)]).toEqual([attacker, []]);
  });

  it.each(SHAPES)(
    "every director of 15 random tables learns nothing of the others' small counts: %s",
    async (shape) => {
      let checked = 0;
      for (let seed = 1; seed <= 15; seed++) {
        const t = randomTable(seed * 6007 + shape.length, shape, true);
        const { state } = suppressTable(t);
        for (const attacker of attackersOf(t)) {
          expect([shape, seed, attacker, await problems(t, state, DEFAULT_RULE, attacker)]).toEqual([shape, seed, attacker, []]);
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThan(15);
    },
    LP_TIMEOUT,
  );
});

/** The table with one inner cell corrected to `value`, its totals computed again. */
function corrected(t: SuppressionTable, cell: number, value: number): SuppressionTable {
  const values = [...t.values];
  values[cell] = value;
  const inner = (i: number) => Math.floor(i / t.cols) !== t.totalRow && i % t.cols !== t.totalCol;
  const sum = (cells: number[]) => (cells.some((i) => values[i] === null) ? null : cells.reduce((s, i) => s + (values[i] as number), 0));
  if (t.totalCol !== null)
    for (let r = 0; r < t.rows; r++) if (r !== t.totalRow) values[r * t.cols + t.totalCol] = sum([...Array(t.cols).keys()].filter((c) => c !== t.totalCol).map((c) => r * t.cols + c));
  for (let c = 0; c < t.cols; c++) values[(t.totalRow as number) * t.cols + c] = sum([...Array(t.rows).keys()].filter((r) => r !== t.totalRow).map((r) => r * t.cols + c));
  expect(values.filter((v, i) => inner(i) && v !== t.values[i]).length).toBeLessThanOrEqual(1);
  return { ...t, values };
}

describe('revisions: someone who kept the previous publication', () => {
  it.each(SHAPES)(
    'learns nothing from comparing it with a corrected one: 30 random tables, one cell corrected, %s',
    async (shape) => {
      let revised = 0;
      for (let seed = 1; seed <= 30; seed++) {
        const before = randomTable(seed * 3571 + shape.length, shape);
        const stateBefore = suppressTable(before).state;
        const rnd = random(seed);
        const inner = [...before.values.keys()].filter((i) => Math.floor(i / before.cols) !== before.totalRow && i % before.cols !== before.totalCol && before.values[i] !== null);
        const cell = inner[Math.floor(rnd() * inner.length)];
        const value = Math.floor(rnd() * 12);
        if (value === before.values[cell]) continue;
        const after = corrected(before, cell, value);
        after.previous = { values: before.values, suppressed: (i) => stateBefore[i] !== SHOWN };
        const { state } = suppressTable(after);
        const found = (await revisionWeaknesses(before, stateBefore, after, state, DEFAULT_RULE)).map((f) => `cell ${f.cell} (${f.value}) ${f.problem}: [${f.range.lo}, ${f.range.hi}]`);
        expect([shape, seed, cell, value, found]).toEqual([shape, seed, cell, value, []]);
        // Nothing the previous publication suppressed is shown now (unless it is 0 now).
        state.forEach((s, i) => stateBefore[i] !== SHOWN && after.values[i] !== 0 && expect([i, s]).not.toEqual([i, SHOWN]));
        revised += 1;
      }
      expect(revised).toBeGreaterThan(20);
    },
    LP_TIMEOUT,
  );
});
