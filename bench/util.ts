import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';

/** Small helpers shared by the benchmark's parts. */

export const mb = (kb: number) => Math.round((kb / 1024) * 10) / 10;
export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A field of /proc/<pid>/status in kB (VmRSS, VmHWM); null once the process is gone. */
export function procStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/**
 * One HTTP request. Without `agent`: on its own connection (no keep-alive), so nothing of ours is
 * open when the server stops; with one (keep-alive), the connection is reused and timings leave out
 * the TCP handshake.
 */
export function httpRequest(url: string, method: string, headers: Record<string, string>, body?: string, agent?: http.Agent): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: agent ? headers : { ...headers, connection: 'close' }, agent: agent ?? false, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The API's heap budget as deployed (package.json `config.api_heap_mb`, which `npm start` and the
 * Dockerfile pass as --max-old-space-size), as node arguments for a server the bench starts;
 * BENCH_API_HEAP_MB overrides it, and 0 leaves V8's default (to measure without the budget).
 */
export function apiHeapArgs(root: string): string[] {
  const override = process.env.BENCH_API_HEAP_MB;
  const mb = override !== undefined && override !== '' ? override : (JSON.parse(fs.readFileSync(`${root}/package.json`, 'utf8')) as { config: { api_heap_mb: string } }).config.api_heap_mb;
  if (!/^\d+$/.test(mb)) throw new Error(`BENCH_API_HEAP_MB / config.api_heap_mb must be a whole number of MB, got "${mb}"`);
  return mb === '0' ? [] : [`--max-old-space-size=${mb}`];
}

/**
 * The node arguments of an API server a bench starts: the heap budget (above), then
 * BENCH_API_NODE_ARGS, space-separated (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the
 * server; NODE_OPTIONS refuses --cpu-prof).
 */
export function apiNodeArgs(root: string): string[] {
  return [...apiHeapArgs(root), ...(process.env.BENCH_API_NODE_ARGS ?? '').split(/\s+/).filter(Boolean)];
}

/** The load averages (1, 5, 15 min) as `a / b / c`, printed beside timings taken on a shared machine. */
export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

/**
 * Samples a process's VmRSS every 20 ms from now until `stop()`, which resolves with the highest
 * reading in kB (the reading at the start included): the peak of one import, not of the process's life.
 */
export function sampleRssPeak(pid: number): { stop: () => Promise<number> } {
  let peak = procStatusKb(pid, 'VmRSS') ?? 0;
  let done = false;
  const sampler = (async () => {
    while (!done) {
      peak = Math.max(peak, procStatusKb(pid, 'VmRSS') ?? 0);
      await sleep(20);
    }
  })();
  return {
    stop: async () => {
      done = true;
      await sampler;
      return peak;
    },
  };
}
