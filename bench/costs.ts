import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Role } from '../src/auth/roles';
import type { Measurement, MeasurementContext, Scenario, TokenSpec } from './scenarios';

/**
 * Benchmarks of the costs feature. Scenarios (autocannon, like every other): the published report
 * a municipal director reads (own lines and totals), the full report of the service as its leader,
 * the director's owned-services view, unacknowledged alerts. Measurements (one run each): a ledger
 * of 100 000 lines through `npm run import -- ledger` (wall time and the command's peak RSS), the
 * same file again (idempotent: all unchanged), 100 000 more lines over HTTP, and preparing a report
 * on top of them.
 */

const DIRECTOR_FOLLDAL: TokenSpec = { role: Role.MUNICIPAL_DIRECTOR, municipality: '3429' };
const LEADER: TokenSpec = { role: Role.SERVICE_LEADER, service: 'barnevern', region: 'nord-osterdal' };
const HOST_FINANCE: TokenSpec = { role: Role.HOST_FINANCE, service: 'barnevern', region: 'nord-osterdal' };

const REPORT_QUERY = `query Report($period: String!) {
  costReports(period: $period, first: 10) { nodes { id period version status service { name }
    lines { municipality { number name } category { code name } budgetYtdOre actualYtdOre forecastOre deviationOre deviationPercent sharePercent } } }
}`;

export const COST_SCENARIOS: Scenario[] = [
  { name: 'costReports (director, own lines)', query: REPORT_QUERY, variables: { period: '2024-09' }, token: DIRECTOR_FOLLDAL },
  { name: 'costReports (leader, every line)', query: REPORT_QUERY, variables: { period: '2024-09' }, token: LEADER },
  {
    name: 'ownedServiceCosts',
    query: '{ ownedServiceCosts(year: 2024) { service { name } sharePercent population report { period version } own { actualYtdOre forecastOre deviationPercent } total { actualYtdOre } } }',
    token: DIRECTOR_FOLLDAL,
  },
  { name: 'costAlerts(acknowledged: false)', query: '{ costAlerts(acknowledged: false, first: 20) { totalCount nodes { period message municipality { name } category { name } } } }', token: DIRECTOR_FOLLDAL },
];

const LINES = 100_000;

/** A ledger of `n` lines for barnevern in 2024: shared lines (244, 251) and direct charges (252) for the five owners. */
function ledgerFile(dir: string, prefix: string, n: number): string {
  const file = path.join(dir, `${prefix}.csv`);
  const owners = ['3424', '3426', '3427', '3428', '3429'];
  const out = fs.openSync(file, 'w');
  const rows: string[] = ['voucher,voucher_line,posting_date,account,art,funksjon,amount_ore,kommunenummer'];
  for (let i = 0; i < n; i++) {
    const month = String(1 + (i % 12)).padStart(2, '0');
    const day = String(1 + (i % 28)).padStart(2, '0');
    const kind = Math.floor(i / 12) % 3;
    const [funksjon, art, kommune] = kind === 0 ? ['244', '010', ''] : kind === 1 ? ['251', '370', ''] : ['252', '375', owners[i % 5]];
    rows.push(`${prefix}-${Math.floor(i / 4)},${1 + (i % 4)},2024-${month}-${day},BENCH-${funksjon},${art},${funksjon},${100 + ((i * 7919) % 500_000)},${kommune}`);
    if (rows.length >= 5000) {
      fs.writeSync(out, rows.join('\n') + '\n');
      rows.length = 0;
    }
  }
  fs.writeSync(out, rows.join('\n') + '\n');
  fs.closeSync(out);
  return file;
}

/** Runs the built import command against the benchmark server's database; wall time, exit code and peak RSS. */
function importCommand(context: MeasurementContext, file: string, dryRun = false): Promise<{ seconds: number; peakRssMB: number; code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const preload = path.join(context.root, 'dist', 'bench', 'peak-rss.js');
    // The node flags of package.json's "import" script (a streaming import needs no large heap).
    const child = spawn(process.execPath, ['--optimize-for-size', '--require', preload, path.join(context.root, 'dist', 'scripts', 'import.js'), 'ledger', file, ...(dryRun ? ['--dry-run'] : []), '--role', 'HOST_FINANCE', '--service', 'barnevern', '--region', 'nord-osterdal'], {
      cwd: context.root,
      env: { ...process.env, DATA_DIR: context.dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', reject);
    child.on('exit', (code) => {
      const peak = /PEAK_RSS_KB=(\d+)/.exec(output);
      resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, peakRssMB: peak ? Math.round(Number(peak[1]) / 102.4) / 10 : NaN, code, output });
    });
  });
}

const round = (n: number) => Math.round(n * 100) / 100;

export const COST_MEASUREMENTS: Measurement[] = [
  {
    name: 'ledger import (100 000 lines)',
    async run(context) {
      const dir = fs.mkdtempSync(path.join(context.dataDir, 'ledger-'));
      const cliFile = ledgerFile(dir, 'CLI', LINES);
      const httpFile = ledgerFile(dir, 'HTTP', LINES);
      const bytes = fs.statSync(cliFile).size;
      const dry = await importCommand(context, cliFile, true);
      if (dry.code !== 0 || !dry.output.includes(`dry run, would be: ${LINES} new`)) throw new Error(`dry run failed:\n${dry.output.slice(-2000)}`);
      const first = await importCommand(context, cliFile);
      if (first.code !== 0 || !first.output.includes(`imported: ${LINES} new`)) throw new Error(`ledger import failed:\n${first.output.slice(-2000)}`);
      const again = await importCommand(context, cliFile);
      if (again.code !== 0 || !again.output.includes(`${LINES} unchanged`)) throw new Error(`second import changed something:\n${again.output.slice(-2000)}`);

      const token = await context.token(HOST_FINANCE);
      const rssBefore = context.serverRssMB();
      const started = process.hrtime.bigint();
      const res = await fetch(`${context.url}/imports/ledger`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` }, body: fs.readFileSync(httpFile) });
      const body = (await res.json()) as { inserted?: number };
      const httpSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (res.status !== 200 || body.inserted !== LINES) throw new Error(`HTTP import failed (${res.status}): ${JSON.stringify(body).slice(0, 500)}`);
      const rssAfter = context.serverRssMB();

      // A report on top of 200 000 more entries: the sums are grouped in SQL.
      const serviceId = ((await context.gql('{ costReports(period: "2024-12", first: 1) { nodes { service { id } } } }', HOST_FINANCE)) as any).costReports.nodes[0].service.id;
      const prepareStarted = process.hrtime.bigint();
      const prepared = (await context.gql(`mutation($i: PrepareCostReportInput!) { prepareCostReport(input: $i) { report { version } userErrors { message } } }`, HOST_FINANCE, { i: { serviceId, period: '2024-12', correctionReason: 'Benchmark: 200 000 more ledger lines' } })) as any;
      const prepareSeconds = Number(process.hrtime.bigint() - prepareStarted) / 1e9;
      if (prepared.prepareCostReport.userErrors.length) throw new Error(JSON.stringify(prepared.prepareCostReport.userErrors));
      fs.rmSync(dir, { recursive: true, force: true });
      return {
        'file MB': round(bytes / 1024 / 1024),
        'CLI dry run s': round(dry.seconds),
        'CLI import s': round(first.seconds),
        'CLI import peak RSS MB': first.peakRssMB,
        'CLI same file again s': round(again.seconds),
        'HTTP import s': round(httpSeconds),
        'server RSS before/after HTTP MB': `${rssBefore} / ${rssAfter}`,
        'prepareCostReport after +200 000 lines s': round(prepareSeconds),
      };
    },
  },
];
