import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

/**
 * The persistence layer reaches TypeORM, pg and type-graphql only through their public,
 * documented APIs (issue 18): no library field written from outside, no library method replaced,
 * no cast that reaches an internal shape. A minor upgrade of a library then cannot silently break
 * the request transaction, savepoints or authorization. This test reads the source and names each
 * offending line.
 */
const ROOT = join(__dirname, '..', '..');
const SCANNED = ['src', 'scripts', 'bench'];

/** What is forbidden, each with the reason a reviewer reads in the failure. */
const FORBIDDEN: { pattern: RegExp; why: string }[] = [
  {
    pattern: /\b(?:databaseConnection|transactionDepth|isTransactionActive|isReleased|releaseCallback|connectedQueryRunners)\s*(?:=(?![=>])|\+=|-=|\+\+|--)/,
    why: "writes a TypeORM QueryRunner's internal state",
  },
  { pattern: /\.driver\s+as\s+unknown\s+as\b/, why: "casts TypeORM's driver to reach its internals" },
  { pattern: /driver\)?\s*\.\s*(?:master|slaves|pool)\b/, why: "reaches the pool inside TypeORM's driver" },
  { pattern: /\.query\s*=(?![=>])/, why: 'replaces a query method (monkey-patching)' },
  { pattern: /\.\s*_[A-Za-z]\w*\s*=(?![=>])/, why: 'writes an underscore (private) field of another object' },
  { pattern: /\b[A-Z]\w*\.prototype\.\w+\s*=(?![=>])/, why: "replaces a method on a class's prototype (monkey-patching)" },
  { pattern: /\.resolve\s*=(?![=>])/, why: "replaces a field resolver of a built schema (use type-graphql's documented options)" },
  {
    pattern: /\b(?:ds|dataSource|driver|runner|queryRunner|manager|em|tx|connection|pool|client|schema|storage|field)\b[\w.]*\)?\s+as\s+unknown\s+as\s+(?:\{|\w*Internals\b)/,
    why: 'casts a library object to an assumed internal shape',
  },
  { pattern: /as\s+unknown\s+as\s+\{[^}]*\b(?:master|databaseConnection|transactionDepth|isTransactionActive|releaseCallback)\b/, why: 'casts to a shape naming a library internal' },
];

function offences(text: string): { line: number; text: string; why: string }[] {
  const found: { line: number; text: string; why: string }[] = [];
  text.split('\n').forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, '');
    if (/^\s*\*/.test(code)) return; // a doc comment line
    for (const f of FORBIDDEN) if (f.pattern.test(code)) found.push({ line: i + 1, text: line.trim(), why: f.why });
  });
  return found;
}

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

it('recognises each forbidden pattern (the lines the read path used to have) and leaves public API calls alone', () => {
  const old = [
    'const pool = (this.ds.driver as unknown as { master: Pool }).master;',
    'internals.databaseConnection = this.client!;',
    'internals.transactionDepth = 1;',
    'internals.isTransactionActive = true;',
    '(this.runner as unknown as RunnerInternals).isTransactionActive = false;',
    "runner.query = ((...args: unknown[]) => this.enqueue(() => query(...args))) as QueryRunner['query'];",
    'const internals = runner as unknown as RunnerInternals;',
    'field.resolve = undefined;',
    'client._ending = true;',
    'PostgresQueryRunner.prototype.query = patched;',
  ];
  for (const line of old) expect([line, offences(line).length > 0]).toEqual([line, true]);
  const allowed = [
    'this.client = (await runner.connect()) as PoolClient;',
    'if (runner && this.started && runner.isTransactionActive) {',
    'if (runner && !runner.isReleased) await runner.release();',
    'runner.data = { counter: this.counter };',
    'const result = await em.transaction(async (tx) => run(tx));',
    'const versionId = (input as unknown as { versionId: string }).versionId;',
    'if (x.transactionDepth === 1) return;',
  ];
  for (const line of allowed) expect([line, offences(line)]).toEqual([line, []]);
});

it('finds none of them in src/, scripts/ or bench/', () => {
  const files = SCANNED.flatMap((d) => sourceFiles(join(ROOT, d)));
  expect(files.some((f) => f.endsWith(join('src', 'db', 'request-db.ts')))).toBe(true);
  const found = files.flatMap((file) => offences(readFileSync(file, 'utf8')).map((o) => `${relative(ROOT, file)}:${o.line}: ${o.why}: ${o.text}`));
  expect(found).toEqual([]);
});
