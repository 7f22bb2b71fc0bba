import type { MessageKey, MessageParams } from '../../i18n';
import { FileReader, ImportProblem } from '../imports/importer';

/**
 * KOSTRA skjema 11F (økonomisk sosialhjelp, NAV's municipal part) → the NAV service's activity
 * statistics, as canonical statistics records. Position-based: one line per recipient, fixed
 * positions per reporting year as SSB's file descriptions state them
 * (statisticsnorway/kostra-kontrollprogram, kravspesifikasjon/file_description_11F_<year>.md, commit
 * c1f58486). The lines are read one at a time (ISO-8859-1, as the fagsystems write them); what stays
 * in memory until the end is the counts and, to count distinct recipients, their identities —
 * never written: no record or message carries a fødselsnummer, DUF number, journal number or
 * caseworker number, and a message names a line and positions, never a value.
 */

interface Layout {
  length: number;
  journal: [number, number];
  fnr: [number, number];
  duf: [number, number];
  /** STMND_1: positions of January's «received assistance this month» code; the months follow, 2 characters each. */
  firstMonth: number;
  /** BIDRAG, LAAN (the year, whole kroner) and BIDRAG_JAN: the monthly bidrag/lån pairs follow, 7 + 7 characters each. */
  bidrag: number;
  laan: number;
  firstMonthAmount: number;
}

/** From SSB's file descriptions (1-based, inclusive positions). 2022 and 2023 share a layout, as do 2025 and 2026. */
const LAYOUT_2022: Layout = { length: 324, journal: [11, 18], fnr: [19, 29], duf: [30, 41], firstMonth: 52, bidrag: 76, laan: 83, firstMonthAmount: 90 };
const LAYOUT_2024: Layout = { length: 324, journal: [9, 16], fnr: [17, 27], duf: [28, 39], firstMonth: 50, bidrag: 74, laan: 81, firstMonthAmount: 88 };
const LAYOUT_2025: Layout = { length: 338, journal: [17, 24], fnr: [25, 35], duf: [36, 47], firstMonth: 58, bidrag: 82, laan: 89, firstMonthAmount: 96 };
export const LAYOUTS: Readonly<Record<number, Layout>> = { 2022: LAYOUT_2022, 2023: LAYOUT_2022, 2024: LAYOUT_2024, 2025: LAYOUT_2025, 2026: LAYOUT_2025 };

const AMOUNT = 7;

interface MunicipalityYear {
  kommunenummer: string;
  year: number;
  line: number;
  recipients: Set<string>;
  monthly: Set<string>[];
  /** Sums in whole kroner (the file's unit, SSB: «Bidrag», «Lån» in kr). */
  yearKroner: number;
  monthKroner: number[];
  /** Lines whose year totals (BIDRAG, LAAN) differ from the sum of their months (SSB's Kontroll 36/37, a warning). */
  mismatches: number;
}

const slice = (line: string, from: number, to: number) => line.slice(from - 1, to);

/** Reads 11F lines; problems name the line and the positions; counts per municipality and year. */
export class SosialhjelpCounter {
  readonly groups = new Map<string, MunicipalityYear>();
  private year: number | null = null;

  constructor(
    private readonly problems: { add(...p: ImportProblem[]): void; warn(...p: ImportProblem[]): void },
    private readonly file: string,
    /** Today in Norway (YYYY-MM-DD): a reporting year must have ended. */
    private readonly today: string,
  ) {}

  private problem(line: number, positions: string, key: MessageKey, params?: MessageParams): ImportProblem {
    return { line, field: `${this.file} positions ${positions}`, key, params };
  }

  line(text: string, n: number): void {
    if (!text.trim()) return;
    const version = slice(text, 5, 6);
    if (!/^\d{2}$/.test(version)) {
      this.problems.add(this.problem(n, '5–6', 'statistics.11f.versionNotNumber'));
      return;
    }
    const year = 2000 + Number(version);
    if (`${year}-12-31` >= this.today) {
      this.problems.add(this.problem(n, '5–6', 'statistics.11f.yearNotEnded', { year }));
      return;
    }
    const layout = LAYOUTS[year];
    if (!layout) {
      this.problems.add(this.problem(n, '5–6', 'statistics.11f.noLayout', { year: `20${version}`, known: Object.keys(LAYOUTS).join(', ') }));
      return;
    }
    if (this.year !== null && year !== this.year) {
      this.problems.add(this.problem(n, '5–6', 'statistics.11f.otherYear', { year: `20${version}`, earlier: this.year }));
      return;
    }
    this.year = year;
    if (text.length !== layout.length) {
      this.problems.add(this.problem(n, `1–${text.length}`, 'statistics.11f.recordLength', { year, expected: layout.length, length: text.length }));
      return;
    }
    const kommune = slice(text, 1, 4);
    if (!/^\d{4}$/.test(kommune)) {
      this.problems.add(this.problem(n, '1–4', 'statistics.11f.kommuneNr'));
      return;
    }
    const bad: ImportProblem[] = [];
    const amount = (from: number, name: string, month?: number): number => {
      const field = slice(text, from, from + AMOUNT - 1);
      if (!/^ *\d* *$/.test(field)) {
        const positions = `${from}–${from + AMOUNT - 1}`;
        bad.push(month === undefined ? this.problem(n, positions, 'statistics.11f.amount', { name }) : this.problem(n, positions, 'statistics.11f.amountMonth', { name, month }));
        return 0;
      }
      return field.trim() ? Number(field) : 0;
    };
    const bidrag = amount(layout.bidrag, 'BIDRAG');
    const laan = amount(layout.laan, 'LAAN');
    const months: number[] = [];
    const received: boolean[] = [];
    for (let m = 0; m < 12; m++) {
      const at = layout.firstMonthAmount + m * 2 * AMOUNT;
      months.push(amount(at, 'BIDRAG', m + 1) + amount(at + AMOUNT, 'LAAN', m + 1));
      const code = slice(text, layout.firstMonth + 2 * m, layout.firstMonth + 2 * m + 1);
      const expected = String(m + 1).padStart(2, '0');
      if (code.trim() && code !== expected) bad.push(this.problem(n, `${layout.firstMonth + 2 * m}–${layout.firstMonth + 2 * m + 1}`, 'statistics.11f.month', { month: m + 1, expected }));
      received.push(code === expected);
    }
    if (bad.length) {
      this.problems.add(...bad);
      return;
    }
    const fnr = slice(text, ...layout.fnr).trim();
    const duf = slice(text, ...layout.duf).trim();
    const journal = slice(text, ...layout.journal).trim();
    const who = fnr ? `F${fnr}` : duf ? `D${duf}` : journal ? `J${journal}` : null;
    if (!who) {
      this.problems.add(this.problem(n, `${layout.journal[0]}–${layout.duf[1]}`, 'statistics.11f.noIdentity'));
      return;
    }
    const kommunenummer = kommune;
    const key = `${kommunenummer} ${year}`;
    let group = this.groups.get(key);
    if (!group) {
      group = {
        kommunenummer,
        year,
        line: n,
        recipients: new Set(),
        monthly: Array.from({ length: 12 }, () => new Set<string>()),
        yearKroner: 0,
        monthKroner: Array<number>(12).fill(0),
        mismatches: 0,
      };
      this.groups.set(key, group);
    }
    if (group.recipients.has(who)) {
      this.problems.add(this.problem(n, `${layout.journal[0]}–${layout.duf[1]}`, 'statistics.11f.sameRecipient'));
      return;
    }
    group.recipients.add(who);
    received.forEach((r, m) => r && group.monthly[m].add(who));
    group.yearKroner += bidrag + laan;
    months.forEach((k, m) => (group.monthKroner[m] += k));
    if (months.reduce((s, v) => s + v, 0) !== bidrag + laan) {
      group.mismatches += 1;
      this.problems.warn(this.problem(n, `${layout.bidrag}–${layout.laan + AMOUNT - 1}`, 'statistics.11f.yearNotSumOfMonths'));
    }
  }

  /** Canonical statistics records (amounts in øre), each with the line that opened its municipality. */
  *records(): Generator<{ line: number; record: Record<string, unknown> }> {
    for (const g of this.groups.values()) {
      const source = `${this.file} (the ${g.kommunenummer} ${g.year} records, from line ${g.line})`;
      const at = (period: string, metric: string, value: number) => ({ line: g.line, record: { kommunenummer: g.kommunenummer, period, metric, value, source } });
      yield at(String(g.year), 'social_assistance_recipients', g.recipients.size);
      yield at(String(g.year), 'social_assistance_paid', g.yearKroner * 100);
      for (let m = 0; m < 12; m++) {
        const period = `${g.year}-${String(m + 1).padStart(2, '0')}`;
        yield at(period, 'social_assistance_recipients', g.monthly[m].size);
        if (!g.mismatches) yield at(period, 'social_assistance_paid', g.monthKroner[m] * 100);
      }
      g.recipients.clear();
      g.monthly.forEach((s) => s.clear());
    }
  }
}

/** The 11F reader: lines (CR LF or LF), ISO-8859-1. */
export const sosialhjelp11fReader: FileReader = {
  name: 'kostra-11f',
  extensions: ['.dat', '.txt', '.11f'],
  contentTypes: ['text/x-kostra-11f'],
  async *records(input, problems, file) {
    const counter = new SosialhjelpCounter(problems, file.name ?? 'the file', file.today);
    let rest = '';
    let n = 0;
    for await (const chunk of input) {
      const parts = (rest + (chunk as Buffer).toString('latin1')).split('\n');
      rest = parts.pop() ?? '';
      for (const part of parts) counter.line(part.replace(/\r$/, ''), ++n);
      if (rest.length > 10_000) {
        problems.add({ line: n + 1, field: file.name ?? null, key: 'statistics.11f.lineTooLong' });
        return;
      }
    }
    if (rest) counter.line(rest.replace(/\r$/, ''), n + 1);
    yield* counter.records();
  },
};
