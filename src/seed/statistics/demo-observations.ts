import { generator } from './random';

/**
 * Demo activity statistics of Barneverntjenesten i Nord-Østerdal, 2019–2022.
 *
 * From seed 001 ("Meldinger, undersøkelser, plasseringer", "Alle 5 kommuner"): the five-municipality
 * figure of every year. ILLUSTRATIVE (made up for the demo, plausible by population aged 0–17): how
 * each figure splits across the five municipalities and, for the monthly metrics, across months, and
 * the investigations closed within three months. docs/statistics.md ("The seed table") shows how the
 * public table reproduces seed 001 from these numbers and the suppression rules.
 */
export const DEMO_NOTE =
  'Illustrative demo data: the five-municipality totals 2019–2022 are those of seed 001 (Folldal control committee, 04.09.2023); their split across municipalities and months, and the investigations closed within 3 months, are made up (plausible by population aged 0–17).';

/** Kommunenummer in the order of the splits below: Tynset, Alvdal, Tolga, Rendalen, Folldal. */
export const SPLIT_ORDER = ['3427', '3428', '3426', '3424', '3429'];
/** Residents aged 0–17 used to split the monthly metrics (the demo populations of 2022). */
const WEIGHTS = [1182, 534, 318, 301, 276];
const YEARS = [2019, 2020, 2021, 2022];

/** Seed 001's five-municipality figures of the monthly metrics (flows), per year. */
export const SEED_FLOWS: Record<string, number[]> = {
  reports_received: [92, 109, 194, 164],
  investigations_started: [71, 55, 69, 73],
  investigations_closed: [52, 52, 78, 63],
};

/**
 * The yearly metrics (stocks), per year in SPLIT_ORDER. The splits are chosen so that the public
 * table shows what seed 001 shows: in 2021 two municipalities have so few children with support
 * measures (2 and 2) that the five-municipality total would prove both small, so it is withheld and
 * shown as 58 over the other three ("prikket 2 kommuner"); elsewhere the small counts protect each
 * other and the total is shown. Voluntary placements were not recorded before 2021 (missing, not 0).
 */
export const SEED_STOCKS: Record<string, (number[] | null)[]> = {
  children_support_measures: [
    [31, 14, 8, 8, 7],
    [28, 13, 8, 7, 7],
    [33, 15, 10, 2, 2],
    [23, 10, 6, 6, 5],
  ],
  children_care_measures: [
    [10, 5, 3, 3, 2],
    [9, 5, 3, 2, 2],
    [6, 3, 2, 2, 1],
    [8, 4, 3, 2, 2],
  ],
  voluntary_placements: [null, null, [4, 2, 2, 2, 1], [4, 3, 2, 1, 1]],
};

export interface DemoObservation {
  kommunenummer: string;
  metric: string;
  year: number;
  month: number | null;
  value: number;
}

/**
 * The generator's seed. The monthly split is random, and with some splits a region's year figure of
 * a monthly metric would itself have to be suppressed to protect small monthly counts; this seed
 * gives a split in which seed 001's figures all stay visible (test/statistics/seed-table.test.ts).
 */
export const DEMO_SEED = 2;

/** `total` split in proportion to `weights`, whole numbers that add up exactly (largest remainder). */
export function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const short = total - out.reduce((s, v) => s + v, 0);
  for (let k = 0; k < short; k++) out[order[k][1]] += 1;
  return out;
}

/** `total` spread over twelve months at random (deterministic), adding up exactly. */
function months(total: number, rnd: () => number): number[] {
  const out = new Array(12).fill(0);
  for (let k = 0; k < total; k++) out[Math.floor(rnd() * 12)] += 1;
  return out;
}

export function demoObservations(seed = DEMO_SEED): DemoObservation[] {
  const rnd = generator(seed);
  const out: DemoObservation[] = [];
  YEARS.forEach((year, y) => {
    const closedByCell = new Map<string, number>();
    for (const [metric, totals] of Object.entries(SEED_FLOWS)) {
      split(totals[y], WEIGHTS).forEach((yearValue, i) => {
        months(yearValue, rnd).forEach((value, m) => {
          out.push({ kommunenummer: SPLIT_ORDER[i], metric, year, month: m + 1, value });
          if (metric === 'investigations_closed') closedByCell.set(`${i} ${m}`, value);
        });
      });
    }
    // Illustrative: about four in five investigations closed within three months.
    for (const [cell, closed] of closedByCell) {
      const [i, m] = cell.split(' ').map(Number);
      let within = 0;
      for (let k = 0; k < closed; k++) if (rnd() < 0.8) within += 1;
      out.push({ kommunenummer: SPLIT_ORDER[i], metric: 'investigations_closed_within_3_months', year, month: m + 1, value: within });
    }
    for (const [metric, perYear] of Object.entries(SEED_STOCKS)) {
      perYear[y]?.forEach((value, i) => out.push({ kommunenummer: SPLIT_ORDER[i], metric, year, month: null, value }));
    }
  });
  return out;
}
