import { stringify } from 'csv-stringify/sync';

/**
 * CSV files for people's spreadsheets (the cost-report export, the statistics download), written
 * by csv-stringify: `;` between fields (Norwegian Excel), CRLF after every record, a field quoted
 * when it holds `;`, `"`, CR or LF.
 *
 * Formula injection (OWASP, "CSV Injection"): a spreadsheet runs a text cell that starts with `=`,
 * `+`, `-`, `@`, tab or carriage return as a formula, so every text cell that starts with one of
 * those (or with the full-width `＝ ＋ － ＠` that some spreadsheets normalise) gets a leading `'`,
 * which the spreadsheet shows as text. Numbers are not text: a `CsvNumber` (an amount already
 * written in the reader's format, "-1234,56") and a JS number go out unchanged, so negative amounts
 * stay numbers.
 */

/** A number already formatted for the file ("-1234,56", "" for none): never neutralised. */
export class CsvNumber {
  constructor(readonly text: string) {}
}

export type CsvCell = string | number | CsvNumber | null;

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A text cell made safe to open in a spreadsheet (OWASP: a leading single quote). */
export const neutraliseFormula = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

export function spreadsheetCsv(records: CsvCell[][], { bom = false } = {}): string {
  return stringify(
    records.map((r) => r.map((c) => (c === null ? '' : c))),
    {
      delimiter: ';',
      record_delimiter: 'windows',
      // csv-stringify quotes a lone CR or LF only when asked to once the record delimiter is set.
      quote_record_delimiter: true,
      bom,
      cast: {
        string: neutraliseFormula,
        number: (n) => String(n),
        object: (v) => {
          if (v instanceof CsvNumber) return v.text;
          throw new TypeError('a CSV cell is text, a number or a CsvNumber');
        },
      },
    },
  );
}
