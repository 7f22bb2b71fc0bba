import { PRIMARY, SHOWN, SuppressionRule, SuppressionTable } from '../../src/services/statistics/suppression';
import { attack, Published, Range, tableEquations } from './attacker';

/**
 * The three attackers of the suppression tests, over one suppressed table (independent of the code
 * under test; the LP is in attacker.ts):
 * - `public`: everything published, counts ≥ 0 (the attacker the docs first defined);
 * - `public, x ≥ 1`: also knows that zeros are always shown, so a suppressed cell is ≥ 1;
 * - `insider`: the director of one row (municipality), who also knows that row's true cells.
 * - revisions: see revisionWeaknesses.
 */
export type Attacker = { kind: 'public'; atLeastOne: boolean } | { kind: 'insider'; row: number };

export function published(t: SuppressionTable, state: Uint8Array, attacker: Attacker): Published {
  const cols = t.cols;
  const known = (i: number) => state[i] === SHOWN || (attacker.kind === 'insider' && Math.floor(i / cols) === attacker.row);
  const atLeastOne = attacker.kind === 'insider' || attacker.atLeastOne;
  return {
    shown: t.values.map((v, i) => (known(i) ? v : null)),
    equations: tableEquations(t.rows, t.cols, t.totalRow, t.totalCol),
    // A suppressed cell is ≥ 1 (zeros are shown); a missing cell (published as missing) only ≥ 0.
    lower: t.values.map((v) => (atLeastOne && v !== null ? 1 : 0)),
  };
}

export interface Finding {
  cell: number;
  value: number;
  range: Range;
  problem: 'pinned' | 'proven small' | 'narrowed' | 'attacker bug';
}

/**
 * Everything the attacker learns beyond what suppression allows (empty = safe): a suppressed cell
 * pinned; a small count proven ≤ max; a small count narrowed to fewer than max + 1 possible values;
 * any suppressed cell narrowed into the range [min, max].
 */
export function judge(t: SuppressionTable, state: Uint8Array, rule: SuppressionRule, ranges: Map<number, Range>, ownRow: number | null): Finding[] {
  const out: Finding[] = [];
  state.forEach((s, i) => {
    const v = t.values[i];
    // An insider is judged on the other municipalities' cells (a total less their own is the others'
    // sum: whatever pins or narrows it pins or narrows those cells).
    const row = Math.floor(i / t.cols);
    if (s === SHOWN || v === null || row === ownRow || (ownRow !== null && row === t.totalRow)) return;
    const range = ranges.get(i);
    if (!range) return; // known to this attacker by other means (a revision: shown before, unchanged)
    const { lo, hi } = range;
    const add = (problem: Finding['problem']) => out.push({ cell: i, value: v, range, problem });
    if (lo > v || hi < v) add('attacker bug');
    else if (lo === hi) add('pinned');
    else if (s === PRIMARY && v >= rule.min && v <= rule.max && hi <= rule.max) add('proven small');
    else if (s === PRIMARY && v >= rule.min && v <= rule.max && hi - lo + 1 < rule.max + 1) add('narrowed');
    else if (lo >= rule.min && hi <= rule.max) add('narrowed');
  });
  return out;
}

export async function weaknesses(t: SuppressionTable, state: Uint8Array, rule: SuppressionRule, attacker: Attacker): Promise<Finding[]> {
  const ranges = await attack(published(t, state, attacker));
  return judge(t, state, rule, ranges, attacker.kind === 'insider' ? attacker.row : null);
}

/** Every attacker of a table: the public (x ≥ 1) and the director of every row but the total row. */
export function attackersOf(t: SuppressionTable): Attacker[] {
  const rows = [...Array(t.rows).keys()].filter((r) => r !== t.totalRow);
  return [{ kind: 'public', atLeastOne: true }, ...rows.map((row) => ({ kind: 'insider' as const, row }))];
}

/**
 * The revision attacker (suppression.test.ts, revision.test.ts): has kept the previous publication (`before`, its suppression `stateBefore`)
 * and reads the new one; knows which cells changed (the corrected cell and the totals it is in) and
 * that a suppressed cell is ≥ 1 in each. Unchanged cells are one unknown in both publications; a
 * changed cell suppressed before is an unknown of its own (its old value). Judged on the new
 * publication's suppressed cells and on the old values of the changed cells suppressed before.
 */
export async function revisionWeaknesses(before: SuppressionTable, stateBefore: Uint8Array, after: SuppressionTable, state: Uint8Array, rule: SuppressionRule): Promise<Finding[]> {
  const changed = (i: number) => before.values[i] !== after.values[i];
  const base = published(after, state, { kind: 'public', atLeastOne: true });
  // An unchanged cell shown before is known now, whatever the new publication does.
  const shown = base.shown.map((v, i) => (v === null && !changed(i) && stateBefore[i] === SHOWN ? after.values[i] : v));
  const extraOf = new Map<number, number>();
  const extraLower: number[] = [];
  before.values.forEach((v, i) => {
    if (changed(i) && stateBefore[i] !== SHOWN && v !== null) {
      extraOf.set(i, extraLower.length);
      extraLower.push(1);
    }
  });
  const links = tableEquations(before.rows, before.cols, before.totalRow, before.totalCol).map((e) => {
    const cells: [number, number][] = [];
    const extra: [number, number][] = [];
    let rhs = 0;
    for (const [cell, coefficient] of [...e.parts.map((p) => [p, 1] as const), [e.total, -1] as const]) {
      const old = before.values[cell];
      if (stateBefore[cell] === SHOWN || old === null) rhs -= coefficient * (old ?? 0);
      else if (changed(cell)) extra.push([extraOf.get(cell) as number, coefficient]);
      else cells.push([cell, coefficient]);
    }
    return { cells, extra, rhs };
  });
  // Equations over a missing cell say nothing (it is an unknown ≥ 0 the attacker cannot name); keep those without.
  const usable = links.filter((_, k) => {
    const e = tableEquations(before.rows, before.cols, before.totalRow, before.totalCol)[k];
    return [...e.parts, e.total].every((c) => before.values[c] !== null);
  });
  const ranges = await attack({ ...base, shown, links: usable, extraLower });
  // The previous publication's changed cells, under their old values.
  const old = new Map<number, Range>();
  for (const [cell, k] of extraOf) old.set(cell, ranges.get(-1 - k) as Range);
  const oldState = Uint8Array.from(stateBefore, (s, i) => (extraOf.has(i) ? s : SHOWN));
  return [...judge(after, state, rule, ranges, null).filter((f) => shown[f.cell] === null), ...judge(before, oldState, rule, old, null)];
}
