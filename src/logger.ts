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
 * stdout, batched and written synchronously. Lines are collected and written together when 4 KB
 * have gathered or 100 ms after the first of them (one system call for many request lines under
 * load; a quiet server's lines appear within 100 ms); what is left is written at exit. The writes
 * themselves are synchronous (pino's asynchronous stdout flushed at exit with a loop that retried a
 * closed pipe forever: a server whose log reader had gone away stopped PostgreSQL and then never
 * exited). A closed pipe (EPIPE) turns the log off instead of failing.
 */
let shared: DestinationStream | undefined;
const FLUSH_AFTER_MS = 100;
const FLUSH_AT_CHARS = 4096; // about 4 KB of mostly ASCII JSON
function stdoutDestination(): DestinationStream {
  if (shared) return shared;
  const destination = pino.destination({ dest: 1, sync: true });
  destination.on('error', () => undefined);
  let pending = '';
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    const text = pending;
    pending = '';
    try {
      destination.write(text);
    } catch {
      // stdout is gone: the lines have nowhere to go
    }
  };
  process.once('exit', flush);
  shared = {
    write(line: string) {
      pending += line;
      if (pending.length >= FLUSH_AT_CHARS) flush();
      else timer ??= setTimeout(flush, FLUSH_AFTER_MS).unref();
    },
  };
  return shared;
}

/** A closed stdout or stderr (the terminal or log collector went away) must not crash the process. */
export function ignoreClosedStdio(): void {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
}

/** JSON logs with a request id; redaction is a second guard behind "never log tokens or bodies". */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
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
    destination ?? stdoutDestination(),
  );
}
