import { ownScope } from '../access';
import { pipeline } from 'node:stream';
import { EntityManager } from 'typeorm';
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
 * numbers them the same way again). Those numbers are counted in PostgreSQL, a batch at a time in the
 * import's session (`numberVoucherLines`: a temporary table of the import's transaction, one row per
 * voucher, dropped at its end): nothing in the API's memory grows with the file (a map of vouchers
 * did: ~17 bytes a line), and no record waits longer than its batch.
 */

const shown = (v: string) => JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
const ACCOUNT_PART = /[^A-Za-z0-9.-]/g;

/** The KOSTRA code a chart-of-accounts value starts with (its first three digits: art 10100 → 101), or ''. */
const kostraCode = (value: string) => (THREE_DIGITS.test(value) ? value.slice(0, 3) : '');
const THREE_DIGITS = /^\d{3}/;

/** The account: art, ansvar, funksjon and prosjekt as the file has them, each without other characters than A–Z, 0–9, . and -, joined with "-" (at most 40 characters). */
function accountOf(art: string, ansvar: string, funksjon: string, prosjekt: string): string {
  let account = '';
  const add = (part: string) => {
    const clean = part.replace(ACCOUNT_PART, '');
    if (clean !== '') account = account === '' ? clean : `${account}-${clean}`;
  };
  add(art);
  add(ansvar);
  add(funksjon);
  add(prosjekt);
  return account.slice(0, 40);
}

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
      problems.add({ line: null, field: null, key: 'costs.erp.noMapping' });
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
    let index: Map<string, number> | undefined;
    let width = 0;
    let line = 0;
    /** The mapped columns' indexes in the header (-1: not mapped). */
    let at = { date: -1, amount: -1, debit: -1, credit: -1, art: -1, funksjon: -1, ansvar: -1, prosjekt: -1, voucher: -1, voucherLine: -1, municipality: -1 };
    let cells: string[] = [];
    const cell = (i: number) => (i < 0 ? '' : (cells[i] ?? ''));
    try {
      for await (const { record, raw } of records as AsyncIterable<{ record: string[]; raw: string }>) {
        // The line the record ends on: one per record, and one per line break inside a quoted field.
        line += 1 + breaksInside(raw);
        if (record.length === 1 && record[0] === '') continue;
        if (index && record.length !== width) {
          problems.add({ line, field: null, key: 'costs.erp.fieldCount', params: { count: record.length, width, delimiter: shown(mapping.delimiter) } });
          continue;
        }
        if (!index) {
          const header = record.map((h) => h.trim());
          const missing = columns.filter(([, column]) => !header.includes(column));
          if (missing.length) {
            const has = header.slice(0, 20).map(shown).join(', ');
            problems.add(
              ...missing.map(([what, column]): ImportProblem => ({
                line: 1,
                field: column,
                key: 'costs.erp.columnMissing',
                params: { what, column: shown(column), header: has },
              })),
            );
            return;
          }
          index = new Map(header.map((h, i) => [h, i]));
          width = header.length;
          const of = (column: string | null) => (column === null ? -1 : index!.get(column)!);
          at = {
            date: of(mapping.dateColumn),
            amount: of(mapping.amountColumn),
            debit: of(mapping.debitColumn),
            credit: of(mapping.creditColumn),
            art: of(mapping.artColumn),
            funksjon: of(mapping.funksjonColumn),
            ansvar: of(mapping.ansvarColumn),
            prosjekt: of(mapping.prosjektColumn),
            voucher: of(mapping.voucherColumn),
            voucherLine: of(mapping.voucherLineColumn),
            municipality: of(mapping.municipalityColumn),
          };
          continue;
        }
        // Per record only what the record needs (no closures or arrays per record: this runs 100 000 times).
        cells = record;
        let found: ImportProblem[] | null = null;
        const date = parseDate(cell(at.date), mapping.dateFormat);
        if (!date)
          (found ??= []).push({
            line,
            field: mapping.dateColumn,
            key: 'costs.erp.notDate',
            params: { value: shown(cell(at.date)), format: mapping.dateFormat, example: DATE_EXAMPLE[mapping.dateFormat] },
          });
        const amount = amountOre({ amount: cell(at.amount), debit: cell(at.debit), credit: cell(at.credit) }, decimal, mapping.signConvention);
        if (typeof amount !== 'bigint') {
          const [column, i] = amount.bad === 'amount' ? [mapping.amountColumn!, at.amount] : amount.bad === 'debit' ? [mapping.debitColumn!, at.debit] : [mapping.creditColumn!, at.credit];
          const example = decimal === ',' ? '1 234,50' : '1,234.50';
          (found ??= []).push({
            line,
            field: column,
            key:
              mapping.signConvention === 'TRAILING_MINUS' ? 'costs.erp.notAmountTrailingMinus' : mapping.signConvention === 'LEADING_MINUS' ? 'costs.erp.notAmountLeadingMinus' : 'costs.erp.notAmount',
            params: { value: shown(cell(i)), decimal, example },
          });
        }
        const art = kostraCode(cell(at.art));
        if (!art) (found ??= []).push({ line, field: mapping.artColumn, key: 'costs.erp.notArt', params: { value: shown(cell(at.art)) } });
        const funksjon = kostraCode(cell(at.funksjon));
        if (!funksjon) (found ??= []).push({ line, field: mapping.funksjonColumn, key: 'costs.erp.notFunksjon', params: { value: shown(cell(at.funksjon)) } });
        if (found) {
          problems.add(...found);
          continue;
        }
        const account = accountOf(cell(at.art), cell(at.ansvar), cell(at.funksjon), cell(at.prosjekt));
        // Without a line column the voucher line is null (an empty cell of a mapped one stays '' and is
        // refused): the session numbers it (UNNUMBERED).
        yield {
          line,
          record: {
            voucher: cell(at.voucher),
            voucher_line: at.voucherLine < 0 ? null : cell(at.voucherLine),
            posting_date: date!,
            account,
            art,
            funksjon,
            amount_ore: (amount as bigint).toString(),
            kommunenummer: cell(at.municipality),
          },
        };
      }
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      const { lines } = error as CsvError & { lines?: unknown };
      const at = typeof lines === 'number' && lines > 0 ? lines : line + 1;
      problems.add({ line: at, field: null, key: 'costs.erp.unreadable', params: { encoding: mapping.encoding, delimiter: shown(mapping.delimiter), reason: error.message.slice(0, 300) } });
    }
  },
};

/** `voucherLine` of a row whose line the session numbers (the mapping has no voucher line column). */
const UNNUMBERED = 0;
const VOUCHER_LINES = 'ledger_erp_voucher_lines';

/**
 * Numbers the unnumbered rows of a batch (in file order) in place, continuing what earlier batches of
 * this import counted: the k-th line of a voucher in the file is line k, wherever in the file it is.
 * The counts are in a temporary table of the import's transaction (one row per voucher).
 */
async function numberVoucherLines(tx: EntityManager, rows: LedgerRow[], first: boolean): Promise<void> {
  if (first) {
    await tx.query(`DROP TABLE IF EXISTS pg_temp.${VOUCHER_LINES}`);
    await tx.query(`CREATE TEMPORARY TABLE ${VOUCHER_LINES} (voucher text PRIMARY KEY, n int NOT NULL) ON COMMIT DROP`);
  }
  // One row with one array (not a row per line: fewer objects per batch for the collector).
  const [{ lines }]: { lines: number[] }[] = await tx.query(
    `WITH input AS (SELECT voucher, i FROM unnest($1::text[]) WITH ORDINALITY AS t(voucher, i)),
          counts AS (SELECT voucher, count(*)::int AS k FROM input GROUP BY voucher),
          counted AS (INSERT INTO pg_temp.${VOUCHER_LINES} AS c (voucher, n) SELECT voucher, k FROM counts
                        ON CONFLICT (voucher) DO UPDATE SET n = c.n + excluded.n RETURNING c.voucher, c.n)
     SELECT array_agg((counted.n - counts.k + x.r)::int ORDER BY x.i) AS lines
       FROM (SELECT voucher, i, row_number() OVER (PARTITION BY voucher ORDER BY i) AS r FROM input) AS x
       JOIN counts USING (voucher) JOIN counted USING (voucher)`,
    [rows.map((r) => r.voucher)],
  );
  for (const [i, row] of rows.entries()) row.voucherLine = lines[i];
}

/** Distinct identities for rows not numbered yet (the numbering makes their voucher lines distinct). */
let unnumbered = 0;

/**
 * The ledger import, reading the ERP's own export with the service's mapping. A mapping without a
 * voucher line column leaves the line null; the session numbers those rows a batch at a time before
 * the ledger's own checks and writes.
 */
export const ledgerErpImport: Importer<LedgerRow> = {
  ...ledgerImport,
  kind: 'ledger-erp',
  title: { key: 'imports.title.ledgerErp' },
  readers: [erpLedgerReader],
  read(record, line, today) {
    if (record.voucher_line !== null) return ledgerImport.read(record, line, today);
    const read = ledgerImport.read({ ...record, voucher_line: '1' }, line, today);
    if (read.row) read.row.voucherLine = UNNUMBERED;
    return read;
  },
  identity: (row) => (row.voucherLine === UNNUMBERED ? `${row.voucher}/#${++unnumbered}` : ledgerImport.identity(row)),
  async session(scope) {
    const session = await ledgerImport.session!(scope);
    let first = true;
    return {
      ...session,
      async batch(lines) {
        const rows = lines.filter((l) => l.row.voucherLine === UNNUMBERED).map((l) => l.row);
        if (rows.length) {
          await numberVoucherLines(scope.tx, rows, first);
          first = false;
        }
        return session.batch(lines);
      },
    };
  },
};
