import 'reflect-metadata';
import { getHeapStatistics } from 'node:v8';
import { DEV_AUDIENCE, DEV_ISSUER } from './auth/jwt';
import { AppConfig, loadConfig } from './config';
import { AppDatabase, connectMigratedDatabase, openDatabase } from './db/bootstrap';
import type { EmbeddedDatabase } from './db/embedded';
import { startJobRunner } from './db/job-queue';
import { database, served, tasks } from './features';
import { AppServer, createAppServer } from './http/app';
import { createLogger, ignoreClosedStdio } from './logger';
import { processGuard } from './process-guard';

/** How callers get a token, for the start-up banner: `npm run token` is a development tool. */
function tokenHelp(config: AppConfig): string[] {
  if (config.env !== 'production') {
    return ['Get a token:  npm run -s token -- --person kd-3429   (or a role token: --role MUNICIPAL_DIRECTOR --municipality 3429)', 'Then send it as the header  Authorization: Bearer <token>\n'];
  }
  if (config.oidcIssuer && !config.jwtSecret && !config.jwksUrl) {
    return [
      `Tokens: access tokens of ${config.oidcIssuer} for the audience ${config.oidcAudience}; what each person may do is their grants in Samvirke (grantRole).`,
      'Send a token as the header  Authorization: Bearer <token>\n',
    ];
  }
  const tokens = config.jwksUrl
    ? `Tokens: issued by your identity provider and verified with its keys at ${config.jwksUrl} (issuer ${config.jwtIssuer}, audience ${config.jwtAudience}).`
    : `Tokens: HS256 JWTs signed with JWT_SECRET (issuer ${config.jwtIssuer ?? DEV_ISSUER}, audience ${config.jwtAudience ?? DEV_AUDIENCE}); to have an identity provider issue them, set JWKS_URL, JWT_ISSUER and JWT_AUDIENCE.`;
  return [tokens, 'Send a token as the header  Authorization: Bearer <token>\n'];
}

/** The database as this process has it: only the API role's pool, or (development) a database it owns. */
type ApiDatabase = AppDatabase & { ownerUrl?: string; embedded?: EmbeddedDatabase };

/**
 * With APP_DATABASE_URL alone, the API role's pool of a database `npm run migrate` migrated (refused
 * when the schema is older than the code); otherwise the start-up that owns the database: embedded
 * PostgreSQL in development, or DATABASE_URL. In production DATABASE_URL is the single-process start
 * (one API, or the PostGraphile yardstick rig, which starts the API exactly so): it migrates under
 * the same advisory lock as `npm run migrate`, then serves through the API role's pool only; no owner
 * connection stays open and no job runs in the process (the worker process runs them). Deployments
 * with replicas use the migrate step and APP_DATABASE_URL (docs/deployment.md).
 */
async function apiDatabase(config: AppConfig, log: (msg: string) => void): Promise<ApiDatabase> {
  if (config.databaseUrl && config.env === 'production') {
    log(
      'NODE_ENV=production with DATABASE_URL: single-process start (migrations under the advisory lock, then the API role only; jobs in the worker process). ' +
        'With replicas, run `npm run migrate` as a step and give the API APP_DATABASE_URL (docs/deployment.md).',
    );
    if (config.jobsInProcess) throw new Error('JOBS_IN_PROCESS=true is for development; in production the worker process runs the jobs (npm run worker)');
    const db = await openDatabase(config, log, database);
    return { ...db, ownerUrl: undefined };
  }
  if (config.appDatabaseUrl && !config.databaseUrl) {
    if (config.jobsInProcess) throw new Error("JOBS_IN_PROCESS=true needs the owner's DATABASE_URL; with APP_DATABASE_URL alone the jobs run in the worker process (npm run worker)");
    const db = await connectMigratedDatabase(config.appDatabaseUrl, database, { poolSize: config.dbPoolSize, name: 'samvirke-api', countStatements: config.env !== 'production', pipeline: true });
    log('connected as the API role (APP_DATABASE_URL); schema up to date');
    return db;
  }
  return openDatabase(config, log, database);
}

/**
 * `npm start`: database (embedded unless DATABASE_URL), migrations, seed, then the API. The
 * composition root: it reads the feature list and hands each layer its part (entities, migrations
 * and seeders to the database, schema, importers and routes to HTTP, tasks to the job queue).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  ignoreClosedStdio();
  const log = createLogger(config.logLevel, undefined, config.logBufferBytes);
  // PostgreSQL's own chatter is debug-level; our bootstrap steps are info.
  const db = await apiDatabase(config, (msg) => (msg.startsWith('[postgres]') ? log.debug(msg) : log.info(msg)));
  let server: AppServer;
  try {
    server = await createAppServer(config, db.app, log, served);
  } catch (error) {
    await db.close().catch(() => undefined); // never leave PostgreSQL running behind a failed start
    throw error;
  }
  try {
    await new Promise<void>((resolve, reject) => {
      server.httpServer.once('error', reject);
      server.httpServer.listen(config.port, config.host, resolve);
    });
  } catch (error) {
    const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    console.error(
      busy ? `Port ${config.port} is already in use: stop the other server or start with PORT=<free port>.` : `Cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`,
    );
    await server.stop().catch(() => undefined);
    await db.close();
    process.exit(1);
  }

  const url = `http://localhost:${config.port}/graphql`;
  console.log(`\nSamvirke GraphQL API ready at ${url}${config.graphiql ? '  (open it in a browser for GraphiQL)' : ''}`);
  console.log(`Health: http://localhost:${config.port}/healthz   Ready: http://localhost:${config.port}/readyz`);
  // The heap budget the process was started with (npm start and the image pass --max-old-space-size; docs/scaling.md "Memory budget").
  log.info({ heapLimitMb: Math.round(getHeapStatistics().heap_size_limit / 1048576) }, 'heap limit');
  for (const line of tokenHelp(config)) console.log(line);

  // Background jobs (webhook deliveries …) in development: started once the API is up, stopped
  // before the pool closes; a failure to start is logged (jobs stay queued in the database for the
  // next start). In production the worker process runs them (src/worker.ts).
  const ownerUrl = db.ownerUrl;
  const jobs =
    config.jobsInProcess && ownerUrl
      ? startJobRunner({ queueUrl: ownerUrl, app: db.app, config, log, tasks }).catch((error) => {
          log.error({ err: error }, 'job queue did not start');
          return undefined;
        })
      : Promise.resolve(undefined);

  let stopping = false;
  let abandoning = false;
  /** Last resort: stop PostgreSQL (SIGINT: fast, safe) for at most 5 s, then exit 1. */
  const abandon = (reason: string, err?: unknown) => {
    if (abandoning) return;
    abandoning = true;
    log.error({ err }, reason);
    setTimeout(() => process.exit(1), 5_000);
    void (db.embedded?.stop() ?? Promise.resolve()).catch(() => undefined).finally(() => process.exit(1));
  };
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return abandon(`${signal} again during shutdown; stopping PostgreSQL and exiting`);
    stopping = true;
    log.info({ signal }, 'shutting down');
    // Not unref'd: this timer is what guarantees the process ends, whatever a step waits for.
    setTimeout(() => abandon(`shutdown took longer than ${config.shutdownTimeoutMs} ms (SHUTDOWN_TIMEOUT_MS); stopping PostgreSQL and exiting`), config.shutdownTimeoutMs);
    try {
      await server.stop();
      log.info('HTTP server stopped');
      await (await jobs)?.stop();
      log.info('job queue stopped');
      await db.close();
      log.info('database closed');
      process.exit(0);
    } catch (error) {
      abandon('error during shutdown', error);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));
  // A stray rejection or exception is a bug to log (with its request id) and fix, not a reason to
  // drop every client's connection; each stream still handles its own errors (stream.pipeline).
  const guard = processGuard(log);
  process.on('unhandledRejection', guard.unhandledRejection);
  process.on('uncaughtException', guard.uncaughtException);
}

main().catch((error) => {
  console.error('Samvirke failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
