import type { Request, Response } from 'express';
import { notFound } from '../../errors';
import type { RouteDeps } from '../request-context';
import { sendRouteError } from '../route-errors';
import { forumCalendar } from '../../services/fora/calendar';

/**
 * GET /fora/calendar.ics?token=<token>: a forum's meetings as text/calendar. The token is the
 * credential (the feed is read as PUBLIC; an Authorization header is ignored), and it travels in
 * the query string so the request log, which records the path only, never holds it.
 */
export function calendarRoute(deps: RouteDeps) {
  return async (req: Request, res: Response) => {
    let ctx;
    try {
      delete req.headers.authorization;
      ctx = await deps.context(req, res);
      const token = typeof req.query.token === 'string' ? req.query.token : '';
      const body = await forumCalendar(ctx, token);
      await ctx.db.finish(true);
      if (body === null) throw notFound({ key: 'fora.notFound.calendar' });
      res.status(200).type('text/calendar; charset=utf-8').setHeader('cache-control', 'private, max-age=300').send(body);
    } catch (error) {
      await ctx?.db.finish(false).catch(() => undefined);
      sendRouteError(res, error, deps.log);
    }
  };
}
