import { escapeLiteral, Pool, PoolClient } from 'pg';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, QueryFailedError, QueryRunner } from 'typeorm';
import { Principal } from '../auth/roles';
import { entityRows, EntityRows } from './entity-rows';
import { StatementCounter } from './sql-counter';

/**
 * The tenant context of a transaction, as one statement. `true` = local to the transaction, so a
 * pooled connection never carries one request's tenant into the next. The values are inlined as
 * escaped literals so that this statement can travel with BEGIN in one round trip (a multi-statement
 * string cannot carry parameters).
 */
export function tenantContextSql(p: Principal): string {
  const set = (name: string, value: string | undefined) => `set_config('app.${name}', ${escapeLiteral(value ?? '')}, true)`;
  return `SELECT ${set('role', p.role)}, ${set('region_id', p.regionId)}, ${set('municipality_id', p.municipalityId)}, ${set('service_id', p.serviceId)}, ${set('unit_id', p.unitId)}`;
}

/**
 * Prepared reads are planned once per connection: their `= ANY($1)` key lists make PostgreSQL's
 * default (auto) mode keep planning a custom plan on every execution, because a generic plan
 * expects longer lists. The RLS predicates are not parameters (they read current_setting), so a
 * generic plan filters by tenant exactly as a custom one. Local to the request transaction.
 */
const GENERIC_PLANS = 'SET LOCAL plan_cache_mode = force_generic_plan';

/**
 * One read of the request: a scalar subquery that yields one JSON value (a `json_agg` of rows),
 * with `$1 … $n` placeholders for `params`. Reads that are waiting at the same moment travel as one
 * statement: `SELECT (read 1), (read 2), …`.
 */
export interface Read {
  sql: string;
  params: unknown[];
}

interface PendingRead extends Read {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * One transaction per GraphQL request, opened on first use with the caller's tenant context.
 * Everything the request reads or writes goes through `read()` (the DataLoaders) or `manager()`
 * (TypeORM: services, mutations); `finish()` commits or rolls back.
 *
 * All statements of a request run on its one pooled connection, one after another, in call order:
 * - opening is one round trip: `START TRANSACTION; SET LOCAL plan_cache_mode …; SELECT set_config(…)`;
 * - `read()`s are collected while the connection is busy or until the current turn of the event
 *   loop has run (every DataLoader of a wave has dispatched by then) and sent as one statement,
 *   named and prepared once per connection, so PostgreSQL parses and plans it once;
 * - TypeORM statements (services, mutations, savepoints) queue behind them on the same connection,
 *   through a QueryRunner bound to it that knows it is inside the request transaction;
 * - `finish()` sends COMMIT (or ROLLBACK) and gives the connection back.
 */
export class RequestDb {
  readonly counter: StatementCounter = { statements: 0 };
  private client?: PoolClient;
  private broken?: Error;
  private onClientError?: (error: Error) => void;
  private runner?: QueryRunner;
  private opening?: Promise<void>;
  private managing?: Promise<EntityManager>;
  private finished = false;
  /** The transaction started with the tenant context: only then does a read run. */
  private inTransaction = false;
  /** Statements queued or running on the connection. */
  private queue: Promise<unknown> = Promise.resolve();
  private busy = 0;
  private pending: PendingRead[] = [];
  private flushScheduled = false;

  constructor(private readonly ds: DataSource, private readonly principal: Principal) {}

  /** The request transaction as a TypeORM EntityManager (services, mutations). */
  manager(): Promise<EntityManager> {
    if (this.finished) return Promise.reject(new Error('request transaction already finished'));
    this.managing ??= this.open().then(() => this.boundRunner().manager);
    return this.managing;
  }

  /** The row codec of an entity (see entity-rows.ts). */
  rows<T extends ObjectLiteral>(entity: EntityTarget<T>): EntityRows<T> {
    return entityRows(this.ds, entity);
  }

  /** Runs a read in the request transaction, batched with the other reads waiting now; resolves to its JSON value. */
  read<V = unknown>(read: Read): Promise<V> {
    if (this.finished) return Promise.reject(new Error('request transaction already finished'));
    const opening = this.open();
    return new Promise<V>((resolve, reject) => {
      opening.catch(reject);
      this.pending.push({ ...read, resolve: resolve as (v: unknown) => void, reject });
      if (!this.busy) this.scheduleFlush();
    });
  }

  /** Takes a pooled connection of the API role and starts the transaction with the tenant context. */
  private open(): Promise<void> {
    this.opening ??= this.enqueue(async () => {
      const pool = (this.ds.driver as unknown as { master: Pool }).master;
      const client = await pool.connect();
      // A connection that fails while we hold it is destroyed on release, never reused.
      this.onClientError = (error) => (this.broken ??= error);
      client.on('error', this.onClientError);
      this.client = client;
      await this.send(`START TRANSACTION; ${GENERIC_PLANS}; ${tenantContextSql(this.principal)}`);
      this.inTransaction = true;
    });
    return this.opening;
  }

  private async send(text: string): Promise<void> {
    this.counter.statements += 1;
    this.counter.log?.push(text);
    await this.client!.query(text);
  }

  /**
   * A TypeORM QueryRunner on the request's connection, already inside its transaction (so
   * `em.transaction` makes savepoints), whose statements queue with the reads.
   */
  private boundRunner(): QueryRunner {
    if (this.runner) return this.runner;
    const runner = this.ds.createQueryRunner();
    const internals = runner as unknown as RunnerInternals;
    internals.databaseConnection = this.client!;
    internals.transactionDepth = 1;
    internals.isTransactionActive = true;
    runner.data = { counter: this.counter };
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    runner.query = ((...args: unknown[]) => this.enqueue(() => query(...args))) as QueryRunner['query'];
    this.runner = runner;
    return runner;
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    this.busy += 1;
    const result = this.queue.then(job);
    const done = () => {
      this.busy -= 1;
      if (!this.busy && this.pending.length) this.scheduleFlush();
    };
    this.queue = result.then(done, done);
    return result;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (this.busy || !this.pending.length) return;
      const batch = this.pending;
      this.pending = [];
      void this.enqueue(() => this.runReads(batch));
    });
  }

  private async runReads(batch: PendingRead[]): Promise<void> {
    const client = this.client;
    if (this.finished || !client || !this.inTransaction) {
      for (const r of batch) r.reject(new Error('request transaction already finished'));
      return;
    }
    const { text, name } = combinedStatement(batch);
    const values = batch.length === 1 ? batch[0].params : batch.flatMap((r) => r.params);
    this.counter.statements += 1;
    this.counter.log?.push(text);
    let row: unknown[];
    try {
      const result = await client.query({ name, text, values, rowMode: 'array' });
      row = result.rows[0] as unknown[];
    } catch (error) {
      const failure = new QueryFailedError(text, values, error as Error);
      for (const r of batch) r.reject(failure);
      return;
    }
    batch.forEach((r, i) => r.resolve(row[i]));
  }

  /** Commits (ok) or rolls back, and releases the connection. Safe to call more than once. */
  async finish(ok: boolean): Promise<void> {
    if (this.finished) return;
    if (!this.opening) {
      this.finished = true;
      return;
    }
    let failure: Error | undefined;
    try {
      await this.opening.catch(() => undefined);
      // Statements still queued (an abandoned resolver's) go first; then nothing new is accepted.
      await this.queue;
      this.finished = true;
      if (this.client) await this.send(ok ? 'COMMIT' : 'ROLLBACK');
    } catch (error) {
      failure = error as Error;
      throw error;
    } finally {
      this.finished = true;
      for (const r of this.pending.splice(0)) r.reject(new Error('request transaction already finished'));
      if (this.runner) {
        (this.runner as unknown as RunnerInternals).isTransactionActive = false;
        await this.runner.release();
      }
      const client = this.client;
      if (client) {
        this.client = undefined;
        client.removeListener('error', this.onClientError!);
        // After a failed COMMIT/ROLLBACK the connection's state is unknown: destroy it.
        client.release(this.broken ?? failure);
      }
    }
  }
}

/** What TypeORM's PostgresQueryRunner keeps about its connection and transaction (set for a bound runner). */
interface RunnerInternals {
  databaseConnection: PoolClient;
  transactionDepth: number;
  isTransactionActive: boolean;
}

/** Statement texts are the same for every tenant (values travel as parameters): prepared once per connection. */
const MAX_NAMED_STATEMENTS = 200;
const readIds = new Map<string, number>();
const combined = new Map<string, { text: string; name?: string }>();

function combinedStatement(batch: Read[]): { text: string; name?: string } {
  let key = '';
  for (const r of batch) {
    let id = readIds.get(r.sql);
    if (id === undefined) readIds.set(r.sql, (id = readIds.size));
    key += `${id},`;
  }
  let statement = combined.get(key);
  if (!statement) {
    let offset = 0;
    const parts = batch.map((r, i) => {
      const shift = offset;
      offset += r.params.length;
      const sql = shift ? r.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + shift}`) : r.sql;
      return `(${sql}) AS r${i}`;
    });
    statement = { text: `SELECT ${parts.join(', ')}` };
    // Beyond the cap (an unusual variety of query shapes), statements run unnamed: parsed each time.
    if (combined.size < MAX_NAMED_STATEMENTS) {
      statement.name = `samvirke_r${combined.size + 1}`;
      combined.set(key, statement);
    }
  }
  return statement;
}
