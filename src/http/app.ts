import http from 'node:http';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { NextFunction, Request, Response, Router } from 'express';
import type { Logger } from 'pino';
import { DataSource, MigrationInterface } from 'typeorm';
import { AppConfig, parseSize } from '../config';
import { logStats } from '../logger';
import { Context } from '../context';
import { buildAppSchema, SchemaParts } from '../schema/build';
import { importOperation, registerOperations } from '../services/operations';
import type { Importer } from '../services/imports/importer';
import { Authenticator } from './auth';
import { isUnexpectedError, localizeErrorsPlugin, makeFormatError } from './errors';
import { nulGuard } from './input-guard';
import { noIntrospection } from './introspection';
import { complexityLimit, operationLimits } from './limits';
import { httpOperationTypes } from './operations';
import { graphqlOverHttpStatus } from './status';
import { importRouter } from './imports';
import { graphqlPost as graphqlPostHandler, httpErrorBody, trackRequest } from './graphql-post';
import { Locale, localeFromAcceptLanguage, requestLocale } from '../i18n';
import { contextBuilder, contextFactory, grantChoice, graphqlContext, RouteDeps } from './request-context';
import { attachSubscriptions } from './subscriptions';
import { portalDirectory, portalRouter } from './portal';
import { stateReportPdfRoute } from './state-report-pdf';
import { PUBLIC_DATA_CHANNEL, PublicAnswerCache } from './public-cache';
import { ReadAnswerCache } from './answer-cache';
import { admission, requestGate } from './overload';
import { ChannelWatch } from './channel-watch';
import { CONSISTENCY_HEADER, DbRouter } from '../db/db-router';
import { replicaDataSource } from '../db/data-source';
import { TrustedDocuments } from './trusted-documents';
import { osloToday } from '../services/dates';
import { Notifications } from '../db/notifications';
import { RequestRateLimiter } from './rate-limit';

/**
 * What the server serves of the features, handed over by the composition root (src/main.ts, the
 * test app: `served` of src/features/index.ts); nothing under src/http/ reads the feature list.
 */
export interface ServedFeatures {
  /** Resolvers, node types and audited types (src/schema/build.ts). */
  schema: SchemaParts;
  /** File imports, served at `POST /imports/<kind>`. */
  importers: Importer<any>[];
  /** Each feature's HTTP routes outside GraphQL (src/http/<feature>/), mounted before /graphql. */
  routes: ((router: Router, deps: RouteDeps) => void)[];
  /** Every migration: /readyz answers 503 while one of them is not applied. */
  migrations: (new () => MigrationInterface)[];
}

export interface AppServer {
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
  stop(): Promise<void>;
}

/**
 * Ends each request's transaction. It always commits: every mutation already ran in its own
 * savepoint (defineMutation), which rolled back on a rule violation or error, so what reaches this
 * point is exactly what the response reports as done. Rolling back here would undo mutations the
 * client was told succeeded (several mutations in one operation).
 */
function transactionPlugin(config: AppConfig, log: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        // With the request's logger: the line carries the request id the client got.
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            if (isUnexpectedError(error)) contextValue.log.error({ err: unwrapResolverError(error), path: error.path }, 'unexpected error');
          }
        },
        // A query only reads: its transaction is opened READ ONLY, in one message (request-db.ts).
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === 'query') contextValue.db.readOnly();
        },
        async willSendResponse({ contextValue, response }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const statements = contextValue.db.counter.statements;
          try {
            await contextValue.db.finish(true);
          } catch (error) {
            log.error({ err: error, requestId: contextValue.requestId }, 'could not end the request transaction');
            if (body) body.errors = [...(body.errors ?? []), { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }];
          }
          // Read-your-writes on any API replica: the client may send this back (src/db/db-router.ts).
          const writtenAt = contextValue.db.writtenAt;
          if (writtenAt !== undefined) response.http.headers.set(CONSISTENCY_HEADER, String(writtenAt));
          if (body && config.env !== 'production') body.extensions = { ...body.extensions, sqlStatements: statements, requestId: contextValue.requestId };
        },
      };
    },
  };
}

/**
 * GraphiQL (ruru and its editor, ~250 MB) is a development dependency, loaded only when GRAPHIQL is
 * on, so a production install (`npm ci --omit=dev`) does not carry it.
 */
function loadGraphiql(): typeof import('./graphiql') {
  try {
    return require('./graphiql') as typeof import('./graphiql');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    throw new Error('GRAPHIQL is on, but GraphiQL (the ruru package, a development dependency) is not installed: set GRAPHIQL=false, or install with the development dependencies', { cause: error });
  }
}

export async function createAppServer(config: AppConfig, ds: DataSource, log: Logger, served: ServedFeatures): Promise<AppServer> {
  const schema = await buildAppSchema(served.schema);
  // What a grant may be limited to (grantRole's `operations`): every mutation served, every import.
  registerOperations([...Object.keys(schema.getMutationType()?.getFields() ?? {}), ...served.importers.map((i) => importOperation(i.kind))]);
  const app = express();
  app.disable('x-powered-by');
  // POST /graphql with JSON goes straight to Apollo (graphql-post.ts); everything else through express.
  let graphqlPost: ((req: http.IncomingMessage, res: http.ServerResponse) => boolean) | undefined;
  const httpServer = http.createServer((req, res) => {
    if (!graphqlPost?.(req, res)) app(req, res);
  });
  const authenticator = new Authenticator(config, ds);
  // LISTEN needs a session of its own: a direct connection, not one through a transaction pooler.
  const listenUrl = config.listenDatabaseUrl ?? (ds.options as { url: string }).url;
  // A grant revoked, a person removed, a unit closed: every cached principal is dropped when it commits.
  const principalChanges = new Notifications(listenUrl, log);
  await authenticator.watch(principalChanges, log);
  const expected = served.migrations.map((m) => new m().name ?? m.name);
  // The portal's committed operations (documentId), and ETags for public answers (public-cache.ts).
  const trusted = TrustedDocuments.fromPortal(portalDirectory(), config.trustedDocuments);
  const publicCache = new PublicAnswerCache(principalChanges, log, () => osloToday(config.clock()));
  // DATABASE_READ_URL: read-only transactions on the replica, the rest on the primary (docs/scaling.md).
  const replica = config.readDatabaseUrl ? replicaDataSource(ds, config.readDatabaseUrl) : undefined;
  await replica?.initialize();
  const router = new DbRouter(ds, replica, config.preparedStatements, config.readYourWritesMs);
  // Whole answers of dashboards, fora compliance and statistics, kept while nothing changed (docs/caching.md).
  const answers = new ReadAnswerCache(config, principalChanges, log, router);
  // Anonymous reads stay on the primary for a while after public data changed (or changes went unheard).
  const publicChanges = replica
    ? new ChannelWatch(principalChanges, PUBLIC_DATA_CHANNEL, log, { started: () => router.notePublicChange(), changed: () => router.notePublicChange(), lost: () => router.notePublicChange() })
    : undefined;

  const apollo = new ApolloServer<Context>({
    schema,
    // Our own rule refuses introspection when it is off, with a message naming GRAPHQL_INTROSPECTION.
    introspection: true,
    // With the schema private, errors do not suggest its fields, arguments, types or enum values.
    hideSchemaDetailsFromClientErrors: !config.introspection,
    validationOptions: { hideSuggestions: !config.introspection },
    includeStacktraceInErrorResponses: false,
    // main.ts owns shutdown (drain HTTP, then the pool, then PostgreSQL).
    stopOnTerminationSignals: false,
    // Unexpected errors are logged by transactionPlugin with the request's logger (its request id).
    formatError: makeFormatError(log, config, false),
    // The parser stops at maxTokens: a huge document costs no more to reject than a small one.
    parseOptions: { maxTokens: config.maxTokens },
    validationRules: [operationLimits(config), ...(config.introspection ? [] : [noIntrospection])],
    // Automatic persisted queries are off: a request carrying a hash gets PERSISTED_QUERY_NOT_SUPPORTED
    // (Apollo clients then send the full query). Nothing is cached per client or tenant.
    persistedQueries: false,
    plugins: [
      // Requests in flight get a third of the shutdown deadline, then their connections are closed.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: Math.floor(config.shutdownTimeoutMs / 3) }),
      ApolloServerPluginLandingPageDisabled(),
      // Built-ins the API does not use. Cache control (on by default) wrapped every field resolver
      // to collect cache hints nobody sets; usage/schema reporting and inline traces are for
      // Apollo's hosted services.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // In this order: what is refused before it is priced.
      httpOperationTypes(),
      nulGuard(),
      complexityLimit(schema, config.maxComplexity),
      graphqlOverHttpStatus(),
      transactionPlugin(config, log),
      answers.plugin(),
      // Every error's message in the request's language (docs/i18n.md).
      localizeErrorsPlugin(),
    ],
  });
  await apollo.start();

  app.use((req: Request, res: Response, next: NextFunction) => {
    // The path before mounted routers rewrite req.url.
    const requestId = trackRequest(req, res, req.path, log);
    res.locals.requestId = requestId;
    // The language of this request's errors outside GraphQL (route errors, rate limits): docs/i18n.md.
    res.locals.locale = requestLocale(req.headers['accept-language'], config.defaultLocale);
    next();
  });

  // Also says how many log lines were dropped because stdout was not read fast enough (src/logger.ts).
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', log: { droppedLines: logStats().droppedLines } });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      const rows: { name: string }[] = await ds.query('SELECT name FROM migrations');
      const applied = new Set(rows.map((r) => r.name));
      const pending = expected.filter((name) => !applied.has(name));
      if (pending.length) return void res.status(503).json({ status: 'migrations pending', pending });
      res.json({ status: 'ready', migrations: applied.size });
    } catch {
      res.status(503).json({ status: 'database unavailable' });
    }
  });
  if (config.graphiql) app.use(loadGraphiql().graphiqlRouter());
  // The reference portal: static pages over the public API (portal/, docs/portal.md).
  app.use(stateReportPdfRoute(httpServer, log));
  app.use('/portal', portalRouter(config));
  const build = contextBuilder(config, ds, log, authenticator, router);
  // How many requests are worked on at once; the rest wait a bounded time or are refused 503 SERVER_BUSY (admission.ts).
  const { gate, stop: stopTuning } = requestGate(config);
  const context = contextFactory(build, gate);
  const graphqlContextOf = graphqlContext(build, log);
  const routeDeps: RouteDeps = { config, log, context };
  // Rate limits (RATE_LIMIT_PER_PRINCIPAL, RATE_LIMIT_PER_ADDRESS): /imports and /graphql here, the fast POST path in graphql-post.ts.
  const rateLimiter = new RequestRateLimiter(config);
  // Imports have their own admission (IMPORT_CONCURRENCY slots): an upload read slowly must not hold one of the requests' places.
  app.use('/imports', rateLimiter.middleware(), importRouter({ ...routeDeps, context: contextFactory(build) }, served.importers));
  for (const routes of served.routes) routes(app, routeDeps);
  // Subscriptions: WebSocket (graphql-ws) on the same port and path; HTTP POST stays queries and mutations.
  const subscriptions = attachSubscriptions(httpServer, schema, { ds, router, listenUrl, config, log, authenticator });

  app.use(
    '/graphql',
    rateLimiter.middleware(),
    express.json({ limit: parseSize('BODY_LIMIT', config.bodyLimit) }),
    admission(gate),
    // POSTs the fast path leaves to express (another charset, an encoded body): documentId as there.
    (req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'POST' || req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) return next();
      const resolved = trusted.resolve(req.body as Record<string, unknown>, req.header('authorization') === undefined, () => res.locals.locale as Locale);
      if (resolved.refused) return void res.status(resolved.status).type('application/json').send(resolved.text);
      req.body = resolved.body;
      next();
    },
    expressMiddleware(apollo, {
      // No release on client disconnect: the operation runs to the end and willSendResponse ends
      // the transaction (releasing earlier broke resolvers still using the connection).
      context: ({ req, res }) =>
        graphqlContextOf(
          req.header('authorization'),
          res.locals.requestId as string,
          grantChoice((name) => req.header(name)),
          localeFromAcceptLanguage(req.header('accept-language')),
          req.header(CONSISTENCY_HEADER),
        ),
    }),
  );

  // Malformed JSON, too-large bodies and other HTTP-level failures: a JSON error, never a stack.
  app.use((err: { status?: number; type?: string; message?: string }, req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) log.error({ err, requestId: res.locals.requestId }, 'http error');
    res
      .status(status)
      .type('application/json')
      .send(httpErrorBody(status, config.bodyLimit, (res.locals.locale as Locale | undefined) ?? requestLocale(req.headers['accept-language'], config.defaultLocale)));
  });
  graphqlPost = graphqlPostHandler({ apollo, context: graphqlContextOf, bodyLimit: config.bodyLimit, log, rateLimiter, trusted, publicCache, defaultLocale: config.defaultLocale, gate });

  return {
    httpServer,
    apollo,
    async stop() {
      stopTuning();
      await subscriptions.close();
      await publicCache.stop();
      await answers.stop();
      await publicChanges?.stop();
      await authenticator.stop();
      await principalChanges.close();
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      if (replica?.isInitialized) await replica.destroy();
    },
  };
}
