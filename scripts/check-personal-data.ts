import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { loadConfig } from '../src/config';
import { EMBEDDED_DATABASE, openDatabase } from '../src/db/bootstrap';
import { database } from '../src/features/data';
import { withDatabase } from '../src/db/data-source';
import { runningEmbeddedUrl } from '../src/db/embedded';
import { containsNationalId, namesAPerson } from '../src/services/personal-data';

/**
 * `npm run check:personal-data [-- --table NAME …]`
 * Scans the text stored before the personal-data rules (src/services/personal-data/) and lists
 * every suspicious field by table, column and row id — never the text or the match, so the output
 * can be pasted into a ticket:
 * - every text, varchar, text[] and json/jsonb column of every table in the public schema (the
 *   audit trail's before/after included) for a national identity number in any spelling;
 * - the label and summary of case items without a consent for a given name with an age, class or
 *   birth date.
 * It reads every region's rows, so it connects as the database owner (DATABASE_URL, or the
 * embedded PostgreSQL of a running `npm start` in DATA_DIR, or one started for the command) with
 * row security off: a role that RLS would filter gets an error, never a silently partial list.
 * Read-only (one READ ONLY transaction). Exit code: 0 nothing found (or --help: usage on stdout),
 * 1 suspicious fields listed, 2 usage (a wrong option: one line saying which, then the usage, on
 * stderr) or connection error.
 */

const USAGE = `usage: npm run check:personal-data [-- --table NAME ...]
Lists stored free text that looks like personal data, by table, column and row id (never the text).
exit code: 0 nothing found, 1 found, 2 usage or connection error`;

const BATCH = 500;
/** Column types read as text: text, varchar, char, text[]/varchar[], json, jsonb. */
const TEXT_TYPES = ['text', 'varchar', 'bpchar', '_text', '_varchar', 'json', 'jsonb'];

/** Rows whose free text must also not name a person (discussed without consent). */
const NAME_CHECKS: Record<string, { columns: string[]; where: string }> = {
  forum_case_item: { columns: ['label', 'summary'], where: 'consent_id IS NULL' },
};

export interface Finding {
  table: string;
  column: string;
  /** The primary key, `col=value` pairs joined with ", ". */
  row: string;
  what: 'national identity number' | 'given name with age, class or birth date';
}

export interface CheckRun {
  code: number;
  stdout: string;
  stderr: string;
}

interface TableColumns {
  table: string;
  key: string[];
  columns: string[];
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * A hash or identifier the system made (a SHA-256 of a report's content, a UUID): not text anyone
 * wrote. One in a few thousand random hex digests holds eleven digits in a row that pass both
 * check digits, so reading them as text would list a stored hash as a person now and then.
 */
const MACHINE_DIGEST = /^(?:[0-9a-f]{32,}|[0-9A-F]{32,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** Every string inside a value read from a text, array or JSON column, but for machine digests. */
function stringsOf(value: unknown): string[] {
  const out: string[] = [];
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (!MACHINE_DIGEST.test(v)) out.push(v);
    } else if (Array.isArray(v)) stack.push(...v);
    else if (v !== null && typeof v === 'object') stack.push(...Object.keys(v), ...Object.values(v));
  }
  return out;
}

async function tablesToScan(client: Client, only: string[] | undefined): Promise<TableColumns[]> {
  const { rows } = await client.query<{ table: string; key: string[] | null; columns: string[] }>(
    `SELECT c.relname AS table,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM pg_index i
               CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
              WHERE i.indrelid = c.oid AND i.indisprimary) AS key,
            array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       JOIN pg_type t ON t.oid = a.atttypid AND t.typname = ANY($1)
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'migrations'
      GROUP BY c.oid, c.relname
      ORDER BY c.relname`,
    [TEXT_TYPES],
  );
  const unknown = (only ?? []).filter((t) => !rows.some((r) => r.table === t));
  if (unknown.length) throw new Refusal(`no table with text columns named ${unknown.join(', ')}`, 2);
  return rows.filter((r) => !only || only.includes(r.table)).map((r) => ({ table: r.table, key: r.key ?? [], columns: r.columns }));
}

/** Reads a table in primary-key order, BATCH rows at a time, and checks every text column. */
async function scanTable(client: Client, t: TableColumns, found: Finding[]): Promise<number> {
  if (!t.key.length) throw new Error(`table ${t.table} has no primary key; cannot name its rows`);
  const names = NAME_CHECKS[t.table];
  const keyList = t.key.map(ident).join(', ');
  const nameFlag = names ? `, (${names.where}) AS "__check_names"` : '';
  const select = `SELECT ${keyList}, ${t.columns.map(ident).join(', ')}${nameFlag} FROM ${ident(t.table)}`;
  let after: unknown[] | null = null;
  let scanned = 0;
  for (;;) {
    const where: string = after ? ` WHERE (${keyList}) > (${t.key.map((_, i) => `$${i + 1}`).join(', ')})` : '';
    const { rows }: { rows: Record<string, any>[] } = await client.query(`${select}${where} ORDER BY ${keyList} LIMIT ${BATCH}`, after ?? []);
    for (const row of rows) {
      const id = t.key.map((k) => `${k}=${row[k] instanceof Date ? row[k].toISOString() : String(row[k])}`).join(', ');
      for (const column of t.columns) {
        const texts = stringsOf(row[column]);
        if (texts.some((s) => containsNationalId(s))) found.push({ table: t.table, column, row: id, what: 'national identity number' });
        else if (row.__check_names && names.columns.includes(column) && texts.some((s) => namesAPerson(s))) {
          found.push({ table: t.table, column, row: id, what: 'given name with age, class or birth date' });
        }
      }
    }
    scanned += rows.length;
    if (rows.length < BATCH) return scanned;
    const last: Record<string, unknown> = rows[rows.length - 1];
    after = t.key.map((k): unknown => last[k]);
  }
}

class Refusal extends Error {
  constructor(
    message: string,
    readonly code = 1,
  ) {
    super(message);
  }
}

/** The owner connection: DATABASE_URL, the running server's embedded PostgreSQL, or one started for this command. */
async function ownerConnection(env: NodeJS.ProcessEnv, log: (m: string) => void): Promise<{ url: string; via: string; close(): Promise<void> }> {
  const config = loadConfig(env);
  if (config.databaseUrl) return { url: config.databaseUrl, via: 'DATABASE_URL', close: async () => undefined };
  const running = runningEmbeddedUrl(config.dataDir);
  if (running) return { url: withDatabase(running, EMBEDDED_DATABASE), via: "the running server's embedded PostgreSQL", close: async () => undefined };
  const db = await openDatabase(config, (m) => (m.startsWith('[postgres]') ? undefined : log(m)), database);
  await db.app.destroy();
  return { url: db.ownerUrl, via: `embedded PostgreSQL in ${config.dataDir} (started for this command)`, close: () => db.close() };
}

/** The command, callable in-process (tests). */
export async function runCheckPersonalData(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<CheckRun> {
  const err: string[] = [];
  let tables: string[] | undefined;
  try {
    const { values } = parseArgs({ args: argv, options: { table: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) return { code: 0, stdout: USAGE, stderr: '' };
    tables = values.table;
  } catch (error) {
    // A wrong option is a usage error: one line saying which, then the usage (no stack trace).
    return { code: 2, stdout: '', stderr: `${(error as Error).message.split('\n')[0]}\n${USAGE}` };
  }
  let connection: Awaited<ReturnType<typeof ownerConnection>> | undefined;
  let client: Client | undefined;
  try {
    connection = await ownerConnection(env, (m) => err.push(m));
    client = new Client({ connectionString: connection.url });
    await client.connect();
    await client.query('BEGIN TRANSACTION READ ONLY');
    // A role that row security would filter gets an error instead of a partial scan.
    await client.query('SET LOCAL row_security = off');
    const found: Finding[] = [];
    let rows = 0;
    const scan = await tablesToScan(client, tables);
    for (const t of scan) rows += await scanTable(client, t, found);
    await client.query('COMMIT');
    const lines = found.map((f) => `${f.table}.${f.column}\t${f.row}\t${f.what}`);
    const summary = `scanned ${rows} rows of ${scan.length} tables (${scan.reduce((n, t) => n + t.columns.length, 0)} text columns) via ${connection.via}: ${found.length ? `${found.length} suspicious field${found.length === 1 ? '' : 's'}` : 'nothing suspicious'}`;
    return { code: found.length ? 1 : 0, stdout: [...lines, summary].join('\n'), stderr: err.join('\n') };
  } catch (error) {
    if (error instanceof Refusal) return { code: error.code, stdout: '', stderr: [...err, `${error.message}\n${USAGE}`].join('\n') };
    const message = error instanceof Error ? error.message : String(error);
    const hint = /row-level security/.test(message) ? ' (connect as the database owner with superuser or BYPASSRLS rights: DATABASE_URL)' : '';
    return { code: 2, stdout: '', stderr: [...err, `check:personal-data failed: ${message}${hint}`].join('\n') };
  } finally {
    await client?.end().catch(() => undefined);
    await connection?.close();
  }
}

if (require.main === module) {
  void runCheckPersonalData(process.argv.slice(2)).then(({ code, stdout, stderr }) => {
    if (stderr) console.error(stderr);
    if (stdout) console.log(stdout);
    process.exitCode = code;
  });
}
