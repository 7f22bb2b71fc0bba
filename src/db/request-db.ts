import type { PoolClient } from 'pg';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, QueryFailedError, QueryRunner } from 'typeorm';
import { Principal } from '../auth/roles';
import type { DbRouter } from './db-router';
import { entityRows, EntityRows } from './entity-rows';
import { StatementCounter } from './sql-counter';

/**
 * The tenant context of the request transaction, as one prepared statement: the caller's `app.*`
 * settings, and `plan_cache_mode = force_generic_plan` for the prepared reads (their `= ANY($1)` key
 * lists make PostgreSQL's default (auto) mode plan a custom plan on every execution, because a
 * generic plan expects longer lists; the RLS predicates are not parameters — they read
 * current_setting — so a generic plan filters by tenant exactly as a custom one).
 * `set_config(…, true)` = local to the transaction, so a pooled connection never carries one
 * request's tenant into the next. The values travel as parameters.
 */
/** The settings of the tenant context, in the order of `tenantContextValues`. */
const TENANT_SETTINGS = ['app.role', 'app.region_id', 'app.municipality_id', 'app.service_id', 'app.unit_id', 'app.grants'];

/** `SELECT set_config(…)` of the tenant context, each setting's value as `valueOf(its index)`. */
const tenantSelect = (valueOf: (i: number) => string) =>
  `SELECT set_config('plan_cache_mode', 'force_generic_plan', true), ${TENANT_SETTINGS.map((name, i) => `set_config('${name}', ${valueOf(i)}, true)`).join(', ')}`;

export const TENANT_CONTEXT = { name: 'samvirke_tenant', text: tenantSelect((i) => `$${i + 1}`) };

/**
 * The parameters of `TENANT_CONTEXT` for a principal (a missing scope is '', which the SQL helpers
 * read as NULL). `app.grants`: the role at several scopes, `ROLE:id,ROLE:id` ('' for one scope,
 * which the single settings carry; see docs/tenancy.md).
 */
export function tenantContextValues(p: Principal): string[] {
  return [p.role, p.regionId ?? '', p.municipalityId ?? '', p.serviceId ?? '', p.unitId ?? '', p.grantKeys?.join(',') ?? ''];
}

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

const finishedError = () => new Error('request transaction already finished');
const ignore = () => undefined;

/**
 * One transaction per GraphQL request, opened on first use with the caller's tenant context.
 * Everything the request reads goes through `read()` (the DataLoaders, `ctx.loaders`); everything
 * it writes through `manager()` (TypeORM: `defineMutation`); `finish()` commits or rolls back.
 *
 * Built only on public APIs. The connection comes from TypeORM's pool through a QueryRunner
 * (`DataSource.createQueryRunner()`, `connect()` — which returns the driver's connection, a `pg`
 * client — and `release()`); the pool's clients are in node-postgres's documented pipeline mode
 * (data-source.ts), so every query is sent at once and PostgreSQL answers them in order.
 * - a query operation (`readOnly()`, called by the GraphQL server once it knows the operation)
 *   opens with ONE message, `BEGIN READ ONLY` and the tenant context, written together with its
 *   first read (one packet: coalescing-socket.ts), and ends with COMMIT on the same client;
 *   TypeORM is not told of that transaction, and the request uses its manager for reads only
 *   (PostgreSQL refuses a write);
 * - any other request (mutations, routes, imports) opens with `runner.startTransaction()` (START
 *   TRANSACTION, so TypeORM knows it is in a transaction and `manager.transaction(…)` makes a
 *   SAVEPOINT), then `TENANT_CONTEXT`, and ends with `commitTransaction()` /
 *   `rollbackTransaction()`;
 * - reads issued meanwhile travel right behind the opening, without waiting for its answer: a read
 *   counts only if the opening succeeded. Reads are collected while one of our reads is on the
 *   wire or until the current turn of the event loop has run (every DataLoader of a wave has
 *   dispatched by then) and sent as one statement, named and prepared once per connection, so
 *   PostgreSQL parses and plans it once. Reads and TypeORM's statements share the connection and
 *   the transaction in the order they were issued;
 * - `finish()` commits (or rolls back) and releases the connection.
 */
export class RequestDb {
  /**
   * Statements sent for this request: the tenant context and the combined reads (counted here),
   * and TypeORM's (START TRANSACTION, writes, savepoints, COMMIT) through the counting logger of a
   * DataSource created with `countStatements` (sql-counter.ts, via the runner's public `data`).
   */
  readonly counter: StatementCounter = { statements: 0 };
  private runner?: QueryRunner;
  private client?: PoolClient;
  private opening?: Promise<void>;
  /** START TRANSACTION succeeded: the transaction must be ended. */
  private started = false;
  /** The tenant context is set: only then does a read or write run. */
  private ready = false;
  private finished = false;
  private finishing?: Promise<void>;
  /** The opening, or a batch of reads, is on the wire: new reads wait and travel together. */
  private busy = 0;
  private pending: PendingRead[] = [];
  private flushScheduled = false;
  /** Settles after every batch of reads sent so far. */
  private sent: Promise<unknown> = Promise.resolve();

  /** 'read': a query operation's transaction (READ ONLY, opened in one message); 'write' otherwise. */
  private mode: 'read' | 'write' = 'write';
  /** Settles when the opening statement (transaction and tenant context) has run. */
  private opened: Promise<void> = Promise.resolve();
  /** A read-only opening not sent yet: it leaves with the first read, in one packet. */
  private deferredOpening?: string;
  /** manager() was taken in a read-write transaction: the request may have written. */
  private managed = false;
  /** When this request's write committed (its `Samvirke-Consistency` value), if it wrote. */
  writtenAt?: number;

  /**
   * `route`: the API's DbRouter (a read-only transaction may run on the replica; statements named
   * or not) and the client's `Samvirke-Consistency` value; without it, everything runs on `ds`
   * with named statements.
   */
  constructor(
    private readonly ds: DataSource,
    private readonly principal: Principal,
    private readonly route?: { router: DbRouter; consistency?: number },
  ) {}

  /**
   * Declares that this request only reads (a GraphQL query): its transaction is opened READ ONLY
   * in one message with the tenant context, and PostgreSQL refuses any write in it. Only before
   * the first read or write; afterwards (or never called) the request has a read-write transaction.
   */
  readOnly(): void {
    if (!this.opening) this.mode = 'read';
  }

  /**
   * The request transaction as a TypeORM EntityManager (writes, savepoints). In a read-only
   * request it reads only (TypeORM does not manage that transaction: no `save`, no `transaction`).
   */
  manager(): Promise<EntityManager> {
    if (this.finished) return Promise.reject(finishedError());
    return this.open()
      .then(() => {
        if (this.client && !this.finished) this.sendDeferredOpening(this.client);
        return this.opened;
      })
      .then(() => {
        if (this.finished) throw finishedError();
        if (this.mode === 'write') this.managed = true;
        return this.runner!.manager;
      });
  }

  /** The row codec of an entity (see entity-rows.ts). */
  rows<T extends ObjectLiteral>(entity: EntityTarget<T>): EntityRows<T> {
    return entityRows(this.ds, entity);
  }

  /** Runs a read in the request transaction, batched with the other reads waiting now; resolves to its JSON value. */
  read<V = unknown>(read: Read): Promise<V> {
    if (this.finished) return Promise.reject(finishedError());
    const opening = this.open();
    return new Promise<V>((resolve, reject) => {
      const pending: PendingRead = { ...read, resolve: resolve as (v: unknown) => void, reject };
      this.pending.push(pending);
      opening.catch((error: Error) => {
        const i = this.pending.indexOf(pending);
        if (i >= 0) this.pending.splice(i, 1);
        reject(error);
      });
      if (!this.busy) this.scheduleFlush();
    });
  }

  /**
   * Takes a pooled connection of the API role through a QueryRunner and opens the transaction
   * with the tenant context. A read-write opening is sent at once; a read-only one waits for the
   * request's first read (or `manager()`) and goes out in the same turn of the event loop, so the
   * two leave as one packet (coalescing-socket.ts). Settles once the connection is taken (and a
   * read-write opening *sent*): reads and writes issued after it travel behind the opening on the
   * pipelined connection (see `opened` for its outcome).
   */
  private open(): Promise<void> {
    this.opening ??= this.track(
      (async () => {
        const route = this.route;
        // A query's transaction may run on the read replica (db-router.ts); everything else on the primary.
        const ds = route && this.mode === 'read' ? route.router.forRead(this.principal, route.consistency) : this.ds;
        const runner = ds.createQueryRunner();
        runner.data = { counter: this.counter };
        this.runner = runner;
        const client = (await runner.connect()) as PoolClient;
        this.client = client;
        const values = tenantContextValues(this.principal);
        if (this.mode === 'read') {
          // One message: BEGIN READ ONLY and the tenant context (values as escaped literals, since
          // a multi-statement message takes no parameters). TypeORM is not told of this
          // transaction: a read-only request uses the manager for reads only.
          this.deferredOpening = readOnlyOpening(client, values);
        } else {
          await runner.startTransaction();
          this.counter.statements += 1;
          this.counter.log?.push(TENANT_CONTEXT.text);
          this.opened = observed(client.query(route?.router.prepared === false ? { text: TENANT_CONTEXT.text, values } : { ...TENANT_CONTEXT, values }));
          this.started = true;
        }
        this.ready = true;
      })(),
    );
    return this.opening;
  }

  /** Sends a read-only opening that is still waiting, right before the statement that needs it. */
  private sendDeferredOpening(client: PoolClient): void {
    const text = this.deferredOpening;
    if (text === undefined) return;
    this.deferredOpening = undefined;
    this.counter.statements += 2;
    this.counter.log?.push(text);
    this.opened = observed(client.query(text));
    this.started = true;
  }

  /** Counts `work` as on the wire until it settles; reads arriving meanwhile wait for it. */
  private track<T>(work: Promise<T>): Promise<T> {
    this.busy += 1;
    const done = () => {
      this.busy -= 1;
      if (!this.busy && this.pending.length) this.scheduleFlush();
    };
    work.then(done, done);
    return work;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (this.busy || !this.pending.length) return;
      const batch = this.pending;
      this.pending = [];
      const run = this.track(this.runReads(batch));
      this.sent = Promise.all([this.sent, run]).then(ignore, ignore);
    });
  }

  private async runReads(batch: PendingRead[]): Promise<void> {
    const client = this.client;
    if (this.finished || !client || !this.ready) {
      for (const r of batch) r.reject(finishedError());
      return;
    }
    const { text, name } = combinedStatement(batch);
    // Unnamed (parsed each time) behind a transaction pooler that cannot carry named statements.
    const named = this.route?.router.prepared === false ? undefined : name;
    const values = batch.length === 1 ? batch[0].params : batch.flatMap((r) => r.params);
    this.counter.statements += 1;
    this.counter.log?.push(text);
    let row: unknown[];
    try {
      // Sent right behind the opening on the pipelined connection (the first read in the same
      // turn as it: one packet); a read counts only if the tenant context it ran under was set
      // (without it, RLS would have answered "no rows").
      this.sendDeferredOpening(client);
      const [, result] = await Promise.all([this.opened, client.query({ name: named, text, values, rowMode: 'array' })]);
      row = result.rows[0] as unknown[];
    } catch (error) {
      if (error instanceof QueryFailedError) {
        for (const r of batch) r.reject(error);
        return;
      }
      const failure = new QueryFailedError(text, values, error as Error);
      for (const r of batch) r.reject(failure);
      return;
    }
    batch.forEach((r, i) => r.resolve(row[i]));
  }

  /**
   * Commits (ok) or rolls back, and releases the connection. Safe to call more than once. Reads
   * already sent are answered first; reads not yet sent are refused.
   */
  finish(ok: boolean): Promise<void> {
    this.finishing ??= this.end(ok);
    return this.finishing;
  }

  private async end(ok: boolean): Promise<void> {
    if (!this.opening) {
      this.finished = true;
      return;
    }
    const runner = this.runner;
    try {
      await this.opening.catch(ignore);
      await this.sent;
      this.finished = true;
      for (const r of this.pending.splice(0)) r.reject(finishedError());
      const opened = await this.opened.then(
        () => true,
        () => false,
      );
      // A failed opening (the tenant context not set) is rolled back, whatever was asked.
      if (runner && this.started && this.mode === 'read') {
        this.counter.statements += 1;
        this.counter.log?.push(ok && opened ? 'COMMIT' : 'ROLLBACK');
        if (ok && opened && pipelined(runner)) {
          // Every read has been answered and a READ ONLY transaction has nothing to make durable:
          // the answer does not wait for COMMIT. The connection goes back to the pool with COMMIT
          // on the wire; a pipelined client sends its next user's statements after it, in order.
          // A COMMIT that fails (the connection lost) loses nothing; the pool drops the broken client.
          this.client!.query('COMMIT').catch(ignore);
        } else await this.client!.query(ok && opened ? 'COMMIT' : 'ROLLBACK');
      } else if (runner && this.started && runner.isTransactionActive) {
        if (ok && this.ready && opened) {
          await runner.commitTransaction();
          // Read-your-writes: this principal's next reads stay on the primary for a while.
          if (this.managed && this.route) this.writtenAt = this.route.router.noteWrite(this.principal);
        } else await runner.rollbackTransaction();
      }
    } finally {
      this.finished = true;
      for (const r of this.pending.splice(0)) r.reject(finishedError());
      this.client = undefined;
      // The runner gives the connection back to the pool (TypeORM destroys one that failed while held).
      if (runner && !runner.isReleased) await runner.release();
    }
  }
}

/** The opening's outcome, observed here (every read and the manager wait for it as well). */
function observed(sent: Promise<unknown>): Promise<void> {
  const opened = sent.then(ignore, (error: Error) => {
    throw new QueryFailedError(TENANT_CONTEXT.text, [], error);
  });
  opened.catch(ignore);
  return opened;
}

/** The runner's pool sends each query without waiting for the one before (data-source.ts, `pipeline`: TypeORM's documented `extra`). */
function pipelined(runner: QueryRunner): boolean {
  const extra = (runner.connection.options as { extra?: { pipeline?: boolean } }).extra;
  return extra?.pipeline === true;
}

/** The read-only opening as one message: BEGIN READ ONLY and TENANT_CONTEXT's settings as literals. */
function readOnlyOpening(client: PoolClient, values: string[]): string {
  return `BEGIN READ ONLY; ${tenantSelect((i) => client.escapeLiteral(values[i]))}`;
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
