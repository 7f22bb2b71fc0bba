import type { Logger as WorkerLogger, Runner, TaskList } from 'graphile-worker';
import { Client, Pool } from 'pg';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config';

/**
 * The durable job queue: graphile-worker (PostgreSQL-backed; retries with exponential backoff;
 * a job survives a restart because it is a row). Its tables live in their own schema,
 * `graphile_worker`, owned by the database owner and managed by the library's own migrator (run by
 * the migrate step, `migrate()` in bootstrap.ts); the API role has no privilege there at all, so
 * they need no row-level security (and the RLS checks, which cover the tenant schema `public`, do
 * not apply). Features enqueue jobs from SQL in the transaction that makes them necessary (e.g. a
 * SECURITY DEFINER trigger calling `graphile_worker.add_job`), and handle them in a task of their
 * manifest (`Feature.tasks`).
 *
 * Who runs the tasks: in production the worker process (`npm run worker`, src/worker.ts) as its own
 * role `samvirke_worker`, which may use the queue's tables (`grantJobQueue`) and, in the tenant
 * schema, exactly what the tasks need under RLS (migration 1733840000000-costs-jobs-worker-role); in
 * development `npm start` runs them in-process with the owner's connection for the queue and the API
 * role's pool for the tenant work. Either way a task does its tenant work through `deps.app` under
 * RLS, like a request.
 */

/** What a task gets besides its payload. */
export interface TaskDeps {
  /** A non-owner pool, the worker role's or the API role's (RLS applies: open a RequestDb with the principal the task acts as). */
  app: DataSource;
  config: AppConfig;
  log: Logger;
  /** This attempt (1 = first) and the job's last allowed attempt. */
  attempt: number;
  maxAttempts: number;
  /** Aborts when the runner stops while this attempt is in flight: end it quickly and throw `JobInterrupted`. */
  signal?: AbortSignal;
}

/**
 * Thrown by a task whose attempt a shutdown cut short (`deps.signal`): the attempt does not count,
 * and the job is due again at once (at the next start), not after the backoff of a failure.
 */
export class JobInterrupted extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobInterrupted';
  }
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

/**
 * Lets `role` run the queue (as the owner, after `migrateJobQueue`, so tables a new graphile-worker
 * release adds are covered): read and change its tables, call its functions. graphile-worker
 * switches row-level security on for its private tables with no policy (only their owner gets
 * through), so `role` also gets a policy of its own on each: every row, for that role only. Nothing
 * of the tenant schema (that is the role's migration). Idempotent.
 */
export async function grantJobQueue(owner: Client, role: string): Promise<void> {
  const who = owner.escapeIdentifier(role);
  await owner.query(`GRANT USAGE ON SCHEMA graphile_worker TO ${who}`);
  await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA graphile_worker TO ${who}`);
  await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA graphile_worker TO ${who}`);
  await owner.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA graphile_worker TO ${who}`);
  const policy = `${role}_runs_the_queue`;
  const { rows } = await owner.query<{ table: string }>(
    `SELECT c.relname AS table FROM pg_class c
      WHERE c.relnamespace = 'graphile_worker'::regnamespace AND c.relkind = 'r' AND c.relrowsecurity
        AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = $1)`,
    [policy],
  );
  for (const { table } of rows) {
    await owner.query(`CREATE POLICY ${owner.escapeIdentifier(policy)} ON graphile_worker.${owner.escapeIdentifier(table)} FOR ALL TO ${who} USING (true) WITH CHECK (true)`);
  }
}

export interface JobRunner {
  /**
   * Stops (safe to call more than once): a job in flight gets SHUTDOWN_GRACE_MS to finish, then is
   * aborted; an aborted (interrupted) job is released and due again at once with its attempt not
   * counted, so it runs within a poll interval of the next start.
   */
  stop(): Promise<void>;
}

/** How long a job in flight may still take after `stop()` before its abort signal fires. */
export const SHUTDOWN_GRACE_MS = 1000;

/**
 * Starts processing jobs of the given tasks. `queueUrl`: the queue's own connections (the worker
 * role's URL in the worker process; the owner's in development's in-process runner); the tasks'
 * tenant work goes through `app`. `stop()` lets running jobs finish first, or interrupts them.
 */
export async function startJobRunner(options: { queueUrl: string; app: DataSource; config: AppConfig; log: Logger; tasks: Record<string, JobTask>; pollIntervalMs?: number }): Promise<JobRunner> {
  const taskList: TaskList = {};
  for (const [name, task] of Object.entries(options.tasks)) {
    taskList[name] = (payload, helpers) =>
      task(payload, {
        app: options.app,
        config: options.config,
        log: options.log.child({ task: name, job: helpers.job.id }),
        attempt: helpers.job.attempts,
        maxAttempts: helpers.job.max_attempts,
        signal: helpers.abortSignal,
      });
  }
  // Our own pool, so a connection dropped while shutting down is logged, never an uncaught error.
  const pool = new Pool({ connectionString: options.queueUrl, max: 4, application_name: 'samvirke-jobs' });
  const lost = (error: Error) => options.log.warn({ err: error }, 'job queue connection error');
  pool.on('error', lost);
  pool.on('connect', (client) => client.on('error', lost));
  const runner: Runner = await worker().run({
    pgPool: pool,
    concurrency: 2,
    noHandleSignals: true,
    pollInterval: options.pollIntervalMs ?? 2000,
    // A stop aborts a job still running after this (graphile-worker's documented abortSignal); the
    // task then throws JobInterrupted and graphile-worker releases the job (failJob).
    gracefulShutdownAbortTimeout: SHUTDOWN_GRACE_MS,
    // Batched (delay 0) completions and failures: a stop flushes them before it resolves, so no job
    // is left locked (unbatched, the last job's release is a query nobody awaits, lost when the
    // pool closes: the job then stays locked for graphile-worker's 4 hours).
    preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    logger: workerLogger(options.log),
    taskList,
  });
  // Interrupted jobs: released by graphile-worker as failed (backoff e^attempts s); made due now,
  // with the attempt given back, once the runner has stopped (rescheduleJobs needs them unlocked,
  // which the flushed failure has done by then).
  const interrupted: { id: string; maxAttempts: number }[] = [];
  runner.events.on('job:error', ({ job, error }) => {
    if (error instanceof JobInterrupted) interrupted.push({ id: job.id, maxAttempts: job.max_attempts });
  });
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= runner
        .stop()
        .then(async () => {
          if (interrupted.length) {
            const utils = await worker().makeWorkerUtils({ pgPool: pool, logger: workerLogger(options.log) });
            try {
              // The interrupted attempt is given back by one more allowed attempt (rescheduleJobs cannot set attempts to 0).
              for (const job of interrupted) await utils.rescheduleJobs([job.id], { runAt: new Date(), maxAttempts: job.maxAttempts + 1 });
            } finally {
              await utils.release();
            }
          }
        })
        .finally(() => pool.end());
      return stopping;
    },
  };
}
