import { MigrationInterface, QueryRunner } from 'typeorm';

/** The job worker's login role (src/worker.ts, `npm run worker`), as this migration names it. */
export const WORKER_ROLE = 'samvirke_worker';

/**
 * Least privilege for the background jobs (issue 23): the job worker runs as a process of its own,
 * with a role of its own, `samvirke_worker`, that may do in the tenant schema exactly what its tasks
 * do and nothing else. Today's only task, `costs:deliver-alert` (src/services/costs/delivery.ts),
 * reads a delivery, its alert, its webhook, the service, municipality and category named in the
 * alert, and writes the delivery's outcome, under RLS as the service's HOST_FINANCE. The policies
 * have no `TO` clause, so they hold for this role as for the API's; their helper functions read
 * the ownership tables under the caller's rights, so those are readable too (no write anywhere
 * else, no other tenant table). A new task that needs more gets it in a new migration.
 *
 * The role is created here without LOGIN when it does not exist (creating it needs CREATEROLE, as
 * the API role's creation in src/db/bootstrap.ts does); the migrate step gives it LOGIN and a
 * password when WORKER_DB_PASSWORD is set. Its privileges on the queue's own schema are granted by
 * the migrate step after graphile-worker's migrator (`grantJobQueue` in src/db/job-queue.ts).
 *
 * The worker role may read the migrations table, as the API role may since the first migration: a
 * process that holds only its role's credentials checks at start that the schema is not older than
 * its code (`checkSchema` in src/db/bootstrap.ts).
 */
export class JobsWorkerRole1733840000000 implements MigrationInterface {
  name = 'JobsWorkerRole1733840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${WORKER_ROLE}') THEN
          CREATE ROLE ${WORKER_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF;
      END $$`);
    await q.query(`GRANT SELECT ON migrations TO ${WORKER_ROLE}`);
    await q.query(`GRANT SELECT ON cost_alert_delivery, cost_alert, cost_webhook, cost_category, shared_service, municipality, ownership_period, ownership_period_owner TO ${WORKER_ROLE}`);
    await q.query(`GRANT UPDATE (status, attempts, last_attempt_at, last_status, last_error, delivered_at) ON cost_alert_delivery TO ${WORKER_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE UPDATE (status, attempts, last_attempt_at, last_status, last_error, delivered_at) ON cost_alert_delivery FROM ${WORKER_ROLE}`);
    await q.query(`REVOKE SELECT ON cost_alert_delivery, cost_alert, cost_webhook, cost_category, shared_service, municipality, ownership_period, ownership_period_owner FROM ${WORKER_ROLE}`);
    await q.query(`REVOKE SELECT ON migrations FROM ${WORKER_ROLE}`);
  }
}
