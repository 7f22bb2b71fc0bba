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
 * result (what changed, or with `dryRun` what would change); 422 when the file breaks a rule
 * (`problems` with line and field; nothing changed); 401/403 before a byte is read when the caller
 * may not import this kind.
 */
export function importRouter(deps: RouteDeps): express.Router {
  const router = express.Router();
  router.post('/:kind', async (req: Request, res: Response) => {
    let ctx;
    try {
      const importer = importers.find((i) => i.kind === req.params.kind);
      if (!importer) throw notFound(`Import kind "${String(req.params.kind).slice(0, 40)}" (known: ${importers.map((i) => i.kind).join(', ')})`);
      const type = (req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
      const format = FORMATS[type];
      if (!format) throw badInput('Content-Type', 'format', 'must be text/csv or application/json', 415);
      const dryRun = ['1', 'true', 'yes'].includes(String(req.query.dryRun ?? '').toLowerCase());
      ctx = await deps.context(req, res);
      const result = await runImport(ctx, importer, req, { format, dryRun, maxBytes: deps.config.importLimitBytes });
      await ctx.db.finish(true);
      res.status(result.problems.length ? 422 : 200).json(result);
    } catch (error) {
      await ctx?.db.finish(false).catch(() => undefined);
      // An unread upload must not be answered mid-stream: drain it, then answer.
      req.resume();
      sendRouteError(res, error, deps.log);
    }
  });
  return router;
}
