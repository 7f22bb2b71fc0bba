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
 * stdout, written synchronously: nothing is buffered, so nothing has to be flushed at exit. (pino's
 * default asynchronous stdout flushes its buffer at exit with a loop that retries a closed pipe
 * forever: a server whose log reader had gone away stopped PostgreSQL and then never exited.) A
 * closed pipe (EPIPE) turns the log off instead of failing.
 */
function stdoutDestination(): DestinationStream {
  return pino.destination({ dest: 1, sync: true });
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
