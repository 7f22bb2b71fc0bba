import { Router } from 'express';
import { ruruHTML } from 'ruru/server';
import { serveStatic } from 'ruru/static';

const STATIC_PATH = '/ruru-static/';

/**
 * GraphiQL (Ruru) at GET /graphql for browsers, with its assets served from the installed package:
 * no CDN, so it works on closed municipal networks.
 */
export function graphiqlRouter(): Router {
  const router = Router();
  const html = ruruHTML({ endpoint: '/graphql', staticPath: STATIC_PATH });
  router.use(serveStatic(STATIC_PATH) as never); // it matches req.url against STATIC_PATH itself
  router.get('/graphql', (req, res, next) => {
    // Browsers ask for HTML; GraphQL clients (GET queries, JSON) go on to Apollo.
    if (req.accepts(['application/json', 'text/html']) !== 'text/html' || req.query.query) return next();
    res.type('html').send(html);
  });
  return router;
}
