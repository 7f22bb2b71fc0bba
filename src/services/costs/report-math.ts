import { createHash } from 'node:crypto';
import { basisPoints, keyWeights, largestRemainder, runRateForecast } from './allocation';

/**
 * The figures of a monthly cost report, from loaded rows: pure, exact (BigInt øre), deterministic.
 * Loading lives in report-data.ts; the method is explained in docs/costs.md.
 */

/** The allocation key in force in one month (the agreement and the owners on its first day). */
export interface MonthKey {
  agreementId: string;
  equalBp: number;
  populationBp: number;
  /** Owner municipality ids of the month. */
  ownerIds: readonly string[];
  /** Categories charged directly to the municipality a cost concerns. */
  directCategoryIds: ReadonlySet<string>;
}

export interface ReportOwner {
  id: string;
  /** Kommunenummer: the order of lines and the tie-break of allocations. */
  number: string;
  /** Population aged 0–17 at 1 January of the report year. */
  population: number;
}

export interface ReportCategory {
  id: string;
  position: number;
  code: string;
}

/** The sum of the ledger entries of one category and month (per municipality for direct charges). */
export interface ActualSum {
  categoryId: string;
  month: number;
  /** The municipality a direct charge concerns; null for shared costs. */
  municipalityId: string | null;
  amount: bigint;
}

export interface ReportInput {
  year: number;
  /** The report month, 1–12: year-to-date is January up to and including it. */
  month: number;
  owners: readonly ReportOwner[];
  categories: readonly ReportCategory[];
  /** Index 0 = January; null where no agreement covers the month (only allowed after the report month). */
  keys: readonly (MonthKey | null)[];
  budgets: ReadonlyMap<string, { amount: bigint; profile: readonly number[] }>;
  actuals: readonly ActualSum[];
}

export interface ComputedLine {
  municipalityId: string | null;
  categoryId: string | null;
  position: number;
  population: number | null;
  sharePpm: number | null;
  budgetYear: bigint;
  budgetYtd: bigint;
  actualYtd: bigint;
  forecast: bigint;
  deviation: bigint;
  deviationBp: number | null;
}

/** What a report line (and an alert) holds: ±10^15 øre per figure, as the database's CHECKs. */
export const MAX_LINE_ORE = 1_000_000_000_000_000n;
const LINE_FIGURES = [
  ['budgetYear', 'budget for the year'],
  ['budgetYtd', 'budget year-to-date'],
  ['actualYtd', 'actual year-to-date'],
  ['forecast', 'year-end forecast'],
  ['deviation', 'deviation'],
] as const;

/**
 * The first line with a figure beyond MAX_LINE_ORE (each ledger line is within it, but a month's
 * sum, a total over categories or a forecast need not be), or null.
 */
export function overflowingLine(lines: readonly ComputedLine[]): { line: ComputedLine; figure: string; field: (typeof LINE_FIGURES)[number][0]; value: bigint } | null {
  for (const line of lines) {
    for (const [key, figure] of LINE_FIGURES) {
      const value = line[key];
      if (value > MAX_LINE_ORE || value < -MAX_LINE_ORE) return { line, figure, field: key, value };
    }
  }
  return null;
}

export interface ComputedReport {
  lines: ComputedLine[];
  /** SHA-256 of the canonical JSON of the lines (and what they were computed with). */
  contentSha256: string;
}

interface Cell {
  budgetYear: bigint;
  budgetYtd: bigint;
  actualYtd: bigint;
}

const zeroCell = (): Cell => ({ budgetYear: 0n, budgetYtd: 0n, actualYtd: 0n });

/** A budget spread over the twelve months by its profile (largest remainder: the months add up). */
export function monthlyBudget(amount: bigint, profile: readonly number[]): bigint[] {
  if (profile.length !== 12) throw new RangeError('monthlyBudget: a profile has 12 weights');
  return largestRemainder(
    amount,
    profile.map((w) => BigInt(w)),
  );
}

/** The key of each month of the year: a month after the report month without an agreement uses the report month's key. */
function keysOfYear(input: ReportInput): MonthKey[] {
  const current = input.keys[input.month - 1];
  if (!current) throw new RangeError(`no agreement covers month ${input.month}`);
  return input.keys.map((key, i) => {
    if (key) return key;
    if (i < input.month) throw new RangeError(`no agreement covers month ${i + 1}`);
    return current;
  });
}

/**
 * Splits `total` by an allocation key over `owners` (parts in the owners' order). The largest
 * remainder's ties go to the larger population, then the lower kommunenummer, so a larger
 * population never gets a smaller part, even of an equal split.
 */
export function allocateByKey(total: bigint, equalBp: number, populationBp: number, owners: readonly ReportOwner[]): bigint[] {
  const order = owners.map((o, i) => ({ o, i })).sort((a, b) => b.o.population - a.o.population || a.o.number.localeCompare(b.o.number));
  const parts = largestRemainder(
    total,
    keyWeights(
      equalBp,
      populationBp,
      order.map(({ o }) => o.population),
    ),
  );
  const out = Array<bigint>(owners.length);
  order.forEach(({ i }, k) => (out[i] = parts[k]));
  return out;
}

/** The owners of a month's key (in kommunenummer order) and a function splitting an amount between them. */
function keyOf(key: MonthKey, owners: readonly ReportOwner[]): { ids: string[]; split: (total: bigint) => bigint[] } {
  const members = owners.filter((o) => key.ownerIds.includes(o.id));
  return { ids: members.map((o) => o.id), split: (total) => allocateByKey(total, key.equalBp, key.populationBp, members) };
}

/**
 * Computes every line: for each category and month, the monthly budget (by the profile) and the
 * month's actual costs are allocated with that month's key (largest remainder); direct categories
 * charge each entry to the municipality it concerns instead. Year-to-date sums January up to the
 * report month; the annual budget all twelve months. Forecast per line by run-rate with the budget
 * profile; totals are sums of the lines they total, so every total adds up exactly.
 */
export function computeReport(input: ReportInput): ComputedReport {
  const keys = keysOfYear(input);
  const owners = [...input.owners].sort((a, b) => a.number.localeCompare(b.number));
  const categories = [...input.categories].sort((a, b) => a.position - b.position || a.code.localeCompare(b.code));
  const cells = new Map<string, Cell>();
  const cell = (municipalityId: string, categoryId: string) => {
    const k = `${municipalityId}|${categoryId}`;
    let c = cells.get(k);
    if (!c) cells.set(k, (c = zeroCell()));
    return c;
  };
  const byCategoryMonth = new Map<string, ActualSum[]>();
  for (const a of input.actuals) {
    if (a.month < 1 || a.month > input.month) continue;
    const k = `${a.categoryId}|${a.month}`;
    byCategoryMonth.set(k, [...(byCategoryMonth.get(k) ?? []), a]);
  }

  for (const category of categories) {
    const budget = input.budgets.get(category.id);
    const months = budget ? monthlyBudget(budget.amount, budget.profile) : Array<bigint>(12).fill(0n);
    for (let m = 1; m <= 12; m++) {
      const key = keys[m - 1];
      const { ids, split } = keyOf(key, owners);
      split(months[m - 1]).forEach((part, i) => {
        const c = cell(ids[i], category.id);
        c.budgetYear += part;
        if (m <= input.month) c.budgetYtd += part;
      });
      if (m > input.month) continue;
      const direct = key.directCategoryIds.has(category.id);
      let pooled = 0n;
      for (const a of byCategoryMonth.get(`${category.id}|${m}`) ?? []) {
        // A direct charge goes to its municipality; anything else (shared costs, or a direct
        // charge naming no owner of that month) is shared by the key.
        if (direct && a.municipalityId && ids.includes(a.municipalityId)) cell(a.municipalityId, category.id).actualYtd += a.amount;
        else pooled += a.amount;
      }
      split(pooled).forEach((part, i) => {
        cell(ids[i], category.id).actualYtd += part;
      });
    }
  }

  const lines: ComputedLine[] = [];
  const line = (municipalityId: string | null, categoryId: string | null, c: Cell, extra: Partial<ComputedLine> = {}): ComputedLine => {
    const forecast = extra.forecast ?? runRateForecast(c.actualYtd, c.budgetYtd, c.budgetYear, input.month);
    const deviation = c.actualYtd - c.budgetYtd;
    const out: ComputedLine = {
      municipalityId,
      categoryId,
      position: lines.length,
      population: null,
      sharePpm: null,
      ...c,
      forecast,
      deviation,
      deviationBp: basisPoints(deviation, c.budgetYtd),
      ...extra,
    };
    lines.push(out);
    return out;
  };
  type Totals = Cell & { forecast: bigint };
  const add = (target: Totals, l: Totals) => {
    target.budgetYear += l.budgetYear;
    target.budgetYtd += l.budgetYtd;
    target.actualYtd += l.actualYtd;
    target.forecast += l.forecast;
  };
  const reportKey = keyOf(keys[input.month - 1], owners);
  const shares = reportKey.split(1_000_000n);
  const categoryTotals = new Map(categories.map((c) => [c.id, { ...zeroCell(), forecast: 0n }]));
  const grand = { ...zeroCell(), forecast: 0n };
  for (const owner of owners) {
    const total = { ...zeroCell(), forecast: 0n };
    for (const category of categories) {
      const l = line(owner.id, category.id, cells.get(`${owner.id}|${category.id}`) ?? zeroCell());
      add(total, l);
      add(categoryTotals.get(category.id)!, l);
    }
    const index = reportKey.ids.indexOf(owner.id);
    line(owner.id, null, total, { forecast: total.forecast, population: owner.population, sharePpm: index >= 0 ? Number(shares[index]) : 0 });
    add(grand, total);
  }
  for (const category of categories) {
    const t = categoryTotals.get(category.id)!;
    line(null, category.id, t, { forecast: t.forecast });
  }
  line(null, null, grand, { forecast: grand.forecast });
  return { lines, contentSha256: contentHash(lines) };
}

/** SHA-256 of the canonical JSON of the lines: the same figures always give the same hash. */
export function contentHash(lines: readonly ComputedLine[]): string {
  const canonical = lines.map((l) => [
    l.position,
    l.municipalityId,
    l.categoryId,
    l.population,
    l.sharePpm,
    String(l.budgetYear),
    String(l.budgetYtd),
    String(l.actualYtd),
    String(l.forecast),
    String(l.deviation),
    l.deviationBp,
  ]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** The owners of the year: everyone who owns the service in any month of it, in kommunenummer order. */
export function ownersOfYear(keys: readonly (MonthKey | null)[]): string[] {
  return [...new Set(keys.flatMap((k) => (k ? [...k.ownerIds] : [])))];
}
