import 'reflect-metadata';
import { loadConfig } from './config';
import { connectMigratedDatabase } from './db/bootstrap';
import { JobRunner, startJobRunner } from './db/job-queue';
import { database, tasks } from './features/data';
import { createLogger, ignoreClosedStdio } from './logger';
import { processGuard } from './process-guard';

/**
 * `npm run worker` (production: `node dist/src/worker.js`, the compose service `worker`): the
 * background jobs (cost alert webhooks …) in a process of their own, connected as the role
 * `samvirke_worker` (WORKER_DATABASE_URL) and nothing else: the queue's tables and, in the tenant
 * schema, only what the tasks need under RLS (migration 1733840000000-costs-jobs-worker-role). It does not
 * migrate; like the API it refuses a schema older than its code. It needs a direct connection to
 * PostgreSQL (not PgBouncer in transaction mode): the queue is woken by LISTEN/NOTIFY.
 *
 * Stops on SIGTERM/SIGINT: a job in flight gets SHUTDOWN_GRACE_MS (src/db/job-queue.ts) to finish,
 * then is interrupted and due again at once; the whole stop ends within SHUTDOWN_TIMEOUT_MS.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env, { verifiesTokens: false });
  ignoreClosedStdio();
  const log = createLogger(config.logLevel, undefined, config.logBufferBytes).child({ process: 'worker' });
  if (!config.workerDatabaseUrl) {
    throw new Error('WORKER_DATABASE_URL is not set: the worker connects as its own role samvirke_worker (npm run migrate gives it LOGIN with WORKER_DB_PASSWORD; docs/deployment.md)');
  }
  // In pipeline mode, as the API's pool: the tasks use RequestDb, which sends a transaction's statements back to back.
  const db = await connectMigratedDatabase(config.workerDatabaseUrl, database, { poolSize: 2, name: 'samvirke-worker', countStatements: false, pipeline: true });
  let runner: JobRunner;
  try {
    runner = await startJobRunner({ queueUrl: config.workerDatabaseUrl, app: db.app, config, log, tasks });
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  console.log(`Samvirke worker running the tasks ${Object.keys(tasks).join(', ')}`);

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'worker shutting down');
    setTimeout(() => {
      log.error(`shutdown took longer than ${config.shutdownTimeoutMs} ms (SHUTDOWN_TIMEOUT_MS); exiting`);
      process.exit(1);
    }, config.shutdownTimeoutMs);
    try {
      await runner.stop();
      await db.close();
      log.info('worker stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));
  const guard = processGuard(log);
  process.on('unhandledRejection', guard.unhandledRejection);
  process.on('uncaughtException', guard.uncaughtException);
}

main().catch((error) => {
  console.error('Samvirke worker failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
