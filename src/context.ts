import type { Logger } from 'pino';
import { facetsOf, Principal, Role } from './auth/roles';
import { AppConfig } from './config';
import { DEFAULT_LOCALE, Locale } from './i18n';
import { RequestDb } from './db/request-db';
import { Loaders } from './loaders';
import { osloToday } from './services/dates';

/** What every resolver and service gets for one GraphQL request. */
export interface Context {
  requestId: string;
  principal: Principal;
  db: RequestDb;
  loaders: Loaders;
  log: Logger;
  config: AppConfig;
  /**
   * The language end-user messages are rendered in (userErrors, import problems, translated
   * top-level errors): from `Accept-Language` (HTTP), `acceptLanguage` in connection_init or the
   * upgrade request's header (subscriptions), `--lang` / LANG (CLI). Absent = bokmål (`localeOf`).
   */
  locale?: Locale;
  /**
   * Subscriptions over WebSocket only: the payloads of a PostgreSQL NOTIFY channel from now on
   * (a NOTIFY is delivered when its transaction commits). Each event then runs with a context of
   * its own, like a request (src/http/subscriptions.ts).
   */
  listen?: (channel: string) => Promise<AsyncIterableIterator<string>>;
}

/** Now, by the app's clock (AppConfig.clock: the system clock, or a test's fixed time). */
export const nowOf = (ctx: Pick<Context, 'config'>): Date => ctx.config.clock();

/** Today in Norway (Europe/Oslo), YYYY-MM-DD, by the app's clock: the day every "not in the future" and "has ended" is judged by. */
export const todayOf = (ctx: Pick<Context, 'config'>): string => osloToday(ctx.config.clock());

/** The request's language for end-user messages: bokmål unless the client asked for another. */
export const localeOf = (ctx: Pick<Context, 'locale'> | undefined): Locale => ctx?.locale ?? DEFAULT_LOCALE;

export const isPublic = (ctx: Context) => ctx.principal.role === Role.PUBLIC;

/**
 * `check` judged as each role the caller acts with (one facet per role, src/auth/roles.ts): true
 * when one of them passes. A caller with one role is judged as it is.
 */
export function asAnyFacet(ctx: Context, check: (ctx: Context) => boolean): boolean {
  const facets = facetsOf(ctx.principal);
  return facets.length === 1 ? check(ctx) : facets.some((principal) => check({ ...ctx, principal }));
}

/** `asAnyFacet` for an asynchronous check. */
export async function asAnyFacetAsync(ctx: Context, check: (ctx: Context) => boolean | Promise<boolean>): Promise<boolean> {
  for (const principal of facetsOf(ctx.principal)) if (await check(principal === ctx.principal ? ctx : { ...ctx, principal })) return true;
  return false;
}
