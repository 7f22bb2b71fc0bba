import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import type { Logger } from 'pino';
import { parseSize } from '../config';
import type { GrantChoice } from '../auth/grants';
import { Context } from '../context';
import { Locale, localeFromAcceptLanguage, requestLocale, translate } from '../i18n';
import { matchesIfNoneMatch, PublicAnswerCache } from './public-cache';
import { RequestRateLimiter, sendRateLimited } from './rate-limit';
import { CONSISTENCY_HEADER } from '../db/db-router';
import { grantChoice } from './request-context';
import { TrustedDocuments } from './trusted-documents';
import type { AdmissionGate } from './admission';
import { admit } from './overload';

/**
 * Gives the request its id (a well-formed `x-request-id` of 1–64 `[A-Za-z0-9_.-]`, else a new
 * UUID), echoes it, and logs one line when the response is finished: method, path, status and
 * milliseconds, never the Authorization header or the body (tokens, personal data).
 */
export function trackRequest(req: IncomingMessage, res: ServerResponse, path: string, log: Logger): string {
  const incoming = req.headers['x-request-id'];
  const requestId = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
  res.setHeader('x-request-id', requestId);
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    log.info({ requestId, method: req.method, path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'request');
  });
  return requestId;
}

/** The JSON error body every HTTP-level failure gets (never a stack), its message in `locale`. */
export function httpErrorBody(status: number, bodyLimit: string, locale: Locale): string {
  const message =
    status === 413 ? translate(locale, 'common.errors.payloadTooLarge', { limit: bodyLimit }) : translate(locale, status === 500 ? 'common.errors.internal' : 'common.errors.malformedBody');
  const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
  return JSON.stringify({ errors: [{ message, extensions: { code } }] });
}

export interface GraphqlPostOptions {
  apollo: ApolloServer<Context>;
  /** The request's Context from its Authorization header and id. */
  context(authorization: string | undefined, requestId: string, choice: GrantChoice, locale: Locale | undefined, consistency: string | undefined): Promise<Context>;
  bodyLimit: string;
  log: Logger;
  /** RATE_LIMIT_PER_PRINCIPAL / RATE_LIMIT_PER_ADDRESS, as on the express path. */
  rateLimiter?: RequestRateLimiter;
  /** `documentId` → the manifest's text; TRUSTED_DOCUMENTS=anonymous refuses other documents without a token. */
  trusted: TrustedDocuments;
  /** ETags (and 304s without SQL) for anonymous GET queries. */
  publicCache?: PublicAnswerCache;
  /** The language of an HTTP-level error when the request names none we have (DEFAULT_LANGUAGE). */
  defaultLocale: Locale;
  /** How many requests are worked on at once (admission.ts): a request enters once its body is read, or is refused 503 SERVER_BUSY. */
  gate?: AdmissionGate;
}

/**
 * `POST /graphql` with a JSON body, straight from node:http to Apollo: the common request without
 * express's router, body-parser and response helpers (a fifth of a small query's CPU). Returns
 * false for anything else (other paths and methods, other content types or encodings), which
 * express then serves as before. What a client sees is the same: the request id and log line,
 * BODY_LIMIT with 413, the rate limits with 429, malformed or non-object JSON with 400, Apollo's
 * status, headers and body.
 */
export function graphqlPost(options: GraphqlPostOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  // The same reading of BODY_LIMIT as express.json on the other path (validated at start-up).
  const limit = parseSize('BODY_LIMIT', options.bodyLimit);
  return (req, res) => {
    if (req.method !== 'POST' && req.method !== 'GET') return false;
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    if (path !== '/graphql' && path !== '/graphql/') return false;
    if (req.method === 'GET') return graphqlGet(options, req, res, path, query < 0 ? '' : url.slice(query));
    if (!isPlainJson(req.headers['content-type']) || (req.headers['content-encoding'] ?? 'identity').toLowerCase() !== 'identity') return false;
    // No body at all (neither length nor chunks): left to express, as before.
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) return false;

    const requestId = trackRequest(req, res, path, options.log);
    const locale = () => requestLocale(req.headers['accept-language'], options.defaultLocale);
    const fail = (status: number) => {
      if (res.headersSent) return void res.destroy();
      const body = httpErrorBody(status, options.bodyLimit, locale());
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    const declared = Number(req.headers['content-length']);
    if (declared > limit) {
      // Not read: answered at once, and the connection closed after (as body-parser does).
      res.setHeader('connection', 'close');
      fail(413);
      req.resume();
      return true;
    }
    req.on('error', () => res.destroy());
    const read = () => {
      const chunks: Buffer[] = [];
      let received = 0;
      let tooLarge = false;
      req.on('data', (chunk: Buffer) => {
        if (tooLarge) return;
        received += chunk.length;
        if (received > limit) {
          tooLarge = true;
          res.setHeader('connection', 'close');
          fail(413);
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => {
        if (tooLarge) return;
        // Its place is taken once the body is in: a client sending slowly holds none meanwhile.
        if (options.gate) admit(options.gate, res, locale, () => run(chunks));
        else run(chunks);
      });
      const run = (parts: Buffer[]) => {
        const text = parts.length === 1 ? parts[0].toString('utf8') : Buffer.concat(parts).toString('utf8');
        let body: unknown;
        try {
          body = parseStrictJson(text);
        } catch {
          return fail(400);
        }
        if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
          const resolved = options.trusted.resolve(body as Record<string, unknown>, req.headers.authorization === undefined, locale);
          if (resolved.refused) return sendJson(res, resolved.status, resolved.text);
          body = resolved.body;
        }
        void execute(options, req, res, 'POST', query < 0 ? '' : url.slice(query), requestId, body).catch((error) => {
          options.log.error({ err: error, requestId }, 'http error');
          fail(500);
        });
      };
    };
    // Counted before the body is read: a refused request costs no parsing (its body is discarded).
    withinRateLimit(options, req, res, requestId, read);
    return true;
  };
}

/** Runs `next` unless the rate limiter refuses the request (then answered 429). */
function withinRateLimit(options: GraphqlPostOptions, req: IncomingMessage, res: ServerResponse, requestId: string, next: () => void): void {
  const limiter = options.rateLimiter;
  if (!limiter?.enabled) return next();
  limiter.check(req).then(
    (refused) => {
      if (!refused) return next();
      sendRateLimited(res, refused);
      req.resume();
    },
    (error) => {
      options.log.error({ err: error, requestId }, 'rate limiter failed; request let through');
      next();
    },
  );
}

const GET_PARAMETERS = ['query', 'documentId', 'variables', 'operationName', 'extensions'] as const;

/**
 * `GET /graphql?documentId=…` (or `?query=…`): the cacheable way to read. Anything else on GET
 * (a browser asking for GraphiQL, no document at all) is left to express. A request without a token
 * gets an ETag and `Cache-Control: public, no-cache`; a revalidation that matches is answered 304
 * before any SQL (public-cache.ts). With a token: `private, no-store`.
 */
function graphqlGet(options: GraphqlPostOptions, req: IncomingMessage, res: ServerResponse, path: string, search: string): boolean {
  const params = new URLSearchParams(search);
  if (!params.has('query') && !params.has('documentId')) return false;
  const requestId = trackRequest(req, res, path, options.log);
  withinRateLimit(options, req, res, requestId, () => {
    const anonymous = req.headers.authorization === undefined;
    const body: Record<string, unknown> = {};
    for (const name of GET_PARAMETERS) if (params.has(name)) body[name] = params.get(name);
    const locale = () => requestLocale(req.headers['accept-language'], options.defaultLocale);
    const resolved = options.trusted.resolve(body, anonymous, locale);
    if (resolved.refused) return sendJson(res, resolved.status, resolved.text);
    const etag = anonymous ? options.publicCache?.etag([resolved.body.query as string, params.get('variables') ?? '', params.get('operationName') ?? '', req.headers['accept-language']]) : undefined;
    if (etag && matchesIfNoneMatch(req.headers['if-none-match'], etag)) {
      res.writeHead(304, { etag, 'cache-control': 'public, no-cache', vary: 'Accept-Language, Authorization' });
      return void res.end();
    }
    const apolloSearch = `?${new URLSearchParams(Object.entries(resolved.body).filter((e): e is [string, string] => typeof e[1] === 'string')).toString()}`;
    const run = () =>
      void execute(options, req, res, 'GET', apolloSearch, requestId, undefined, (status, text) => {
        if (!anonymous) return void res.setHeader('cache-control', 'private, no-store');
        res.setHeader('vary', 'Accept-Language, Authorization');
        if (!etag || status !== 200 || hasErrors(text)) return void res.setHeader('cache-control', 'no-store');
        res.setHeader('etag', etag);
        res.setHeader('cache-control', 'public, no-cache');
      }).catch((error) => {
        options.log.error({ err: error, requestId }, 'http error');
        if (res.headersSent) return void res.destroy();
        sendJson(res, 500, httpErrorBody(500, options.bodyLimit, locale()));
      });
    // A 304 above costs no place; an answer to compute waits for one.
    if (options.gate) admit(options.gate, res, locale, run);
    else run();
  });
  return true;
}

function hasErrors(text: string | undefined): boolean {
  if (text === undefined) return true;
  try {
    return (JSON.parse(text) as { errors?: unknown }).errors !== undefined;
  } catch {
    return true;
  }
}

function sendJson(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

async function execute(
  options: GraphqlPostOptions,
  req: IncomingMessage,
  res: ServerResponse,
  method: 'GET' | 'POST',
  search: string,
  requestId: string,
  body: unknown,
  /** Sets caching headers once the status and (complete) body are known. */
  beforeSend?: (status: number, text: string | undefined) => void,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  const response = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method, headers, search, body },
    context: () =>
      options.context(
        headers.get('authorization'),
        requestId,
        grantChoice((name) => headers.get(name)),
        localeFromAcceptLanguage(headers.get('accept-language')),
        headers.get(CONSISTENCY_HEADER),
      ),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  beforeSend?.(res.statusCode, response.body.kind === 'complete' ? response.body.string : undefined);
  if (response.body.kind === 'complete') {
    res.setHeader('content-length', Buffer.byteLength(response.body.string));
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** `application/json`, optionally with `charset=utf-8`: what express.json() parses here. */
function isPlainJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type, ...params] = contentType.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => !p.startsWith('charset=') || p === 'charset=utf-8' || p === 'charset="utf-8"');
}

/** body-parser's strict JSON: empty is {}, otherwise an object or an array. */
function parseStrictJson(text: string): unknown {
  const first = /^[\x20\x09\x0a\x0d]*(.)/.exec(text)?.[1];
  if (first === undefined) return {};
  if (first !== '{' && first !== '[') throw new SyntaxError('not an object or array');
  return JSON.parse(text);
}
