import fs from 'node:fs';
import path from 'node:path';
import { Role } from '../../src/auth/roles';
import { generate15f } from '../kostra-15f';
import { BenchServer, BenchSettings, hasGraphqlError, machineInfo, Mode, post, runScenario, ScenarioResult, setupFor, tokenFor } from '../run';
import { mb, procStatusKb, round, sleep } from '../util';
import { DEFAULT_NATIONAL_DATA_DIR } from './cli';
import { startBackgroundWrites } from './background-writes';
import { countRows, YEARS } from './generate';
import { NATIONAL_DASHBOARDS, nationalScenarios, nationalTarget, NationalTarget } from './scenarios';

/**
 * `npm run bench -- --national`: the national scenarios (scenarios.ts) against the database
 * `npm run gen:national` filled, in its DATA_DIR (kept, never deleted). A development-mode server
 * first answers one request per scenario to count its SQL statements (`extensions.sqlStatements`,
 * only outside production), then a production-mode server (as deployed) takes every scenario at 10
 * and at 20 connections, and one KOSTRA 15F import over HTTP. Writes the "National" section of
 * bench/results.md and `national` in bench/results.json; the rest of both files stays as it was.
 */

const ROOT = path.resolve(__dirname, '..', '..', '..');
const OUT_DIR = path.join(ROOT, 'bench');
const MARK_START = '<!-- national:start -->';
const MARK_END = '<!-- national:end -->';
export const CONNECTION_STEPS = [10, 20] as const;
const IMPORT_INDIVIDS = 5_000;
/**
 * The file differs from run to run (a few hundred children more or fewer): the same file again
 * changes nothing and so is not applied (imports are idempotent), which would measure a no-op.
 */
function importIndivids(): number {
  return IMPORT_INDIVIDS + (Date.now() % 500);
}
/** Slow answers at national scale are measured, not cut off at the default bench's 10 s. */
const REQUEST_TIMEOUT_SECONDS = 120;

export const NATIONAL_SCENARIO_NAMES = nationalScenarios({ region: 'x', municipality: '0000', municipalities: 0, units: 0 }).map((s) => s.name);

export interface NationalReport {
  date: string;
  command: string;
  machine: ReturnType<typeof machineInfo>;
  dataDir: string;
  target: NationalTarget;
  rows: Record<string, number>;
  settings: { secondsPerScenario: number; warmupRequests: number; connections: number[]; backgroundWritesPerSecond?: number };
  /** BENCH_BACKGROUND_WRITES: what the background writer committed while the scenarios ran. */
  backgroundWrites?: { writes: number; failures: number; seconds: number; region?: string };
  scenarios: { name: string; sqlStatements: number | null; runs: (ScenarioResult & { connections: number })[] }[];
  import: { kind: string; individs: number; megabytes: number; seconds: number; serverRssMaxMB: number; status: number; applied: boolean };
  server: { peakRssMB: number };
  /** Scenario runs that could not be measured, and why. */
  failures: string[];
}

/** What a default run keeps of the files: the national section of results.md and `national` of results.json. */
export function keepNationalSection(outDir: string): { markdown: string; json: { national?: unknown } } {
  let markdown = '';
  let json: { national?: unknown } = {};
  try {
    const md = fs.readFileSync(path.join(outDir, 'results.md'), 'utf8');
    const a = md.indexOf(MARK_START);
    const b = md.indexOf(MARK_END);
    if (a >= 0 && b > a) markdown = `\n${md.slice(a, b + MARK_END.length)}\n`;
  } catch {
    // no file yet
  }
  try {
    const national = JSON.parse(fs.readFileSync(path.join(outDir, 'results.json'), 'utf8')).national;
    if (national) json = { national };
  } catch {
    // no file yet
  }
  return { markdown, json };
}

function writeNational(report: NationalReport): void {
  const mdFile = path.join(OUT_DIR, 'results.md');
  const section = nationalMarkdown(report);
  let md = fs.existsSync(mdFile) ? fs.readFileSync(mdFile, 'utf8') : '# Benchmark results\n';
  const a = md.indexOf(MARK_START);
  const b = md.indexOf(MARK_END);
  md = a >= 0 && b > a ? md.slice(0, a) + section + md.slice(b + MARK_END.length) : `${md.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(mdFile, md);
  const jsonFile = path.join(OUT_DIR, 'results.json');
  const json = fs.existsSync(jsonFile) ? JSON.parse(fs.readFileSync(jsonFile, 'utf8')) : {};
  fs.writeFileSync(jsonFile, JSON.stringify({ ...json, national: report }, null, 2) + '\n');
}

export function nationalMarkdown(r: NationalReport): string {
  const errors = (x: ScenarioResult) => x.non2xx + x.errors + x.timeouts + x.graphqlErrors;
  const at20 = r.scenarios.flatMap((s) => s.runs.filter((x) => x.connections === 20 && NATIONAL_DASHBOARDS.has(s.name)));
  const worstDashboardP95 = at20.length ? Math.max(...at20.map((x) => x.latencyMs.p95)) : null;
  const anyErrors = r.scenarios.some((s) => s.runs.some((x) => errors(x) > 0));
  const m = r.machine;
  return [
    MARK_START,
    '## National',
    '',
    `Produced by \`${r.command}\` on ${r.date} against the database of \`npm run gen:national\` (${r.dataDir}): ${Object.entries(r.rows)
      .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
      .join(', ')}.`,
    `Requests as the people of region \`${r.target.region}\` (${r.target.municipalities} municipalities, ${r.target.units} units) and its host municipality ${r.target.municipality}; periods ${YEARS.last}-12 / ${YEARS.first}–${YEARS.last}.`,
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGB} GB; 1-minute load average **${m.loadAverage1m}** at the start (the machine is shared with other work: figures compare, they do not measure capacity). Production-mode server; SQL/req from one request to a development-mode server on the same database.`,
    '',
    ...(r.backgroundWrites
      ? [
          `Meanwhile ${r.backgroundWrites.writes.toLocaleString('en')} writes in ${r.backgroundWrites.seconds} s (BENCH_BACKGROUND_WRITES=${r.settings.backgroundWritesPerSecond}: one small UPDATE at a time, each in ${r.backgroundWrites.region ? `region \`${r.backgroundWrites.region}\` alone` : 'a region drawn at random from the generated ones'}), ${r.backgroundWrites.failures} failed.`,
          '',
        ]
      : []),
    '| scenario | SQL/req | clients | req/s | p50 ms | p95 ms | p99 ms | errors | server RSS max MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...r.scenarios.flatMap((s) =>
      s.runs.map(
        (x) =>
          `| ${s.name} | ${s.sqlStatements ?? '–'} | ${x.connections} | ${x.requestsPerSecond} | ${x.latencyMs.p50} | ${x.latencyMs.p95} | ${x.latencyMs.p99} | ${errors(x)} | ${x.serverRssMaxMB} |`,
      ),
    ),
    '',
    `Import: KOSTRA 15F (${r.import.individs.toLocaleString('en')} <Individ>, ${r.import.megabytes} MB) through POST /imports/kostra-barnevern for ${r.target.municipality} ${YEARS.last}: HTTP ${r.import.status}, applied ${r.import.applied}, ${r.import.seconds} s, server RSS max ${r.import.serverRssMaxMB} MB (it replaces that municipality-year's generated figures).`,
    '',
    ...(r.failures.length ? ['Not measured:', '', ...r.failures.map((f) => `- ${f}`), ''] : []),
    `Server peak RSS (VmHWM of the production server, startup included): **${r.server.peakRssMB} MB** (target < 300 MB).`,
    `Targets at 20 clients: every dashboard p95 < 50 ms — worst dashboard p95 **${worstDashboardP95 ?? '–'} ms**${worstDashboardP95 !== null ? (worstDashboardP95 < 50 ? ' (met)' : ` (missed by ${round(worstDashboardP95 - 50, 1)} ms)`) : ''}; errors: ${anyErrors ? '**some** (see the table)' : 'none'}.`,
    MARK_END,
  ].join('\n');
}

async function importOnce(server: BenchServer, target: NationalTarget): Promise<NationalReport['import']> {
  const individs = importIndivids();
  const body = [...generate15f({ kommunenummer: target.municipality, year: YEARS.last, individs, marker: 'BENCH' })].join('');
  const token = await tokenFor(server, { role: Role.SERVICE_LEADER, service: 'barnevern', region: target.region });
  const pid = server.child!.pid!;
  let max = 0;
  const sample = setInterval(() => {
    const kb = procStatusKb(pid, 'VmRSS');
    if (kb && kb > max) max = kb;
  }, 50);
  const started = Date.now();
  try {
    const res = await fetch(`${server.url}/imports/kostra-barnevern?fileName=bench-national-${target.municipality}-${YEARS.last}.xml`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml', authorization: `Bearer ${token}` },
      body,
    });
    const json = (await res.json()) as { applied?: boolean; problems?: unknown[] };
    if (json.applied !== true) console.error(`import not applied: ${JSON.stringify(json).slice(0, 2000)}`);
    return {
      kind: 'kostra-barnevern',
      individs,
      megabytes: round(Buffer.byteLength(body) / 1e6, 1),
      seconds: round((Date.now() - started) / 1000, 1),
      serverRssMaxMB: mb(max),
      status: res.status,
      applied: json.applied === true,
    };
  } finally {
    clearInterval(sample);
  }
}

function commandLine(): string {
  const vars = ['BENCH_SECONDS', 'BENCH_WARMUP_REQUESTS', 'BENCH_SCENARIOS', 'BENCH_BACKGROUND_WRITES', 'BENCH_BACKGROUND_WRITES_REGION', 'DATA_DIR']
    .filter((n) => process.env[n])
    .map((n) => `${n}=${process.env[n]}`);
  return [...vars, 'npm run bench -- --national'].join(' ');
}

/** The whole national run; returns the exit code (0, or 1 when a request failed). */
export async function runNationalBench(settings: BenchSettings): Promise<number> {
  const dataDir = path.resolve(process.env.DATA_DIR || path.join(ROOT, DEFAULT_NATIONAL_DATA_DIR));
  if (!fs.existsSync(path.join(dataDir, 'pg'))) throw new Error(`no database in ${dataDir}: run \`npm run gen:national\` first (with the same DATA_DIR)`);
  const machine = machineInfo();
  let server: BenchServer | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping the benchmark server`);
    void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const start = async (mode: Mode) => {
    const s = new BenchServer(mode, { dataDir, seedDemo: false });
    console.log(`starting the ${mode} server on ${dataDir} ...`);
    await s.start();
    return s;
  };
  try {
    // 1. SQL statements per request, from the development server.
    server = await start('development');
    const target = await nationalTarget(server.ownerUrl());
    const rows = await countRowsAt(server.ownerUrl());
    const all = nationalScenarios(target);
    const scenarios = settings.nationalScenarios.length ? all.filter((s) => settings.nationalScenarios.includes(s.name)) : all;
    const sql = new Map<string, number | null>();
    for (const scenario of scenarios) {
      const resolved = typeof scenario.variables === 'function' ? await scenario.variables(setupFor(server)) : scenario.variables;
      const variables = Array.isArray(resolved) ? resolved[0] : resolved;
      const probe = await post(server, JSON.stringify({ query: scenario.query, variables }), await tokenFor(server, scenario.token));
      if (probe.status !== 200 || hasGraphqlError(probe.text)) throw new Error(`${scenario.name}: probe failed (HTTP ${probe.status}): ${probe.text.slice(0, 500)}`);
      sql.set(scenario.name, probe.json.extensions?.sqlStatements ?? null);
      console.log(`${scenario.name.padEnd(40)} SQL/req ${sql.get(scenario.name) ?? '–'}  (${Math.round(probe.text.length / 1024)} kB answer)`);
    }
    const devProblems = await server.stop();
    server = undefined;
    if (devProblems.length) throw new Error(devProblems.join('\n'));

    // 2. The load, in production mode.
    server = await start('production');
    const results: NationalReport['scenarios'] = [];
    const failures: string[] = [];
    const writer =
      settings.backgroundWritesPerSecond > 0 ? await startBackgroundWrites(server.ownerUrl(), settings.backgroundWritesPerSecond, process.env.BENCH_BACKGROUND_WRITES_REGION || undefined) : undefined;
    for (const scenario of scenarios) {
      const runs: NationalReport['scenarios'][number]['runs'] = [];
      for (const connections of CONNECTION_STEPS) {
        process.stdout.write(`${scenario.name.padEnd(40)} ${String(connections).padStart(2)} clients `);
        try {
          const r = await runScenario(server, scenario, { ...settings, connections }, { timeoutSeconds: REQUEST_TIMEOUT_SECONDS, minRequestsPerConnection: 2 });
          runs.push({ ...r, sqlStatements: sql.get(scenario.name) ?? null, connections });
          console.log(
            `${String(r.requestsPerSecond).padStart(7)} req/s  p50 ${r.latencyMs.p50} ms  p95 ${r.latencyMs.p95} ms  p99 ${r.latencyMs.p99} ms  errors ${r.non2xx + r.errors + r.timeouts + r.graphqlErrors}  RSS max ${r.serverRssMaxMB} MB`,
          );
        } catch (error) {
          // A scenario that cannot be measured (failed warm-up) is reported, and the run goes on.
          const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
          failures.push(`${scenario.name} at ${connections} clients: ${message}`);
          console.log(`not measured: ${message}`);
        }
      }
      results.push({ name: scenario.name, sqlStatements: sql.get(scenario.name) ?? null, runs });
    }
    const written = await writer?.stop();
    const backgroundWrites = written && { ...written, ...(process.env.BENCH_BACKGROUND_WRITES_REGION ? { region: process.env.BENCH_BACKGROUND_WRITES_REGION } : {}) };
    if (backgroundWrites) console.log(`background writes: ${JSON.stringify(backgroundWrites)}`);
    const imported = await importOnce(server, target);
    console.log(`import: ${JSON.stringify(imported)}`);
    await sleep(200);
    const peakRssMB = mb(procStatusKb(server.child!.pid!, 'VmHWM') ?? 0);
    const problems = await server.stop();
    server = undefined;
    if (problems.length) throw new Error(problems.join('\n'));
    const report: NationalReport = {
      date: new Date().toISOString(),
      command: commandLine(),
      machine,
      dataDir: path.relative(ROOT, dataDir) || dataDir,
      target,
      rows,
      settings: {
        secondsPerScenario: settings.seconds,
        warmupRequests: settings.warmupRequests,
        connections: [...CONNECTION_STEPS],
        ...(backgroundWrites ? { backgroundWritesPerSecond: settings.backgroundWritesPerSecond } : {}),
      },
      ...(backgroundWrites ? { backgroundWrites } : {}),
      scenarios: results,
      import: imported,
      server: { peakRssMB },
      failures,
    };
    writeNational(report);
    console.log(`\nserver peak RSS ${peakRssMB} MB; wrote the National section of bench/results.md and "national" in bench/results.json`);
    const failed = failures.length > 0 || results.some((s) => s.runs.some((x) => x.non2xx || x.errors || x.timeouts || x.graphqlErrors)) || imported.status !== 200 || !imported.applied;
    return failed ? 1 : 0;
  } finally {
    if (server) await server.stop();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

async function countRowsAt(ownerUrl: string): Promise<Record<string, number>> {
  const { DataSource } = await import('typeorm');
  const ds = new DataSource({ type: 'postgres', url: ownerUrl });
  await ds.initialize();
  try {
    return await countRows(ds);
  } finally {
    await ds.destroy();
  }
}
