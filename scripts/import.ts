import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { GraphQLError } from 'graphql';
import { resolvePrincipal, UnknownScopeError } from '../src/auth/principal';
import { isRole, Role, ROLE_SCOPE } from '../src/auth/roles';
import { loadConfig } from '../src/config';
import { openCliDatabase } from '../src/db/cli-database';
import { RequestDb } from '../src/db/request-db';
// The data side of the features only: no resolver, schema or HTTP code is loaded (test/architecture.test.ts).
import { database, importers } from '../src/features/data';
import { Loaders } from '../src/loaders';
import { createLogger } from '../src/logger';
import { Locale, localeOfCli, render, translate } from '../src/i18n';
import { localizeError } from '../src/errors';
import { ImportResult, problemMessage, readerFor } from '../src/services/imports/importer';
import { runImport } from '../src/services/imports/run';

/**
 * `npm run import -- <kind> FILE [--dry-run] --role ROLE [scope flags]`
 * The same code path as `POST /imports/<kind>`, run as the role and scope you name (resolved against
 * the database like a token), so RLS and the role rules apply exactly as over HTTP.
 * Exit code: 0 done (or dry run fine, or --help: usage on stdout), 1 the file breaks a rule (nothing
 * changed), 2 usage (a wrong option or argument: one line saying what, then the usage, on stderr).
 */
/** The usage text in `locale`, the importers' titles too. */
const usageIn = (locale: Locale) =>
  translate(locale, 'cli.import.usage', {
    kinds: importers.map((i) => translate(locale, 'cli.import.kind', { kind: i.kind.padEnd(12), title: render(locale, i.title), columns: i.columns.join(', '), roles: i.roles.join(', ') })).join('\n'),
  });

/** `--lang X` / `--lang=X` as given, before the options are parsed (a usage error is said in that language too). */
function langArgument(args: readonly string[]): string | undefined {
  const i = args.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (i < 0) return undefined;
  return args[i] === '--lang' ? args[i + 1] : args[i].slice('--lang='.length);
}

export interface CliOutput {
  log(line: string): void;
  error(line: string): void;
  /** A terminal gets a progress bar; a pipe or file only the summary. */
  progress?: NodeJS.WriteStream;
}

/** The result in `locale` (--lang, or LC_ALL / LC_MESSAGES / LANG; bokmål by default). */
function print(result: ImportResult, out: CliOutput, locale: Locale): void {
  const where = (p: { line: number | null; field: string | null }) =>
    p.line === null
      ? translate(locale, p.field ? 'cli.import.fileField' : 'cli.import.file', { field: p.field ?? '' })
      : translate(locale, p.field ? 'cli.import.lineField' : 'cli.import.line', { line: p.line, field: p.field ?? '' });
  for (const w of result.warnings ?? []) out.log(translate(locale, 'cli.import.warning', { where: where(w), message: problemMessage(locale, w) }));
  const counts = translate(locale, 'cli.import.counts', { inserted: result.inserted, updated: result.updated, deleted: result.deleted, unchanged: result.unchanged });
  const records = translate(locale, 'cli.import.records', { kind: result.kind, count: result.records });
  if (result.problems.length) {
    out.log(translate(locale, 'cli.import.refused', { records }));
    for (const p of result.problems) out.log(`  ${where(p)}: ${problemMessage(locale, p)}`);
    return;
  }
  const outcome = result.dryRun ? 'cli.import.dryRun' : result.applied ? 'cli.import.imported' : 'cli.import.nothingToChange';
  out.log(translate(locale, outcome, { records, counts }));
  for (const change of result.changes) out.log(`  ${render(locale, change)}`);
}

const OPTIONS = {
  'dry-run': { type: 'boolean', default: false },
  format: { type: 'string' },
  role: { type: 'string' },
  region: { type: 'string' },
  municipality: { type: 'string' },
  service: { type: 'string' },
  sub: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  lang: { type: 'string' },
} as const;

/** The command, callable in-process (tests): returns the exit code. */
export async function importCli(args: string[], env: NodeJS.ProcessEnv, out: CliOutput): Promise<number> {
  // Bokmål unless --lang or LC_ALL / LC_MESSAGES / LANG say English, or DEFAULT_LANGUAGE=en (docs/i18n.md).
  const locale = localeOfCli(langArgument(args), env, env.DEFAULT_LANGUAGE === 'en' ? 'en' : 'nb');
  const usage = usageIn(locale);
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    // A wrong option is a usage error: one line saying which, then the usage (no stack trace).
    out.error(`${translate(locale, 'cli.import.badOption', { reason: (error as Error).message.split('\n')[0] })}\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out.log(usage);
    return 0;
  }
  const [kind, file] = positionals;
  const importer = importers.find((i) => i.kind === kind);
  // An import only a deployment-level role may run (the classification of municipalities: OPERATOR) needs no --role.
  if (!values.role && importer?.roles.length === 1 && ROLE_SCOPE[importer.roles[0]] === 'NONE') values.role = importer.roles[0];
  if (!importer || !file || !isRole(values.role) || values.role === Role.PUBLIC) {
    out.error(importer || !kind ? usage : `${translate(locale, 'cli.import.unknownKind', { kind })}\n${usage}`);
    return 2;
  }
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    out.error(translate(locale, 'cli.import.noSuchFile', { file }));
    return 2;
  }
  const format = values.format ?? readerFor(importer, { fileName: file })?.name ?? (path.extname(file).toLowerCase() === '.json' ? 'json' : 'csv');
  const formats = ['csv', 'json', ...(importer.readers ?? []).map((r) => r.name)];
  if (!formats.includes(format)) {
    out.error(`${translate(locale, 'cli.import.formatOneOf', { formats: formats.join(', '), kind: importer.kind })}\n${usage}`);
    return 2;
  }
  const config = loadConfig(env);
  const log = createLogger(env.LOG_LEVEL ?? 'warn');
  const db = await openCliDatabase(config, (m) => out.error(m), database);
  try {
    const sub = values.sub ?? `cli-${env.USER ?? 'operator'}`;
    let principal;
    try {
      principal = await db.app.transaction((em) =>
        resolvePrincipal(em, {
          sub,
          role: values.role as Role,
          region: values.region ?? (values.municipality ? undefined : 'nord-osterdal'),
          municipality: values.municipality,
          service: values.service,
        }),
      );
    } catch (error) {
      if (!(error instanceof UnknownScopeError)) throw error;
      out.error(translate(locale, 'cli.import.refusedScope', { reason: error.reason }));
      return 2;
    }
    const requestDb = new RequestDb(db.app, principal);
    const ctx = { requestId: `cli-${randomUUID()}`, principal, db: requestDb, loaders: new Loaders(requestDb), log, config };
    const size = fs.statSync(file).size;
    const bar = out.progress?.isTTY ? new SingleBar({ format: `${importer.kind} {bar} {percentage}% | {value}/{total} bytes`, stream: out.progress }) : undefined;
    bar?.start(size, 0);
    let result: ImportResult;
    try {
      result = await runImport(ctx, importer, fs.createReadStream(file), { format, dryRun: values['dry-run']!, fileName: path.basename(file), onProgress: (n) => bar?.update(n) });
      await requestDb.finish(true);
    } catch (error) {
      await requestDb.finish(false).catch(() => undefined);
      if (!(error instanceof GraphQLError)) throw error;
      out.error(translate(locale, 'cli.import.refusedBy', { reason: (localizeError(locale, error) as GraphQLError).message }));
      return 2;
    } finally {
      bar?.stop();
    }
    out.error(`(${db.via}; as ${principal.role} ${sub})`);
    print(result, out, locale);
    return result.problems.length ? 1 : 0;
  } finally {
    await db.close();
  }
}

if (require.main === module) {
  importCli(process.argv.slice(2), process.env, { log: (l) => console.log(l), error: (l) => console.error(l), progress: process.stderr }).then(
    (code) => process.exit(code),
    (error) => {
      // Not a problem of the file (the database is unreachable, a bug): say what, without a stack trace.
      console.error(`import failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
