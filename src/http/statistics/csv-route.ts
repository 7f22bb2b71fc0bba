import type { Request, Response, Router } from 'express';
import { StatisticsGroupBy } from '../../entities/statistics/enums';
import { badInput } from '../../errors';
import type { RouteDeps } from '../request-context';
import { sendRouteError } from '../route-errors';
import { statisticsCsv } from '../../services/statistics/csv';
import { activityStatistics, MAX_CSV_CELLS } from '../../services/statistics/read';

const list = (v: unknown): string[] | null =>
  typeof v === 'string' && v.trim()
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : null;
const one = (req: Request, name: string): string => {
  const v = req.query[name];
  if (typeof v !== 'string' || !v.trim()) throw badInput(name, 'required', { key: 'common.errors.required' });
  return v;
};

/**
 * `GET /statistics/activity.csv?serviceId=…&from=2019&to=2022&groupBy=MUNICIPALITY,YEAR[&metrics=a,b][&municipalityNumbers=3429,3427][&asOf=ISO]`
 * with an optional bearer token: the same table, the same visibility rules and the same code path
 * as `activityStatistics`, as CSV.
 */
export function statisticsRoutes(router: Router, deps: RouteDeps): void {
  router.get('/statistics/activity.csv', async (req: Request, res: Response) => {
    let ctx;
    try {
      const groupBy = (list(req.query.groupBy) ?? [StatisticsGroupBy.YEAR]).map((g) => {
        if (!Object.values(StatisticsGroupBy).includes(g as StatisticsGroupBy)) throw badInput('groupBy', 'enum', { key: 'statistics.errors.groupByValues', params: { value: g.slice(0, 20) } });
        return g as StatisticsGroupBy;
      });
      const asOfText = typeof req.query.asOf === 'string' ? req.query.asOf : null;
      const asOf = asOfText ? new Date(asOfText) : null;
      if (asOf && Number.isNaN(asOf.getTime())) throw badInput('asOf', 'date', { key: 'common.errors.isoDateTime' });
      const args = {
        serviceId: one(req, 'serviceId'),
        from: one(req, 'from'),
        to: one(req, 'to'),
        groupBy,
        metrics: list(req.query.metrics),
        municipalityNumbers: list(req.query.municipalityNumbers),
        asOf,
      };
      ctx = await deps.context(req, res);
      const result = await activityStatistics(ctx, args, MAX_CSV_CELLS);
      const names = new Map(result.municipalities.map((m) => [m.id, m]));
      const body = statisticsCsv(result.rows, result.totals, (id) => names.get(id), groupBy.includes(StatisticsGroupBy.MUNICIPALITY));
      await ctx.db.finish(true);
      res.status(200).type('text/csv; charset=utf-8').setHeader('content-disposition', `attachment; filename="activity-statistics-${args.from}-${args.to}.csv"`);
      res.send(body);
    } catch (error) {
      await ctx?.db.finish(false).catch(() => undefined);
      sendRouteError(res, error, deps.log);
    }
  });
}
