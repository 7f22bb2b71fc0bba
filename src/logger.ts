import fs from 'node:fs';
import pino, { DestinationStream, Logger } from 'pino';

/**
 * Errors are logged by name, message, stack and database codes only. TypeORM's QueryFailedError
 * carries the statement's `parameters` (and PostgreSQL's `detail` repeats row values): those can
 * hold personal data, so they never reach the log.
 */
export function safeError(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const e = value as Error & { code?: unknown; constraint?: unknown; table?: unknown; driverError?: { code?: unknown; constraint?: unknown; table?: unknown } };
  const driver = e.driverError ?? {};
  return {
    type: e.name,
    message: e.message,
    stack: e.stack,
    code: e.code ?? driver.code,
    constraint: e.constraint ?? driver.constraint,
    table: e.table ?? driver.table,
  };
}

/**
 * stdout, written asynchronously through a bounded buffer, so logging never stops serving.
 *
 * Lines go into a buffer of at most LOG_BUFFER_LIMIT bytes and are written from it with
 * asynchronous writes (one at a time; lines arriving meanwhile are written together by the next).
 * When nobody reads stdout (a log reader that stalls, a full pipe), the buffer fills and further
 * lines are dropped and counted, never waited for: synchronous writes to a full pipe had blocked the
 * event loop (a 23 s load test took 150 s, /healthz waited 5 s). The count is on /healthz
 * (`log.droppedLines`) and in a warning line written as soon as the buffer has drained again (at
 * most once a second).
 *
 * Why not pino's asynchronous destination (sonic-boom, `sync: false`)? Its exit flush
 * (`flushSync`, which pino calls at exit) retries every write error but EAGAIN forever: with a
 * closed pipe (EPIPE) the process never exited (a server whose log reader had gone away stopped
 * PostgreSQL and then hung). Here the exit path writes what is left once: stdout is made
 * non-blocking (opening process.stdout does that for a pipe), and EAGAIN or any error ends the
 * attempt. A closed pipe (EPIPE) turns the log off instead of failing.
 */
const DEFAULT_LOG_BUFFER_BYTES = 1024 * 1024;
const DROP_REPORT_EVERY_MS = 1000;
const RETRY_FULL_PIPE_MS = 20;

export interface LogStats {
  /** Lines dropped because stdout was not read fast enough (the buffer was full) or was closed. */
  droppedLines: number;
  /** The buffer's limit (LOG_BUFFER_LIMIT). */
  bufferBytes: number;
}

const stats: LogStats = { droppedLines: 0, bufferBytes: DEFAULT_LOG_BUFFER_BYTES };
/** How the shared stdout log is doing (for /healthz). */
export function logStats(): LogStats {
  return { ...stats };
}

/** A bounded, asynchronous writer to a file descriptor; see above. */
export class BoundedFdWriter implements DestinationStream {
  private queued: string[] = [];
  /** Bytes queued or being written. */
  private bytes = 0;
  private writing = false;
  /** Lines in the write under way. */
  private sending = 0;
  private closed = false;

  constructor(
    private readonly fd: number,
    private readonly maxBytes: number,
    private readonly onDrop: () => void,
    private readonly onDrain: () => void,
  ) {}

  write(line: string): void {
    const size = Buffer.byteLength(line);
    if (this.closed || this.bytes + size > this.maxBytes) return this.onDrop();
    this.queued.push(line);
    this.bytes += size;
    if (!this.writing) this.next();
  }

  private next(): void {
    if (!this.queued.length) {
      this.writing = false;
      this.sending = 0;
      return this.onDrain();
    }
    this.writing = true;
    this.sending = this.queued.length;
    const buffer = Buffer.from(this.queued.length === 1 ? this.queued[0] : this.queued.join(''));
    this.queued = [];
    this.send(buffer);
  }

  private send(buffer: Buffer): void {
    fs.write(this.fd, buffer, 0, buffer.length, null, (error, written) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN' || code === 'EWOULDBLOCK') return void setTimeout(() => this.send(buffer), RETRY_FULL_PIPE_MS).unref();
        return this.close(); // EPIPE (the reader is gone), EBADF …: the log is off
      }
      this.bytes -= written;
      if (written < buffer.length) return this.send(buffer.subarray(written));
      this.next();
    });
  }

  /** The log is off; the lines it held are lost, and counted. */
  private close(): void {
    for (let i = this.sending + this.queued.length; i > 0; i--) this.onDrop();
    this.sending = 0;
    this.closed = true;
    this.writing = false;
    this.queued = [];
    this.bytes = 0;
  }

  /**
   * At exit: what is queued (not the write under way), written once with synchronous writes;
   * a full pipe (EAGAIN), a closed one (EPIPE) or any other error ends it. Never waits.
   */
  flushAtExit(): void {
    if (this.closed || !this.queued.length) return;
    let buffer = Buffer.from(this.queued.join(''));
    this.queued = [];
    try {
      while (buffer.length) buffer = buffer.subarray(fs.writeSync(this.fd, buffer));
    } catch {
      // full or closed: what is left has nowhere to go
    }
  }
}

let shared: { destination: BoundedFdWriter; report(log: Logger): void } | undefined;
function stdoutDestination(bufferBytes: number) {
  if (shared) return shared;
  stats.bufferBytes = bufferBytes;
  // Opening process.stdout makes a pipe non-blocking: a write to a full pipe then fails with EAGAIN
  // (retried later, or given up at exit) instead of blocking the process.
  ignoreErrorsOf(process.stdout);
  let reported = 0;
  let lastReport = 0;
  let timer: NodeJS.Timeout | undefined;
  let logger: Logger | undefined;
  const reportDrops = () => {
    timer = undefined;
    if (!logger || stats.droppedLines === reported) return;
    const wait = lastReport + DROP_REPORT_EVERY_MS - Date.now();
    if (wait > 0) return void (timer = setTimeout(reportDrops, wait).unref());
    lastReport = Date.now();
    const since = stats.droppedLines - reported;
    reported = stats.droppedLines;
    logger.warn(
      { droppedLines: stats.droppedLines, droppedSinceLastReport: since, bufferBytes: stats.bufferBytes },
      'log lines dropped: stdout was not read fast enough and the log buffer (LOG_BUFFER_LIMIT) was full',
    );
  };
  const destination = new BoundedFdWriter(
    1,
    bufferBytes,
    () => void (stats.droppedLines += 1),
    // Drained: the warning line has room now.
    () => {
      if (stats.droppedLines !== reported && !timer) reportDrops();
    },
  );
  process.once('exit', () => destination.flushAtExit());
  shared = {
    destination,
    report(log: Logger) {
      logger ??= log;
    },
  };
  return shared;
}

/** A closed stdout or stderr (the terminal or log collector went away) must not crash the process. */
export function ignoreClosedStdio(): void {
  for (const stream of [process.stdout, process.stderr]) ignoreErrorsOf(stream);
}

/**
 * An 'error' event crashes the process only where nobody listens: one listener is enough, so none
 * is added where there is one (each copy of this module — a test file's — would add another).
 */
function ignoreErrorsOf(stream: NodeJS.WriteStream): void {
  if (!stream.listenerCount('error')) stream.on('error', () => undefined);
}

/**
 * JSON logs with a request id; redaction is a second guard behind "never log tokens or bodies".
 * Without `destination`: stdout, asynchronous, bounded to `bufferBytes` (LOG_BUFFER_LIMIT).
 */
export function createLogger(level: string, destination?: DestinationStream, bufferBytes = DEFAULT_LOG_BUFFER_BYTES): Logger {
  const stdout = destination ? undefined : stdoutDestination(bufferBytes);
  const logger = pino(
    {
      level,
      base: { service: 'samvirke' },
      serializers: { err: safeError },
      redact: { paths: ['req.headers.authorization', 'authorization', 'token', '*.token', 'password'], censor: '[redacted]' },
    },
    destination ?? stdout!.destination,
  );
  stdout?.report(logger);
  return logger;
}
