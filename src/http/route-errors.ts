import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { localizeError } from '../errors';
import { DEFAULT_LOCALE, Locale } from '../i18n';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };

/**
 * The error answer of a non-GraphQL route, in the same shape as GraphQL errors: typed errors (a
 * code of the table above, or any code with its own `extensions.http.status`) keep their code, with
 * their message in the request's language (`res.locals.locale`); anything else is logged with the request id and masked.
 */
export function sendRouteError(res: Response, error: unknown, log: Logger): void {
  const requestId = res.locals.requestId as string;
  const code = error instanceof GraphQLError ? (error.extensions?.code as string | undefined) : undefined;
  const http = error instanceof GraphQLError ? (error.extensions?.http as { status?: number } | undefined)?.status : undefined;
  if (error instanceof GraphQLError && code && (STATUS[code] || http)) {
    const shown = localizeError((res.locals.locale as Locale | undefined) ?? DEFAULT_LOCALE, error) as GraphQLError;
    const { http: _h, ...extensions } = shown.extensions ?? {};
    // A refusal for now (SERVER_BUSY) says when to ask again, as the GraphQL path's does.
    if (typeof extensions.retryAfterSeconds === 'number') res.setHeader('retry-after', String(extensions.retryAfterSeconds));
    res.status(http ?? STATUS[code]).json({ errors: [{ message: shown.message, extensions: { ...extensions, requestId } }] });
    return;
  }
  log.error({ err: error, requestId }, 'unexpected error in a route');
  res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
}
