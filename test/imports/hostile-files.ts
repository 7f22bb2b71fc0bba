import net from 'node:net';

/**
 * Hostile uploads for `POST /imports/<kind>`, shared by test/imports/hostile-uploads.test.ts and
 * the bench's hostile part (bench/hostile.ts): files that are not what they claim, and a raw HTTP
 * client that can cut an upload off mid-body the way a dropped network does.
 */

/** Deterministic pseudo-random bytes (mulberry32): the same "random" file on every run. */
export function randomBytesSeeded(length: number, seed = 17): Buffer {
  const out = Buffer.allocUnsafe(length);
  let a = seed >>> 0;
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

export interface HostileFile {
  name: string;
  format: 'csv' | 'json';
  body: (columns: readonly string[]) => Buffer;
  /** The line the 422's problem must name (null: some line of the file, where the random bytes stop parsing). */
  line: number | null;
  /** What the problem's message says. */
  message: RegExp;
}

/** A header of the importer's columns, then a record whose first cell has a quote inside it (`34"29`). */
const quoteInUnquotedCell = (columns: readonly string[]) => Buffer.from(`${columns.join(',')}\n${columns.map((c, i) => (i === 0 ? '34"29' : c === 'year' ? '2020' : '100')).join(',')}\n`);

/** Files no import may answer with 500 (each gets a 422 naming the line, and changes nothing). */
export const HOSTILE_FILES: HostileFile[] = [
  { name: 'a quote inside an unquoted cell', format: 'csv', body: quoteInUnquotedCell, line: 2, message: /^Not readable as CSV \(line 2\): Invalid Opening Quote/ },
  // Random bytes stop csv-parse somewhere, or make a header of nonsense columns (line 1).
  {
    name: '10 MB of random bytes as CSV',
    format: 'csv',
    body: () => randomBytesSeeded(10 * 1024 * 1024),
    line: null,
    message: /^(Not readable as CSV \(line \d+\): |The header must name the columns)/,
  },
  { name: '10 MB of random bytes as JSON', format: 'json', body: () => randomBytesSeeded(10 * 1024 * 1024), line: 1, message: /^Not readable as JSON \(line 1, column 1\): unexpected / },
  {
    name: 'truncated JSON',
    format: 'json',
    body: (columns) => Buffer.from(`[\n${JSON.stringify(Object.fromEntries(columns.map((c) => [c, '1'])))},\n{"${columns[0]}": "34`),
    line: 3,
    message: /^Not readable as JSON \(line 3, column \d+\): /,
  },
  // Parses (V8's JSON.parse is not recursive), but anything that recursed into it would overflow the stack.
  {
    name: 'JSON nested 1 000 000 deep',
    format: 'json',
    body: () => Buffer.from(`[${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}]`),
    line: 1,
    message: /^Not readable as JSON \(line 1, column 33\): nested deeper than 32 levels\.$/,
  },
  // Within the limit, so parsed whole: every message quotes at most 40 characters of the value.
  { name: '20 MB JSON of one record with a 20 MB value', format: 'json', body: (columns) => Buffer.from(`[{"${columns[0]}": "${'x'.repeat(20 * 1024 * 1024)}"}]`), line: 1, message: /^"x{40}" / },
  {
    name: 'JSON nested 1 000 000 deep inside a record',
    format: 'json',
    body: (columns) => Buffer.from(`[\n{"${columns[0]}":\n${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}]`),
    line: 3,
    message: /^Not readable as JSON \(line 3, column 31\): nested deeper than 32 levels\.$/,
  },
];

export interface RawAnswer {
  /** null when the connection closed without an answer. */
  status: number | null;
  headers: Record<string, string>;
  text: string;
  json?: any;
}

export interface UploadOptions {
  headers: Record<string, string>;
  body: Buffer;
  /** Declared Content-Length (default: the body's length). */
  declaredLength?: number;
  /** Send the body chunked (Transfer-Encoding: chunked, 64 kB chunks): no length is declared. */
  chunked?: boolean;
  /** Send only this many bytes of the body, then close the socket (a dropped network). */
  cutAfter?: number;
}

/**
 * One HTTP/1.1 request over a raw socket (`Connection: close`), so that a test controls exactly what
 * is sent: a body cut off mid-way and a socket closed under the server, or a body larger than the
 * server accepts. Resolves with the answer (or status null when there was none).
 */
export function rawUpload(baseUrl: string, path: string, options: UploadOptions): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = net.connect(Number(url.port), url.hostname);
    const received: Buffer[] = [];
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      resolve(parseAnswer(Buffer.concat(received)));
    };
    socket.on('data', (chunk) => received.push(chunk));
    // EPIPE / ECONNRESET once the server closed after answering early: the answer, if any, is kept.
    socket.on('error', () => undefined);
    socket.on('close', finish);
    const head = [
      `POST ${path} HTTP/1.1`,
      `Host: ${url.host}`,
      'Connection: close',
      options.chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${options.declaredLength ?? options.body.length}`,
      ...Object.entries(options.headers).map(([k, v]) => `${k}: ${v}`),
      '',
      '',
    ].join('\r\n');
    socket.write(head);
    if (options.chunked) {
      for (let i = 0; i < options.body.length; i += 65536) {
        const chunk = options.body.subarray(i, i + 65536);
        socket.write(`${chunk.length.toString(16)}\r\n`);
        socket.write(chunk);
        socket.write('\r\n');
      }
      socket.write('0\r\n\r\n');
      return;
    }
    if (options.cutAfter === undefined) {
      socket.write(options.body);
      return;
    }
    // The part sent reaches the server's socket, then the connection is torn down (RST, as a lost network).
    socket.write(options.body.subarray(0, options.cutAfter), () => setTimeout(() => socket.resetAndDestroy(), 50));
  });
}

function parseAnswer(bytes: Buffer): RawAnswer {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return { status: null, headers: {}, text: '' };
  const [statusLine, ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  let body = bytes.subarray(end + 4);
  if (headers['transfer-encoding'] === 'chunked') {
    const parts: Buffer[] = [];
    for (let i = 0; ;) {
      const eol = body.indexOf('\r\n', i);
      const size = parseInt(body.subarray(i, eol).toString('latin1'), 16);
      if (!size) break;
      parts.push(body.subarray(eol + 2, eol + 2 + size));
      i = eol + 2 + size + 2;
    }
    body = Buffer.concat(parts);
  }
  const text = body.toString('utf8');
  let json: unknown;
  if ((headers['content-type'] ?? '').includes('json')) {
    try {
      json = JSON.parse(text);
    } catch {
      // left undefined: the test says what it expected
    }
  }
  return { status: Number(statusLine.split(' ')[1]), headers, text, json };
}

/**
 * An upload on a keep-alive connection, then `GET /readyz` on the same connection once the first
 * answer is in: both answers, or null for the one that did not come (the server closed the connection).
 */
export function uploadThenReadyz(baseUrl: string, path: string, headers: Record<string, string>, body: Buffer): Promise<[RawAnswer, RawAnswer | null]> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = net.connect(Number(url.port), url.hostname);
    let received = Buffer.alloc(0);
    let first: RawAnswer | null = null;
    let firstEnd = 0;
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (first) return;
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(received.subarray(0, end).toString('latin1'))?.[1] ?? NaN);
      if (!(received.length >= end + 4 + length)) return;
      firstEnd = end + 4 + length;
      first = parseAnswer(received.subarray(0, firstEnd));
      socket.write(`GET /readyz HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`);
    });
    socket.on('close', () => {
      if (!first) return resolve([parseAnswer(received), null]);
      const second = parseAnswer(received.subarray(firstEnd));
      resolve([first, second.status === null ? null : second]);
    });
    socket.write([`POST ${path} HTTP/1.1`, `Host: ${url.host}`, `Content-Length: ${body.length}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n'));
    socket.write(body);
  });
}
