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
  /**
   * Subscriptions over WebSocket only: the payloads of a PostgreSQL NOTIFY channel from now on
   * (a NOTIFY is delivered when its transaction commits). Each event then runs with a context of
   * its own, like a request (src/http/subscriptions.ts).
   */
  listen?: (channel: string) => Promise<AsyncIterableIterator<string>>;
}

export const isPublic = (ctx: Context) => ctx.principal.role === Role.PUBLIC;
