import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config';
import { Context } from '../context';
import { RequestDb } from '../db/request-db';
import { Loaders } from '../loaders';
import { Authenticator } from './auth';

/** Builds the Context of one HTTP request (GraphQL or a feature's own route): who asks, and their transaction. */
export type ContextFactory = (req: Request, res: Response) => Promise<Context>;

/** The same from the Authorization header and the request id (the GraphQL fast path has no express objects). */
export type ContextBuilder = (authorization: string | undefined, requestId: string) => Promise<Context>;

export function contextFactory(build: ContextBuilder): ContextFactory {
  return (req, res) => build(req.header('authorization'), res.locals.requestId as string);
}

export function contextBuilder(config: AppConfig, ds: DataSource, log: Logger, authenticator: Authenticator): ContextBuilder {
  return async (authorization, requestId) => {
    const principal = await authenticator.authenticate(authorization);
    const db = new RequestDb(ds, principal);
    return {
      requestId,
      principal,
      db,
      loaders: new Loaders(db),
      // Every HTTP request is served inside requestLogContext (app.ts, graphql-post.ts): the
      // logger's mixin adds the request id to each line, so no child logger is needed.
      log,
      config,
    };
  };
}

/** What a feature's HTTP routes get (see Feature.routes). */
export interface RouteDeps {
  config: AppConfig;
  log: Logger;
  context: ContextFactory;
}
