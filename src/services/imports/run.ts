import { pipeline, Readable, Transform } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { Context, todayOf } from '../../context';
import { osloToday } from '../dates';
import { badInput } from '../../errors';
import { requireOperation } from '../access';
import { defineMutation, Mutation, MutationScope, RollBack } from '../mutation';
import { importOperation } from '../operations';
import { containsNationalId, PERSONAL_DATA_MESSAGE } from '../personal-data';
import { jsonRecords } from './json-records';
import { CsvAdapter, Importer, ImportPlan, ImportProblem, ImportResult, Line, problemMessage, readerFor } from './importer';

/** 'csv', 'json', or the name of one of the importer's own readers (`Importer.readers`). */
export type ImportFormat = string;

export interface ImportOptions {
  format: ImportFormat;
  dryRun: boolean;
  /** Called as bytes of the file are read (progress bars). */
  onProgress?: (bytesRead: number) => void;
  /** Refuse files larger than this (default 100 MB). */
  maxBytes?: number;
  /** The setting that sets maxBytes, named in the refusal (e.g. IMPORT_LIMIT_MB). */
  limitName?: string;
  /** The file's name, for the messages of a reader that names files (it is never stored). */
  fileName?: string;
  /** The size the sender declared (Content-Length): over maxBytes is refused before a byte is read. */
  declaredBytes?: number;
  /** Today in Norway (YYYY-MM-DD) for the importer's rules: runImport sets it from the caller's clock (todayOf(ctx)); default the system clock's day. */
  today?: string;
}

/** A file that breaks this many rules is reported up to here: nobody reads more, and memory stays bounded. */
const MAX_PROBLEMS = 1000;
const MAX_CHANGES_LISTED = 200;
const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;

/**
 * Personal data in a file is used to count and never echoed: a problem whose message would repeat
 * what looks like a national identity number (an importer quoting a bad cell, csv-parse quoting a
 * field, an unknown header) says which field and line instead, without the value.
 */
export function withoutPersonalData(problem: ImportProblem): ImportProblem {
  if (!containsNationalId(problemMessage('en', problem)) && !containsNationalId(problemMessage('nb', problem))) return problem;
  const { line, field } = problem;
  return field ? { line, field, key: 'imports.valueHidden', params: { field } } : { line, field, key: 'imports.lineHidden' };
}

class Problems {
  readonly list: ImportProblem[] = [];
  readonly warnings: ImportProblem[] = [];
  total = 0;
  add(...problems: ImportProblem[]): void {
    this.total += problems.length;
    for (const p of problems) if (this.list.length < MAX_PROBLEMS) this.list.push(withoutPersonalData(p));
  }
  /** A file that cannot be read further (not JSON): this one problem, instead of what its earlier records had. */
  only(problem: ImportProblem): void {
    this.list.length = 0;
    this.total = 0;
    this.add(problem);
  }
  warn(...warnings: ImportProblem[]): void {
    for (const w of warnings) if (this.warnings.length < MAX_PROBLEMS) this.warnings.push(withoutPersonalData(w));
  }
  report(): ImportProblem[] {
    const hidden = this.total - this.list.length;
    return hidden > 0 ? [...this.list, { line: null, field: null, key: 'imports.moreProblems', params: { count: hidden } }] : this.list;
  }
}

/** The refusal of a file over the limit: HTTP 413, the same for every format. */
export function fileTooLarge(options: ImportOptions) {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = max % (1024 * 1024) === 0 ? `${max / (1024 * 1024)} MB` : `${max} bytes`;
  return badInput(
    'file',
    'size',
    options.limitName ? { key: 'imports.errors.fileTooLargeLimit', params: { size, limit: options.limitName } } : { key: 'imports.errors.fileTooLarge', params: { size } },
    413,
  );
}

/**
 * The file's bytes, counted as they pass (progress, size limit) without buffering, and then through
 * `parser` when there is one. Every stage is joined with stream.pipeline: when any of them fails (a
 * client that hung up, a file over the limit, a parser that gave up) all are destroyed, and the
 * error surfaces where the last stage is read, never as an unhandled 'error' event.
 */
function metered(source: Readable, options: ImportOptions, parser?: Transform): Readable {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let read = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      read += chunk.length;
      if (read > max) return done(fileTooLarge(options));
      options.onProgress?.(read);
      done(null, chunk);
    },
  });
  // The outcome is read from the last stage (its iterator rejects with the first error).
  const ignore = () => undefined;
  if (parser) return pipeline(source, meter, parser, ignore);
  return pipeline(source, meter, ignore);
}

const hasNul = (value: unknown) => typeof value === 'string' && value.includes('\u0000');
const isNested = (value: unknown) => value !== null && typeof value === 'object';
/** Names from a file, shown in a message: a few, each cut short. */
const someNames = (names: string[]) =>
  names
    .slice(0, 5)
    .map((n) => JSON.stringify(n.slice(0, 40)))
    .join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');

async function* csvRecords(input: Readable, importer: Importer, problems: Problems): AsyncGenerator<{ line: number; record: Record<string, unknown> }> {
  let checkedHeader = false;
  let adapter: CsvAdapter | undefined;
  let lastLine = 0;
  try {
    for await (const { record, info } of input as AsyncIterable<{ record: Record<string, unknown>; info: { lines: number } }>) {
      lastLine = info.lines;
      if (!checkedHeader) {
        checkedHeader = true;
        const header = Object.keys(record);
        const missing = importer.columns.filter((c) => !header.includes(c));
        const unknown = header.filter((c) => !importer.columns.includes(c));
        adapter = missing.length || unknown.length ? importer.csvAdapters?.find((a) => a.matches(header)) : undefined;
        if ((missing.length || unknown.length) && !adapter) {
          const layouts = importer.csvAdapters?.length ? importer.csvAdapters.map((a) => a.name).join(' / ') : '';
          const unknownNames = unknown.length > 5 || unknown.some((u) => u.length > 40) ? someNames(unknown) : unknown.join(', ');
          problems.add({
            line: 1,
            field: null,
            key: 'imports.header',
            params: {
              columns: importer.columns.join(', '),
              others: layouts ? { key: 'imports.headerOtherLayouts', params: { layouts } } : '',
              missing: missing.length ? { key: 'imports.headerMissing', params: { columns: missing.join(', ') } } : '',
              unknown: unknown.length ? { key: 'imports.headerUnknown', params: { columns: unknownNames } } : '',
            },
          });
          return;
        }
      }
      if (adapter) for (const canonical of adapter.records(record)) yield { line: info.lines, record: canonical };
      else yield { line: info.lines, record };
    }
  } catch (error) {
    // Any of csv-parse's errors (not all of their codes start with CSV_): what is wrong, and where.
    if (!(error instanceof CsvError)) throw error;
    const { lines } = error as CsvError & { lines?: unknown };
    const line = typeof lines === 'number' && lines > 0 ? lines : lastLine + 1;
    problems.add({ line, field: null, key: 'imports.notCsv', params: { line, reason: error.message.slice(0, 300) } });
  }
}

/**
 * Every readable, unique record of the file as a typed row; every other one a problem with its line.
 * `identities` false: duplicates are found per batch by streamingMutation and its session (Importer.sessionFindsDuplicates).
 */
async function* validRows<Row>(
  importer: Importer<Row>,
  source: Readable,
  options: ImportOptions,
  problems: Problems,
  count: { records: number },
  scope?: MutationScope,
  identities = true,
): AsyncGenerator<Line<Row>> {
  const seen = new Map<string, number>();
  const reader = readerFor(importer, { format: options.format });
  if (!reader && options.format !== 'csv' && options.format !== 'json') {
    const known = ['csv', 'json', ...(importer.readers ?? []).map((r) => r.name)];
    throw badInput('format', 'format', { key: 'common.errors.mustBeOneOf', params: { values: known.join(', ') } }, 415);
  }
  const parser =
    options.format === 'csv'
      ? parse({ columns: (header: string[]) => header.map((h) => h.trim()), bom: true, trim: true, skip_empty_lines: true, delimiter: [',', ';'], info: true, relax_column_count: false })
      : undefined;
  const input = metered(source, options, parser);
  const today = options.today ?? osloToday(new Date());
  const iterate = reader
    ? reader.records(input, problems, { name: options.fileName, today }, scope)
    : options.format === 'csv'
      ? csvRecords(input, importer as Importer, problems)
      : jsonRecords(input, importer as Importer, problems);
  for await (const { line, record } of iterate as AsyncIterable<{ line: number; record: Record<string, unknown> }>) {
    count.records += 1;
    if (importer.maxRecords && count.records > importer.maxRecords) {
      problems.add({ line, field: null, key: 'imports.tooManyRecords', params: { count: importer.maxRecords } });
      input.destroy();
      break;
    }
    if (record.__notAnObject) {
      problems.add({ line, field: null, key: 'imports.recordNotObject' });
      continue;
    }
    const nul = Object.keys(record).find((k) => hasNul(record[k]) || hasNul(k));
    if (nul !== undefined) {
      problems.add({ line, field: nul, key: 'imports.nulByte' });
      continue;
    }
    const nested = Object.keys(record).find((k) => isNested(record[k]));
    if (nested !== undefined) {
      problems.add({ line, field: nested, key: 'imports.nestedValue' });
      continue;
    }
    // A national identity number has no place in any text column of any import (numbers are
    // numbers: an amount in øre may have 11 digits); refused without repeating it.
    const personal = Object.keys(record).find((k) => !importer.numericColumns?.includes(k) && typeof record[k] === 'string' && containsNationalId(record[k] as string));
    if (personal !== undefined) {
      problems.add({ line, field: personal, key: PERSONAL_DATA_MESSAGE });
      continue;
    }
    const read = importer.read(record, line, today);
    if (read.problems) {
      problems.add(...read.problems);
      continue;
    }
    if (identities) {
      const identity = importer.identity(read.row);
      const first = seen.get(identity);
      if (first !== undefined) {
        problems.add({ line, field: null, key: 'imports.duplicate', params: { first, identity } });
        continue;
      }
      seen.set(identity, line);
    }
    yield { line, row: read.row };
  }
  if (count.records === 0 && problems.total === 0) problems.add({ line: null, field: null, key: 'imports.noRecords' });
}

/** Reads the whole file into typed rows: every problem with its line, duplicates included. */
export async function readImport<Row>(importer: Importer<Row>, source: Readable, options: ImportOptions): Promise<{ rows: Line<Row>[]; records: number; problems: Problems }> {
  const problems = new Problems();
  const rows: Line<Row>[] = [];
  const count = { records: 0 };
  for await (const row of validRows(importer, source, options, problems, count)) rows.push(row);
  return { rows, records: count.records, problems };
}

const EMPTY = { inserted: 0, updated: 0, unchanged: 0, deleted: 0 };

const streams = new WeakMap<Importer<any>, Mutation<{ source: Readable; options: ImportOptions }, ImportResult>>();

/**
 * A streaming import as a mutation: the file is read inside the savepoint and handed to the
 * importer's session a batch at a time; with a problem anywhere, on a dry run, or when nothing
 * changed, every batch rolls back.
 */
function streamingMutation<Row>(importer: Importer<Row>): Mutation<{ source: Readable; options: ImportOptions }, ImportResult> {
  let mutation = streams.get(importer);
  if (!mutation) {
    mutation = defineMutation({
      name: importOperation(importer.kind),
      roles: importer.roles,
      action: importer.action,
      inputIsFile: true,
      async run(scope, { source, options }: { source: Readable; options: ImportOptions }) {
        const session = await importer.session!(scope);
        const problems = new Problems();
        const count = { records: 0 };
        const counts = { ...EMPTY };
        let batch: Line<Row>[] = [];
        // With sessionFindsDuplicates the identities of the current batch only (the session finds a
        // repeat of an earlier batch's record in what it wrote).
        const inBatch = new Map<string, number>();
        const flush = async () => {
          const rows = batch;
          batch = [];
          inBatch.clear();
          if (!rows.length || problems.total) return;
          const done = await session.batch(rows);
          problems.add(...done.problems);
          for (const k of Object.keys(counts) as (keyof typeof counts)[]) counts[k] += done[k];
        };
        for await (const row of validRows(importer, source, options, problems, count, scope, !importer.sessionFindsDuplicates)) {
          if (importer.sessionFindsDuplicates) {
            const identity = importer.identity(row.row);
            const first = inBatch.get(identity);
            if (first !== undefined) {
              problems.add({ line: row.line, field: null, key: 'imports.duplicate', params: { first, identity } });
              continue;
            }
            inBatch.set(identity, row.line);
          }
          batch.push(row);
          if (batch.length >= (importer.batchSize ?? 10_000)) await flush();
        }
        await flush();
        const base = { kind: importer.kind, dryRun: options.dryRun, applied: false, records: count.records };
        if (problems.total) throw new RollBack<ImportResult>({ ...base, ...EMPTY, changes: [], problems: problems.report(), warnings: problems.warnings });
        const { changes, consequences, problems: found, counts: written } = await session.finish();
        problems.add(...(found ?? []));
        if (problems.total) throw new RollBack<ImportResult>({ ...base, ...EMPTY, changes: [], problems: problems.report(), warnings: problems.warnings });
        for (const k of Object.keys(counts) as (keyof typeof counts)[]) counts[k] += written?.[k] ?? 0;
        const listed = [...changes, ...consequences];
        const result: ImportResult = {
          ...base,
          ...counts,
          problems: [],
          warnings: problems.warnings,
          changes: listed.slice(0, MAX_CHANGES_LISTED).concat(listed.length > MAX_CHANGES_LISTED ? [{ key: 'imports.change.more', params: { n: listed.length - MAX_CHANGES_LISTED } }] : []),
        };
        if (options.dryRun || counts.inserted + counts.updated + counts.deleted === 0) throw new RollBack(result);
        await scope.audit({ ...session.audit, after: { kind: importer.kind, records: count.records, ...counts } });
        return { ...result, applied: true };
      },
    });
    streams.set(importer, mutation);
  }
  return mutation;
}

const mutations = new WeakMap<Importer<any>, Mutation<{ rows: Line<any>[]; records: number; dryRun: boolean; warnings: ImportProblem[] }, ImportResult>>();

/** The import as a mutation: one savepoint, audited when applied, rolled back on a dry run or a problem. */
function importMutation<Row>(importer: Importer<Row>): Mutation<{ rows: Line<Row>[]; records: number; dryRun: boolean; warnings: ImportProblem[] }, ImportResult> {
  let mutation = mutations.get(importer);
  if (!mutation) {
    mutation = defineMutation({
      name: importOperation(importer.kind),
      roles: importer.roles,
      action: importer.action,
      inputIsFile: true,
      async run(scope, input: { rows: Line<Row>[]; records: number; dryRun: boolean; warnings: ImportProblem[] }) {
        const plan: ImportPlan = await importer.plan!(scope, input.rows);
        const counts = { inserted: plan.inserted, updated: plan.updated, unchanged: plan.unchanged, deleted: plan.deleted };
        const result: ImportResult = {
          kind: importer.kind,
          dryRun: input.dryRun,
          applied: false,
          records: input.records,
          ...counts,
          changes: plan.changes
            .slice(0, MAX_CHANGES_LISTED)
            .concat(plan.changes.length > MAX_CHANGES_LISTED ? [{ key: 'imports.change.more', params: { n: plan.changes.length - MAX_CHANGES_LISTED } }] : []),
          problems: plan.problems.slice(0, MAX_PROBLEMS).map(withoutPersonalData),
          warnings: input.warnings,
        };
        const changesSomething = plan.inserted + plan.updated + plan.deleted > 0;
        if (plan.problems.length || input.dryRun || !changesSomething) throw new RollBack(result);
        await plan.apply();
        await scope.audit({ ...plan.audit, after: { kind: importer.kind, records: input.records, ...counts } });
        return { ...result, applied: true };
      },
    });
    mutations.set(importer, mutation);
  }
  return mutation;
}

/**
 * Runs an import for the caller of `ctx`: role check first (before reading a byte), then the file,
 * then — only when every record is readable and unique — the importer's plan and, unless it is a
 * dry run, its changes, all in one savepoint. A streaming importer (`session`) gets the file in
 * batches inside that savepoint instead; the outcome is the same, the memory bounded by a batch.
 */
export async function runImport<Row>(ctx: Context, importer: Importer<Row>, source: Readable, options: ImportOptions): Promise<ImportResult> {
  // Before a byte is read: the roles, and a grant limited to other operations (defineMutation checks it again).
  ctx = requireOperation(ctx, importer.roles, importOperation(importer.kind), importer.action);
  options = { ...options, today: options.today ?? todayOf(ctx) };
  if (options.declaredBytes !== undefined && options.declaredBytes > (options.maxBytes ?? DEFAULT_MAX_BYTES)) throw fileTooLarge(options);
  if (importer.session) {
    const { userErrors, ...result } = await streamingMutation(importer)(ctx, { source, options });
    if (userErrors.length)
      return {
        kind: importer.kind,
        dryRun: options.dryRun,
        applied: false,
        records: 0,
        ...EMPTY,
        changes: [],
        problems: userErrors.map((e) => ({ line: null, field: null, key: e.key, params: e.params })),
        warnings: [],
      };
    return result as ImportResult;
  }
  const { rows, records, problems } = await readImport(importer, source, options);
  const empty = EMPTY;
  const warnings = problems.warnings;
  if (problems.total) return { kind: importer.kind, dryRun: options.dryRun, applied: false, records, ...empty, changes: [], problems: problems.report(), warnings };
  const { userErrors, ...result } = await importMutation(importer)(ctx, { rows, records, dryRun: options.dryRun, warnings });
  // A concurrent change (CONFLICT) comes back as a userError: report it as a problem of the file.
  if (userErrors.length)
    return {
      kind: importer.kind,
      dryRun: options.dryRun,
      applied: false,
      records,
      ...empty,
      changes: [],
      problems: userErrors.map((e) => ({ line: null, field: null, key: e.key, params: e.params })),
      warnings,
    };
  return result as ImportResult;
}
