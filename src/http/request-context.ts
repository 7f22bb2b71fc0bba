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

export function contextFactory(config: AppConfig, ds: DataSource, log: Logger, authenticator: Authenticator): ContextFactory {
  return async (req, res) => {
    const requestId = res.locals.requestId as string;
    const principal = await authenticator.authenticate(req.header('authorization'));
    const db = new RequestDb(ds, principal);
    return { requestId, principal, db, loaders: new Loaders(db), log: log.child({ requestId }), config };
  };
}

/** What a feature's HTTP routes get (see Feature.routes). */
export interface RouteDeps {
  config: AppConfig;
  log: Logger;
  context: ContextFactory;
}
