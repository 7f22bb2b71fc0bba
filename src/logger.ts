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

/** JSON logs with a request id; redaction is a second guard behind "never log tokens or bodies". */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'samvirke' },
      serializers: { err: safeError },
      redact: { paths: ['req.headers.authorization', 'authorization', 'token', '*.token', 'password'], censor: '[redacted]' },
    },
    destination ?? pino.destination(1),
  );
}
