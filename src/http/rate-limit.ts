import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import ipaddr from 'ipaddr.js';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppConfig } from '../config';
import { DEFAULT_LOCALE, Locale, requestLocale, translate } from '../i18n';

export type RateLimits = Pick<AppConfig, 'rateLimitPerPrincipal' | 'rateLimitPerAddress'> & Partial<Pick<AppConfig, 'defaultLocale'>>;

/** A refused request: HTTP 429 with Retry-After and this JSON body. */
export interface RateLimited {
  retryAfterSeconds: number;
  body: string;
}

const WINDOW_SECONDS = 60;

/**
 * Requests per minute to `/graphql` (both the fast POST path and express) and `/imports`, counted in
 * this process's memory (rate-limiter-flexible's RateLimiterMemory, fixed one-minute windows):
 *
 * - per principal (RATE_LIMIT_PER_PRINCIPAL): per bearer token (its SHA-256, never the token itself),
 *   so one client cannot starve the others;
 * - per address (RATE_LIMIT_PER_ADDRESS): per client IP address (an IPv6 client per /64, which one
 *   client usually has whole), every request, with a token or without: anonymous traffic and a flood
 *   of made-up tokens are bounded too.
 *
 * 0 switches a limit off. The token is not verified here (that costs more than the count): a forged
 * token gets its own count and then its 401, and still counts against its address.
 */
export class RequestRateLimiter {
  private readonly perPrincipal?: RateLimiterMemory;
  private readonly perAddress?: RateLimiterMemory;

  constructor(private readonly limits: RateLimits) {
    if (limits.rateLimitPerPrincipal > 0) this.perPrincipal = new RateLimiterMemory({ keyPrefix: 'principal', points: limits.rateLimitPerPrincipal, duration: WINDOW_SECONDS });
    if (limits.rateLimitPerAddress > 0) this.perAddress = new RateLimiterMemory({ keyPrefix: 'address', points: limits.rateLimitPerAddress, duration: WINDOW_SECONDS });
  }

  get enabled(): boolean {
    return this.perPrincipal !== undefined || this.perAddress !== undefined;
  }

  /** The language of the refusal: the request's Accept-Language, else the deployment's default. */
  private localeOf(req: IncomingMessage): Locale {
    return requestLocale(req.headers['accept-language'], this.limits.defaultLocale ?? DEFAULT_LOCALE);
  }

  /** Counts the request; null when it may go ahead, else the refusal. */
  async check(req: IncomingMessage): Promise<RateLimited | null> {
    if (this.perAddress) {
      const refused = await consume(this.perAddress, socketAddressKey(req.socket));
      if (refused !== null) return rateLimited('address', 'RATE_LIMIT_PER_ADDRESS', this.limits.rateLimitPerAddress, refused, this.localeOf(req));
    }
    const token = bearerToken(req.headers.authorization);
    if (this.perPrincipal && token) {
      const refused = await consume(this.perPrincipal, principalKey(token));
      if (refused !== null) return rateLimited('token', 'RATE_LIMIT_PER_PRINCIPAL', this.limits.rateLimitPerPrincipal, refused, this.localeOf(req));
    }
    return null;
  }

  /** The express middleware: refused requests get the 429 here, the others go on. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      if (!this.enabled) return next();
      this.check(req).then(
        (refused) => {
          if (!refused) return next();
          sendRateLimited(res, refused);
          req.resume(); // the body (an upload) is discarded, not read
        },
        () => next(), // the in-memory count cannot fail; were it to, the request goes ahead
      );
    };
  }
}

/** Milliseconds until the key's window ends when it is over its limit, else null. */
async function consume(limiter: RateLimiterMemory, key: string): Promise<number | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) return refusal.msBeforeNext;
    throw refusal;
  }
}

/**
 * The count's key for a token, never the token itself: a JWT's signature segment (unique per token,
 * and useless without the header and claims it signs) as it is, with no hashing on every request;
 * anything else that is not a JWT by its SHA-256.
 */
export function principalKey(token: string): string {
  const signature = /^[\w-]+\.[\w-]+\.([\w-]{16,})$/.exec(token)?.[1];
  return signature ? `jws:${signature}` : `sha256:${createHash('sha256').update(token).digest('base64url')}`;
}

/** A keep-alive connection sends many requests from one address: its key is worked out once. */
const socketKeys = new WeakMap<object, string>();
function socketAddressKey(socket: IncomingMessage['socket']): string {
  let key = socketKeys.get(socket);
  if (key === undefined) {
    key = addressKey(socket.remoteAddress);
    socketKeys.set(socket, key);
  }
  return key;
}

function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^bearer\s+(\S+)/i.exec(header.trim());
  return match ? match[1] : header.trim() || undefined;
}

/** IPv4 (also IPv4-mapped IPv6) as is; other IPv6 addresses by their /64. */
export function addressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  try {
    let parsed = ipaddr.parse(address);
    if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
    if (parsed.kind() === 'ipv4') return parsed.toString();
    return `${(parsed as ipaddr.IPv6).parts
      .slice(0, 4)
      .map((p) => p.toString(16))
      .join(':')}::/64`;
  } catch {
    return address;
  }
}

function rateLimited(per: 'token' | 'address', envVar: string, max: number, msBeforeNext: number, locale: Locale): RateLimited {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const message = translate(locale, 'common.errors.rateLimited', {
    per: { key: per === 'token' ? 'common.errors.perToken' : 'common.errors.perAddress' },
    max,
    limit: envVar,
    seconds: retryAfterSeconds,
  });
  return { retryAfterSeconds, body: JSON.stringify({ errors: [{ message, extensions: { code: 'RATE_LIMITED', limit: envVar, max, retryAfterSeconds } }] }) };
}

/** 429 with Retry-After and the typed error body. */
export function sendRateLimited(res: ServerResponse, refused: RateLimited): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(429, { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(refused.retryAfterSeconds), 'content-length': Buffer.byteLength(refused.body) });
  res.end(refused.body);
}
