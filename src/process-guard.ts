import type { Logger } from 'pino';
import { requestLogContext } from './logger';

/**
 * The last line behind every stream's own error handling (`npm start` installs it): an exception
 * nobody caught (an 'error' event without a listener, a throw in a callback) is a bug to log and
 * fix, not a reason to drop every tenant's connection and stop the embedded PostgreSQL. It is
 * logged with the id of the request it happened in (the async context it was thrown in) and the
 * server keeps serving; the request itself is left to its own timeouts.
 */
export function processGuard(log: Logger): { uncaughtException: (error: unknown) => void; unhandledRejection: (reason: unknown) => void } {
  const requestId = () => requestLogContext.getStore()?.requestId;
  return {
    uncaughtException: (error) => log.error({ err: error, requestId: requestId() }, 'uncaught exception (a bug); the server keeps serving'),
    unhandledRejection: (reason) => log.error({ err: reason, requestId: requestId() }, 'unhandled promise rejection'),
  };
}
