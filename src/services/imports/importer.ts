import type { Readable } from 'node:stream';
import { Role } from '../../auth/roles';
import { Locale, Message, MessageKey, MessageParams, render, renderedParams, translate } from '../../i18n';
import { MutationScope } from '../mutation';

/**
 * Imports of files exported by municipal systems (ledgers, fagsystem statistics, SSB tables): one
 * framework, one code path for the CLI (`npm run import -- <kind> FILE [--dry-run]`) and HTTP
 * (`POST /imports/<kind>`). A feature contributes an `Importer` in its manifest; the runner
 * (run.ts) streams and parses the file, reads every record into a typed row (problems with line
 * and field), rejects duplicates, then, in one savepoint, lets the importer check the rows against
 * the database and say what would change — and applies it only when nothing is wrong and this is
 * not a dry run. All or nothing; the same file twice changes nothing.
 */

/**
 * What is wrong with a file, and where. The message is a key of the catalogues (src/i18n) with its
 * params, rendered in the reader's language at the boundary (`renderImportResult`: the HTTP
 * response, the CLI); every problem has one (test/i18n/keys.test.ts also fails on a problem written
 * as text).
 */
export interface ImportProblem {
  /** 1-based line of the file (CSV) or record number (JSON); null for the file as a whole. */
  line: number | null;
  /** The column / key, when one field is wrong. */
  field: string | null;
  key: MessageKey;
  params?: MessageParams;
}

/** A problem as a client reads it: its key and params (for a client's own texts) and the message in the reader's language. */
export interface RenderedImportProblem {
  line: number | null;
  field: string | null;
  key: MessageKey;
  params: Record<string, string | number>;
  message: string;
}

/**
 * The text of a problem in `locale`. A text may name `{{line}}`, the problem's own line, without
 * the reader repeating it in the params (a file of bad lines makes many problems: the answer stays small).
 */
export function problemMessage(locale: Locale, problem: ImportProblem): string {
  return translate(locale, problem.key, problem.line === null ? problem.params : { line: problem.line, ...problem.params });
}

export function renderProblem(locale: Locale, problem: ImportProblem): RenderedImportProblem {
  const { line, field } = problem;
  return { line, field, key: problem.key, params: renderedParams(locale, problem.params ?? {}), message: problemMessage(locale, problem) };
}

/** An import's result as the HTTP response and the CLI show it: every problem and warning in the reader's language. */
export function renderImportResult(
  locale: Locale,
  result: ImportResult,
): Omit<ImportResult, 'problems' | 'warnings' | 'changes'> & { changes: string[]; problems: RenderedImportProblem[]; warnings: RenderedImportProblem[] } {
  return {
    ...result,
    changes: result.changes.map((c) => render(locale, c)),
    problems: result.problems.map((p) => renderProblem(locale, p)),
    warnings: (result.warnings ?? []).map((w) => renderProblem(locale, w)),
  };
}

/** A changed value's side of `imports.change.value` when there is none: new, removed. */
export const NEW: Message = { key: 'imports.change.new' };
export const REMOVED: Message = { key: 'imports.change.removed' };

export interface Line<Row> {
  line: number;
  row: Row;
}

export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

export interface ImportPlan extends ImportCounts {
  /** Rule violations found against the database (unknown municipality, locked period …). */
  problems: ImportProblem[];
  /** What would change, one line each, as messages (the dry run lists them, in the reader's language). */
  changes: Message[];
  /** Writes the changes (called only when there are no problems and it is not a dry run). */
  apply(): Promise<void>;
  /** What the audit record of an applied import names as its entity. */
  audit: { entity: string; entityId: string; municipalityId?: string | null; regionId?: string | null };
}

/**
 * Another JSON shape of the same data (e.g. SSB's JSON-stat 2.0, KLASS), turned into canonical
 * records. The document is streamed (json-records.ts), never held whole: the top-level members the
 * adapter names in `streamed` (the ones that may be large: JSON-stat's `value` and `status`, KLASS's
 * `classificationItems`) reach it one element at a time as they pass; every other top-level member
 * (dimensions, labels, dates: small) is built whole into `head`. Key order in the file is free, so an
 * adapter whose elements need the head (JSON-stat's values need the dimensions) keeps them compactly
 * until the end, with a bound of its own.
 */
export interface JsonAdapter {
  name: string;
  /** Top-level members whose elements (an array's items, or an object's members) are handed to `element` one at a time. */
  streamed: readonly string[];
  /** After the document: whether it is this layout, by its head and which streamed members it had (and whether each was an array or an object). */
  matches(head: Record<string, unknown>, streamed: ReadonlyMap<string, 'array' | 'object'>): boolean;
  /** Starts reading one document. */
  read(): JsonAdapterReading;
}

/** One document as a JSON adapter reads it. */
export interface JsonAdapterReading {
  /**
   * One element of a streamed member as it passes: `key` is its index in an array, or its name in an
   * object. A problem returned refuses the file (e.g. more values than the adapter keeps).
   */
  element(member: string, key: number | string, value: unknown): ImportProblem | undefined;
  /** After the document (when `matches`): the canonical records (keys = the importer's columns) with the record number to report, produced lazily. */
  records(head: Record<string, unknown>): Iterable<{ line: number; record: Record<string, unknown> }>;
}

/**
 * Another CSV layout of the same data (e.g. a fagsystem's own export, one column per metric), whose
 * records are turned into canonical records; chosen by the header when it is not the canonical one.
 */
export interface CsvAdapter {
  name: string;
  matches(header: string[]): boolean;
  /** The canonical records (keys = the importer's columns) of one record of the file; all get its line. */
  records(record: Record<string, unknown>): Record<string, unknown>[];
}

/** Where a reader reports what is wrong with a file (the runner caps, masks and returns them). */
export interface ProblemSink {
  add(...problems: ImportProblem[]): void;
  /** What is worth a look but does not refuse the file (SSB's ADVARSEL class): reported in `warnings`. */
  warn(...warnings: ImportProblem[]): void;
}

/** What a reader knows of the file besides its bytes. */
export interface FileInfo {
  /** The file's name (command line: the path's last part; HTTP: `?fileName=`), when known. */
  name?: string;
  /** Today in Norway (Europe/Oslo, YYYY-MM-DD) by the app's clock: what "has ended" is judged by (src/services/dates.ts). */
  today: string;
}

/**
 * A file format of an importer's own, beside the canonical CSV and JSON: the XML a fagsystem must
 * produce, KOSTRA's fixed-width lines, an ERP's export in its own encoding. The reader turns the
 * file's raw bytes into canonical records (keys = the importer's columns); from there on the import
 * is the same as for CSV and JSON (typed rows, duplicates, dry run, all or nothing).
 */
export interface FileReader {
  /** Its name for `--format` on the command line and in messages, e.g. "xml". */
  name: string;
  /** File name endings that choose it on the command line (lower case, with the dot), e.g. ['.xml']. */
  extensions: readonly string[];
  /** HTTP Content-Types that choose it for `POST /imports/<kind>`, e.g. ['application/xml']. */
  contentTypes: readonly string[];
  /**
   * The file's bytes (already metered: the size limit and progress apply) → records with the line
   * (or record number) a problem names. Must stream with bounded memory, report what is wrong to
   * `problems` with its line (and stop when the file cannot be read further), and never put
   * personal data into a record or a problem. An error it throws ends the import (the size limit's
   * 413 arrives that way). `scope` (the import's savepoint and caller) is given to a streaming
   * import's reader, for a layout stored per tenant (an ERP mapping of the caller's service); it is
   * absent when only the file is read (readImport).
   */
  records(input: Readable, problems: ProblemSink, file: FileInfo, scope?: MutationScope): AsyncIterable<{ line: number; record: Record<string, unknown> }>;
}

export type ReadResult<Row> = { row: Row; problems?: undefined } | { row?: undefined; problems: ImportProblem[] };

/**
 * A streaming import (an importer with `session`): the file is checked and written a batch at a
 * time inside the import's one savepoint, so memory is bounded by the batch, not by the file. All
 * or nothing still holds: a problem in any batch, a dry run, or nothing to change rolls every batch
 * back (a dry run therefore reports exactly what the import would do, consequences included).
 */
export interface ImportSession<Row> {
  /**
   * Checks one batch against the database (and what earlier batches wrote) and, when it breaks no
   * rule, writes it at once. Not called again once any record or batch had a problem.
   */
  batch(rows: Line<Row>[]): Promise<ImportCounts & { problems: ImportProblem[] }>;
  /**
   * After the last batch: what changed, in words, and what the writes set off (e.g. alerts raised).
   * A session that checks the file as a whole (rules across batches) or writes only now (a staged
   * import) also returns the `problems` found (any rolls everything back) and the `counts` of what it
   * wrote, added to those of its batches.
   */
  finish(): Promise<{ changes: Message[]; consequences: Message[]; problems?: ImportProblem[]; counts?: Partial<ImportCounts> }>;
  /** What the audit record of an applied import names as its entity. */
  audit: { entity: string; entityId: string; municipalityId?: string | null; regionId?: string | null };
}

export interface Importer<Row = unknown> {
  /** The name in the URL and on the command line, e.g. "population". */
  kind: string;
  /** One line for usage texts. */
  /** One line for the CLI's usage, in the reader's language. */
  title: Message;
  roles: readonly Role[];
  /** For the FORBIDDEN message, e.g. "Importing population figures". */
  action: string;
  /** The canonical columns (CSV header, JSON keys), in order. */
  columns: readonly string[];
  /**
   * Columns that hold numbers (amounts, counts, years): exempt from the national-identity-number
   * refusal that every other column gets (an 11-digit amount in øre is an amount).
   */
  numericColumns?: readonly string[];
  /** One record → a typed row, or what is wrong with it (line and field); `today` (Europe/Oslo, by the app's clock) for rules such as "a finished period". */
  read(record: Record<string, unknown>, line: number, today: string): ReadResult<Row>;
  /** A row's identity: two rows of one file with the same identity are an error. */
  identity(row: Row): string;
  /** Checks the rows against the database (inside the import's savepoint) and plans the changes. */
  plan?(scope: MutationScope, rows: Line<Row>[]): Promise<ImportPlan>;
  /** Instead of `plan`: a streaming import in batches of `batchSize` rows (see ImportSession). */
  session?(scope: MutationScope): Promise<ImportSession<Row>>;
  batchSize?: number;
  /**
   * A streaming import whose session finds a record that repeats one of an earlier batch (against
   * what this import wrote, in the database): the runner then checks identities within each batch
   * only, keeps none for the whole file, and the memory follows the batch, not the file.
   */
  sessionFindsDuplicates?: boolean;
  /** Refuse files with more records than this (each file holds one identity per record in memory, unless sessionFindsDuplicates). */
  maxRecords?: number;
  jsonAdapters?: JsonAdapter[];
  csvAdapters?: CsvAdapter[];
  /** File formats of its own (chosen before CSV/JSON by Content-Type, file ending or `--format`). */
  readers?: FileReader[];
}

/** The reader of an importer for a Content-Type, a file name ending or a format name, if it has one. */
export function readerFor(importer: Importer<any>, match: { contentType?: string; fileName?: string; format?: string }): FileReader | undefined {
  const ending = match.fileName?.toLowerCase();
  return importer.readers?.find(
    (r) =>
      (match.format !== undefined && r.name === match.format) ||
      (match.contentType !== undefined && r.contentTypes.includes(match.contentType)) ||
      (ending !== undefined && r.extensions.some((e) => ending.endsWith(e))),
  );
}

export interface ImportResult extends ImportCounts {
  kind: string;
  dryRun: boolean;
  /** True when the changes were written (not a dry run, no problems, something to change). */
  applied: boolean;
  /** Records read from the file. */
  records: number;
  /** What changed (or would), then what that set off (alerts …), as messages; the boundary renders them. */
  changes: Message[];
  problems: ImportProblem[];
  /** What a reader found worth a look without refusing the file (e.g. SSB's ADVARSEL rules). */
  warnings: ImportProblem[];
}
