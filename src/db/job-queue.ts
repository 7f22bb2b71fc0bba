import type { Logger as WorkerLogger, Runner, TaskList } from 'graphile-worker';
import { Pool } from 'pg';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config';

/**
 * The durable job queue: graphile-worker (PostgreSQL-backed; retries with exponential backoff;
 * a job survives a restart because it is a row). Its tables live in their own schema,
 * `graphile_worker`, owned by the database owner and managed by the library's own migrator; the
 * API role has no privilege there at all, so they need no row-level security (and the RLS checks,
 * which cover the tenant schema `public`, do not apply). Features enqueue jobs from SQL in the
 * transaction that makes them necessary (e.g. a SECURITY DEFINER trigger calling
 * `graphile_worker.add_job`), and handle them in a task of their manifest (`Feature.tasks`); a task
 * does its tenant work through the API role's pool under RLS, like a request.
 */

/** What a task gets besides its payload. */
export interface TaskDeps {
  /** The API role's pool (RLS applies: open a RequestDb with the principal the task acts as). */
  app: DataSource;
  config: AppConfig;
  log: Logger;
  /** This attempt (1 = first) and the job's last allowed attempt. */
  attempt: number;
  maxAttempts: number;
}

/** A background task; throwing makes the queue retry it later (with backoff) until its last attempt. */
export type JobTask = (payload: unknown, deps: TaskDeps) => Promise<void>;

/** graphile-worker, loaded when a queue is first used (an import command never needs its 18 MB). */
const worker = (): typeof import('graphile-worker') => require('graphile-worker');

function workerLogger(log: Logger): WorkerLogger {
  return new (worker().Logger)(() => (level, message, meta) => {
    const line = { component: 'job-queue', ...(meta ?? {}) };
    if (level === 'error') log.error(line, message);
    else if (level === 'warning') log.warn(line, message);
    else log.debug(line, message);
  });
}

/** Installs or upgrades the queue's schema (as the database owner; bootstrap runs it after the migrations). */
export async function migrateJobQueue(ownerUrl: string, log?: Logger): Promise<void> {
  await worker().runMigrations({ connectionString: ownerUrl, logger: log ? workerLogger(log) : new (worker().Logger)(() => () => undefined) });
}

export interface JobRunner {
  /** Lets running jobs finish, then stops (safe to call more than once). */
  stop(): Promise<void>;
}

/**
 * Starts processing jobs of the given tasks (the queue's own connections are the owner's; the
 * tasks' tenant work goes through `app`). `stop()` lets running jobs finish first.
 */
export async function startJobRunner(options: { ownerUrl: string; app: DataSource; config: AppConfig; log: Logger; tasks: Record<string, JobTask>; pollIntervalMs?: number }): Promise<JobRunner> {
  const taskList: TaskList = {};
  for (const [name, task] of Object.entries(options.tasks)) {
    taskList[name] = (payload, helpers) => task(payload, { app: options.app, config: options.config, log: options.log.child({ task: name, job: helpers.job.id }), attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts });
  }
  // Our own pool, so a connection dropped while shutting down is logged, never an uncaught error.
  const pool = new Pool({ connectionString: options.ownerUrl, max: 4, application_name: 'samvirke-jobs' });
  const lost = (error: Error) => options.log.warn({ err: error }, 'job queue connection error');
  pool.on('error', lost);
  pool.on('connect', (client) => client.on('error', lost));
  const runner: Runner = await worker().run({
    pgPool: pool,
    concurrency: 2,
    noHandleSignals: true,
    pollInterval: options.pollIntervalMs ?? 2000,
    logger: workerLogger(options.log),
    taskList,
  });
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= runner.stop().then(() => pool.end());
      return stopping;
    },
  };
}
