import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { SamvirkeClaims, signToken } from '../../src/auth/jwt';
import { Role } from '../../src/auth/roles';
import { AppConfig, loadConfig } from '../../src/config';
import { createDataSource, withCredentials, withDatabase } from '../../src/db/data-source';
import { ensureDatabase } from '../../src/db/bootstrap';
import { APP_ROLE } from '../../migrations/rls';
import { database, served } from '../../src/features';
import { AppServer, createAppServer } from '../../src/http/app';
import { createLogger } from '../../src/logger';
import { TEST_ENV } from './env';

export interface GqlResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
  extensions?: { sqlStatements?: number; [key: string]: unknown };
}

export interface TestApp {
  url: string;
  config: AppConfig;
  /**
   * Runs a GraphQL operation over real HTTP; `token` is a bearer token or undefined (PUBLIC).
   * `options.acceptLanguage` sends that Accept-Language header (none by default: the test app's
   * `defaultLocale` is English unless a test overrides it).
   */
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string, options?: { acceptLanguage?: string | null }): Promise<GqlResponse<T>>;
  /** Signs a token for `role` with natural-key scopes (region defaults to nord-osterdal). */
  token(role: Role, scope?: Omit<Partial<SamvirkeClaims>, 'role'>): Promise<string>;
  /** SQL as the database owner (superuser): fixtures and checks that bypass the API on purpose. */
  owner: Client;
  /** The owner's connection URL of this test's database (for command-line tools under test). */
  ownerUrl: string;
  /** A pool connected as the API's non-owner role, for tests that bypass the service layer. */
  appDataSource: DataSource;
  close(): Promise<void>;
}

/** Starts the real HTTP server on a fresh copy of the seeded template database. */
/**
 * `logger`: where the server logs (default: silent); tests of the logs pass their own.
 * `overrides.clock` fixes "now" for everything judged by today's date (docs/CONVENTIONS-for-contributors.md "Dates").
 * `connect.appUrl`: the API pool's URL made from the direct one (test/scale: through PgBouncer);
 * `connect.configFor`: configuration that needs the database's URLs (a listen URL, a replica).
 */
export async function startTestApp(
  overrides: Partial<AppConfig> = {},
  logger: Logger = createLogger('silent'),
  connect: { appUrl?: (directAppUrl: string, dbName: string) => string; configFor?: (urls: { directAppUrl: string; dbName: string }) => Partial<AppConfig> | Promise<Partial<AppConfig>> } = {},
): Promise<TestApp> {
  const serverUrl = process.env[TEST_ENV.serverUrlVar];
  if (!serverUrl) throw new Error('globalSetup did not start PostgreSQL');
  const dbName = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await retry(() => ensureDatabase(serverUrl, dbName, TEST_ENV.templateDb));
  const ownerUrl = withDatabase(serverUrl, dbName);
  // English when a request names no language (a plain fetch): the tests assert the English texts; bokmål, the production default, is tested with `defaultLocale: 'nb'` or `Accept-Language: nb`.
  const directAppUrl = withCredentials(ownerUrl, APP_ROLE, TEST_ENV.appPassword);
  const config: AppConfig = {
    ...loadConfig({ NODE_ENV: 'test', JWT_SECRET: TEST_ENV.jwtSecret }),
    defaultLocale: 'en',
    // A fixed number of places (MAX_REQUESTS_IN_FLIGHT): the event loop's delay on a loaded CI machine must not decide which test's request waits. test/overload tunes them.
    requestLagTargetMs: 0,
    ...overrides,
    ...(await connect.configFor?.({ directAppUrl, dbName })),
  };
  const appUrl = connect.appUrl ? connect.appUrl(directAppUrl, dbName) : directAppUrl;
  const appDataSource = createDataSource(appUrl, database.model, { poolSize: 5, pipeline: true });
  await appDataSource.initialize();
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  const server: AppServer = await createAppServer(config, appDataSource, logger, served);
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/graphql`;

  return {
    url,
    config,
    owner,
    ownerUrl,
    appDataSource,
    async gql(query, variables, token, options) {
      const language = options?.acceptLanguage ?? null;
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(language === null ? {} : { 'accept-language': language }) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as GqlResponse;
      return { ...body, status: res.status };
    },
    token(role, scope = {}) {
      const needsRegion = !scope.municipality || role === Role.REGION_ADMIN;
      return signToken(config, { sub: `test-${role.toLowerCase()}`, role, ...(needsRegion ? { region: 'nord-osterdal' } : {}), ...scope });
    },
    async close() {
      await server.stop();
      await appDataSource.destroy();
      await owner.end();
      const admin = new Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function retry<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 200 * i));
    }
  }
}

/** Fails the test with the GraphQL errors if there are any, and returns data. */
export function ok<T>(res: GqlResponse<T>): T {
  if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors, null, 2)}`);
  return res.data as T;
}
