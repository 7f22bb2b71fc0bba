import 'reflect-metadata';
import { loadConfig } from './config';
import { openDatabase } from './db/bootstrap';
import { startJobRunner } from './db/job-queue';
import { tasks } from './features';
import { createAppServer } from './http/app';
import { createLogger } from './logger';

/** `npm start`: database (embedded unless DATABASE_URL), migrations, seed, then the API. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  // PostgreSQL's own chatter is debug-level; our bootstrap steps are info.
  const db = await openDatabase(config, (msg) => (msg.startsWith('[postgres]') ? log.debug(msg) : log.info(msg)));
  const server = await createAppServer(config, db.app, log);
  try {
    await new Promise<void>((resolve, reject) => {
      server.httpServer.once('error', reject);
      server.httpServer.listen(config.port, config.host, resolve);
    });
  } catch (error) {
    const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    console.error(busy ? `Port ${config.port} is already in use: stop the other server or start with PORT=<free port>.` : `Cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`);
    await server.stop().catch(() => undefined);
    await db.close();
    process.exit(1);
  }

  const url = `http://localhost:${config.port}/graphql`;
  console.log(`\nSamvirke GraphQL API ready at ${url}${config.graphiql ? '  (open it in a browser for GraphiQL)' : ''}`);
  console.log(`Health: http://localhost:${config.port}/healthz   Ready: http://localhost:${config.port}/readyz`);
  console.log('Get a token:  npm run -s token -- --role MUNICIPAL_DIRECTOR --municipality 3429');
  console.log('Then send it as the header  Authorization: Bearer <token>\n');

  // Background jobs (webhook deliveries …): started once the API is up, stopped before the pool
  // closes; a failure to start is logged (jobs stay queued in the database for the next start).
  const jobs = startJobRunner({ ownerUrl: db.ownerUrl, app: db.app, config, log, tasks }).catch((error) => {
    log.error({ err: error }, 'job queue did not start');
    return undefined;
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took too long; stopping PostgreSQL and exiting');
      // Never leave an orphan PostgreSQL: its stop() sends SIGINT (fast, safe shutdown) right away.
      setTimeout(() => process.exit(1), 5_000).unref();
      void (db.embedded?.stop() ?? Promise.resolve()).finally(() => process.exit(1));
    }, 15_000);
    force.unref();
    try {
      await server.stop();
      log.info('HTTP server stopped');
      await (await jobs)?.stop();
      log.info('job queue stopped');
      await db.close();
      log.info('database closed');
      clearTimeout(force);
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGHUP', () => void shutdown('SIGHUP'));
  // A stray rejection is a bug to log and fix, not a reason to drop every client's connection.
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection'));
}

main().catch((error) => {
  console.error('Samvirke failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
