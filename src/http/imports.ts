import express, { Request, Response } from 'express';
import { importers } from '../features';
import { badInput, notFound } from '../errors';
import { ImportFormat, runImport } from '../services/imports/run';
import { RouteDeps } from './request-context';
import { sendRouteError } from './route-errors';

const FORMATS: Record<string, ImportFormat> = { 'text/csv': 'csv', 'application/csv': 'csv', 'text/plain': 'csv', 'application/json': 'json' };

/**
 * `POST /imports/<kind>[?dryRun=true]` with the file as the body (`Content-Type: text/csv` or
 * `application/json`) and a bearer token: the same code path as `npm run import`. 200 with the
 * result (what changed, or with `dryRun` what would change); 422 when the file breaks a rule or is
 * not readable as CSV / JSON (`problems` with line and field; nothing changed); 413 when it is larger
 * than IMPORT_LIMIT_MB (declared or counted); 401/403 before a byte is read when the caller may not
 * import this kind. An upload the client cuts off ends this request only: rolled back, logged, no
 * answer (nobody is there to read it).
 */
export function importRouter(deps: RouteDeps): express.Router {
  const router = express.Router();
  router.post('/:kind', async (req: Request, res: Response) => {
    let ctx;
    // The import's pipeline detaches the request from its socket when it stops reading early.
    const socket = req.socket;
    // An answer given before the whole upload was read ends the connection (as body-parser does):
    // the rest of the body is never read, so the connection cannot carry another request.
    const closeIfUnread = () => {
      if (!req.complete) res.setHeader('connection', 'close');
    };
    try {
      const importer = importers.find((i) => i.kind === req.params.kind);
      if (!importer) throw notFound(`Import kind "${String(req.params.kind).slice(0, 40)}" (known: ${importers.map((i) => i.kind).join(', ')})`);
      const type = (req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
      const format = FORMATS[type];
      if (!format) throw badInput('Content-Type', 'format', 'must be text/csv or application/json', 415);
      const dryRun = ['1', 'true', 'yes'].includes(String(req.query.dryRun ?? '').toLowerCase());
      const length = req.header('content-length');
      ctx = await deps.context(req, res);
      const result = await runImport(ctx, importer, req, {
        format, dryRun, maxBytes: deps.config.importLimitBytes, limitName: 'IMPORT_LIMIT_MB', declaredBytes: length === undefined ? undefined : Number(length),
      });
      await ctx.db.finish(true);
      closeIfUnread();
      res.status(result.problems.length ? 422 : 200).json(result);
    } catch (error) {
      await ctx?.db.finish(false).catch(() => undefined);
      if (socket.destroyed) {
        // The client went away mid-upload (network dropped, lid closed): nothing changed, nobody to answer.
        deps.log.info({ requestId: res.locals.requestId, reason: (error as Error)?.message }, 'import upload cut off by the client; nothing was changed');
        return;
      }
      closeIfUnread();
      // Whatever still arrives is read and dropped until the connection closes.
      if (!req.destroyed) req.resume();
      sendRouteError(res, error, deps.log);
    }
  });
  return router;
}
