import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { Role } from '../../src/auth/roles';
import { MUNICIPALITY_DASHBOARD } from '../../test/dashboards/queries';
import { BenchServer, post, tokenFor } from '../run';
import { mb, procStatusKb, round } from '../util';
import { startBackgroundWrites } from './background-writes';
import { DEFAULT_NATIONAL_DATA_DIR } from './cli';
import { NATIONAL, YEARS } from './generate';

/**
 * `node dist/bench/national/many-readers.js [--rate R] [--writes W] [--seconds T] [--periods P]`: the read-answer
 * cache as a country uses it, not as a load test hammers it. Every municipal director of the
 * generated national database (DATA_DIR, default .data/national) opens their own dashboard now and
 * then (one of the last P months) — R requests a second in all, each for a director drawn at random, sent whether or not the
 * previous ones have been answered — while W small writes a second commit in random regions
 * (background-writes.ts). A development-mode server counts each answer's SQL statements
 * (`extensions.sqlStatements`): 0 means it came from the cache (or from an identical request being
 * computed). Prints the share served so and the latencies. The figures are in docs/caching.md.
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', default: '10' },
      writes: { type: 'string', default: '1' },
      seconds: { type: 'string', default: '120' },
      periods: { type: 'string', default: '1' },
      production: { type: 'boolean', default: false },
    },
  });
  const rate = Number(values.rate);
  const writes = Number(values.writes);
  const seconds = Number(values.seconds);
  const periods = Number(values.periods);
  if (!(rate > 0 && writes >= 0 && seconds > 0 && Number.isInteger(periods) && periods >= 1 && periods <= 12)) throw new Error('--rate > 0, --writes >= 0, --seconds > 0 and --periods 1-12, please');
  // The months a director looks at: December of the last generated year and the months before it.
  const months = Array.from({ length: periods }, (_, i) => `${YEARS.last}-${String(12 - i).padStart(2, '0')}`);
  const dataDir = path.resolve(process.env.DATA_DIR || path.join(ROOT, DEFAULT_NATIONAL_DATA_DIR));
  // Production mode (--production) as deployed: no statement counts, so no share from the cache.
  const server = new BenchServer(values.production ? 'production' : 'development', { dataDir, seedDemo: false });
  await server.start();
  try {
    const db = new Client({ connectionString: server.ownerUrl() });
    await db.connect();
    const { rows } = await db.query<{ region: string; number: string }>(
      `SELECT r.code AS region, m.number FROM municipality m JOIN region r ON r.id = m.region_id WHERE r.code LIKE $1 ORDER BY m.number`,
      [`${NATIONAL.regionPrefix}%`],
    );
    await db.end();
    const readers = await Promise.all(rows.map(async (r) => ({ number: r.number, token: await tokenFor(server, { role: Role.MUNICIPAL_DIRECTOR, region: r.region, municipality: r.number }) })));
    const writer = writes > 0 ? await startBackgroundWrites(server.ownerUrl(), writes) : undefined;
    const answers: { ms: number; statements: number }[] = [];
    let failures = 0;
    const failed = new Map<string, number>();
    const fail = (why: string) => {
      failures++;
      failed.set(why, (failed.get(why) ?? 0) + 1);
    };
    const pending: Promise<void>[] = [];
    const started = Date.now();
    for (let i = 0; Date.now() - started < seconds * 1000; i++) {
      const reader = readers[Math.floor(Math.random() * readers.length)];
      const sent = Date.now();
      pending.push(
        post(server, JSON.stringify({ query: MUNICIPALITY_DASHBOARD, variables: { number: reader.number, period: months[Math.floor(Math.random() * months.length)] } }), reader.token)
          .then(({ status, json }) => {
            if (status !== 200 || json.errors?.length || (!values.production && json.extensions?.sqlStatements === undefined))
              fail(`HTTP ${status} ${String(json.errors?.[0]?.message ?? '').slice(0, 120)}`);
            else answers.push({ ms: Date.now() - sent, statements: json.extensions?.sqlStatements ?? -1 });
          })
          .catch((error: unknown) => fail(String(error).slice(0, 120))),
      );
      const wait = started + ((i + 1) * 1000) / rate - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    await Promise.all(pending);
    const written = await writer?.stop();
    const peakRssMB = server.child?.pid ? mb(procStatusKb(server.child.pid, 'VmHWM') ?? 0) : null;
    const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
    const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? null;
    const fromCache = answers.filter((a) => a.statements === 0).length;
    console.log(
      JSON.stringify({
        readers: readers.length,
        rate,
        writesPerSecond: writes,
        periods,
        written: written?.writes ?? 0,
        seconds,
        answers: answers.length,
        failures,
        ...(failed.size ? { failed: Object.fromEntries(failed) } : {}),
        fromCacheShare: values.production ? null : round(fromCache / Math.max(1, answers.length), 3),
        latencyMs: { p50: at(0.5), p95: at(0.95), p99: at(0.99) },
        serverPeakRssMB: peakRssMB,
      }),
    );
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
