import http from 'node:http';
// The same documents the tests reject (test/limits.test.ts).
import { HOSTILE_DOCUMENTS } from '../test/fixtures/hostile';
// The same hostile files and cut-off uploads the tests send (test/imports/hostile-uploads.test.ts).
import { HOSTILE_FILES, rawUpload, UploadOptions } from '../test/imports/hostile-files';
import { httpRequest, percentile, round } from './util';

/** As modern GraphQL clients send them: request errors are then 4xx. */
const json = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json;q=0.9' };

export interface HostileDocumentResult {
  kind: string;
  n: number;
  unit: string;
  /** Size of the JSON request body. */
  bytes: number;
  status: number;
  code: string | null;
  /** The limit that rejected it (extensions.limit), e.g. GRAPHQL_MAX_TOKENS. */
  limit: string | null;
  /** Client-side time from sending to the whole rejection, over `requests` sequential requests on one connection. */
  msMedian: number;
  msP95: number;
  msMax: number;
  requests: number;
}

/**
 * Time to rejection of each hostile document (bench/../test/fixtures/hostile.ts): a few warm-up
 * requests, then `repeat` sequential ones on one keep-alive connection. A document that is not
 * rejected with QUERY_TOO_COMPLEX is reported as a problem.
 */
export async function runHostileDocuments(url: string, repeat: number, report: (line: string) => void): Promise<{ results: HostileDocumentResult[]; problems: string[] }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const results: HostileDocumentResult[] = [];
  const problems: string[] = [];
  try {
    for (const doc of HOSTILE_DOCUMENTS) {
      for (const n of doc.sizes) {
        const body = JSON.stringify({ query: doc.build(n) });
        const send = () => httpRequest(`${url}/graphql`, 'POST', json, body, agent);
        for (let i = 0; i < 3; i++) await send();
        const times: number[] = [];
        let last = { status: 0, text: '' };
        for (let i = 0; i < repeat; i++) {
          const started = process.hrtime.bigint();
          last = await send();
          times.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
        times.sort((a, b) => a - b);
        let error: { extensions?: { code?: string; limit?: string } } | undefined;
        try {
          error = JSON.parse(last.text).errors?.[0];
        } catch {
          // reported below
        }
        const result: HostileDocumentResult = {
          kind: doc.kind,
          n,
          unit: doc.unit,
          bytes: Buffer.byteLength(body),
          status: last.status,
          code: error?.extensions?.code ?? null,
          limit: error?.extensions?.limit ?? null,
          msMedian: round(percentile(times, 50)),
          msP95: round(percentile(times, 95)),
          msMax: round(times[times.length - 1]),
          requests: repeat,
        };
        results.push(result);
        if (result.code !== 'QUERY_TOO_COMPLEX') problems.push(`${doc.kind} n=${n}: not rejected as QUERY_TOO_COMPLEX (HTTP ${last.status}: ${last.text.slice(0, 200)})`);
        report(`${`${doc.kind} n=${n}`.padEnd(32)} ${String(result.msMedian).padStart(7)} ms median  ${result.msMax} ms max  HTTP ${result.status} ${result.code} ${result.limit}`);
      }
    }
  } finally {
    agent.destroy();
  }
  return { results, problems };
}

export function hostileDocumentsMarkdown(results: HostileDocumentResult[], repeat: number): string[] {
  return [
    '## Hostile documents: time to rejection',
    '',
    `Each document of [test/fixtures/hostile.ts](../test/fixtures/hostile.ts) sent ${repeat} times in a row (after 3 warm-up requests) on one keep-alive connection to the same server, anonymous, accepting \`application/graphql-response+json\`; time from sending the request to the whole response, as the client sees it. Every one must be rejected with \`QUERY_TOO_COMPLEX\`; "limit" is the limit that rejected it.`,
    '',
    '| document | n | request bytes | HTTP | code | limit | median ms | p95 ms | max ms |',
    '|---|---:|---:|---:|---|---|---:|---:|---:|',
    ...results.map((r) => `| ${r.kind} | ${r.n} ${r.unit} | ${r.bytes} | ${r.status} | ${r.code ?? '–'} | ${r.limit ?? '–'} | ${r.msMedian} | ${r.msP95} | ${r.msMax} |`),
    '',
  ];
}

/** One kind of malformed or hostile request of the traffic run. */
interface HostileRequest {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const post = (name: string, body: string | object, headers: Record<string, string> = json): HostileRequest => ({
  name,
  method: 'POST',
  path: '/graphql',
  headers,
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/**
 * The request mix of the hostile-traffic run, sized to the server's body limit (`limit` bytes):
 * bodies just under it (long strings in literals and variables, huge documents, wide, long and deep
 * JSON), one twice over it, the hostile documents, and every kind of malformed request the issue
 * found.
 */
export function hostileRequests(limit: number): HostileRequest[] {
  const room = limit - 300; // for the JSON around the payload
  const fill = (unit: number) => Math.floor(room / unit);
  const longString = 'x'.repeat(room);
  return [
    post('body just under BODY_LIMIT (unused variable)', { query: '{ __typename }', variables: { pad: longString } }),
    post('body twice BODY_LIMIT', { query: '{ __typename }', variables: { pad: longString + longString } }),
    post('huge document (aliases)', { query: `{ ${Array.from({ length: fill(20) }, (_, i) => `a${i}: __typename`).join(' ')} }` }),
    post('huge document (unknown fields)', { query: `{ ${Array.from({ length: fill(8) }, (_, i) => `f${i}`).join(' ')} }` }),
    post('long string literal', { query: `{ region(code: "${longString}") { name } }` }),
    post('long string variable', { query: 'query($c: String) { region(code: $c) { name } }', variables: { c: longString } }),
    post('wide JSON variables', { query: '{ __typename }', variables: Object.fromEntries(Array.from({ length: fill(16) }, (_, i) => [`v${i}`, i])) }),
    post('long list variable', { query: '{ __typename }', variables: { ids: Array.from({ length: fill(9) }, (_, i) => String(i)) } }),
    post('deep JSON variables', `{"query":"{ __typename }","variables":{"x":${'['.repeat(fill(2))}${']'.repeat(fill(2))}}}`),
    post('100 validation errors', { query: `{ ${Array.from({ length: 150 }, (_, i) => `unknownField${i}`).join(' ')} }` }),
    ...HOSTILE_DOCUMENTS.map((doc) => post(`${doc.kind} n=${doc.sizes[doc.sizes.length - 1]}`, { query: doc.build(doc.sizes[doc.sizes.length - 1]) })),
    post('malformed JSON', '{"query": "{ __typename }",'),
    post('NUL in a literal', { query: '{ strategicPlans(regionCode: "\\u0000") { totalCount } }' }),
    post('NUL in a variable', { query: 'query($c: String) { region(code: $c) { name } }', variables: { c: 'nord\u0000' } }),
    post('unknown operationName', { query: '{ viewer { role } }', operationName: 'X' }),
    post('subscription over POST', { query: 'subscription { costAlertRaised { id } }' }),
    post('APQ hash mismatch', { query: '{ viewer { role } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }),
    post('wrong variable type', { query: 'query($n: Int) { units(first: $n) { totalCount } }', variables: { n: 'abc' } }),
    post('invalid token', { query: '{ viewer { role } }' }, { ...json, authorization: 'Bearer not.a.token' }),
    { name: 'GET with operationName', method: 'GET', path: `/graphql?query=${encodeURIComponent('{ viewer { role } }')}&operationName=X`, headers: json },
  ];
}

export interface HostileTrafficResult {
  /** The server's BODY_LIMIT, to which the request mix is sized. */
  bodyLimit: string;
  requests: number;
  connections: number;
  seconds: number;
  byStatus: Record<string, number>;
  /** Answers per kind of request, by HTTP status. */
  byKind: Record<string, Record<string, number>>;
  /** Requests that got no HTTP answer (connection errors, 10 s timeouts). */
  errors: number;
  /** VmHWM of a fresh server process after the run (startup included). */
  serverPeakRssMB: number;
  /** VmRSS right after startup, before the run. */
  serverStartRssMB: number;
  /** VmRSS right after the run. */
  serverAfterRunRssMB: number;
  /** VmRSS after `idleSeconds` without requests. */
  serverIdleRssMB: number;
  idleSeconds: number;
  /** `GET /healthz` every 50 ms on a connection of its own during the run: how long the server made it wait. */
  healthz: HealthzProbe;
  kinds: string[];
}

export interface HealthzProbe {
  probes: number;
  msP50: number;
  msP99: number;
  msMax: number;
  /** Probes without an answer within 10 s. */
  failed: number;
}

/**
 * Asks `GET /healthz` every `everyMs` on a keep-alive connection of its own until stopped: the
 * time to its answer is what any client waits while the event loop is busy with something else.
 */
export function probeHealthz(url: string, everyMs = 50): { stop(): Promise<HealthzProbe> } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  let failed = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = process.hrtime.bigint();
      try {
        await httpRequest(`${url}/healthz`, 'GET', {}, undefined, agent);
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      } catch {
        failed += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      agent.destroy();
      times.sort((a, b) => a - b);
      return { probes: times.length + failed, msP50: round(percentile(times, 50)), msP99: round(percentile(times, 99)), msMax: round(times[times.length - 1] ?? 0), failed };
    },
  };
}

/**
 * Sends `total` requests cycling through hostileRequests() from `connections` concurrent senders on
 * keep-alive connections, and counts the answers by HTTP status and by kind. The caller reads the
 * server's peak RSS afterwards.
 */
export async function runHostileTraffic(
  url: string,
  bodyLimit: number,
  total: number,
  connections: number,
): Promise<Omit<HostileTrafficResult, 'serverPeakRssMB' | 'serverStartRssMB' | 'serverAfterRunRssMB' | 'serverIdleRssMB' | 'idleSeconds' | 'bodyLimit'>> {
  const requests = hostileRequests(bodyLimit);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const byStatus: Record<string, number> = {};
  const byKind: Record<string, Record<string, number>> = {};
  let sent = 0;
  let errors = 0;
  const started = process.hrtime.bigint();
  const healthz = probeHealthz(url);
  const sender = async () => {
    while (sent < total) {
      const request = requests[sent++ % requests.length];
      let status: string;
      try {
        status = String((await httpRequest(url + request.path, request.method, request.headers, request.body, agent)).status);
      } catch {
        errors += 1;
        status = 'error';
      }
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      const kind = (byKind[request.name] ??= {});
      kind[status] = (kind[status] ?? 0) + 1;
    }
  };
  let probe: HealthzProbe;
  try {
    await Promise.all(Array.from({ length: connections }, sender));
  } finally {
    agent.destroy();
    probe = await healthz.stop();
  }
  return {
    healthz: probe,
    requests: total,
    connections,
    seconds: round(Number(process.hrtime.bigint() - started) / 1e9, 1),
    byStatus,
    byKind,
    errors,
    kinds: requests.map((r) => r.name),
  };
}

export function hostileTrafficMarkdown(r: HostileTrafficResult): string[] {
  return [
    '## Hostile traffic: server memory and responsiveness',
    '',
    `A fresh server (own PostgreSQL, default limits, NODE_ENV=production) gets ${r.requests} requests from ${r.connections} concurrent senders (keep-alive) in ${r.seconds} s, cycling through ${r.kinds.length} kinds of malformed or hostile request sized to its BODY_LIMIT of ${r.bodyLimit} ([bench/hostile.ts](hostile.ts)).`,
    '',
    `- Server RSS after startup: ${r.serverStartRssMB} MB; **peak RSS (VmHWM) over the run: ${r.serverPeakRssMB} MB**; RSS right after the run: ${r.serverAfterRunRssMB} MB; **after ${r.idleSeconds} s idle: ${r.serverIdleRssMB} MB**`,
    `- \`GET /healthz\` every 50 ms on a connection of its own during the run (${r.healthz.probes} probes): p50 ${r.healthz.msP50} ms, p99 ${r.healthz.msP99} ms, **max ${r.healthz.msMax} ms**; without an answer: ${r.healthz.failed}`,
    `- Answers by HTTP status: ${Object.entries(r.byStatus)
      .map(([status, n]) => `${status}: ${n}`)
      .join(', ')}; requests without an answer: ${r.errors}`,
    '',
    '| request | answers by HTTP status |',
    '|---|---|',
    ...Object.entries(r.byKind).map(
      ([kind, statuses]) =>
        `| ${kind} | ${Object.entries(statuses)
          .map(([status, n]) => `${status}: ${n}`)
          .join(', ')} |`,
    ),
    '',
  ];
}

/** One hostile upload to `POST /imports/<kind>` and how the server was afterwards. */
export interface HostileUploadResult {
  kind: string;
  format: 'csv' | 'json';
  upload: string;
  /** Bytes sent (of `declared` when the upload was cut off or refused by its declared size). */
  bytes: number;
  declared: number;
  expected: number | null;
  /** The answer's HTTP status (null: no answer, as for an upload the client cut off). */
  status: number | null;
  /** The first problem's line and message, or the error's code. */
  said: string | null;
  ms: number;
  /** GET /readyz right after, and whether the server process was still running. */
  readyz: number | null;
  serverRunning: boolean;
}

/**
 * Every import kind × format gets the hostile files of test/imports/hostile-files.ts (422 expected),
 * an upload declared larger than IMPORT_LIMIT_MB (413 before a byte is read) and an upload cut off
 * after 300 kB of a declared 1 MB (the socket torn down: no answer); after each, /readyz must still
 * answer 200 and the server process must still run. Anything else is a problem.
 */
export async function runHostileUploads(
  url: string,
  kinds: { kind: string; token: string; columns: readonly string[] }[],
  importLimitBytes: number,
  serverRunning: () => boolean,
  report: (line: string) => void,
): Promise<{ results: HostileUploadResult[]; problems: string[] }> {
  const results: HostileUploadResult[] = [];
  const problems: string[] = [];
  for (const { kind, token, columns } of kinds) {
    for (const format of ['csv', 'json'] as const) {
      const headers = { 'content-type': format === 'csv' ? 'text/csv' : 'application/json', authorization: `Bearer ${token}` };
      const start = format === 'csv' ? `${columns.join(',')}\n` : '[';
      const row = format === 'csv' ? `${columns.map(() => '1').join(',')}\n` : `${JSON.stringify(Object.fromEntries(columns.map((c) => [c, '1'])))},`;
      const filler = Buffer.from(start + row.repeat(Math.ceil((1024 * 1024) / row.length))).subarray(0, 1024 * 1024);
      const uploads = [
        ...HOSTILE_FILES.filter((f) => f.format === format).map((f) => ({ name: f.name, expected: 422 as number | null, options: { headers, body: f.body(columns) } as UploadOptions })),
        { name: 'declared larger than IMPORT_LIMIT_MB', expected: 413, options: { headers, body: filler.subarray(0, 64 * 1024), declaredLength: importLimitBytes + 1 } },
        { name: 'cut off after 300 kB of a declared 1 MB', expected: null, options: { headers, body: filler, cutAfter: 300 * 1024 } },
      ];
      for (const upload of uploads) {
        const started = process.hrtime.bigint();
        const answer = await rawUpload(url, `/imports/${kind}`, upload.options);
        const ms = round(Number(process.hrtime.bigint() - started) / 1e6);
        let readyz: number | null = null;
        try {
          readyz = (await httpRequest(`${url}/readyz`, 'GET', {})).status;
        } catch {
          // reported below
        }
        const problem = answer.json?.problems?.[0];
        const result: HostileUploadResult = {
          kind,
          format,
          upload: upload.name,
          bytes: upload.options.cutAfter ?? upload.options.body.length,
          declared: upload.options.declaredLength ?? upload.options.body.length,
          expected: upload.expected,
          status: answer.status,
          said: problem ? `line ${problem.line}: ${String(problem.message).slice(0, 80)}` : (answer.json?.errors?.[0]?.extensions?.code ?? null),
          ms,
          readyz,
          serverRunning: serverRunning(),
        };
        results.push(result);
        if (result.status !== upload.expected || result.readyz !== 200 || !result.serverRunning) {
          problems.push(
            `upload ${kind} ${format} "${upload.name}": HTTP ${result.status ?? 'no answer'} (expected ${upload.expected ?? 'no answer'}), then /readyz ${readyz ?? 'no answer'}, server ${result.serverRunning ? 'running' : 'gone'}`,
          );
        }
        report(
          `${`${kind} ${format} ${upload.name}`.padEnd(72)} HTTP ${String(result.status ?? '–').padEnd(4)} ${String(ms).padStart(8)} ms  readyz ${readyz ?? '–'}  ${result.serverRunning ? 'running' : 'SERVER GONE'}`,
        );
      }
    }
  }
  return { results, problems };
}

export function hostileUploadsMarkdown(results: HostileUploadResult[]): string[] {
  return [
    '## Hostile uploads: the server afterwards',
    '',
    'Each import kind and format gets the hostile files of [test/imports/hostile-files.ts](../test/imports/hostile-files.ts) (a quote inside an unquoted cell, 10 MB of seeded random bytes, truncated JSON, JSON nested a million deep, a 20 MB value), an upload declared larger than IMPORT_LIMIT_MB, and an upload whose socket is torn down after 300 kB of a declared 1 MB, over a raw socket to the production server; after each, `GET /readyz` and whether the process still runs. Expected: 422 naming the line, 413, no answer; /readyz 200 every time.',
    '',
    '| kind | format | upload | bytes sent | HTTP | said | ms | /readyz after | server |',
    '|---|---|---|---:|---:|---|---:|---:|---|',
    ...results.map(
      (r) =>
        `| ${r.kind} | ${r.format} | ${r.upload} | ${r.bytes} | ${r.status ?? 'no answer'} | ${(r.said ?? '–').replace(/\|/g, '\\|')} | ${r.ms} | ${r.readyz ?? 'no answer'} | ${r.serverRunning ? 'running' : 'gone'} |`,
    ),
    '',
  ];
}
