import { CsvAdapter, ImportProblem, JsonAdapter } from '../imports/importer';
import type { Message } from '../../i18n';

/**
 * Other layouts of statistics files, turned into canonical records (kommunenummer, period, metric,
 * value) before validation, so the core never changes for a new source. Pure.
 */

/**
 * A record the adapter cannot turn into data: the importer reports `__problem` with its line. Its
 * value is the message (key and params) as JSON text: a record's values are single values (the
 * runner refuses nested ones).
 */
export const PROBLEM = '__problem';
export const problemRecord = (message: Message): Record<string, unknown> => ({ [PROBLEM]: JSON.stringify(message) });
/** The message of a problem record, or undefined for a record of data. */
export const problemOf = (record: Record<string, unknown>): Message | undefined => (typeof record[PROBLEM] === 'string' ? (JSON.parse(record[PROBLEM]) as Message) : undefined);

type Dimension = { label?: string; category?: { index?: string[] | Record<string, number>; label?: Record<string, string> } };
/** A dataset's head: its members other than `value` and `status` (which stream). */
interface JsonStatDataset {
  version: string;
  class: string;
  id: string[];
  size: number[];
  dimension: Record<string, Dimension>;
  role?: { time?: string[]; geo?: string[]; metric?: string[] };
}

function codes(dimension: Dimension): string[] {
  const index = dimension.category?.index;
  if (Array.isArray(index)) return index;
  if (index && typeof index === 'object')
    return Object.entries(index)
      .sort((a, b) => a[1] - b[1])
      .map(([code]) => code);
  // A dimension of one category may give only its label.
  return Object.keys(dimension.category?.label ?? {});
}

/** SSB time codes: "2021" (year) or "2021M03" (month) → the canonical "2021" / "2021-03". */
export function ssbPeriod(code: string): string {
  const month = /^(\d{4})M(\d{2})$/.exec(code);
  return month ? `${month[1]}-${month[2]}` : code;
}

/** SSB region codes: "3427" or "K-3427" → "3427" (anything else is left as it is, and fails validation). */
export const ssbMunicipality = (code: string): string => /^(?:K-)?(\d{4})$/.exec(code)?.[1] ?? code;

/** The most cells (the product of a JSON-stat dataset's sizes) one file may have: its values are kept, 8 bytes a cell, until the dimensions are known. */
export const MAX_JSON_STAT_CELLS = 2_000_000;

const tooManyCells: Message = { key: 'statistics.jsonStat.tooManyCells', params: { count: MAX_JSON_STAT_CELLS } };

/**
 * A dataset's values by flat index, kept compactly while the file streams (`value` may come before
 * `dimension`): numbers in a Float64Array (NaN where there is none: null, or left out of an object),
 * the rare value that is not a number aside, as it is, for the importer to refuse.
 */
class CellValues {
  private numbers = new Float64Array(1024).fill(NaN);
  private readonly others = new Map<number, unknown>();

  set(index: number, value: unknown): boolean {
    if (index >= MAX_JSON_STAT_CELLS) return false;
    if (value === null || value === undefined) return true;
    if (index >= this.numbers.length) {
      const grown = new Float64Array(Math.min(MAX_JSON_STAT_CELLS, Math.max(index + 1, this.numbers.length * 2))).fill(NaN);
      grown.set(this.numbers);
      this.numbers = grown;
    }
    if (typeof value === 'number') this.numbers[index] = value;
    else this.others.set(index, value);
    return true;
  }

  /** The value of a cell, or undefined when it has none. */
  get(index: number): unknown {
    const n = index < this.numbers.length ? this.numbers[index] : NaN;
    return Number.isNaN(n) ? this.others.get(index) : n;
  }
}

/**
 * SSB's JSON-stat 2.0 dataset (what the SSB API returns for a table): the region, time and contents
 * dimensions become kommunenummer, period and metric (the ContentsCode, which the catalogue maps
 * through each metric's SSB code). Values SSB leaves out (null; status ".." or ":") are not
 * observations and are skipped. Any other dimension must have a single category. `value` and
 * `status` stream (an array, or an object keyed by the flat index; in any order with the rest): the
 * values are kept compactly (CellValues), at most MAX_JSON_STAT_CELLS, and the records are produced
 * one cell at a time once the dimensions are read.
 */
export const jsonStatAdapter: JsonAdapter = {
  name: 'SSB JSON-stat 2.0',
  streamed: ['value', 'status'],
  matches: (head) => head.version === '2.0' && head.class === 'dataset' && Array.isArray(head.id) && Array.isArray(head.size),
  read() {
    const values = new CellValues();
    return {
      element(member, key, value) {
        if (member !== 'value') return undefined;
        const index = typeof key === 'number' ? key : /^\d{1,15}$/.test(key) ? Number(key) : -1;
        if (index < 0 || values.set(index, value)) return undefined;
        return { line: null, field: 'value', ...tooManyCells } as ImportProblem;
      },
      *records(head) {
        const d = head as unknown as JsonStatDataset;
        const find = (role: 'time' | 'geo' | 'metric', fallback: RegExp) => d.role?.[role]?.[0] ?? d.id.find((id) => fallback.test(id));
        const time = find('time', /^(tid|time|år|year)$/i);
        const geo = find('geo', /region|kommune/i);
        const metric = find('metric', /^contentscode$/i);
        if (!time || !geo || !metric || d.size.length !== d.id.length || !d.dimension) {
          yield { line: 1, record: problemRecord({ key: 'statistics.jsonStat.dimensions' }) };
          return;
        }
        const others = d.id.filter((id, i) => ![time, geo, metric].includes(id) && d.size[i] > 1);
        if (others.length) {
          yield { line: 1, record: problemRecord({ key: 'statistics.jsonStat.manyCategories', params: { dimensions: others.join(', ') } }) };
          return;
        }
        const total = d.size.reduce((p, n) => p * n, 1);
        if (total > MAX_JSON_STAT_CELLS) {
          yield { line: 1, record: problemRecord(tooManyCells) };
          return;
        }
        const categories = d.id.map((id) => codes(d.dimension[id] ?? {}));
        for (let flat = 0; flat < total; flat++) {
          const value = values.get(flat);
          if (value === null || value === undefined) continue;
          // Row-major: the last dimension varies fastest.
          const at: Record<string, string> = {};
          let rest = flat;
          for (let k = d.id.length - 1; k >= 0; k--) {
            at[d.id[k]] = categories[k][rest % d.size[k]];
            rest = Math.floor(rest / d.size[k]);
          }
          yield { line: flat + 1, record: { kommunenummer: ssbMunicipality(at[geo] ?? ''), period: ssbPeriod(at[time] ?? ''), metric: at[metric], value } };
        }
      },
    };
  },
};

/**
 * A "wide" CSV export, one column per metric (as case systems export reports): the named columns
 * give the municipality and the period, every mapped metric column becomes one canonical record, and
 * an empty cell is no observation. `metrics` maps column headers to catalogue codes.
 */
export function wideCsvAdapter(name: string, columns: { municipality: string; period: string; metrics: Record<string, string> }): CsvAdapter {
  const metricColumns = Object.keys(columns.metrics);
  return {
    name,
    matches: (header) =>
      header.includes(columns.municipality) &&
      header.includes(columns.period) &&
      header.some((h) => metricColumns.includes(h)) &&
      header.every((h) => h === columns.municipality || h === columns.period || metricColumns.includes(h)),
    records: (record) =>
      metricColumns
        .filter((h) => record[h] !== undefined && String(record[h]).trim() !== '')
        .map((h) => ({ kommunenummer: record[columns.municipality], period: record[columns.period], metric: columns.metrics[h], value: record[h] })),
  };
}

/**
 * ILLUSTRATIVE: a wide export with Norwegian column names as a case system (Modulus Barn, Visma
 * Flyt, Familia) might write them. The real systems' column names are not known to this project;
 * a mapping for one of them is another `wideCsvAdapter(...)` line in the importer, not a change to the core.
 */
export const illustrativeFagsystemExport = wideCsvAdapter('fagsystem wide export (illustrative: Kommunenr;Periode;Meldinger;…)', {
  municipality: 'Kommunenr',
  period: 'Periode',
  metrics: {
    Meldinger: 'reports_received',
    'Undersøkelser startet': 'investigations_started',
    'Undersøkelser avsluttet': 'investigations_closed',
    'Avsluttet innen 3 mnd': 'investigations_closed_within_3_months',
    'Barn med hjelpetiltak': 'children_support_measures',
    'Barn med omsorgstiltak': 'children_care_measures',
    'Frivillige plasseringer': 'voluntary_placements',
  },
});
