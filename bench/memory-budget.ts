import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { signToken } from '../src/auth/jwt';
import { Role } from '../src/auth/roles';
import { loadConfig } from '../src/config';
import { BenchServer } from './run';
import { loadAverage, mb, procStatusKb, round, sampleRssPeak } from './util';

/**
 * The memory budget under the largest uploads the API accepts (issue 23: "one authenticated request
 * cannot push the process past its memory budget"; docs/scaling.md "Memory budget"). A production
 * server started as deployed (with the heap budget of package.json config.api_heap_mb; see
 * BENCH_API_HEAP_MB) gets, for each case, IMPORT_CONCURRENCY (2) uploads at once, each as large as its
 * kind accepts: the most records an import that holds its records keeps (population 100,000;
 * reference areas 50,000; KOSTRA accounts 200,000 lines), and JSON statistics files near IMPORT_LIMIT_MB. Every upload is a dry
 * run. Reported per case: the answers' status, seconds, the server's peak RSS, and whether the
 * process is still alive and ready afterwards. Exit code 1 if the server died or answered 5xx.
 *
 *   npm run build && npx tsc -p tsconfig.bench.json && node dist/bench/memory-budget.js [--json-mb 95]
 */

const USAGE = 'usage: node dist/bench/memory-budget.js [--json-mb MB] (size of each JSON statistics file; default 90, under IMPORT_LIMIT_MB)';

interface Case {
  name: string;
  kind: string;
  contentType: string;
  role: { role: Role; service?: string };
  write: (file: string) => { records: number; bytes: number };
}

/** Writes `n` lines made by `line(i)` after `head`, a few thousand at a time. */
function writeLines(file: string, head: string, n: number, line: (i: number) => string, separator = '\n', tail = ''): number {
  const out = fs.openSync(file, 'w');
  let bytes = fs.writeSync(out, head);
  let buffer: string[] = [];
  for (let i = 0; i < n; i++) {
    buffer.push(line(i));
    if (buffer.length >= 5000) {
      bytes += fs.writeSync(out, (i >= 5000 ? separator : '') + buffer.join(separator));
      buffer = [];
    }
  }
  if (buffer.length) bytes += fs.writeSync(out, (n > buffer.length ? separator : '') + buffer.join(separator));
  bytes += fs.writeSync(out, tail);
  fs.closeSync(out);
  return bytes;
}

const OWNERS = ['3424', '3426', '3427', '3428', '3429'];
// Metric codes of the catalogue (src/services/statistics/catalogue.ts); at most 28,800 distinct records, the rest repeat them, and a code the region has not defined is a problem too: the reading, checking and problem-keeping of the largest files that can be sent.
const METRICS = ['reports_received', 'investigations_started', 'investigations_closed', 'children_support_measures'];
/** A statistics record as JSON, unique per i (owner × month since 1900 × metric × a value). */
const statisticsJson = (i: number) =>
  JSON.stringify({
    kommunenummer: OWNERS[i % 5],
    period: `${1900 + (Math.floor(i / 60) % 120)}-${String(1 + (Math.floor(i / 5) % 12)).padStart(2, '0')}`,
    metric: METRICS[Math.floor(i / 7200) % 4],
    value: i % 1000,
  });

function cases(jsonMb: number): Case[] {
  // The records' average length (their periods and values grow a little along the file).
  const jsonRecords = Math.floor((jsonMb * 1024 * 1024) / (statisticsJson(999_999).length + 2));
  return [
    {
      name: 'population, 100,000 records (its maxRecords), CSV',
      kind: 'population',
      contentType: 'text/csv',
      role: { role: Role.REGION_ADMIN },
      write: (file) => ({ records: 100_000, bytes: writeLines(file, 'kommunenummer,year,aged_0_17\n', 100_000, (i) => `${1000 + Math.floor(i / 100)},${1900 + (i % 100)},${i % 5000}`) }),
    },
    {
      name: 'statistics-reference-areas, 50,000 records (its maxRecords), CSV',
      kind: 'statistics-reference-areas',
      contentType: 'text/csv',
      role: { role: Role.SERVICE_LEADER, service: 'barnevern' },
      write: (file) => ({
        records: 50_000,
        bytes: writeLines(
          file,
          'region,period,metric,value\n',
          50_000,
          (i) => `${String(1 + (i % 50)).padStart(2, '0')},${1900 + (Math.floor(i / 50) % 100)},metric_${Math.floor(i / 5000)},${i % 977}`,
        ),
      }),
    },
    {
      name: 'kostra-regnskap, 200,000 lines (its maxRecords), position-based',
      kind: 'kostra-regnskap',
      contentType: 'text/plain',
      role: { role: Role.HOST_FINANCE, service: 'barnevern' },
      // SSB's positions (test/costs/kostra-fixtures.ts): skjema 0A, 2023, region 342700 (Tynset), kontoklasse 1, funksjon 244/251/252, an art, beløp in 1000 kr.
      write: (file) => ({
        records: 200_000,
        bytes: writeLines(
          file,
          '',
          200_000,
          (i) => `0A2023 342700${' '.repeat(18)}1${['244', '251', '252'][i % 3].padEnd(4)}${['010', '020', '370'][Math.floor(i / 3) % 3]}${String(1 + (i % 999)).padStart(9)}`,
          '\r\n',
          '\r\n',
        ),
      }),
    },
    {
      name: `statistics, ${jsonMb} MB of JSON records (${jsonRecords.toLocaleString('en')} records)`,
      kind: 'statistics',
      contentType: 'application/json',
      role: { role: Role.SERVICE_LEADER, service: 'barnevern' },
      write: (file) => ({ records: jsonRecords, bytes: writeLines(file, '[', jsonRecords, statisticsJson, ',\n', ']\n') }),
    },
  ];
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'json-mb': { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const jsonMb = Number(values['json-mb'] ?? 90);
  if (!Number.isInteger(jsonMb) || jsonMb < 1) {
    console.error(USAGE);
    return 2;
  }
  const server = new BenchServer('production');
  const lines: string[] = [];
  let failed = false;
  try {
    await server.start();
    await server.restart();
    const pid = server.child!.pid!;
    const config = loadConfig({ JWT_SECRET: server.jwtSecret, DATA_DIR: server.dataDir });
    lines.push(`server heap limit ${heapLimit(server)}; load average ${loadAverage()}; RSS after restart ${mb(procStatusKb(pid, 'VmRSS') ?? 0)} MB`);
    for (const c of cases(jsonMb)) {
      const file = path.join(server.dataDir, `${c.kind}.upload`);
      const { records, bytes } = c.write(file);
      const token = await signToken(config, { sub: `bench-${c.role.role.toLowerCase()}`, ...c.role, region: 'nord-osterdal' }, '2h');
      const rss = sampleRssPeak(pid);
      const started = process.hrtime.bigint();
      const answers = await Promise.all(
        [0, 1].map(async () => {
          try {
            const res = await fetch(`${server.url}/imports/${c.kind}?dryRun=true`, {
              method: 'POST',
              headers: { 'content-type': c.contentType, authorization: `Bearer ${token}` },
              body: fs.createReadStream(file) as any,
              duplex: 'half',
            } as RequestInit);
            const body = (await res.json()) as { records?: number; problems?: { key?: string }[] };
            return `${res.status} (${body.records ?? '–'} records${body.problems?.length ? `, first problem ${body.problems[0].key}` : ''})`;
          } catch (error) {
            failed = true;
            return `no answer: ${(error as Error).message}`;
          }
        }),
      );
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const peak = await rss.stop();
      const alive = server.child!.exitCode === null && server.child!.signalCode === null && (await ready(server));
      if (!alive || answers.some((a) => /^5\d\d/.test(a))) failed = true;
      fs.rmSync(file);
      const line = `${c.name}, ${round(bytes / 1024 / 1024)} MB × 2 at once (dry run): ${answers.join(' / ')}; ${round(seconds, 1)} s; server peak RSS ${mb(peak)} MB; ${alive ? 'alive and ready' : `DIED (${server.child!.exitCode ?? server.child!.signalCode})\n${server.logTail(5)}`}; ${records.toLocaleString('en')} records each`;
      console.log(line);
      lines.push(line);
      if (!alive) break;
    }
  } finally {
    for (const problem of await server.stop()) console.error(problem);
  }
  console.log(`\n${lines.map((l) => `- ${l}`).join('\n')}`);
  return failed ? 1 : 0;
}

const heapLimit = (server: BenchServer) => {
  const match = /"heapLimitMb":(\d+)/.exec(fs.readFileSync(server.logFile, 'utf8'));
  return match ? `${match[1]} MB` : 'unknown';
};

async function ready(server: BenchServer): Promise<boolean> {
  try {
    return (await fetch(`${server.url}/readyz`)).status === 200;
  } catch {
    return false;
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
