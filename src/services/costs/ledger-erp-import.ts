import { ownScope } from '../access';
import { pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { LedgerMapping } from '../../entities/costs/ledger-mapping';
import { FileReader, Importer, ImportProblem } from '../imports/importer';
import { amountOre, ICONV_NAME, mappedColumns, parseDate } from './erp-format';
import { ledgerImport, LedgerRow } from './ledger-import';

/**
 * `ledger-erp`: the host's ERP export as the ERP writes it, read with the service's mapping
 * (`defineLedgerMapping`: columns, encoding, delimiter, decimal separator, date format, sign
 * convention), turned record by record into the canonical ledger record, and from there the
 * `ledger` import's own rows, checks and write path (streaming in batches, all or nothing, dry run,
 * entries never changed: the same file again changes nothing).
 *
 * Streamed: the bytes are decoded by iconv-lite's stream decoder and parsed by csv-parse a record at
 * a time; a voucher without a line column gets its lines numbered in file order (so the same file
 * numbers them the same way again).
 */

const shown = (v: string) => JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
const ACCOUNT_PART = /[^A-Za-z0-9.-]/g;

/**
 * Line breaks inside a record (in quoted fields), from its raw text: csv-parse's `raw` ends with
 * the record's own break, or the part of it before the last character; that one is not counted.
 */
function breaksInside(raw: string): number {
  const end = raw.endsWith('\r\n') ? raw.length - 2 : raw.endsWith('\n') || raw.endsWith('\r') ? raw.length - 1 : raw.length;
  let n = 0;
  for (let i = raw.indexOf('\n'); i !== -1 && i < end; i = raw.indexOf('\n', i + 1)) n++;
  return n;
}
const DATE_EXAMPLE: Record<string, string> = { 'DD.MM.YYYY': '31.01.2026', 'YYYY-MM-DD': '2026-01-31', 'DD/MM/YYYY': '31/01/2026', YYYYMMDD: '20260131' };

export const erpLedgerReader: FileReader = {
  name: 'erp',
  extensions: ['.csv', '.txt', '.skv'],
  contentTypes: ['text/csv', 'text/plain', 'application/octet-stream'],
  async *records(input, problems, _file, scope) {
    if (!scope) throw new Error("the ERP ledger reader reads the service's mapping: it runs inside the import");
    const mapping = await scope.tx.getRepository(LedgerMapping).findOneBy({ serviceId: ownScope(scope.ctx, 'SERVICE') });
    if (!mapping) {
      problems.add({ line: null, field: null, message: 'Your service has no ledger mapping yet: define one with defineLedgerMapping (docs/costs.md, "ERP ledger exports").' });
      return;
    }
    const decimal = mapping.decimalSeparator === '.' ? '.' : ',';
    const columns = mappedColumns(mapping);
    // Records as arrays (no object per record with the header's keys): a column is an index. The
    // line numbers are counted here from each record's raw text (csv-parse's `info` builds an object
    // per record by spreading its state, which V8 allocates in the old generation: 100 000 records
    // left ~80 MB of garbage there for the next full collection, and the RSS grew with the file).
    // So empty lines are not skipped by csv-parse (that would hide them from the count) but here,
    // and a record with another number of fields than the header is reported here.
    const parser = parse({ delimiter: mapping.delimiter, bom: true, trim: true, skip_empty_lines: false, raw: true, relax_column_count: true });
    const records = pipeline(input, iconv.decodeStream(ICONV_NAME[mapping.encoding]), parser, () => undefined);
    const linesOf = new Map<string, number>();
    let index: Map<string, number> | undefined;
    let width = 0;
    let line = 0;
    try {
      for await (const { record, raw } of records as AsyncIterable<{ record: string[]; raw: string }>) {
        // The line the record ends on: one per record, and one per line break inside a quoted field.
        line += 1 + breaksInside(raw);
        if (record.length === 1 && record[0] === '') continue;
        if (index && record.length !== width) {
          problems.add({ line, field: null, message: `Line ${line} has ${record.length} fields; the header (line 1) has ${width} (delimiter ${shown(mapping.delimiter)}).` });
          continue;
        }
        if (!index) {
          const header = record.map((h) => h.trim());
          const missing = columns.filter(([, column]) => !header.includes(column));
          if (missing.length) {
            const has = header.slice(0, 20).map(shown).join(', ');
            problems.add(
              ...missing.map(([what, column]) => ({
                line: 1,
                field: column,
                message: `The mapping's ${what} column ${shown(column)} is not in the file's header (line 1: ${has}); fix the mapping (defineLedgerMapping) or the export.`,
              })),
            );
            return;
          }
          index = new Map(header.map((h, i) => [h, i]));
          width = header.length;
          continue;
        }
        const at = index;
        const get = (column: string | null) => (column === null ? '' : (record[at.get(column)!] ?? ''));
        const found: ImportProblem[] = [];
        const date = parseDate(get(mapping.dateColumn), mapping.dateFormat);
        if (!date) found.push({ line, field: mapping.dateColumn, message: `${shown(get(mapping.dateColumn))} is not a date ${mapping.dateFormat} (e.g. ${DATE_EXAMPLE[mapping.dateFormat]}).` });
        const amount = amountOre({ amount: get(mapping.amountColumn), debit: get(mapping.debitColumn), credit: get(mapping.creditColumn) }, decimal, mapping.signConvention);
        if (typeof amount !== 'bigint') {
          const column = amount.bad === 'amount' ? mapping.amountColumn! : amount.bad === 'debit' ? mapping.debitColumn! : mapping.creditColumn!;
          const example = decimal === ',' ? '1 234,50' : '1,234.50';
          found.push({
            line,
            field: column,
            message: `${shown(get(column))} is not an amount in kroner with the decimal separator "${decimal}" (e.g. ${example}${mapping.signConvention === 'TRAILING_MINUS' ? `, -${example} or ${example}-` : mapping.signConvention === 'LEADING_MINUS' ? ` or -${example}` : ''}; at most two decimals).`,
          });
        }
        const kostra = (column: string, what: string) => {
          const code = /^(\d{3})/.exec(get(column))?.[1];
          if (!code) found.push({ line, field: column, message: `${shown(get(column))} does not start with a three-digit KOSTRA ${what}.` });
          return code ?? '';
        };
        const art = kostra(mapping.artColumn, 'art');
        const funksjon = kostra(mapping.funksjonColumn, 'funksjon');
        if (found.length) {
          problems.add(...found);
          continue;
        }
        const voucher = get(mapping.voucherColumn);
        let voucherLine = get(mapping.voucherLineColumn);
        if (mapping.voucherLineColumn === null) {
          const n = (linesOf.get(voucher) ?? 0) + 1;
          linesOf.set(voucher, n);
          voucherLine = String(n);
        }
        const account = [get(mapping.artColumn), get(mapping.ansvarColumn), get(mapping.funksjonColumn), get(mapping.prosjektColumn)]
          .map((p) => p.replace(ACCOUNT_PART, ''))
          .filter((p) => p !== '')
          .join('-')
          .slice(0, 40);
        yield {
          line,
          record: { voucher, voucher_line: voucherLine, posting_date: date!, account, art, funksjon, amount_ore: (amount as bigint).toString(), kommunenummer: get(mapping.municipalityColumn) },
        };
      }
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      const { lines } = error as CsvError & { lines?: unknown };
      const at = typeof lines === 'number' && lines > 0 ? lines : line + 1;
      problems.add({ line: at, field: null, message: `Not readable as ${mapping.encoding} text with the delimiter ${shown(mapping.delimiter)} (line ${at}): ${error.message.slice(0, 300)}` });
    }
  },
};

/** The ledger import, reading the ERP's own export with the service's mapping. */
export const ledgerErpImport: Importer<LedgerRow> = {
  ...ledgerImport,
  kind: 'ledger-erp',
  title: "the host's ERP ledger export as the ERP writes it, read with the service's ledger mapping (defineLedgerMapping)",
  readers: [erpLedgerReader],
};
