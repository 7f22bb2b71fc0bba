import 'reflect-metadata';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Client } from 'pg';
import { Role } from '../src/auth/roles';
import type { TokenSpec } from './scenario-types';
import { BenchServer, setupFor, tokenFor } from './run';
import { loadNational, NATIONAL, nationalData, NationalRow } from './statistics';
import { apiHeapArgs, mb, procStatusKb, sleep } from './util';

/**
 * The memory of a JSON import (issue #23), measured on the real API (`node dist/src/main.js`, a
 * child process with its own embedded PostgreSQL, production mode): a statistics import posted as
 * JSON records (`[{kommunenummer, period, metric, value}, …]`) and as SSB JSON-stat 2.0 (`value`
 * before `dimension`), at two sizes of the synthetic national table of bench/statistics.ts —
 * 356 municipalities × 4 years × 12 months × 6 metrics = 102,528 observations, and × 10 years × 12
 * metrics = 512,640 — each as a dry run (read, validated, checked and written in batches, then rolled
 * back: the whole import's work, repeatable). Before each import the API is restarted, so its peak
 * resident set size (VmHWM of /proc/<pid>/status) is that import's. Not part of `npm run bench`.
 *
 *   npm run -s build && npx tsc -p tsconfig.bench.json && node dist/bench/json-import.js [--heap-mb 192] [--sizes 100k,513k,1m] [--out FILE]
 *
 * `--heap-mb N` starts the API with --max-old-space-size=N (BENCH_API_HEAP_MB; default the deployed
 * budget, package.json config.api_heap_mb; 0 = V8's default); `--sizes` picks the files
 * (default 100k,513k; 1m = 1,025,280 observations, 24 metrics, ~90 MB of JSON records). Prints a Markdown table
 * (and writes it as JSON to --out). The figures are in docs/scaling.md ("Streaming JSON imports").
 */

const LEADER: TokenSpec = { role: Role.SERVICE_LEADER, region: NATIONAL.region, service: NATIONAL.service };
const METRICS = ['bench_reports', 'bench_investigations_started', 'bench_investigations_closed', 'bench_children_support', 'bench_children_care', 'bench_placements'];
/** Further sets of the six metrics (defined by prepare), for larger files of the same counts. */
const COPIES = ['_b', '_c', '_d'];

/** The national rows `times` over: the same counts under `times` sets of six metrics. */
function repeated(rows: NationalRow[], times: number): NationalRow[] {
  return rows.concat(...COPIES.slice(0, times - 1).map((suffix) => rows.map((r) => ({ ...r, metric: `${r.metric}${suffix}` }))));
}

/** The files measured: `--sizes 100k,513k` (default) and/or `1m` (1,025,280 observations, ~90 MB of JSON records). */
const SIZES: Record<string, () => NationalRow[]> = {
  '100k': () => nationalData(4).rows,
  '513k': () => repeated(nationalData(NATIONAL.years).rows, 2),
  '1m': () => repeated(nationalData(NATIONAL.years).rows, 4),
};

function asRecords(rows: NationalRow[]): string {
  return JSON.stringify(rows.map((r) => ({ kommunenummer: r.kommunenummer, period: `${r.year}-${String(r.month).padStart(2, '0')}`, metric: r.metric, value: r.value })));
}

/** SSB's JSON-stat 2.0 of the same rows (Region × ContentsCode × Tid, months as "2020M01"), its values first. */
function asJsonStat(rows: NationalRow[]): string {
  const regions = [...new Set(rows.map((r) => r.kommunenummer))];
  const metrics = [...new Set(rows.map((r) => r.metric))];
  const months = [...new Set(rows.map((r) => `${r.year}M${String(r.month).padStart(2, '0')}`))].sort();
  const at = (list: string[]) => new Map(list.map((c, i) => [c, i]));
  const [ri, mi, ti] = [at(regions), at(metrics), at(months)];
  const value: (number | null)[] = new Array(regions.length * metrics.length * months.length).fill(null);
  for (const r of rows) value[(ri.get(r.kommunenummer)! * metrics.length + mi.get(r.metric)!) * months.length + ti.get(`${r.year}M${String(r.month).padStart(2, '0')}`)!] = r.value;
  const index = (list: string[]) => ({ category: { index: Object.fromEntries(list.map((c, i) => [c, i])), label: Object.fromEntries(list.map((c) => [c, c])) } });
  return JSON.stringify({
    value,
    version: '2.0',
    class: 'dataset',
    label: 'synthetic national table (bench/json-import.ts)',
    id: ['Region', 'ContentsCode', 'Tid'],
    size: [regions.length, metrics.length, months.length],
    role: { geo: ['Region'], metric: ['ContentsCode'], time: ['Tid'] },
    dimension: { Region: index(regions), ContentsCode: index(metrics), Tid: index(months) },
  });
}

interface Measured {
  file: string;
  observations: number;
  mb: number;
  status: number | string;
  records?: number;
  seconds: number;
  peakRssMb: number | null;
}

async function prepare(server: BenchServer): Promise<void> {
  const setup = setupFor(server);
  const owner = new Client({ connectionString: server.ownerUrl() });
  await owner.connect();
  try {
    // The region, municipalities, service and six metrics of bench/statistics.ts (with one year imported).
    await loadNational(setup, owner, 1);
  } finally {
    await owner.end();
  }
  const admin: TokenSpec = { role: Role.REGION_ADMIN, region: NATIONAL.region };
  for (const code of COPIES.flatMap((suffix) => METRICS.map((m) => `${m}${suffix}`))) {
    const input = { serviceKind: 'OTHER', code, name: code, unit: 'count', aggregation: code.includes('children') || code.includes('placements') ? 'STOCK' : 'FLOW', finestPeriod: 'MONTH' };
    await setup.gql(`mutation($input: DefineStatisticsMetricInput!) { defineStatisticsMetric(input: $input) { userErrors { message } } }`, { input }, admin);
  }
}

/** A POST that waits as long as the import takes (fetch gives up after 300 s without an answer's headers). */
function postWithoutTimeout(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { ...headers, connection: 'close' }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function measure(server: BenchServer, file: string, observations: number, body: string): Promise<Measured> {
  await server.restart();
  await sleep(1000);
  const pid = server.child!.pid!;
  const token = await tokenFor(server, LEADER);
  const started = process.hrtime.bigint();
  let status: number | string;
  let records: number | undefined;
  try {
    const res = await postWithoutTimeout(`${server.url}/imports/statistics?dryRun=true`, { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body);
    const answer = JSON.parse(res.text) as { records?: number; problems?: { message: string }[] };
    status = res.status;
    records = answer.records;
    if (answer.problems?.length) status = `${res.status}: ${answer.problems[0].message.slice(0, 120)}`;
  } catch (error) {
    status = `failed: ${error instanceof Error ? error.message : String(error)}`;
    await sleep(1000); // for the child's exit to be seen below
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const hwm = procStatusKb(pid, 'VmHWM');
  if (server.child!.exitCode !== null || server.child!.signalCode !== null) status = `API exited (${server.child!.exitCode ?? server.child!.signalCode})`;
  return { file, observations, mb: Number((Buffer.byteLength(body) / 1e6).toFixed(1)), status, records, seconds: Number(seconds.toFixed(1)), peakRssMb: hwm === null ? null : mb(hwm) };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const heap = args.includes('--heap-mb') ? args[args.indexOf('--heap-mb') + 1] : undefined;
  const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : undefined;
  const sizes = (args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : '100k,513k').split(',');
  const unknown = sizes.filter((s) => !SIZES[s]);
  if (unknown.length) throw new Error(`unknown size(s) ${unknown.join(', ')}: use ${Object.keys(SIZES).join(', ')}`);
  // The server's own --max-old-space-size (BenchServer: the deployed budget) would override one in NODE_OPTIONS.
  if (heap) process.env.BENCH_API_HEAP_MB = heap;
  const heapArgs = apiHeapArgs(path.resolve(__dirname, '..', '..'));
  const server = new BenchServer('production');
  const results: Measured[] = [];
  try {
    await server.start();
    await prepare(server);
    for (const size of sizes) {
      const rows = SIZES[size]();
      results.push(await measure(server, `JSON records ~${size}`, rows.length, asRecords(rows)));
      results.push(await measure(server, `JSON-stat ~${size}`, rows.length, asJsonStat(rows)));
    }
  } finally {
    const problems = await server.stop();
    if (problems.length) console.error(problems.join('\n'));
  }
  const lines = [
    `API heap: ${heapArgs.length ? heapArgs.join(' ') : 'V8 default'}`,
    '| file | observations | MB | answer | seconds | API peak RSS (MB) |',
    '|---|---:|---:|---|---:|---:|',
    ...results.map((r) => `| ${r.file} | ${r.observations.toLocaleString('en')} | ${r.mb} | ${r.status} | ${r.seconds} | ${r.peakRssMb ?? '?'} |`),
  ];
  console.log(lines.join('\n'));
  if (out) fs.writeFileSync(path.resolve(out), JSON.stringify({ heap: heapArgs.join(' ') || null, results }, null, 2) + '\n');
}

main().catch((error) => {
  console.error(`json-import bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
