import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './rls';

/**
 * The ledger import keeps the planner's picture of `ledger_entry` true (issue 20, speed): it runs
 * `ANALYZE ledger_entry` when its own inserts have outgrown the table's statistics (PostgreSQL 17+
 * lets a role with MAINTAIN on a table analyze it). Without it, the first import of a service
 * planned its comparisons as if the table were empty until autovacuum came by, and compared each
 * line with every stored line of the service: 5,000 unchanged lines took 6 s, growing with the
 * square of the batch. MAINTAIN also allows VACUUM, REINDEX, CLUSTER, REFRESH MATERIALIZED VIEW and
 * LOCK TABLE on this one table; it reads and changes no row (RLS is untouched).
 */
export class CostsLedgerStatistics1733710000000 implements MigrationInterface {
  name = 'CostsLedgerStatistics1733710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`GRANT MAINTAIN ON ledger_entry TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE MAINTAIN ON ledger_entry FROM ${APP_ROLE}`);
  }
}
