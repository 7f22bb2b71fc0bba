import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { Principal } from '../auth/roles';
import { StatementCounter } from './sql-counter';

/**
 * Sets the RLS context of the current transaction. `true` = local to the transaction, so a pooled
 * connection never carries one request's tenant into the next.
 */
export async function setTenantContext(em: EntityManager, p: Principal): Promise<void> {
  await em.query(
    `SELECT set_config('app.role', $1, true), set_config('app.region_id', $2, true),
            set_config('app.municipality_id', $3, true), set_config('app.service_id', $4, true),
            set_config('app.unit_id', $5, true)`,
    [p.role, p.regionId ?? '', p.municipalityId ?? '', p.serviceId ?? '', p.unitId ?? ''],
  );
}

/**
 * One transaction per GraphQL request, opened on first use with the caller's tenant context.
 * Everything the request reads or writes goes through `manager()`; `finish()` commits or rolls back.
 */
export class RequestDb {
  readonly counter: StatementCounter = { statements: 0 };
  private runner?: QueryRunner;
  private opening?: Promise<EntityManager>;
  private finished = false;

  constructor(private readonly ds: DataSource, private readonly principal: Principal) {}

  manager(): Promise<EntityManager> {
    if (this.finished) return Promise.reject(new Error('request transaction already finished'));
    this.opening ??= this.open();
    return this.opening;
  }

  private async open(): Promise<EntityManager> {
    const runner = this.ds.createQueryRunner();
    runner.data = { counter: this.counter };
    serializeQueries(runner);
    this.runner = runner;
    await runner.connect();
    await runner.startTransaction();
    await setTenantContext(runner.manager, this.principal);
    return runner.manager;
  }

  /** Commits (ok) or rolls back, and releases the connection. Safe to call more than once. */
  async finish(ok: boolean): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    const runner = this.runner;
    if (!runner) return;
    try {
      await this.opening?.catch(() => undefined);
      if (runner.isTransactionActive) {
        if (ok) await runner.commitTransaction();
        else await runner.rollbackTransaction();
      }
    } finally {
      await runner.release();
    }
  }
}

/**
 * DataLoaders of one request fire their batches in the same tick, all on this one connection. pg
 * queues overlapping client.query() calls but deprecates doing so (removed in pg 9); we queue
 * them ourselves, in call order, which is what pg did anyway.
 */
function serializeQueries(runner: QueryRunner): void {
  const query = runner.query.bind(runner);
  let tail: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: Parameters<QueryRunner['query']>) => {
    const result = tail.then(() => query(...args));
    tail = result.catch(() => undefined);
    return result;
  }) as QueryRunner['query'];
}
