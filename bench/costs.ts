import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Role } from '../src/auth/roles';
import type { Scenario, ScenarioSetup, TokenSpec } from './scenario-types';

/**
 * Benchmarks of the costs feature. Scenarios (autocannon, like every other): the published report
 * a municipal director reads (own lines and totals), the full report of the service as its leader,
 * the director's owned-services view, unacknowledged alerts, and a page of the ledger after the
 * large imports. Its `prepare` measures (once, before the scenarios) a ledger of 100 000 lines
 * through `npm run import -- ledger` (dry run; the import with its wall time and the command's peak
 * RSS; the same file again), 100 000 more lines over `POST /imports/ledger`, and preparing a report
 * on top of them.
 */

const DIRECTOR_FOLLDAL: TokenSpec = { role: Role.MUNICIPAL_DIRECTOR, municipality: '3429' };
const LEADER: TokenSpec = { role: Role.SERVICE_LEADER, service: 'barnevern', region: 'nord-osterdal' };
const HOST_FINANCE: TokenSpec = { role: Role.HOST_FINANCE, service: 'barnevern', region: 'nord-osterdal' };

const REPORT_QUERY = `query Report($period: String!) {
  costReports(period: $period, first: 10) { nodes { id period version status service { name }
    lines { municipality { number name } category { code name } budgetYtdOre actualYtdOre forecastOre deviationOre deviationPercent sharePercent } } }
}`;

const LINES = 100_000;
/** The repository root (this file runs from dist/bench/). */
const ROOT = path.resolve(__dirname, '..', '..');

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
function importCommand(dataDir: string, file: string, dryRun = false): Promise<{ seconds: number; peakRssMB: number; code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const preload = path.join(ROOT, 'dist', 'bench', 'peak-rss.js');
    // The node flags of package.json's "import" script (a streaming import needs no large heap).
    const child = spawn(
      process.execPath,
      [
        '--optimize-for-size',
        '--require',
        preload,
        path.join(ROOT, 'dist', 'scripts', 'import.js'),
        'ledger',
        file,
        ...(dryRun ? ['--dry-run'] : []),
        '--role',
        'HOST_FINANCE',
        '--service',
        'barnevern',
        '--region',
        'nord-osterdal',
      ],
      {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
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

/** The large imports, once before the scenarios; the lines go into bench/results.md. */
async function importLedgers(setup: ScenarioSetup): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(setup.dataDir, 'ledger-'));
  try {
    const cliFile = ledgerFile(dir, 'CLI', LINES);
    const httpFile = ledgerFile(dir, 'HTTP', LINES);
    const mb = round(fs.statSync(cliFile).size / 1024 / 1024);
    const dry = await importCommand(setup.dataDir, cliFile, true);
    if (dry.code !== 0 || !dry.output.includes(`dry run, would be: ${LINES} new`)) throw new Error(`dry run failed:\n${dry.output.slice(-2000)}`);
    const first = await importCommand(setup.dataDir, cliFile);
    if (first.code !== 0 || !first.output.includes(`imported: ${LINES} new`)) throw new Error(`ledger import failed:\n${first.output.slice(-2000)}`);
    const again = await importCommand(setup.dataDir, cliFile);
    if (again.code !== 0 || !again.output.includes(`${LINES} unchanged`)) throw new Error(`second import changed something:\n${again.output.slice(-2000)}`);

    const started = process.hrtime.bigint();
    const res = await setup.post('/imports/ledger', fs.readFileSync(httpFile, 'utf8'), 'text/csv', HOST_FINANCE);
    const httpSeconds = round(Number(process.hrtime.bigint() - started) / 1e9);
    if (res.status !== 200 || res.body.inserted !== LINES) throw new Error(`HTTP import failed (${res.status}): ${JSON.stringify(res.body).slice(0, 500)}`);

    // A report on top of 200 000 more entries: the sums are grouped in SQL.
    const serviceId = (await setup.gql<any>('{ costReports(period: "2024-12", first: 1) { nodes { service { id } } } }', undefined, HOST_FINANCE)).costReports.nodes[0].service.id;
    const prepareStarted = process.hrtime.bigint();
    const prepared = await setup.gql<any>(
      `mutation($i: PrepareCostReportInput!) { prepareCostReport(input: $i) { report { version } userErrors { message } } }`,
      { i: { serviceId, period: '2024-12', correctionReason: 'Benchmark: 200 000 more ledger lines' } },
      HOST_FINANCE,
    );
    const prepareSeconds = round(Number(process.hrtime.bigint() - prepareStarted) / 1e9);
    if (prepared.prepareCostReport.userErrors.length) throw new Error(JSON.stringify(prepared.prepareCostReport.userErrors));
    return [
      `ledger import, ${LINES.toLocaleString('en').replace(/,/g, ' ')} lines (${mb} MB CSV), \`npm run import -- ledger\`: ${round(first.seconds)} s, peak RSS of the command ${first.peakRssMB} MB; dry run ${round(dry.seconds)} s; the same file again (all unchanged) ${round(again.seconds)} s`,
      `ledger import, ${LINES.toLocaleString('en').replace(/,/g, ' ')} more lines over \`POST /imports/ledger\`: ${httpSeconds} s`,
      `prepareCostReport (barnevern 2024-12) over the 200 000 more ledger entries: ${prepareSeconds} s`,
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const COST_SCENARIOS: Scenario[] = [
  { name: 'costReports (director, own lines)', query: REPORT_QUERY, variables: { period: '2024-09' }, token: DIRECTOR_FOLLDAL },
  { name: 'costReports (leader, every line)', query: REPORT_QUERY, variables: { period: '2024-09' }, token: LEADER },
  {
    name: 'ownedServiceCosts',
    query: '{ ownedServiceCosts(year: 2024) { service { name } sharePercent population report { period version } own { actualYtdOre forecastOre deviationPercent } total { actualYtdOre } } }',
    token: DIRECTOR_FOLLDAL,
  },
  {
    name: 'costAlerts(acknowledged: false)',
    query: '{ costAlerts(acknowledged: false, first: 20) { totalCount nodes { period message municipality { name } category { name } } } }',
    token: DIRECTOR_FOLLDAL,
  },
  {
    name: 'ledgerEntries (after +200 000 lines)',
    query: 'query($p: String!) { ledgerEntries(period: $p, first: 20) { totalCount nodes { voucher voucherLine postingDate amountOre category { code } municipality { number } } } }',
    variables: { p: '2024-06' },
    token: HOST_FINANCE,
    prepare: importLedgers,
  },
];
