import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { DestinationStream, Logger } from 'pino';

/**
 * The request being served. Every line logged while serving it carries its id (createLogger's
 * mixin), errors included, so the `requestId` a client got in its response finds them.
 */
export const requestLogContext = new AsyncLocalStorage<{ requestId: string }>();

/**
 * Errors are logged by name, message, stack and database codes only. TypeORM's QueryFailedError
 * carries the statement's `parameters` (and PostgreSQL's `detail` repeats row values): those can
 * hold personal data, so they never reach the log.
 */
export function safeError(value: unknown): Record<string, unknown> | unknown {
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
 * pino's asynchronous destination (sonic-boom, `sync: false`) writes from the event loop without
 * waiting: lines gather in its buffer while a write is under way, and the next write takes them
 * together. When nobody reads stdout (a log reader that stalls, a full pipe), the buffer grows to
 * LOG_BUFFER_LIMIT and further lines are dropped and counted, never waited for: synchronous writes
 * to a full pipe had blocked the event loop (a 23 s load test took 150 s, /healthz waited 5 s).
 * The count is on /healthz (`log.droppedLines`) and in a warning line written as soon as the buffer
 * has drained again (at most once a second).
 *
 * Exit: pino flushes an asynchronous destination synchronously at exit, and that flush retried a
 * full or closed pipe forever (a server whose log reader had gone away stopped PostgreSQL and then
 * never exited). So stdout is made non-blocking (process.stdout is opened, as ignoreClosedStdio
 * does), and at exit what still fits into the pipe is written once, EAGAIN ends the attempt instead
 * of a retry, and the destination is closed before pino's own exit flush, which then does nothing.
 * A closed pipe (EPIPE) turns the log off instead of failing.
 */
const DEFAULT_LOG_BUFFER_BYTES = 1024 * 1024;
const DROP_REPORT_EVERY_MS = 1000;

export interface LogStats {
  /** Lines dropped because stdout was not read fast enough (the buffer was full). */
  droppedLines: number;
  /** The buffer's limit (LOG_BUFFER_LIMIT). */
  bufferBytes: number;
}

const stats: LogStats = { droppedLines: 0, bufferBytes: DEFAULT_LOG_BUFFER_BYTES };
/** How the shared stdout log is doing (for /healthz). */
export function logStats(): LogStats {
  return { ...stats };
}

let shared: { destination: DestinationStream; report(log: Logger): void } | undefined;
function stdoutDestination(bufferBytes: number) {
  if (shared) return shared;
  stats.bufferBytes = bufferBytes;
  // Opening process.stdout makes a pipe non-blocking: a write to a full pipe then fails with EAGAIN
  // (and is retried later, or given up at exit) instead of blocking the process.
  process.stdout.on('error', () => undefined);
  let exiting = false;
  const destination = pino.destination({ dest: 1, sync: false, maxLength: bufferBytes, retryEAGAIN: () => !exiting });
  destination.on('error', () => undefined); // EPIPE: pino turns the destination off; anything else: nowhere to report it
  destination.on('drop', (data: string) => {
    let lines = 0;
    for (let i = data.indexOf('\n'); i >= 0; i = data.indexOf('\n', i + 1)) lines += 1;
    stats.droppedLines += Math.max(lines, 1);
  });
  // Before pino's exit flush (which would retry a full pipe forever): one bounded attempt, then closed.
  process.prependListener('exit', () => {
    exiting = true;
    try {
      destination.flushSync();
    } catch {
      // a full (EAGAIN) or closed (EPIPE) stdout: what is left has nowhere to go
    }
    try {
      destination.destroy();
    } catch {
      // already closed
    }
  });
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
  // 'drain': the buffer has been written out, so the warning line has room.
  destination.on('drain', () => {
    if (stats.droppedLines !== reported && !timer) reportDrops();
  });
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
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
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
      mixin: (fields: { requestId?: unknown }) => {
        const request = requestLogContext.getStore();
        return request && fields.requestId === undefined ? { requestId: request.requestId } : {};
      },
      serializers: { err: safeError },
      redact: { paths: ['req.headers.authorization', 'authorization', 'token', '*.token', 'password'], censor: '[redacted]' },
    },
    destination ?? stdout!.destination,
  );
  stdout?.report(logger);
  return logger;
}
