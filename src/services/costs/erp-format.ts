import { LedgerDateFormat, LedgerEncoding, LedgerProfile, LedgerSignConvention } from '../../entities/costs/ledger-mapping';

/**
 * The pure parts of reading an ERP's ledger export (docs/costs.md, "ERP ledger exports"): amounts as
 * Norwegian ERPs write them (`1 234,50`, `-1 234,50`, `1 234,50-`, debit and credit columns) into
 * whole øre, dates in the mapping's format into YYYY-MM-DD, and the shipped profiles.
 */

/** iconv-lite's name of each encoding a mapping may name. */
export const ICONV_NAME: Record<LedgerEncoding, string> = {
  [LedgerEncoding.UTF_8]: 'utf8',
  [LedgerEncoding.WINDOWS_1252]: 'win1252',
  [LedgerEncoding.ISO_8859_1]: 'iso-8859-1',
};

/** Spaces that group thousands: blank, no-break space (Excel's Norwegian format), narrow no-break space. */
const GROUP_SPACES = /[ \u00a0\u202f]/g;
/** Thousands in groups of three, separated by a space or the separator that is not the decimal one. */
const GROUPED_DOT = /^\d{1,3}([ .]\d{3})+$/;
const GROUPED_COMMA = /^\d{1,3}([ ,]\d{3})+$/;

/**
 * A decimal amount in kroner → whole øre (bigint), or null when it is not an amount. `decimal` is
 * the decimal separator; the other of "," / "." and spaces may group thousands (in groups of three).
 * At most two decimals. `trailingMinus`: "1 234,50-" is negative (a leading minus is accepted too).
 */
export function parseKroner(text: string, decimal: ',' | '.', trailingMinus: boolean): bigint | null {
  let t = text.trim();
  if (t === '') return null;
  let negative = false;
  if (t.startsWith('-')) {
    negative = true;
    t = t.slice(1).trimStart();
  } else if (trailingMinus && t.endsWith('-')) {
    negative = true;
    t = t.slice(0, -1).trimEnd();
  }
  const group = decimal === ',' ? '.' : ',';
  const [whole, fraction, ...more] = t.split(decimal);
  if (more.length || (fraction !== undefined && !/^\d{1,2}$/.test(fraction))) return null;
  const grouped = whole.replace(GROUP_SPACES, ' ');
  const plain = /^\d+$/.test(grouped);
  const groups = (group === '.' ? GROUPED_DOT : GROUPED_COMMA).test(grouped);
  if (!plain && !groups) return null;
  const digits = grouped.replace(/[ .,]/g, '');
  if (digits.length > 15) return null;
  const ore = BigInt(digits) * 100n + BigInt((fraction ?? '0').padEnd(2, '0'));
  return negative ? -ore : ore;
}

/** The amount of one record in øre by the sign convention, or why it is not one. */
export function amountOre(values: { amount?: string; debit?: string; credit?: string }, decimal: ',' | '.', sign: LedgerSignConvention): bigint | { bad: 'amount' | 'debit' | 'credit' } {
  if (sign === LedgerSignConvention.DEBIT_CREDIT_COLUMNS) {
    const part = (v: string | undefined) => (v === undefined || v.trim() === '' ? 0n : parseKroner(v, decimal, false));
    const debit = part(values.debit);
    if (debit === null) return { bad: 'debit' };
    const credit = part(values.credit);
    if (credit === null) return { bad: 'credit' };
    return debit - credit;
  }
  const ore = parseKroner(values.amount ?? '', decimal, sign === LedgerSignConvention.TRAILING_MINUS);
  return ore === null ? { bad: 'amount' } : ore;
}

/** Each format's shape, and where its year, month and day are. */
const DATE_LAYOUTS: Record<LedgerDateFormat, { shape: RegExp; y: number; m: number; d: number }> = {
  [LedgerDateFormat.DD_MM_YYYY]: { shape: /^\d{2}\.\d{2}\.\d{4}$/, d: 0, m: 3, y: 6 },
  [LedgerDateFormat.YYYY_MM_DD]: { shape: /^\d{4}-\d{2}-\d{2}$/, y: 0, m: 5, d: 8 },
  [LedgerDateFormat.DD_SLASH_MM_SLASH_YYYY]: { shape: /^\d{2}\/\d{2}\/\d{4}$/, d: 0, m: 3, y: 6 },
  [LedgerDateFormat.YYYYMMDD]: { shape: /^\d{8}$/, y: 0, m: 4, d: 6 },
};

/** A day of the (proleptic Gregorian) calendar: 2026-02-29 is not, 2024-02-29 is. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
}

/** A date in the mapping's format → YYYY-MM-DD, or null (also for 31.02.2026). Checked without a Date or a match object per call: it runs on every line of a ledger. */
export function parseDate(text: string, format: LedgerDateFormat): string | null {
  const t = text.trim();
  const { shape, y, m, d } = DATE_LAYOUTS[format];
  if (!shape.test(t)) return null;
  const year = t.slice(y, y + 4);
  const month = t.slice(m, m + 2);
  const day = t.slice(d, d + 2);
  return isCalendarDate(Number(year), Number(month), Number(day)) ? `${year}-${month}-${day}` : null;
}

/** The mapping's settings without the service and audit columns. */
export interface LedgerMappingSettings {
  encoding: LedgerEncoding;
  delimiter: string;
  decimalSeparator: string;
  dateFormat: LedgerDateFormat;
  signConvention: LedgerSignConvention;
  dateColumn: string;
  amountColumn: string | null;
  debitColumn: string | null;
  creditColumn: string | null;
  artColumn: string;
  funksjonColumn: string;
  ansvarColumn: string | null;
  prosjektColumn: string | null;
  voucherColumn: string;
  voucherLineColumn: string | null;
  municipalityColumn: string | null;
}

/**
 * The shipped layouts. Public documentation of these exports' column names is thin (docs/costs.md
 * says what we assumed and why): they are starting points a finance officer adjusts with
 * `defineLedgerMapping` (every field of the input overrides the profile).
 */
export const PROFILES: Record<Exclude<LedgerProfile, LedgerProfile.CUSTOM>, LedgerMappingSettings> = {
  [LedgerProfile.VISMA_ENTERPRISE]: {
    encoding: LedgerEncoding.WINDOWS_1252,
    delimiter: ';',
    decimalSeparator: ',',
    dateFormat: LedgerDateFormat.DD_MM_YYYY,
    signConvention: LedgerSignConvention.LEADING_MINUS,
    dateColumn: 'Bilagsdato',
    amountColumn: 'Beløp',
    debitColumn: null,
    creditColumn: null,
    artColumn: 'Art',
    funksjonColumn: 'Funksjon',
    ansvarColumn: 'Ansvar',
    prosjektColumn: 'Prosjekt',
    voucherColumn: 'Bilagsnr',
    voucherLineColumn: null,
    municipalityColumn: null,
  },
  [LedgerProfile.UNIT4_AGRESSO]: {
    encoding: LedgerEncoding.ISO_8859_1,
    delimiter: ';',
    decimalSeparator: ',',
    dateFormat: LedgerDateFormat.DD_MM_YYYY,
    signConvention: LedgerSignConvention.TRAILING_MINUS,
    dateColumn: 'Bilagsdato',
    amountColumn: 'Beløp',
    debitColumn: null,
    creditColumn: null,
    artColumn: 'Konto',
    funksjonColumn: 'Tjeneste',
    ansvarColumn: 'Ansvar',
    prosjektColumn: 'Prosjekt',
    voucherColumn: 'Bilagsnr',
    voucherLineColumn: 'Sekvensnr',
    municipalityColumn: null,
  },
};

/** The columns a mapping names, by what they hold (for the header check). */
export function mappedColumns(m: LedgerMappingSettings): [what: string, column: string][] {
  const all: [string, string | null][] = [
    ['date', m.dateColumn],
    ['amount', m.amountColumn],
    ['debit', m.debitColumn],
    ['credit', m.creditColumn],
    ['art', m.artColumn],
    ['funksjon', m.funksjonColumn],
    ['ansvar', m.ansvarColumn],
    ['prosjekt', m.prosjektColumn],
    ['voucher', m.voucherColumn],
    ['voucher line', m.voucherLineColumn],
    ['municipality', m.municipalityColumn],
  ];
  return all.filter((c): c is [string, string] => c[1] !== null);
}
