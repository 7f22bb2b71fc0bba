import pino, { DestinationStream, Logger } from 'pino';

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
 * stdout, written asynchronously: lines logged while a write is in flight go out together in the
 * next one (one syscall for many request lines under load, none held back when idle). What is
 * still pending when the process exits is written synchronously then.
 */
let shared: ReturnType<typeof pino.destination> | undefined;
function stdout(): DestinationStream {
  if (shared) return shared;
  const destination = (shared = pino.destination({ dest: 1, sync: false }));
  process.once('exit', () => {
    try {
      destination.flushSync();
    } catch {
      // nothing left to write, or stdout is gone
    }
  });
  return destination;
}

/** JSON logs with a request id; redaction is a second guard behind "never log tokens or bodies". */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'samvirke' },
      serializers: { err: safeError },
      redact: { paths: ['req.headers.authorization', 'authorization', 'token', '*.token', 'password'], censor: '[redacted]' },
    },
    destination ?? stdout(),
  );
}
