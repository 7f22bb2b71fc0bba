import { ownScope } from '../access';
import { EntityManager } from 'typeorm';
import { Role } from '../../auth/roles';
import { AlertSource, CostCategory, CostCategoryAccount } from '../../entities/costs';
import { Municipality } from '../../entities/reference/municipality';
import { SharedService } from '../../entities/reference/shared-service';
import { Message, MessageKey } from '../../i18n';
import { Importer, ImportProblem } from '../imports/importer';
import { KOMMUNENUMMER } from '../reference/kommunenummer';
import { wholeNumber } from '../reference/population-import';
import { raiseAlertsFor } from './alerts';
import { isCalendarDate } from './erp-format';
import { kroner } from './format';
import { computeReportFor, firstOfMonth, keyOn, loadKeyHistory } from './report-data';
import { MonthKey } from './report-math';
import { overflowProblem, previousLines } from './reports';

/**
 * The host municipality's accounting export for a shared service, as CSV (or JSON) through the
 * import framework: `npm run import -- ledger FILE --role HOST_FINANCE --service CODE` and
 * `POST /imports/ledger`. One row per voucher line; amounts in whole øre. Entries are never
 * changed: the same line again is "unchanged", the same voucher line with other values is an
 * error (a correction is a new voucher line). Rows are classified into the region's cost
 * categories by KOSTRA funksjon and art; a category the agreement charges directly needs the
 * municipality it concerns, a shared one must not name one.
 *
 * A streaming import (ImportSession): batches of CHUNK rows are checked and inserted in the
 * import's savepoint, so memory follows the batch, not the file (no identity per line is kept:
 * `sessionFindsDuplicates`); one multi-row INSERT per batch (unnest: COPY FROM is not allowed into
 * a table with row-level security). Afterwards the alert rules run on the new figures.
 */

export interface LedgerRow {
  voucher: string;
  voucherLine: number;
  postingDate: string;
  account: string;
  art: string;
  funksjon: string;
  amount: string;
  kommunenummer: string | null;
}

const VOUCHER = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;
const ACCOUNT = /^[A-Za-z0-9][A-Za-z0-9.-]{0,39}$/;
const THREE_DIGITS = /^\d{3}$/;
const AMOUNT = /^-?\d{1,16}$/;
const MAX_AMOUNT = 1_000_000_000_000_000n;
/**
 * Rows per batch. A batch's rows live until it is written; what survives two young-generation
 * collections V8 moves into the old generation, collected only by a full collection, so the RSS
 * rises with the file until one comes. Measured (issue 20, docs/costs.md "Memory"): the reader and
 * rows alone of a 100 000-line ERP export promoted 23 MB with batches of 2000 and 7 MB with 500; in
 * the server the old generation grew 40 MB with 2000 and about 22 MB with 500 (100 and 500 alike).
 * 500 rows is still one statement per batch for the check and one for the insert.
 */
const CHUNK = 500;

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());

/**
 * One copy of each repeated value (dates, accounts, art, funksjon, kommunenummer repeat on most
 * lines): a 100 000-line file then holds a few thousand strings instead of half a million. Bounded,
 * so a long-running server keeps at most a few MB.
 */
const interned = new Map<string, string>();
function intern(value: string): string {
  const known = interned.get(value);
  if (known !== undefined) return known;
  if (interned.size >= 50_000) interned.clear();
  interned.set(value, value);
  return value;
}
const shown = (v: string) => `"${v.slice(0, 40)}"`;

function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value < '2000-01-01' || value > '2100-12-31') return false;
  return isCalendarDate(Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10)));
}

/** The key of each month a row falls in (agreement, direct categories, owners on the first day), cached per month. */
async function monthKeys(tx: EntityManager, serviceId: string): Promise<(month: string) => MonthKey | null> {
  const history = await loadKeyHistory(tx, [serviceId]);
  const cache = new Map<string, MonthKey | null>();
  return (month) => {
    if (!cache.has(month)) cache.set(month, keyOn(history, serviceId, `${month}-01`));
    return cache.get(month)!;
  };
}

/**
 * Which rows of a batch the service has already (compared in SQL, so only the answer travels): the
 * indexes of identical ones ("unchanged"), for a voucher line stored with other values what is
 * stored, and the voucher lines this import wrote itself from an earlier batch (`ours`: a line of
 * the file twice). `imported_at` defaults to now(), the time this transaction started, so a line
 * written in this transaction has imported_at = transaction_timestamp(); no identity per line of
 * the file is kept in memory for that.
 */
async function existingEntries(tx: EntityManager, serviceId: string, rows: readonly LedgerRow[]): Promise<{ same: Set<number>; different: Map<number, string>; ours: Set<number> }> {
  const [found]: { same: number[] | null; different: { i: number; stored: string }[] | null; ours: number[] | null }[] = await tx.query(
    `SELECT array_agg(k.i) FILTER (WHERE k.same AND NOT k.ours) AS same,
            json_agg(json_build_object('i', k.i, 'stored', k.stored)) FILTER (WHERE NOT k.same AND NOT k.ours) AS different,
            array_agg(k.i) FILTER (WHERE k.ours) AS ours
       FROM (SELECT r.i::int - 1 AS i,
                    e.imported_at = transaction_timestamp() AS ours,
                    (e.posting_date = r.posting_date AND e.account = r.account AND e.art = r.art AND e.funksjon = r.funksjon
                      AND e.amount_ore = r.amount AND m.number IS NOT DISTINCT FROM r.kommunenummer) AS same,
                    concat_ws(', ', e.posting_date::text, e.account, e.art, e.funksjon, e.amount_ore::text || ' øre', m.number) AS stored
               FROM unnest($2::text[], $3::int[], $4::date[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::text[])
                    WITH ORDINALITY AS r(voucher, line, posting_date, account, art, funksjon, amount, kommunenummer, i)
               -- LATERAL: one probe of the unique index per row, as long as the table's statistics are
               -- true (see keepStatisticsTrue).
               CROSS JOIN LATERAL (SELECT * FROM ledger_entry x WHERE x.service_id = $1 AND x.voucher = r.voucher AND x.voucher_line = r.line) AS e
               LEFT JOIN municipality m ON m.id = e.municipality_id) AS k`,
    [
      serviceId,
      rows.map((r) => r.voucher),
      rows.map((r) => r.voucherLine),
      rows.map((r) => r.postingDate),
      rows.map((r) => r.account),
      rows.map((r) => r.art),
      rows.map((r) => r.funksjon),
      rows.map((r) => r.amount),
      rows.map((r) => r.kommunenummer),
    ],
  );
  return { same: new Set(found.same ?? []), different: new Map((found.different ?? []).map((d) => [d.i, d.stored])), ours: new Set(found.ours ?? []) };
}

export const ledgerImport: Importer<LedgerRow> = {
  kind: 'ledger',
  title: { key: 'imports.title.ledger' },
  roles: [Role.HOST_FINANCE],
  action: 'Importing ledger entries',
  columns: ['voucher', 'voucher_line', 'posting_date', 'account', 'art', 'funksjon', 'amount_ore', 'kommunenummer'],
  numericColumns: ['voucher_line', 'amount_ore'],
  read(record, line) {
    const problems: ImportProblem[] = [];
    const field = (name: string, value: string, ok: boolean, key: MessageKey) => {
      if (!ok) problems.push({ line, field: name, key, params: { value: shown(value) } });
    };
    const voucher = text(record.voucher);
    field('voucher', voucher, VOUCHER.test(voucher), 'costs.ledger.notVoucher');
    const voucherLine = wholeNumber(record.voucher_line, 'voucher_line', line, 1, 1_000_000);
    if (typeof voucherLine !== 'number') problems.push(voucherLine);
    const postingDate = text(record.posting_date);
    field('posting_date', postingDate, isDate(postingDate), 'costs.ledger.notPostingDate');
    const account = text(record.account);
    field('account', account, ACCOUNT.test(account), 'costs.ledger.notAccount');
    const art = text(record.art);
    field('art', art, THREE_DIGITS.test(art), 'costs.ledger.notArt');
    const funksjon = text(record.funksjon);
    field('funksjon', funksjon, THREE_DIGITS.test(funksjon), 'costs.ledger.notFunksjon');
    const amount = text(record.amount_ore);
    const amountOk = AMOUNT.test(amount) && BigInt(amount) <= MAX_AMOUNT && BigInt(amount) >= -MAX_AMOUNT;
    field('amount_ore', amount, amountOk, 'costs.ledger.notAmountOre');
    const kommunenummer = text(record.kommunenummer) || null;
    if (kommunenummer !== null) field('kommunenummer', kommunenummer, KOMMUNENUMMER.test(kommunenummer), 'costs.ledger.notKommunenummer');
    if (problems.length) return { problems };
    return {
      row: {
        voucher,
        voucherLine: voucherLine as number,
        postingDate: intern(postingDate),
        account: intern(account),
        art: intern(art),
        funksjon: intern(funksjon),
        amount: BigInt(amount).toString(),
        kommunenummer: kommunenummer && intern(kommunenummer),
      },
    };
  },
  identity: (row) => `${row.voucher}/${row.voucherLine}`,
  batchSize: CHUNK,
  // A voucher line twice in the file: the runner finds it within a batch, the session against what
  // this import wrote from earlier batches; no identity per line is kept for the whole file.
  sessionFindsDuplicates: true,
  maxRecords: 2_000_000,
  async session({ tx, ctx }) {
    const service = await tx.getRepository(SharedService).findOneByOrFail({ id: ownScope(ctx, 'SERVICE') });
    const accounts = await tx.getRepository(CostCategoryAccount).find();
    const categories = new Map((await tx.getRepository(CostCategory).find()).map((c) => [c.id, c]));
    const municipalities = await tx.getRepository(Municipality).find();
    const byNumber = new Map(municipalities.map((m) => [m.number, m]));
    const keyOf = await monthKeys(tx, service.id);
    const classify = new Map<string, string | null>();
    const categoryOf = (funksjon: string, art: string) => {
      const k = `${funksjon}|${art}`;
      if (!classify.has(k)) classify.set(k, accounts.find((a) => a.funksjon === funksjon && a.artFrom <= art && art <= a.artTo)?.categoryId ?? null);
      return classify.get(k)!;
    };
    const summary = new Map<string, { count: number; amount: bigint }>();
    /** Per year the file posts to, its latest month (the alert rules run on those figures). */
    const latest = new Map<number, number>();
    const statistics = keepStatisticsTrue(tx);
    return {
      audit: { entity: 'SharedService', entityId: service.id },
      async batch(lines) {
        const existing = await existingEntries(
          tx,
          service.id,
          lines.map((l) => l.row),
        );
        const problems: ImportProblem[] = [];
        const writes: { row: LedgerRow; categoryId: string; municipalityId: string | null }[] = [];
        let unchanged = 0;
        for (const [index, { line, row }] of lines.entries()) {
          // A duplicate within the batch the runner found; one of a line an earlier batch wrote, here.
          if (existing.ours.has(index)) {
            problems.push({ line, field: null, key: 'costs.ledger.duplicateInFile', params: { voucher: row.voucher, voucherLine: row.voucherLine } });
            continue;
          }
          if (existing.same.has(index)) {
            unchanged += 1;
            continue;
          }
          const stored = existing.different.get(index);
          if (stored !== undefined) {
            problems.push({
              line,
              field: 'voucher',
              key: 'costs.ledger.importedWithOtherValues',
              params: { voucher: row.voucher, voucherLine: row.voucherLine, stored },
            });
            continue;
          }
          const categoryId = categoryOf(row.funksjon, row.art);
          if (!categoryId) {
            problems.push({ line, field: 'art', key: 'costs.ledger.noCategory', params: { funksjon: row.funksjon, art: row.art } });
            continue;
          }
          const month = row.postingDate.slice(0, 7);
          const key = keyOf(month);
          if (!key) {
            problems.push({ line, field: 'posting_date', key: 'costs.ledger.noAgreement', params: { month } });
            continue;
          }
          const category = categories.get(categoryId)!;
          let municipalityId: string | null = null;
          if (key.directCategoryIds.has(categoryId)) {
            const m = row.kommunenummer ? byNumber.get(row.kommunenummer) : undefined;
            if (!row.kommunenummer) problems.push({ line, field: 'kommunenummer', key: 'costs.ledger.directNeedsMunicipality', params: { category: category.name } });
            else if (!m || !key.ownerIds.includes(m.id))
              problems.push({ line, field: 'kommunenummer', key: 'costs.ledger.notOwner', params: { number: row.kommunenummer, service: service.name, month } });
            else municipalityId = m.id;
            if (!municipalityId) continue;
          } else if (row.kommunenummer) {
            problems.push({ line, field: 'kommunenummer', key: 'costs.ledger.sharedNoMunicipality', params: { category: category.name, month } });
            continue;
          }
          writes.push({ row, categoryId, municipalityId });
        }
        if (!problems.length && writes.length) {
          await insertEntries(tx, service, writes);
          await statistics(writes.length);
          for (const { row, categoryId } of writes) {
            const what = `${row.postingDate.slice(0, 7)} ${categories.get(categoryId)!.name} (${row.funksjon})`;
            const sum = summary.get(what) ?? { count: 0, amount: 0n };
            summary.set(what, { count: sum.count + 1, amount: sum.amount + BigInt(row.amount) });
            const year = Number(row.postingDate.slice(0, 4));
            latest.set(year, Math.max(latest.get(year) ?? 0, Number(row.postingDate.slice(5, 7))));
          }
        }
        return { problems, inserted: problems.length ? 0 : writes.length, updated: 0, unchanged, deleted: 0 };
      },
      async finish() {
        const changes = [...summary].sort(([a], [b]) => a.localeCompare(b)).map(([what, s]): Message => ({ key: 'costs.change.entries', params: { what, count: s.count, amount: kroner(s.amount) } }));
        return { changes, consequences: await alertsAfterImport(tx, service, latest) };
      },
    };
  },
};

/**
 * After this import's inserts outgrow what the table's statistics say it holds, `ANALYZE
 * ledger_entry` (migration 1733710000000 grants MAINTAIN; in this transaction it counts the rows
 * just inserted). With statistics that say "empty" (a new service, before autovacuum comes by) the
 * planner compares each line of the next batch with every stored line of the service, and an
 * import grows with the square of its size; analysed, each line is one probe of the unique index.
 * At most a few times an import: each time the table at least doubled.
 */
function keepStatisticsTrue(tx: EntityManager): (inserted: number) => Promise<void> {
  const rowsKnown = async () => Number((await tx.query(`SELECT greatest(reltuples, 0) AS n FROM pg_class WHERE oid = 'ledger_entry'::regclass`))[0].n);
  let known: number | undefined;
  let since = 0;
  return async (inserted) => {
    since += inserted;
    known ??= await rowsKnown();
    if (since < Math.max(ANALYZE_AFTER, known)) return;
    await tx.query(`ANALYZE ledger_entry`);
    known = await rowsKnown();
    since = 0;
  };
}
const ANALYZE_AFTER = 1000;

/** Distinct values and, per row, the 1-based index of its value (SQL arrays of small ints travel lighter than uuids). */
function indexed(values: readonly (string | null)[]): { distinct: string[]; index: (number | null)[] } {
  const distinct: string[] = [];
  const at = new Map<string, number>();
  const index = values.map((v) => {
    if (v === null) return null;
    let i = at.get(v);
    if (i === undefined) at.set(v, (i = distinct.push(v)));
    return i;
  });
  return { distinct, index };
}

/**
 * One multi-row INSERT for the batch (unnest of one array per column). Every parameter stays a
 * small string (the municipality and category are indexes into short lists), so nothing of a batch
 * outlives it in the large-object heap.
 */
async function insertEntries(tx: EntityManager, service: SharedService, writes: { row: LedgerRow; categoryId: string; municipalityId: string | null }[]): Promise<void> {
  const categories = indexed(writes.map((w) => w.categoryId));
  const municipalities = indexed(writes.map((w) => w.municipalityId));
  await tx.query(
    `INSERT INTO ledger_entry (region_id, service_id, voucher, voucher_line, posting_date, account, art, funksjon, amount_ore, municipality_id, category_id)
     SELECT $1, $2, w.voucher, w.voucher_line, w.posting_date, w.account, w.art, w.funksjon, w.amount_ore, ($12::uuid[])[w.municipality], ($13::uuid[])[w.category]
       FROM unnest($3::text[], $4::int[], $5::date[], $6::text[], $7::text[], $8::text[], $9::bigint[], $10::int[], $11::int[])
            AS w(voucher, voucher_line, posting_date, account, art, funksjon, amount_ore, municipality, category)`,
    [
      service.regionId,
      service.id,
      writes.map((w) => w.row.voucher),
      writes.map((w) => w.row.voucherLine),
      writes.map((w) => w.row.postingDate),
      writes.map((w) => w.row.account),
      writes.map((w) => w.row.art),
      writes.map((w) => w.row.funksjon),
      writes.map((w) => w.row.amount),
      municipalities.index,
      categories.index,
      municipalities.distinct,
      categories.distinct,
    ],
  );
}

/**
 * The alert rules on the new figures: for each year the file posted to, year-to-date up to the
 * latest month it posted to. A month that cannot be computed yet (no agreement, no population)
 * raises nothing. Returns one line per alert for the import's result.
 */
async function alertsAfterImport(tx: EntityManager, service: SharedService, latest: ReadonlyMap<number, number>): Promise<Message[]> {
  const out: Message[] = [];
  for (const [year, month] of [...latest].sort(([a], [b]) => a - b)) {
    const { basis, report } = await computeReportFor(tx, service, year, month);
    if (!report) continue;
    const period = firstOfMonth(year, month).slice(0, 7);
    // Figures beyond what a report line holds: no alert (it could not be stored); the month cannot be reported until corrected.
    const overflow = overflowProblem(basis, period, report.lines);
    if (overflow) {
      out.push({ key: 'costs.consequence.notReportable', params: { reason: { key: overflow.key, params: overflow.params } } });
      continue;
    }
    const alerts = await raiseAlertsFor(tx, { service, period, source: AlertSource.IMPORT, reportId: null }, report.lines, await previousLines(tx, service.id, period, { sameMonth: true }));
    out.push(...alerts.map((a): Message => ({ key: 'costs.consequence.alert', params: { alert: a.messageKey ? { key: a.messageKey, params: a.messageParams ?? {} } : a.message } })));
  }
  return out;
}
