import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { createSourceEventStream, execute, ExecutionArgs, ExecutionResult, getOperationAST, GraphQLError, GraphQLSchema, OperationTypeNode, parse, specifiedRules, validate } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { WebSocketServer } from 'ws';
import { Principal } from '../auth/roles';
import { AppConfig } from '../config';
import { Context } from '../context';
import type { DbRouter } from '../db/db-router';
import { mapStream, Notifications } from '../db/notifications';
import { RequestDb } from '../db/request-db';
import { Locale, localeFromAcceptLanguage } from '../i18n';
import { Loaders } from '../loaders';
import { Authenticator } from './auth';
import { makeFormatError } from './errors';
import { errorWithMessage, localizeFormatted } from '../errors';
import { operationLimits, tokenLimitError } from './limits';

/**
 * GraphQL subscriptions over WebSocket (the graphql-ws protocol) on the same port and path as
 * HTTP, `/graphql`. The client authenticates in `connection_init` with the same bearer token as
 * over HTTP: `{ "authorization": "Bearer <token>" }`; a token that fails closes the socket (4403),
 * no token is PUBLIC. Each event is executed like a request of its own: a fresh RLS transaction
 * with the subscriber's principal (re-checked, so an expired token ends the subscription), loaders,
 * committed when the event has been executed. So every subscriber receives only what its role may
 * read; an event whose field resolves to null for this subscriber (RLS hid it) is not sent at all.
 * Over HTTP a subscription stays an error: it must use this WebSocket.
 */

type ConnectionParams = Record<string, unknown> & {
  authorization?: unknown;
  Authorization?: unknown;
};

type SubscriptionContext = Context & { authorization?: string };

export interface SubscriptionServer {
  close(): Promise<void>;
}

/** The authorization of connection_init (either spelling), or undefined for PUBLIC. */
function authorizationOf(params: ConnectionParams | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' && value.trim() ? value : undefined;
}

/**
 * The language of a subscription's messages: `acceptLanguage` (or `accept-language`) in
 * connection_init (browsers cannot set headers on a WebSocket), else the upgrade request's
 * Accept-Language header; bokmål when neither says.
 */
function localeOfConnection(params: ConnectionParams | undefined, header: string | string[] | undefined, fallback: Locale): Locale {
  const given = params?.acceptLanguage ?? params?.['accept-language'];
  return localeFromAcceptLanguage(typeof given === 'string' ? given : Array.isArray(header) ? header.join(',') : header) ?? fallback;
}

/** True when nothing is left to tell this subscriber: every field null and no error. */
const hidden = (result: ExecutionResult) => !result.errors?.length && !!result.data && Object.values(result.data).every((v) => v === null);

/**
 * `router`: events run on the primary (the NOTIFY that starts one was sent by the primary's commit,
 * which a replica may not have replayed yet), with its statements named or not; `listenUrl`: a
 * direct connection for LISTEN (DATABASE_LISTEN_URL; a transaction pooler cannot hold one).
 */
export function attachSubscriptions(
  httpServer: http.Server,
  schema: GraphQLSchema,
  deps: { ds: DataSource; router: DbRouter; listenUrl: string; config: AppConfig; log: Logger; authenticator: Authenticator },
): SubscriptionServer {
  const { ds, router, config, log, authenticator } = deps;
  const notifications = new Notifications(deps.listenUrl, log);
  const formatError = makeFormatError(log, config);
  const formatIn = (ctx: { connectionParams?: ConnectionParams; extra: { request: http.IncomingMessage } }, e: GraphQLError) =>
    localizeFormatted(localeOfConnection(ctx.connectionParams, ctx.extra.request.headers['accept-language'], config.defaultLocale), formatError(e.toJSON(), e));
  const contextFor = (principal: Principal, requestId: string, locale: Locale): Context => {
    const db = new RequestDb(ds, principal, { router });
    return { requestId, principal, db, loaders: new Loaders(db), log: log.child({ requestId }), config, locale, listen: (channel) => notifications.listen(channel) };
  };

  /** The subscription's source under a short-lived context; then one fresh context per event. */
  const subscribe = async (args: ExecutionArgs) => {
    const base = args.contextValue as SubscriptionContext;
    let source;
    try {
      source = await createSourceEventStream(args);
    } finally {
      await base.db.finish(true);
    }
    if (!(Symbol.asyncIterator in (source as object))) return source as ExecutionResult;
    return mapStream(source as AsyncIterableIterator<unknown>, async (payload) => {
      const principal = await authenticator.authenticate(base.authorization);
      const ctx = contextFor(principal, `${base.requestId}:${randomUUID().slice(0, 8)}`, base.locale ?? config.defaultLocale);
      let result: ExecutionResult;
      try {
        result = await execute({ ...args, rootValue: payload, contextValue: ctx });
        await ctx.db.finish(true);
      } catch (error) {
        await ctx.db.finish(false);
        throw error;
      }
      return hidden(result) ? undefined : result;
    });
  };

  // Upgrades of /graphql only; the WebSocket server is not bound to the HTTP server, so HTTP errors
  // (a port in use) stay the HTTP server's own.
  const wsServer = new WebSocketServer({ noServer: true });
  const upgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/graphql') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wsServer.handleUpgrade(req, socket, head, (ws) => wsServer.emit('connection', ws, req));
  };
  httpServer.on('upgrade', upgrade);
  const server = useServer<ConnectionParams, { principal?: Principal }>(
    {
      schema,
      validate: (s, document) => validate(s, document, [...specifiedRules, operationLimits(config)]),
      async onConnect(ctx) {
        try {
          ctx.extra.principal = await authenticator.authenticate(authorizationOf(ctx.connectionParams));
          return true;
        } catch {
          return false;
        }
      },
      context(ctx) {
        const context: SubscriptionContext = contextFor(
          ctx.extra.principal!,
          `ws-${randomUUID()}`,
          localeOfConnection(ctx.connectionParams, ctx.extra.request.headers['accept-language'], config.defaultLocale),
        );
        context.authorization = authorizationOf(ctx.connectionParams);
        return context;
      },
      onSubscribe(_ctx, _id, payload) {
        // Over this socket only subscriptions: queries and mutations go to POST /graphql.
        let operation;
        try {
          operation = getOperationAST(parse(payload.query, { maxTokens: config.maxTokens }), payload.operationName)?.operation;
        } catch (error) {
          // The same token limit as POST /graphql; other syntax errors the library reports itself.
          const limit = tokenLimitError((error as Error).message, config.maxTokens);
          return limit ? [limit] : undefined;
        }
        if (operation && operation !== OperationTypeNode.SUBSCRIPTION) {
          // Rendered in the connection's language by onError (formatIn).
          return [errorWithMessage({ key: 'common.errors.subscriptionsOnly' }, { code: 'BAD_REQUEST' })];
        }
        return undefined;
      },
      subscribe,
      // Errors in the connection's language, as the context's messages (docs/i18n.md).
      onNext: (ctx, _id, _payload, _args, result) => (result.errors?.length ? { ...result, errors: result.errors.map((e) => formatIn(ctx, e)) } : undefined),
      onError: (ctx, _id, _payload, errors) => errors.map((e) => formatIn(ctx, e)),
    },
    wsServer,
  );

  return {
    async close() {
      httpServer.off('upgrade', upgrade);
      await notifications.close();
      await server.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
