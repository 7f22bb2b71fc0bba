import path from 'node:path';
import express, { Router } from 'express';
import { ruruHTML } from 'ruru/server';
import { GRAPHIQL_WELCOME } from './graphiql-welcome';

const STATIC_PATH = '/ruru-static/';
/**
 * The installed package's prebuilt assets (ruru.js, ruru.css, workers, chunks, font). Served as plain
 * files rather than through `ruru/static`, whose loader pulls a 4 MB bundle in with a dynamic
 * import() that fails (HTTP 500) wherever dynamic import is unavailable, e.g. under jest.
 */
const STATIC_DIR = path.join(path.dirname(require.resolve('ruru/static')), '..', 'static');

/**
 * GraphiQL (Ruru) at GET /graphql for browsers, with its assets served from the installed package:
 * no CDN, so it works on closed municipal networks.
 */
/**
 * Ruru's client config type picks its fields from GraphiQL's props, whose types are not installed
 * here, so every field reads as required: these two are all it needs (the rest have defaults).
 */
const WELCOME_CONFIG = { defaultQuery: GRAPHIQL_WELCOME, initialQuery: GRAPHIQL_WELCOME } as NonNullable<Parameters<typeof ruruHTML>[0]['clientConfig']>;

export function graphiqlRouter(): Router {
  const router = Router();
  // Opens on Samvirke's own page: how to get a token, then an example per kind of user.
  const page = (subscriptionEndpoint: string) => ruruHTML({ endpoint: '/graphql', subscriptionEndpoint, staticPath: STATIC_PATH, clientConfig: WELCOME_CONFIG });
  router.use(STATIC_PATH, express.static(STATIC_DIR, { index: false, dotfiles: 'ignore', maxAge: '1h' }));
  router.get('/graphql', (req, res, next) => {
    // Browsers ask for HTML; GraphQL clients (GET queries, JSON) go on to Apollo.
    if (req.accepts(['application/json', 'text/html']) !== 'text/html' || req.query.query) return next();
    // Subscriptions need an absolute WebSocket URL: this server's, as the browser reached it.
    const secure = req.protocol === 'https' || req.header('x-forwarded-proto') === 'https';
    res.type('html').send(page(`${secure ? 'wss' : 'ws'}://${req.header('host') ?? 'localhost'}/graphql`));
  });
  return router;
}
