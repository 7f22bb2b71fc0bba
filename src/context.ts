import type { Logger } from 'pino';
import { Principal, Role } from './auth/roles';
import { AppConfig } from './config';
import { RequestDb } from './db/request-db';
import { Loaders } from './loaders';

/** What every resolver and service gets for one GraphQL request. */
export interface Context {
  requestId: string;
  principal: Principal;
  db: RequestDb;
  loaders: Loaders;
  log: Logger;
  config: AppConfig;
}

export const isPublic = (ctx: Context) => ctx.principal.role === Role.PUBLIC;
