/**
 * Small-number suppression (prikking) of one two-dimensional table with optional totals, as a pure
 * function. See docs/statistics.md ("Suppression") for the rules in words.
 *
 * The table: `rows × cols` cells in row-major order; a cell is a count (≥ 0) or `null` (missing: no
 * observation, an unknown non-negative number). `totalRow` is the row that holds each column's total
 * (all municipalities), `totalCol` the column that holds each row's total (a year over its months);
 * either may be absent. A line (row or column) with a total is an equation: its other cells add up
 * to it. A line without one is not (a stock's months do not add up to anything).
 *
 * Primary: a count within [min, max] (default 1–4) is suppressed; 0 is shown.
 * Secondary: every primary cell must stay *protected* against an attacker who knows every published
 * number, every equation, and that counts are non-negative integers: the largest value consistent
 * with all of that must be at least max + 1 (so nothing published proves the count is small, and it
 * is never pinned). Where that is not yet so, more cells are suppressed, cheapest first.
 *
 * How protection is computed: multiply each cell by s(row)·s(col) with s(total line) = −1 and the
 * table's lines all sum to zero, so every change the attacker cannot rule out is a circulation in
 * the bipartite graph rows ↔ columns whose arcs are the unpublished cells (a line without a total is
 * free: it can absorb any flow). How far a cell can rise is a maximum flow: an unpublished cell can
 * rise without limit and fall by its value (a missing cell counts as 0, the attacker's best case).
 * Adding suppressions only widens every range, so a cell once protected stays protected, and one
 * pass over the primary cells suffices. The tests check the result with an independent LP solver.
 */

export interface SuppressionRule {
  /** Smallest count that is suppressed (default 1). */
  min: number;
  /** Largest count that is suppressed (default 4). */
  max: number;
}

export const DEFAULT_RULE: SuppressionRule = { min: 1, max: 4 };

export interface SuppressionTable {
  rows: number;
  cols: number;
  /** Row-major counts; null = missing (an unknown count). */
  values: (number | null)[];
  /** The row holding the column totals, if any. */
  totalRow: number | null;
  /** The column holding the row totals, if any. */
  totalCol: number | null;
  /** What losing a published cell costs (secondary suppression minimises the sum); default 1. */
  cost?: (row: number, col: number) => number;
  /**
   * Cells that must also be protected downwards by this many units (a count whose complement in
   * another table is small: the attacker must not be able to prove the complement is small).
   */
  protectDown?: Map<number, number>;
  /** Cells to suppress from the start (e.g. because a cell they depend on is suppressed elsewhere). */
  alsoSuppress?: Iterable<number>;
}

export const SHOWN = 0;
export const PRIMARY = 1;
export const SECONDARY = 2;
export type CellState = typeof SHOWN | typeof PRIMARY | typeof SECONDARY;

export interface SuppressionResult {
  /** Per cell: SHOWN, PRIMARY or SECONDARY (missing cells are SHOWN here: they have nothing to hide). */
  state: Uint8Array;
  primary: number;
  secondary: number;
}

const INF = Number.POSITIVE_INFINITY;

/**
 * The flow graph of a table: nodes are rows, columns and one node that every free line (a line
 * without a total) connects to both ways without limit. Arcs are added as cells become unpublished.
 */
class FlowGraph {
  head: Int32Array;
  to: number[] = [];
  cap: number[] = [];
  next: number[] = [];
  /** Arc ids of each unpublished cell (to switch them off while that cell is the one examined). */
  readonly cellArcs = new Map<number, number[]>();
  readonly nodes: number;
  readonly freeNode: number;

  constructor(private readonly t: SuppressionTable) {
    this.nodes = t.rows + t.cols + 1;
    this.freeNode = t.rows + t.cols;
    this.head = new Int32Array(this.nodes).fill(-1);
    // Rows are free when there is no total column; columns when there is no total row.
    if (t.totalCol === null) for (let r = 0; r < t.rows; r++) this.link(r, this.freeNode, INF, INF);
    if (t.totalRow === null) for (let c = 0; c < t.cols; c++) this.link(t.rows + c, this.freeNode, INF, INF);
  }

  private arc(from: number, to: number, cap: number): number {
    const id = this.to.length;
    this.to.push(to);
    this.cap.push(cap);
    this.next.push(this.head[from]);
    this.head[from] = id;
    return id;
  }

  /** Two arcs, each the other's residual (id ^ 1). */
  private link(a: number, b: number, capAB: number, capBA: number): number[] {
    return [this.arc(a, b, capAB), this.arc(b, a, capBA)];
  }

  sign(row: number, col: number): number {
    return (row === this.t.totalRow ? -1 : 1) * (col === this.t.totalCol ? -1 : 1);
  }

  /** Makes a cell unpublished: it may rise without limit and fall by its value (missing: 0). */
  addCell(index: number): void {
    if (this.cellArcs.has(index)) return;
    const row = Math.floor(index / this.t.cols);
    const col = index % this.t.cols;
    const fall = this.t.values[index] ?? 0;
    const r = row;
    const c = this.t.rows + col;
    // y = s·x; with s = +1 a rise of x is flow r→c, with s = −1 it is flow c→r.
    const arcs = this.sign(row, col) > 0 ? this.link(r, c, INF, fall) : this.link(c, r, INF, fall);
    this.cellArcs.set(index, arcs);
  }

  // Buffers reused by every search (a national table runs hundreds of thousands of them).
  private parentArc = new Int32Array(0);
  private queue = new Int32Array(0);
  /** Arc, capacity pairs changed by the current search, restored afterwards. */
  private readonly changed: number[] = [];

  /** Maximum flow source → sink, stopping once `limit` is reached; residuals restored afterwards. */
  flow(source: number, sink: number, limit: number, without: number): number {
    const excluded = this.cellArcs.get(without) ?? [];
    const saved = excluded.map((a) => this.cap[a]);
    for (const a of excluded) this.cap[a] = 0;
    if (this.parentArc.length !== this.nodes) {
      this.parentArc = new Int32Array(this.nodes);
      this.queue = new Int32Array(this.nodes);
    }
    const { parentArc, queue, changed } = this;
    let total = 0;
    try {
      while (total < limit) {
        parentArc.fill(-1);
        parentArc[source] = -2;
        let qh = 0;
        let qt = 0;
        queue[qt++] = source;
        let found = false;
        while (qh < qt && !found) {
          const u = queue[qh++];
          for (let a = this.head[u]; a !== -1; a = this.next[a]) {
            const v = this.to[a];
            if (this.cap[a] > 0 && parentArc[v] === -1) {
              parentArc[v] = a;
              if (v === sink) {
                found = true;
                break;
              }
              queue[qt++] = v;
            }
          }
        }
        if (!found) break;
        let bottleneck = limit - total;
        for (let v = sink; v !== source; v = this.to[parentArc[v] ^ 1]) bottleneck = Math.min(bottleneck, this.cap[parentArc[v]]);
        if (bottleneck === INF) return INF;
        for (let v = sink; v !== source; v = this.to[parentArc[v] ^ 1]) {
          const a = parentArc[v];
          changed.push(a, this.cap[a], a ^ 1, this.cap[a ^ 1]);
          this.cap[a] -= bottleneck;
          this.cap[a ^ 1] += bottleneck;
        }
        total += bottleneck;
      }
      return total;
    } finally {
      for (let i = changed.length - 2; i >= 0; i -= 2) this.cap[changed[i]] = changed[i + 1];
      changed.length = 0;
      excluded.forEach((a, i) => (this.cap[a] = saved[i]));
    }
  }

  /** How far the cell can rise (up) or fall (down) given everything published, up to `limit`. */
  room(index: number, direction: 'up' | 'down', limit: number): number {
    const row = Math.floor(index / this.t.cols);
    const col = index % this.t.cols;
    const r = row;
    const c = this.t.rows + col;
    // A rise of x with s = +1 sends flow r→c through the cell, which must come back c→r.
    const riseReturnsFromCol = this.sign(row, col) > 0;
    const fromCol = direction === 'up' ? riseReturnsFromCol : !riseReturnsFromCol;
    return fromCol ? this.flow(c, r, limit, index) : this.flow(r, c, limit, index);
  }
}

interface Candidate {
  cells: number[];
  cost: number;
  /** How far this cycle alone lets the examined cell move in the needed direction. */
  room: number;
}

/**
 * Cycles through cell `p` that could protect it: rectangles (p, same row, same column, opposite
 * corner) and, where lines are free, pairs within the same column or row.
 */
function candidates(t: SuppressionTable, p: number, direction: 'up' | 'down', state: Uint8Array, cost: (i: number) => number, graph: FlowGraph): Candidate[] {
  const r = Math.floor(p / t.cols);
  const c = p % t.cols;
  const sp = graph.sign(r, c);
  const out: Candidate[] = [];
  const hidden = (i: number) => state[i] !== SHOWN || t.values[i] === null;
  const consider = (corners: number[], eps: number[]) => {
    let price = 0;
    let room = INF;
    for (let k = 0; k < corners.length; k++) {
      const i = corners[k];
      const value = t.values[i];
      if (!hidden(i)) {
        if (value === 0) return; // zeros are shown, never suppressed
        price += cost(i);
      }
      const ri = Math.floor(i / t.cols);
      const ci = i % t.cols;
      // x-change of this corner when p rises by 1; a corner that falls limits the room.
      let move = eps[k] * graph.sign(ri, ci) * sp;
      if (direction === 'down') move = -move;
      if (move < 0) room = Math.min(room, value ?? 0);
    }
    if (room > 0) out.push({ cells: corners.filter((i) => !hidden(i)), cost: price, room });
  };
  for (let r2 = 0; r2 < t.rows; r2++) {
    if (r2 === r) continue;
    for (let c2 = 0; c2 < t.cols; c2++) {
      if (c2 === c) continue;
      consider([r * t.cols + c2, r2 * t.cols + c, r2 * t.cols + c2], [-1, -1, 1]);
    }
  }
  if (t.totalCol === null) for (let r2 = 0; r2 < t.rows; r2++) if (r2 !== r) consider([r2 * t.cols + c], [-1]);
  if (t.totalRow === null) for (let c2 = 0; c2 < t.cols; c2++) if (c2 !== c) consider([r * t.cols + c2], [-1]);
  return out;
}

/** How many of the cheapest candidates are tried together with what is already suppressed before settling for one that protects alone. */
const JOINT_TRIES = 12;

/** Suppresses one table: primary by the rule, then secondary until every primary cell is protected. */
export function suppressTable(t: SuppressionTable, rule: SuppressionRule = DEFAULT_RULE): SuppressionResult {
  if (t.values.length !== t.rows * t.cols) throw new Error('values must have rows × cols entries');
  const state = new Uint8Array(t.values.length);
  const graph = new FlowGraph(t);
  const cost = (i: number) => (t.cost ? t.cost(Math.floor(i / t.cols), i % t.cols) : 1);
  const sensitive: { index: number; up: number; down: number }[] = [];
  const suppress = (i: number, as: CellState) => {
    if (state[i] !== SHOWN) return;
    state[i] = as;
    graph.addCell(i);
  };
  t.values.forEach((v, i) => {
    if (v === null) graph.addCell(i);
    else if (v >= rule.min && v <= rule.max) {
      suppress(i, PRIMARY);
      sensitive.push({ index: i, up: rule.max + 1 - v, down: 0 });
    }
  });
  for (const i of t.alsoSuppress ?? []) if (t.values[i] !== null && t.values[i] !== 0) suppress(i, PRIMARY);
  for (const [i, down] of t.protectDown ?? []) {
    if (t.values[i] === null || down <= 0) continue;
    suppress(i, PRIMARY);
    const existing = sensitive.find((s) => s.index === i);
    if (existing) existing.down = Math.max(existing.down, down);
    else sensitive.push({ index: i, up: 0, down });
  }
  // Inner cells first, totals last: a total is usually protected by what its cells needed.
  const isTotal = (i: number) => Math.floor(i / t.cols) === t.totalRow || i % t.cols === t.totalCol;
  sensitive.sort((a, b) => Number(isTotal(a.index)) - Number(isTotal(b.index)) || a.index - b.index);

  for (const s of sensitive) {
    for (const direction of ['up', 'down'] as const) {
      const need = direction === 'up' ? s.up : s.down;
      if (need <= 0) continue;
      const value = t.values[s.index] as number;
      // A count can fall only as far as 0; a need beyond that cannot be met by suppressing more.
      if (direction === 'down' && value < need) continue;
      let room = graph.room(s.index, direction, need);
      while (room < need) {
        const options = candidates(t, s.index, direction, state, cost, graph).sort((a, b) => a.cost - b.cost || b.room - a.room);
        const alone = options.find((o) => o.room >= need);
        let chosen: Candidate | undefined;
        let helps: { option: Candidate; room: number } | undefined;
        for (const option of options.slice(0, JOINT_TRIES)) {
          if (alone && option.cost >= alone.cost) break;
          // Try it together with what is already suppressed: enough, or at least a step?
          const added = option.cells.filter((i) => state[i] === SHOWN);
          for (const i of added) graph.addCell(i);
          const r = graph.room(s.index, direction, need);
          for (const i of [...added].reverse()) removeCell(graph, i);
          if (r >= need) {
            chosen = option;
            break;
          }
          if (r > room && !helps) helps = { option, room: r };
        }
        // Cheaper steps that each widen the range come before one dear cycle that does it alone.
        chosen ??= helps?.option ?? alone;
        if (!chosen) break; // nothing can protect it (cannot happen when the table has its totals; see tests)
        for (const i of chosen.cells) suppress(i, SECONDARY);
        room = graph.room(s.index, direction, need);
      }
    }
  }
  let primary = 0;
  let secondary = 0;
  for (const s of state) {
    if (s === PRIMARY) primary += 1;
    else if (s === SECONDARY) secondary += 1;
  }
  return { state, primary, secondary };
}

/** Takes back a trial cell's arcs (the last ones added). */
function removeCell(graph: FlowGraph, index: number): void {
  const arcs = graph.cellArcs.get(index);
  if (!arcs) return;
  graph.cellArcs.delete(index);
  // The trial arcs are the most recent ones: unlink them from the heads of their lists.
  const from = arcs.map((a) => graph.to[a ^ 1]);
  for (let k = arcs.length - 1; k >= 0; k--) {
    const a = arcs[k];
    if (a !== graph.to.length - 1 || graph.head[from[k]] !== a) throw new Error('only the most recently added cell can be taken back');
    graph.head[from[k]] = graph.next[a];
    graph.to.pop();
    graph.cap.pop();
    graph.next.pop();
  }
}
