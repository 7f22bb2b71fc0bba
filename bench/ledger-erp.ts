import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import { signToken } from '../src/auth/jwt';
import { Role } from '../src/auth/roles';
import { loadConfig } from '../src/config';
import { BenchServer } from './run';
import { loadAverage, mb, procStatusKb, round, sampleRssPeak } from './util';

/**
 * The `ledger-erp` import under load (issue 20): a generated ERP export of N lines in Windows-1252
 * (Visma Enterprise profile: `;`, decimal comma, `31.01.2024` dates, `-1 234,50` credits, æøå in
 * the text column), posted to `POST /imports/ledger-erp` of a production server with an embedded
 * PostgreSQL; the wall time and the server's RSS (VmRSS sampled every 20 ms during the import, and
 * before it) for each size, each on a fresh server (so one import's heap does not count in the
 * next), then the same file again on that server (all unchanged). Memory must not grow with the
 * file: the RSS of the sizes is printed side by side.
 *
 *   npm run build && npx tsc -p tsconfig.bench.json && node dist/bench/ledger-erp.js [--sizes 50000,100000]
 */

const USAGE =
  "usage: node dist/bench/ledger-erp.js [--sizes N,N,...] (default 50000,100000) [--canonical-first] (the canonical ledger CSV of as many other lines first) [--max-old-space-mb MB] (the server's old generation; default the deployed budget, package.json config.api_heap_mb; 0 = V8's default)";
const OWNERS = ['3424', '3426', '3427', '3428', '3429'];
const HEADER = 'Bilagsnr;Bilagsdato;Art;Ansvar;Funksjon;Prosjekt;Tekst;Beløp;Kommune';
const TEXTS = ['Lønn barnevernkonsulent', 'Fosterhjem – godtgjøring', 'Kjøp av tjenester, Ålesund', 'Refusjon Bærum', 'Tiltak i familien, Æsøy'];

/** `10 000,50` style: spaces group thousands, a decimal comma. */
const kroner = (ore: number) => {
  const sign = ore < 0 ? '-' : '';
  const abs = Math.abs(ore);
  return `${sign}${String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${String(abs % 100).padStart(2, '0')}`;
};

/**
 * Writes an ERP export of `n` lines for barnevern in 2024 (Windows-1252): shared lines on funksjon
 * 244 and 251, direct charges on 252 for the five owners, one credit in ten. No real person or
 * account is in it. Streams to disk a few thousand lines at a time.
 */
export function writeErpLedger(file: string, n: number, prefix: string): number {
  const out = fs.openSync(file, 'w');
  let bytes = 0;
  let rows: string[] = [HEADER];
  const flush = () => {
    const chunk = iconv.encode(rows.join('\r\n') + '\r\n', 'win1252');
    fs.writeSync(out, chunk);
    bytes += chunk.length;
    rows = [];
  };
  for (let i = 0; i < n; i++) {
    const month = String(1 + (i % 12)).padStart(2, '0');
    const day = String(1 + (i % 28)).padStart(2, '0');
    const kind = Math.floor(i / 12) % 3;
    const [funksjon, art, kommune] = kind === 0 ? ['2440', '10100', ''] : kind === 1 ? ['2510', '37000', ''] : ['2520', '37500', OWNERS[i % 5]];
    const ore = (100 + ((i * 7919) % 5_000_000)) * (i % 10 === 9 ? -1 : 1);
    rows.push(`${prefix}-${Math.floor(i / 4)};${day}.${month}.2024;${art};1${funksjon};${funksjon};;${TEXTS[i % TEXTS.length]};${kroner(ore)};${kommune}`);
    if (rows.length >= 5000) flush();
  }
  flush();
  fs.closeSync(out);
  return bytes;
}

/** The same rows as `writeErpLedger`, in the canonical `ledger` CSV (UTF-8, øre): the comparison under the same load. */
export function writeCanonicalLedger(file: string, n: number, prefix: string): void {
  const out = fs.openSync(file, 'w');
  let rows: string[] = ['voucher,voucher_line,posting_date,account,art,funksjon,amount_ore,kommunenummer'];
  for (let i = 0; i < n; i++) {
    const month = String(1 + (i % 12)).padStart(2, '0');
    const day = String(1 + (i % 28)).padStart(2, '0');
    const kind = Math.floor(i / 12) % 3;
    const [funksjon, art, kommune] = kind === 0 ? ['244', '101', ''] : kind === 1 ? ['251', '370', ''] : ['252', '375', OWNERS[i % 5]];
    const ore = (100 + ((i * 7919) % 5_000_000)) * (i % 10 === 9 ? -1 : 1);
    rows.push(`${prefix}-${Math.floor(i / 4)},${1 + (i % 4)},2024-${month}-${day},${art}-${funksjon},${art},${funksjon},${ore},${kommune}`);
    if (rows.length >= 5000) {
      fs.writeSync(out, rows.join('\n') + '\n');
      rows = [];
    }
  }
  fs.writeSync(out, rows.join('\n') + '\n');
  fs.closeSync(out);
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { sizes: { type: 'string' }, 'canonical-first': { type: 'boolean' }, 'max-old-space-mb': { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const sizes = (values.sizes ?? '50000,100000').split(',').map(Number);
  if (sizes.some((s) => !Number.isInteger(s) || s < 1)) {
    console.error(USAGE);
    return 2;
  }
  // Another cap of the server's old generation than the deployed budget (BenchServer passes
  // BENCH_API_HEAP_MB on; 0 = V8's default): an import whose live memory grew with the file would
  // fail with "heap out of memory" instead of only raising the RSS.
  const cap = values['max-old-space-mb'];
  if (cap !== undefined) {
    if (!/^\d+$/.test(cap)) {
      console.error(USAGE);
      return 2;
    }
    process.env.BENCH_API_HEAP_MB = cap;
    console.log(cap === '0' ? 'server heap: V8 default' : `server heap capped: --max-old-space-size=${cap}`);
  }
  const lines: string[] = [];
  const peaks: string[] = [];
  for (const [index, n] of sizes.entries()) {
    const measured = await measure(n, `ERP${index}`, values['canonical-first'] ?? false);
    lines.push(...measured.lines);
    peaks.push(`${n.toLocaleString('en').replace(/,/g, ' ')} lines: ${measured.peakMB} MB`);
  }
  lines.push(`ledger-erp server RSS peak by file size (each on a fresh server): ${peaks.join(', ')}`);
  console.log(`\n${lines.map((l) => `- ${l}`).join('\n')}`);
  return 0;
}

/** One size on a fresh production server: the import, then the same file again. */
async function measure(n: number, prefix: string, canonicalFirst: boolean): Promise<{ lines: string[]; peakMB: number }> {
  const server = new BenchServer('production');
  try {
    console.log(`starting a production server (data in ${server.dataDir}) ...`);
    await server.start();
    // Measured on a server restarted after the demo seed: a deployment does not seed in the API process.
    await server.restart();
    const pid = server.child!.pid!;
    // The files first: written between the last GraphQL request and the upload, a large one took
    // longer than the server's keep-alive timeout on a loaded machine, and the upload then went out
    // on the connection the server was closing ("other side closed").
    const file = path.join(server.dataDir, `erp-${n}.csv`);
    const bytes = writeErpLedger(file, n, prefix);
    const canonicalFile = path.join(server.dataDir, `canonical-${n}.csv`);
    writeCanonicalLedger(canonicalFile, n, `C${prefix}`);
    const config = loadConfig({ JWT_SECRET: server.jwtSecret, DATA_DIR: server.dataDir });
    const token = await signToken(config, { sub: 'bench-host-finance', role: Role.HOST_FINANCE, service: 'barnevern', region: 'nord-osterdal' }, '2h');
    const gql = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: 'mutation($i: DefineLedgerMappingInput!) { defineLedgerMapping(input: $i) { userErrors { message } } }',
        variables: { i: { serviceId: await serviceGid(server, token), profile: 'VISMA_ENTERPRISE', municipalityColumn: 'Kommune' } },
      }),
    }).then((r) => r.json() as Promise<any>);
    if (gql.errors || gql.data.defineLedgerMapping.userErrors.length) throw new Error(`defineLedgerMapping failed: ${JSON.stringify(gql)}`);

    const post = async (file: string, kind = 'ledger-erp') => {
      const before = procStatusKb(pid, 'VmRSS') ?? 0;
      const rss = sampleRssPeak(pid);
      const started = process.hrtime.bigint();
      const cpuBefore = cpuSeconds(pid);
      const res = await fetch(`${server.url}/imports/${kind}`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
        body: fs.createReadStream(file) as any,
        duplex: 'half',
      } as RequestInit);
      const body = (await res.json()) as any;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const cpu = cpuSeconds(pid) - cpuBefore;
      const peak = await rss.stop();
      if (res.status !== 200 || body.problems?.length) throw new Error(`import failed (HTTP ${res.status}): ${JSON.stringify(body).slice(0, 2000)}`);
      return { seconds: round(seconds), cpu: round(cpu), beforeMB: mb(before), peakMB: mb(peak), inserted: body.inserted as number, unchanged: body.unchanged as number };
    };

    const size = n.toLocaleString('en').replace(/,/g, ' ');
    console.log(`load average ${loadAverage()}`);
    const canonicalBefore = canonicalFirst ? await post(canonicalFile, 'ledger') : undefined;
    const first = await post(file);
    const again = await post(file);
    const canonical = canonicalBefore ?? (await post(canonicalFile, 'ledger'));
    const lines = [
      `ledger-erp, ${size} lines (${round(bytes / 1024 / 1024)} MB, Windows-1252), fresh production server (restarted after seeding): ${first.seconds} s (server CPU ${first.cpu} s), ${first.inserted} inserted; server RSS ${first.beforeMB} MB before, peak ${first.peakMB} MB during the import`,
      `ledger-erp, the same ${size} lines again: ${again.seconds} s, ${again.unchanged} unchanged; server RSS ${again.beforeMB} MB before, peak ${again.peakMB} MB`,
      `for comparison, on the same server ${canonicalFirst ? 'before them' : 'after them'}: the canonical \`ledger\` CSV of ${size} other lines: ${canonical.seconds} s; server RSS ${canonical.beforeMB} MB before, peak ${canonical.peakMB} MB (load average ${loadAverage()})`,
    ];
    for (const line of lines) console.log(line);
    return { lines, peakMB: first.peakMB };
  } finally {
    for (const problem of await server.stop()) console.error(problem);
  }
}

/** The server's CPU time so far (user + system, seconds; /proc/<pid>/stat in clock ticks of 1/100 s): on a shared machine a steadier figure than the wall time. */
function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function serviceGid(server: BenchServer, token: string): Promise<string> {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ costBudgets(year: 2024) { service { id } } }' }),
  }).then((r) => r.json() as Promise<any>);
  const id = res.data?.costBudgets?.[0]?.service?.id;
  if (!id) throw new Error(`no barnevern service found: ${JSON.stringify(res).slice(0, 500)}`);
  return id;
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
