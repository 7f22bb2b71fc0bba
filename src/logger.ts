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
 * stdout, buffered: lines are collected and written together when 4 KB have gathered or 100 ms
 * after the first of them, whichever comes first (one system call for many request lines under
 * load; a quiet server's lines appear within 100 ms). What is still buffered when the process
 * exits is written synchronously then.
 */
let shared: DestinationStream | undefined;
const FLUSH_AFTER_MS = 100;
function stdout(): DestinationStream {
  if (shared) return shared;
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    destination.flush();
  };
  process.once('exit', () => {
    try {
      destination.flushSync();
    } catch {
      // nothing left to write, or stdout is gone
    }
  });
  shared = {
    write(line: string) {
      destination.write(line);
      timer ??= setTimeout(flush, FLUSH_AFTER_MS).unref();
    },
  };
  return shared;
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
