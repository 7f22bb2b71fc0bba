import { createHash, randomUUID } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { Logger } from 'pino';
import type { AppConfig } from '../config';
import type { Context } from '../context';
import { facetsOf } from '../auth/roles';
import { tenantContextValues } from '../db/request-db';
import type { DbRouter } from '../db/db-router';
import { osloToday } from '../services/dates';
import type { ChangeFeed } from './auth';
import { ChannelWatch } from './channel-watch';
import { WeightedLru } from '../services/weighted-lru';

/**
 * The read-answer cache (docs/caching.md): the whole answer of a query whose every root field is
 * one of CACHED_FIELDS is kept per process and served again, without running a resolver or any
 * SQL, to a request that asks the same thing under the same row-level security on the same day
 * while nothing has changed. The key is
 *
 * - the **epoch**: a random value that changes whenever any application table commits a write —
 *   a NOTIFY on `read_data` (statement triggers, migration 1733857000000) heard by this process,
 *   and at once, before the response, when a request of this process commits a write (a client
 *   reads its own write from the same process; other replicas follow on the NOTIFY). While not
 *   listening (at start, after a lost connection, until listening again) there is no epoch and
 *   nothing is cached or served from the cache;
 * - **who reads**: the tenant context RLS reads (`tenantContextValues`, of each facet);
 * - **what was asked**: the document, the operation name and every variable;
 * - **when and how**: today in Oslo by the app's clock (dashboards judge due and overdue by
 *   today) and the language texts are rendered in.
 *
 * Nothing is invalidated: a change makes a new epoch, and old answers leave by least-recent use.
 * The cache holds at most `answerCacheBytes` (ANSWER_CACHE_MB) of answers, counted as their JSON
 * text. A kept answer is deep-frozen: no request can alter what another is served.
 */
export const READ_DATA_CHANNEL = 'read_data';

/** The root fields whose answers are kept: computed from stored data, the reader's RLS, the arguments and today only. */
export const CACHED_FIELDS: ReadonlySet<string> = new Set(['municipalityDashboard', 'serviceDashboard', 'municipalityComparison', 'forumCompliance', 'activityStatistics']);

/** Least recently used first out, bounded by bytes; a kept answer is deep-frozen. */
export class AnswerStore extends WeightedLru<unknown> {
  constructor(maxBytes: number) {
    // An answer over a quarter of the bound is not kept.
    super(maxBytes, 1 / 4);
  }

  override set(key: string, data: unknown, bytes: number): void {
    if (this.accepts(bytes)) super.set(key, deepFreeze(data), bytes);
  }

  get bytes(): number {
    return this.weight;
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export class ReadAnswerCache {
  private epoch?: string;
  /** When the epoch last changed (ms): with a read replica, answers are not kept while it may lag. */
  private changedAt = -Infinity;
  private readonly watch: ChannelWatch;
  readonly store: AnswerStore;

  constructor(
    private readonly config: AppConfig,
    feed: ChangeFeed,
    log: Logger,
    router: DbRouter,
  ) {
    this.store = new AnswerStore(config.answerCacheBytes);
    this.watch = new ChannelWatch(feed, READ_DATA_CHANNEL, log, {
      started: () => this.change(),
      changed: () => this.change(),
      lost: () => {
        this.epoch = undefined;
        this.changedAt = Date.now();
      },
    });
    // A write of this process: a new epoch before its response is sent (read your own write).
    router.onWrite(() => {
      if (this.epoch !== undefined) this.change();
    });
  }

  private change(): void {
    this.epoch = randomUUID();
    this.changedAt = Date.now();
  }

  /** Resolves once listening (tests, and start-up when it waits). */
  ready(timeoutMs?: number): Promise<boolean> {
    return this.watch.ready(timeoutMs);
  }

  stop(): Promise<void> {
    return this.watch.stop();
  }

  /** The key of a request's answer, or undefined when nothing may be cached now. */
  keyOf(ctx: Context, query: string, operationName: string | undefined, variables: unknown): { key: string; epoch: string } | undefined {
    const epoch = this.epoch;
    if (!epoch || this.config.answerCacheBytes <= 0) return undefined;
    const hash = createHash('sha256');
    const parts = [
      epoch,
      JSON.stringify(facetsOf(ctx.principal).map(tenantContextValues)),
      JSON.stringify(tenantContextValues(ctx.principal)),
      query,
      operationName ?? '',
      JSON.stringify(variables ?? {}),
      osloToday(this.config.clock()),
      ctx.locale ?? '',
    ];
    for (const part of parts) hash.update(part).update('\0');
    return { key: hash.digest('base64url'), epoch };
  }

  /**
   * May an answer computed under `epoch` be kept? Only if nothing changed meanwhile (the epoch is
   * the same), and — with a read replica, which replays the primary's changes a little later —
   * only once the last change is older than READ_YOUR_WRITES_MS.
   */
  mayKeep(epoch: string): boolean {
    if (this.epoch !== epoch) return false;
    return !this.config.readDatabaseUrl || Date.now() - this.changedAt >= this.config.readYourWritesMs;
  }

  /** The Apollo plugin: answers a cached query before execution, keeps a computed one after. */
  plugin(): ApolloServerPlugin<Context> {
    return {
      // A request whose text names none of CACHED_FIELDS gets no hooks at all (most requests):
      // the cache costs it one scan of the text, not two hooks and their promises.
      requestDidStart: async ({ request }) => {
        if (request.query === undefined || !namesCachedField(request.query)) return;
        let pending: { key: string; epoch: string } | undefined;
        return {
          responseForOperation: async ({ operation, request, contextValue }) => {
            // No operation: the document names none that exists (a request error Apollo answers itself).
            if (!operation || !cacheable(operation) || request.query === undefined) return null;
            const key = this.keyOf(contextValue, request.query, request.operationName, request.variables);
            if (!key) return null;
            const data = this.store.get(key.key);
            if (data !== undefined) return answer(data);
            pending = key;
            return null;
          },
          willSendResponse: async ({ response }) => {
            if (!pending || response.body.kind !== 'single') return;
            const { data, errors } = response.body.singleResult;
            if (errors?.length || data === undefined || data === null || !this.mayKeep(pending.epoch)) return;
            this.store.set(pending.key, data, Buffer.byteLength(JSON.stringify(data)));
          },
        };
      },
    };
  }
}

/** Whether a document's text mentions a field of CACHED_FIELDS at all (cheap; `cacheable` decides on the parsed operation). */
function namesCachedField(query: string): boolean {
  for (const field of CACHED_FIELDS) if (query.includes(field)) return true;
  return false;
}

/** A query whose root selections are all fields of CACHED_FIELDS (no fragments at the root, no __typename). */
function cacheable(operation: OperationDefinitionNode): boolean {
  if (operation.operation !== 'query' || !operation.selectionSet.selections.length) return false;
  return operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && CACHED_FIELDS.has(s.name.value));
}

function answer(data: unknown): GraphQLResponse {
  return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: data as Record<string, unknown> } } };
}
