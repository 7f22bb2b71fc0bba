import path from 'node:path';
import express, { Router } from 'express';
import { ruruHTML } from 'ruru/server';

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
export function graphiqlRouter(): Router {
  const router = Router();
  const html = ruruHTML({ endpoint: '/graphql', staticPath: STATIC_PATH });
  router.use(STATIC_PATH, express.static(STATIC_DIR, { index: false, dotfiles: 'ignore', maxAge: '1h' }));
  router.get('/graphql', (req, res, next) => {
    // Browsers ask for HTML; GraphQL clients (GET queries, JSON) go on to Apollo.
    if (req.accepts(['application/json', 'text/html']) !== 'text/html' || req.query.query) return next();
    res.type('html').send(html);
  });
  return router;
}
