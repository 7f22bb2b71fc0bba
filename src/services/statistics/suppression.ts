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
 * number, every equation, that counts are integers and that a suppressed cell is at least 1 (zeros
 * are always shown, so a suppressed cell is never 0; a missing cell is only ≥ 0): the values
 * consistent with all of that must include max + 1 and be at least max + 1 in number (so nothing
 * published proves the count small or narrows it to fewer values than the range holds), and no
 * suppressed cell may be pinned. With `insiderRows`, the same must hold for every insider: the owner
 * of a row (a municipality's director) who knows that row's true cells, for every cell of the other
 * rows. Where that is not yet so, more cells are suppressed, cheapest first.
 *
 * How protection is computed: multiply each cell by s(row)·s(col) with s(total line) = −1 and the
 * table's lines all sum to zero, so every change the attacker cannot rule out is a circulation in
 * the bipartite graph rows ↔ columns whose arcs are the unpublished cells (a line without a total is
 * free: it can absorb any flow). How far a cell can rise is a maximum flow: an unpublished cell can
 * rise without limit and fall to 1 (a missing cell counts as 0, the attacker's best case). An insider
 * is the same graph without their row's arcs; a flow that uses no arc of row r holds for insider r
 * too, so only the insiders whose rows the public flow passes through are examined. Adding
 * suppressions only widens every range, so a cell once protected stays protected, and one pass over
 * the cells to protect (new secondary cells join the queue) suffices. The tests check the result with
 * an independent integer LP attacker (public with x ≥ 1, every insider, revisions).
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
  /** Cells to suppress from the start (e.g. because a cell they depend on is suppressed elsewhere, or were suppressed in the previous publication). */
  alsoSuppress?: Iterable<number>;
  /**
   * Every row except the total row belongs to someone who knows its true cells (a municipality's
   * director): protection must hold for each of them too, for the cells of the other rows.
   */
  insiderRows?: boolean;
  /**
   * A revision: the previous publication of this table (its true values and which cells it
   * suppressed). Protection then holds for an attacker who kept it too (see suppressTable).
   */
  previous?: { values: (number | null)[]; suppressed: (i: number) => boolean };
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

/** How far an unpublished cell can fall: to 1 (zeros are shown, so a suppressed cell is ≥ 1); a missing cell not at all. */
function fallOf(value: number | null): number {
  return value === null ? 0 : Math.max(0, value - 1);
}

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
  readonly cols: number;

  constructor(private readonly t: SuppressionTable) {
    this.nodes = t.rows + t.cols + 1;
    this.cols = t.cols;
    this.freeNode = t.rows + t.cols;
    this.head = new Int32Array(this.nodes).fill(-1);
    this.rowCells = Array.from({ length: t.rows }, () => new Set<number>());
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

  /** Cells with arcs, per row (to switch a row off for its insider). */
  readonly rowCells: Set<number>[];

  /** Makes a cell unpublished: it may rise without limit and fall to 1 (missing: not at all). */
  addCell(index: number): void {
    if (this.cellArcs.has(index)) return;
    const row = Math.floor(index / this.t.cols);
    const col = index % this.t.cols;
    const fall = fallOf(this.t.values[index]);
    const r = row;
    const c = this.t.rows + col;
    // y = s·x; with s = +1 a rise of x is flow r→c, with s = −1 it is flow c→r.
    const arcs = this.sign(row, col) > 0 ? this.link(r, c, INF, fall) : this.link(c, r, INF, fall);
    this.cellArcs.set(index, arcs);
    this.rowCells[row].add(index);
  }

  // Buffers reused by every search (a national table runs hundreds of thousands of them).
  private parentArc = new Int32Array(0);
  private queue = new Int32Array(0);
  /** Arc, capacity pairs changed by the current search, restored afterwards. */
  private readonly changed: number[] = [];

  /**
   * Maximum flow source → sink, stopping once `limit` is reached; residuals restored afterwards.
   * `insider`: a row whose cells are known (its arcs are off). `usedRows`: filled with the rows of the
   * cells the flow passes through.
   */
  flow(source: number, sink: number, limit: number, without: number, insider: number | null = null, usedRows?: Set<number>): number {
    const excluded = [...(this.cellArcs.get(without) ?? [])];
    if (insider !== null) for (const i of this.rowCells[insider]) excluded.push(...(this.cellArcs.get(i) as number[]));
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
        for (let v = sink; v !== source; v = this.to[parentArc[v] ^ 1]) {
          bottleneck = Math.min(bottleneck, this.cap[parentArc[v]]);
          if (usedRows) {
            const row = this.arcRow(parentArc[v]);
            if (row !== null) usedRows.add(row); // over-approximates (cancelled flow too): only ever more insiders examined
          }
        }
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

  /** The row of the cell an arc belongs to (null: a free line's arc). */
  private arcRow(arc: number): number | null {
    const a = this.to[arc];
    const b = this.to[arc ^ 1];
    if (a === this.freeNode || b === this.freeNode) return null;
    return Math.min(a, b); // rows are nodes 0 … rows − 1, columns after them
  }

  /** How far the cell can rise (up) or fall (down) given everything published (and known to `insider`), up to `limit`. */
  room(index: number, direction: 'up' | 'down', limit: number, insider: number | null = null, usedRows?: Set<number>): number {
    const row = Math.floor(index / this.t.cols);
    const col = index % this.t.cols;
    const r = row;
    const c = this.t.rows + col;
    // A rise of x with s = +1 sends flow r→c through the cell, which must come back c→r.
    const riseReturnsFromCol = this.sign(row, col) > 0;
    const fromCol = direction === 'up' ? riseReturnsFromCol : !riseReturnsFromCol;
    return fromCol ? this.flow(c, r, limit, index, insider, usedRows) : this.flow(r, c, limit, index, insider, usedRows);
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
 * corner) and, where lines are free, pairs within the same column or row. None through the
 * insider's row (they know those cells).
 */
function candidates(t: SuppressionTable, p: number, direction: 'up' | 'down', state: Uint8Array, cost: (i: number) => number, graph: FlowGraph, insider: number | null): Candidate[] {
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
      // x-change of this corner when p rises by 1; a corner that falls (to 1 at least) limits the room.
      let move = eps[k] * graph.sign(ri, ci) * sp;
      if (direction === 'down') move = -move;
      if (move < 0) room = Math.min(room, fallOf(value));
    }
    if (room > 0) out.push({ cells: corners.filter((i) => !hidden(i)), cost: price, room });
  };
  for (let r2 = 0; r2 < t.rows; r2++) {
    if (r2 === r || r2 === insider) continue;
    for (let c2 = 0; c2 < t.cols; c2++) {
      if (c2 === c) continue;
      consider([r * t.cols + c2, r2 * t.cols + c, r2 * t.cols + c2], [-1, -1, 1]);
    }
  }
  if (t.totalCol === null) for (let r2 = 0; r2 < t.rows; r2++) if (r2 !== r && r2 !== insider) consider([r2 * t.cols + c], [-1]);
  if (t.totalRow === null) for (let c2 = 0; c2 < t.cols; c2++) if (c2 !== c) consider([r * t.cols + c2], [-1]);
  return out;
}

/** How many of the cheapest candidates are tried together with what is already suppressed before settling for one that protects alone. */
const JOINT_TRIES = 12;

/**
 * What one unpublished cell needs: `width` (a small count: its range must include max + 1 and hold
 * at least max + 1 values), `move` (any other suppressed cell: not pinned), `down` (fall by `down`).
 */
interface Need {
  index: number;
  kind: 'width' | 'move';
  down: number;
}

/** Suppresses one table: primary by the rule, then secondary until every cell is protected against every attacker. */
export function suppressTable(t: SuppressionTable, rule: SuppressionRule = DEFAULT_RULE): SuppressionResult {
  if (t.values.length !== t.rows * t.cols) throw new Error('values must have rows × cols entries');
  const state = new Uint8Array(t.values.length);
  const graph = new FlowGraph(t);
  const cost = (i: number) => (t.cost ? t.cost(Math.floor(i / t.cols), i % t.cols) : 1);
  const queue: Need[] = [];
  const needOf = new Map<number, Need>();
  const suppress = (i: number, as: CellState) => {
    if (state[i] !== SHOWN) return;
    state[i] = as;
    graph.addCell(i);
    const need: Need = { index: i, kind: as === PRIMARY ? 'width' : 'move', down: 0 };
    needOf.set(i, need);
    queue.push(need);
  };
  t.values.forEach((v, i) => {
    if (v === null) graph.addCell(i);
    else if (v >= rule.min && v <= rule.max) suppress(i, PRIMARY);
  });
  for (const i of t.alsoSuppress ?? []) if (t.values[i] !== null && t.values[i] !== 0) suppress(i, PRIMARY);
  if (t.previous) keepAcrossRevision(t, t.previous, state, suppress);
  for (const [i, down] of t.protectDown ?? []) {
    if (t.values[i] === null || t.values[i] === 0 || down <= 0) continue;
    suppress(i, PRIMARY);
    const need = needOf.get(i) as Need;
    need.down = Math.max(need.down, down);
  }
  // Small counts first, inner cells before totals: a total is usually protected by what its cells needed.
  const isTotal = (i: number) => Math.floor(i / t.cols) === t.totalRow || i % t.cols === t.totalCol;
  const small = (i: number) => (t.values[i] as number) >= rule.min && (t.values[i] as number) <= rule.max;
  for (const n of queue) if (!small(n.index)) n.kind = 'move';
  queue.sort((a, b) => Number(isTotal(a.index)) - Number(isTotal(b.index)) || a.index - b.index);

  /** Widens the upward room of `index` for `insider` until it reaches `need`. */
  const widen = (index: number, direction: 'up' | 'down', need: number, insider: number | null) => {
    let room = graph.room(index, direction, need, insider);
    while (room < need) {
      const options = candidates(t, index, direction, state, cost, graph, insider).sort((a, b) => a.cost - b.cost || b.room - a.room);
      const alone = options.find((o) => o.room >= need);
      let chosen: Candidate | undefined;
      let helps: { option: Candidate; room: number } | undefined;
      for (const option of options.slice(0, JOINT_TRIES)) {
        if (alone && option.cost >= alone.cost) break;
        // Try it together with what is already suppressed: enough, or at least a step?
        const added = option.cells.filter((i) => state[i] === SHOWN);
        for (const i of added) graph.addCell(i);
        const r = graph.room(index, direction, need, insider);
        for (const i of [...added].reverse()) removeCell(graph, i);
        if (r >= need) {
          chosen = option;
          break;
        }
        if (r > room && !helps) helps = { option, room: r };
      }
      // Cheaper steps that each widen the range come before one dear cycle that does it alone.
      chosen ??= helps?.option ?? alone;
      if (!chosen) return; // nothing can protect it (cannot happen when the table has its totals; see tests)
      for (const i of chosen.cells) suppress(i, SECONDARY);
      room = graph.room(index, direction, need, insider);
    }
  };

  /** Protects one cell for one attacker (null: the public); returns the rows its ranges rest on. */
  const protect = (n: Need, insider: number | null): Set<number> => {
    const used = new Set<number>();
    const value = t.values[n.index] as number;
    if (n.down > 0 && value - 1 >= n.down) {
      widen(n.index, 'down', n.down, insider);
      graph.room(n.index, 'down', n.down, insider, used);
    }
    if (n.kind === 'width') {
      // At least max + 1 possible values, max + 1 among them: up + down ≥ max (down ≤ value − 1).
      const down = graph.room(n.index, 'down', value - 1, insider, used);
      const up = Math.max(rule.max - down, 1);
      widen(n.index, 'up', up, insider);
      graph.room(n.index, 'up', up, insider, used);
    } else if (graph.room(n.index, 'down', 1, insider, used) < 1) {
      widen(n.index, 'up', 1, insider);
      graph.room(n.index, 'up', 1, insider, used);
    }
    return used;
  };

  for (let k = 0; k < queue.length; k++) {
    const n = queue[k];
    const row = Math.floor(n.index / t.cols);
    const used = protect(n, null);
    // An insider is judged on the other municipalities' cells: a total over municipalities less their
    // own is the others' sum, and whatever pins or narrows that sum pins or narrows their cells.
    if (!t.insiderRows || row === t.totalRow) continue;
    // An insider whose row the public ranges do not rest on sees them as the public does.
    for (const insider of used) if (insider !== row && insider !== t.totalRow) protect(n, insider);
  }
  let primary = 0;
  let secondary = 0;
  for (const s of state) {
    if (s === PRIMARY) primary += 1;
    else if (s === SECONDARY) secondary += 1;
  }
  return { state, primary, secondary };
}

/**
 * A revision. The changed cells C (a corrected cell and the totals it is in) differ between the two
 * publications by one circulation R (all of C moving alike), so what an attacker holding both can
 * rule out is any change f1 + t·R, f1 a change the previous publication allows. Hence:
 * - every cell suppressed before stays suppressed (else the old ranges close);
 * - if no changed cell was suppressed before or is small now, every changed cell is shown in both
 *   and the pattern alone is enough (the new table is the old one shifted by known numbers);
 * - otherwise every changed cell is suppressed: t·R rises without limit, so no changed cell is
 *   pinned or provably small, and every unchanged cell keeps the range the previous publication
 *   gave it (t absorbs the new values' bounds).
 * A changed cell that is now 0 (or missing) cannot be suppressed; then the ordinary protection of
 * the new table is all there is (docs: a known gap).
 */
function keepAcrossRevision(t: SuppressionTable, previous: NonNullable<SuppressionTable['previous']>, state: Uint8Array, suppress: (i: number, as: CellState) => void): void {
  t.values.forEach((v, i) => v !== null && v !== 0 && previous.suppressed(i) && suppress(i, SECONDARY));
  const changed = [...t.values.keys()].filter((i) => previous.values[i] !== t.values[i]);
  if (changed.some((i) => previous.suppressed(i) || state[i] !== SHOWN)) for (const i of changed) if (t.values[i] !== null && t.values[i] !== 0) suppress(i, SECONDARY);
}

/** Takes back a trial cell's arcs (the last ones added). */
function removeCell(graph: FlowGraph, index: number): void {
  const arcs = graph.cellArcs.get(index);
  if (!arcs) return;
  graph.cellArcs.delete(index);
  graph.rowCells[Math.floor(index / graph.cols)].delete(index);
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
