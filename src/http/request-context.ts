import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config';
import { Context } from '../context';
import { consistencyOf, CONSISTENCY_HEADER, DbRouter } from '../db/db-router';
import { RequestDb } from '../db/request-db';
import { Loaders } from '../loaders';
import { GrantChoice } from '../auth/grants';
import { fromGlobalId } from '../global-id';
import { Authenticator } from './auth';
import { isUnexpectedError } from './errors';
import { localizeError } from '../errors';
import { Locale, localeFromAcceptLanguage } from '../i18n';
import type { AdmissionGate } from './admission';
import { enterFor } from './overload';

/** Builds the Context of one HTTP request (GraphQL or a feature's own route): who asks, and their transaction. */
export type ContextFactory = (req: Request, res: Response) => Promise<Context>;

/** The same from the Authorization header, the request id and the client's choice of region, role or grant (the GraphQL fast path has no express objects). */
export type ContextBuilder = (authorization: string | undefined, requestId: string, choice?: GrantChoice, locale?: Locale, consistency?: string) => Promise<Context>;

/** The client's choice for this request: `Samvirke-Region`, `Samvirke-Role`, `Samvirke-Grant` (src/auth/grants.ts). */
export function grantChoice(header: (name: string) => string | undefined | null): GrantChoice {
  const value = (name: string) => {
    const v = header(name)?.trim();
    return v ? v : undefined;
  };
  return { region: value('samvirke-region'), role: value('samvirke-role'), grant: grantIdOf(value('samvirke-grant')) };
}

/** A grant named by its global id (RoleAssignment:…) or its row id. */
function grantIdOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const decoded = fromGlobalId(value);
  return decoded?.type === 'RoleAssignment' ? decoded.id : value;
}

/**
 * A feature route's context. A GET only reads: its transaction is READ ONLY (PostgreSQL refuses a
 * write) and may run on the read replica (src/db/db-router.ts).
 */
export function contextFactory(build: ContextBuilder, gate?: AdmissionGate): ContextFactory {
  return async (req, res) => {
    // Its place among the requests worked on (admission.ts); refused, the route answers 503 SERVER_BUSY.
    if (gate) await enterFor(gate, res);
    const ctx = await build(
      req.header('authorization'),
      res.locals.requestId as string,
      grantChoice((name) => req.header(name)),
      localeFromAcceptLanguage(req.header('accept-language')),
      req.header(CONSISTENCY_HEADER),
    );
    if (req.method === 'GET' || req.method === 'HEAD') ctx.db.readOnly();
    return ctx;
  };
}

/** `consistency`: the client's `Samvirke-Consistency` header (read-your-writes across API replicas). */
export function contextBuilder(config: AppConfig, ds: DataSource, log: Logger, authenticator: Authenticator, router: DbRouter): ContextBuilder {
  return async (authorization, requestId, choice, locale, consistency) => {
    let principal;
    try {
      principal = await authenticator.authenticate(authorization, choice);
    } catch (error) {
      // No formatter sees an error of the context (Apollo answers with it as it is): its language here.
      throw localizeError(locale ?? config.defaultLocale, error);
    }
    const db = new RequestDb(ds, principal, { router, consistency: consistencyOf(consistency) });
    return {
      requestId,
      principal,
      db,
      loaders: new Loaders(db),
      // Every line a resolver or service logs for this request carries its id.
      log: log.child({ requestId }),
      config,
      locale: locale ?? config.defaultLocale,
    };
  };
}

/** What a feature's HTTP routes get (see Feature.routes). */
export interface RouteDeps {
  config: AppConfig;
  log: Logger;
  context: ContextFactory;
}

/**
 * The context of a GraphQL request: an unexpected failure while building it (the database down
 * while resolving the token) is logged here with the request id — Apollo then answers
 * INTERNAL_SERVER_ERROR without logging (see makeFormatError). A client's error (a bad token) is not logged.
 */
export function graphqlContext(build: ContextBuilder, log: Logger): ContextBuilder {
  return async (authorization, requestId, choice, locale, consistency) => {
    try {
      return await build(authorization, requestId, choice, locale, consistency);
    } catch (error) {
      if (isUnexpectedError(error)) log.error({ err: error, requestId }, 'unexpected error');
      throw error;
    }
  };
}
