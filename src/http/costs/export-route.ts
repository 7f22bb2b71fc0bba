import type { Request, Response, Router } from 'express';
import type { RouteDeps } from '../request-context';
import { sendRouteError } from '../route-errors';
import { ExportFormat, exportCostReport } from '../../services/costs/export';

/**
 * `GET /costs/reports/<report id>/export.csv|xlsx[?municipality=NNNN]` with a bearer token: one
 * report version for one owner municipality as a file (owner municipalities get their own; the
 * service's roles name the municipality). The same RLS request context as GraphQL.
 */
export function costExportRoutes(router: Router, deps: RouteDeps): void {
  router.get('/costs/reports/:id/export.:format', async (req: Request, res: Response) => {
    let ctx;
    try {
      const format = String(req.params.format);
      if (format !== 'csv' && format !== 'xlsx') {
        res.status(404).json({ errors: [{ message: 'Export as .csv or .xlsx.', extensions: { code: 'NOT_FOUND' } }] });
        return;
      }
      ctx = await deps.context(req, res);
      const municipality = typeof req.query.municipality === 'string' ? req.query.municipality : undefined;
      const file = await exportCostReport(ctx, String(req.params.id), municipality, format as ExportFormat);
      await ctx.db.finish(true);
      res
        .status(200)
        .set({ 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.filename}"`, 'cache-control': 'private, no-store' })
        .send(file.body);
    } catch (error) {
      await ctx?.db.finish(false).catch(() => undefined);
      sendRouteError(res, error, deps.log);
    }
  });
}
