import type { ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from '../config';
import { errorWithMessage } from '../errors';
import { Locale, Message, render } from '../i18n';
import { AdmissionGate, Refusal } from './admission';
import { tuneAdmission } from './admission-tuning';

/** How long a client refused for overload is asked to wait before it asks again. */
export const SERVER_BUSY_RETRY_AFTER_SECONDS = 2;

/** What a refused client reads, on every path (GraphQL before execution, a feature route). */
const SERVER_BUSY_MESSAGE: Message = { key: 'common.errors.serverBusy', params: { seconds: SERVER_BUSY_RETRY_AFTER_SECONDS } };

/**
 * The refusal of a request this process could not take in time (admission.ts): HTTP 503 with
 * Retry-After, code SERVER_BUSY, its message in the reader's language. `reason`: `full` (too many
 * waiting, REQUEST_QUEUE_MAX), `waited` (REQUEST_QUEUE_WAIT_MS passed), `gone` (the client left;
 * nobody reads the answer).
 */
export function serverBusy(reason: Refusal) {
  return errorWithMessage(SERVER_BUSY_MESSAGE, { code: 'SERVER_BUSY', reason, retryAfterSeconds: SERVER_BUSY_RETRY_AFTER_SECONDS, http: { status: 503 } });
}

/** The least number of requests let in at once, however late the event loop runs. */
const MIN_PLACES = 2;

/**
 * The gate of this process's requests, as configured (MAX_REQUESTS_IN_FLIGHT, REQUEST_QUEUE_MAX,
 * REQUEST_QUEUE_WAIT_MS), its places tuned to the event loop's delay (REQUEST_LAG_TARGET_MS,
 * admission-tuning.ts) until `stop()`.
 */
export function requestGate(config: Pick<AppConfig, 'requestsInFlight' | 'requestQueueMax' | 'requestQueueWaitMs' | 'requestLagTargetMs'>): { gate: AdmissionGate; stop(): void } {
  const gate = new AdmissionGate(config.requestsInFlight, config.requestQueueMax, config.requestQueueWaitMs, serverBusy);
  const stop =
    config.requestLagTargetMs > 0
      ? tuneAdmission(gate, { min: Math.min(MIN_PLACES, config.requestsInFlight), max: config.requestsInFlight, lagMs: config.requestLagTargetMs, everyMs: 250 })
      : () => undefined;
  return { gate, stop };
}

/**
 * Lets the request of `res` in through `gate` (its place is given back when the response has been
 * sent or its connection closed), then `next()`; refused, it is answered 503 SERVER_BUSY in the
 * GraphQL error shape with Retry-After, in `locale()`. A request whose client has gone is passed
 * over when its turn comes, and not answered.
 */
export function admit(gate: AdmissionGate, res: ServerResponse, locale: () => Locale, next: () => void): void {
  // The common case, a free place, in the same turn: no promise, no hop through the microtask queue.
  const free = gate.tryEnter();
  if (free) {
    res.once('close', free);
    return next();
  }
  enterFor(gate, res).then(next, (refused: Error & { extensions?: { reason?: Refusal } }) => {
    if (refused.extensions?.reason === 'gone' || res.destroyed) return;
    sendServerBusy(res, locale());
  });
}

/** The same as express middleware (the requests express serves: GraphQL it parsed itself). */
export function admission(gate: AdmissionGate): (req: Request, res: Response, next: NextFunction) => void {
  return (_req, res, next) => admit(gate, res, () => res.locals.locale as Locale, next);
}

/**
 * Waits for a place in line (`enter`); its place is given back on the response's `close`. Refused,
 * or its client gone by its turn, it throws serverBusy (a feature route answers it through
 * route-errors.ts; `admit` writes the 503 itself). A feature route's context waits here, so what
 * the route reads before (its parameters) costs nothing in line.
 */
export async function enterFor(gate: AdmissionGate, res: ServerResponse): Promise<void> {
  const release = await gate.enter(() => res.destroyed);
  res.once('close', release);
  if (!res.destroyed) return;
  release();
  throw serverBusy('gone');
}

/** 503 SERVER_BUSY with Retry-After, as the other HTTP-level refusals (429, 413) are written. */
export function sendServerBusy(res: ServerResponse, locale: Locale): void {
  const body = JSON.stringify({
    errors: [
      {
        message: render(locale, SERVER_BUSY_MESSAGE),
        extensions: { code: 'SERVER_BUSY', retryAfterSeconds: SERVER_BUSY_RETRY_AFTER_SECONDS },
      },
    ],
  });
  if (res.headersSent) return void res.destroy();
  res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(SERVER_BUSY_RETRY_AFTER_SECONDS), 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
