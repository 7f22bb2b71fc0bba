import type { Logger } from 'pino';

/**
 * The last line behind every stream's own error handling (`npm start` installs it): an exception
 * nobody caught (an 'error' event without a listener, a throw in a callback) is a bug to log and
 * fix, not a reason to drop every tenant's connection and stop the embedded PostgreSQL. It is
 * logged with its stack and the server keeps serving; the request itself is left to its own
 * timeouts. (Its request id is not known here: tracking the async context of every request —
 * AsyncLocalStorage — put async-hooks bookkeeping on every promise of every request, about a
 * tenth of a small query's CPU. Errors inside a request are logged with its id by its own logger.)
 */
export function processGuard(log: Logger): { uncaughtException: (error: unknown) => void; unhandledRejection: (reason: unknown) => void } {
  return {
    uncaughtException: (error) => log.error({ err: error }, 'uncaught exception (a bug); the server keeps serving'),
    unhandledRejection: (reason) => log.error({ err: reason }, 'unhandled promise rejection'),
  };
}
