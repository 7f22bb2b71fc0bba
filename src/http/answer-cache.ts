import { createHash } from 'node:crypto';
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
import { PUBLIC_DATA_CHANNEL } from './public-cache';
import { EVERYWHERE, reachOf, ReadEpochs, type Reach } from './answer-epochs';
import { WeightedLru } from '../services/weighted-lru';

/**
 * The read-answer cache (docs/caching.md): the whole answer of a query whose every root field is
 * one of CACHED_FIELDS is kept per process and served again, without running a resolver or any
 * SQL, to a request that asks the same thing under the same row-level security on the same day
 * while nothing it can read has changed. The key is
 *
 * - the **epoch** of the reader's reach (answer-epochs.ts): its region's, which changes when a
 *   write in that region or in a global table commits — a NOTIFY on `read_data` whose payload
 *   names the region (triggers, migrations 1733857000000 and 1733858000000) heard by this process,
 *   and at once, before the response, when a request of this process commits a write (a client
 *   reads its own write from the same process; other replicas follow on the NOTIFY); or, for the
 *   public, one that changes with the tables it can read (NOTIFY `public_data`) and the global
 *   ones; for the operator, who reads every region, one that changes on any write. While not
 *   listening there is no epoch and nothing is cached or served from the cache;
 * - **who reads**: the tenant context RLS reads (`tenantContextValues`, of each facet);
 * - **what was asked**: the document, the operation name and every variable;
 * - **when and how**: today in Oslo by the app's clock (dashboards judge due and overdue by
 *   today) and the language texts are rendered in.
 *
 * Answers a change retires leave memory at once; the rest leave by least-recent use. The cache
 * holds at most `answerCacheBytes` (ANSWER_CACHE_MB) of answers, counted as their JSON text.
 * Identical requests that arrive while the first is being computed wait for its answer instead of
 * computing it again (after a change, a popular dashboard is computed once, not once per reader).
 * A kept or shared answer is deep-frozen: no request can alter what another is served.
 */
export const READ_DATA_CHANNEL = 'read_data';

/** The root fields whose answers are kept: computed from stored data, the reader's RLS, the arguments and today only. */
export const CACHED_FIELDS: ReadonlySet<string> = new Set(['municipalityDashboard', 'serviceDashboard', 'municipalityComparison', 'forumCompliance', 'activityStatistics']);

/** How long an identical request waits for the first one's answer before it computes its own. */
const WAIT_FOR_FIRST_MS = 30_000;

/** Least recently used first out, bounded by bytes; a kept answer is deep-frozen; retired by reach. */
export class AnswerStore extends WeightedLru<unknown> {
  private readonly keysByReach = new Map<Reach, Set<string>>();
  private readonly reachByKey = new Map<string, Reach>();

  constructor(maxBytes: number) {
    // An answer over a quarter of the bound is not kept.
    super(maxBytes, 1 / 4);
  }

  override set(key: string, data: unknown, bytes: number, reach: Reach = EVERYWHERE): void {
    if (!this.accepts(bytes)) return;
    super.set(key, deepFreeze(data), bytes);
    if (!this.has(key)) return;
    this.forget(key);
    this.reachByKey.set(key, reach);
    let keys = this.keysByReach.get(reach);
    if (!keys) this.keysByReach.set(reach, (keys = new Set()));
    keys.add(key);
  }

  /** Forgets the answers a change retired: those of `reach` and of EVERYWHERE (whose epoch changes with any); null: all. */
  retire(reach: Reach | null): void {
    if (reach === null) {
      this.clear();
      this.keysByReach.clear();
      this.reachByKey.clear();
      return;
    }
    for (const r of reach === EVERYWHERE ? [EVERYWHERE] : [reach, EVERYWHERE]) {
      for (const key of this.keysByReach.get(r) ?? []) {
        this.delete(key);
        this.reachByKey.delete(key);
      }
      this.keysByReach.delete(r);
    }
  }

  protected override evicted(key: string): void {
    this.forget(key);
  }

  private forget(key: string): void {
    const reach = this.reachByKey.get(key);
    if (reach === undefined) return;
    this.reachByKey.delete(key);
    const keys = this.keysByReach.get(reach);
    keys?.delete(key);
    if (keys?.size === 0) this.keysByReach.delete(reach);
  }

  get bytes(): number {
    return this.weight;
  }
}

/**
 * What is kept of a computed answer, and its weight. Not the answer itself: graphql-js builds its
 * result objects without a prototype (dictionary objects), which take about five times their JSON
 * size in the heap; a copy read back from the JSON takes about its JSON size (measured on a
 * national municipality dashboard of 32 kB: 158 kB against 33 kB, docs/caching.md «Memory»). So the
 * byte bound (ANSWER_CACHE_MB) is also roughly what the kept answers cost in the heap. Deep-frozen.
 */
export function keptCopy(data: unknown): { value: unknown; bytes: number } {
  const json = JSON.stringify(data);
  return { value: deepFreeze(JSON.parse(json)), bytes: Buffer.byteLength(json) };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** A request's place in the cache: its key, the epoch and reach it was taken under. */
export interface AnswerKey {
  key: string;
  epoch: string;
  reach: Reach;
}

export class ReadAnswerCache {
  /** When the epoch last changed (ms): with a read replica, answers are not kept while it may lag. */
  private changedAt = -Infinity;
  private readonly epochs: ReadEpochs;
  private readonly watch: ChannelWatch;
  private readonly publicWatch: ChannelWatch;
  /** Answers being computed, by key: identical requests meanwhile wait for them. */
  private readonly computing = new Map<string, Promise<unknown>>();
  readonly store: AnswerStore;

  constructor(
    private readonly config: AppConfig,
    feed: ChangeFeed,
    log: Logger,
    router: DbRouter,
  ) {
    this.store = new AnswerStore(config.answerCacheBytes);
    this.epochs = new ReadEpochs((reach) => this.store.retire(reach));
    const changed = () => (this.changedAt = Date.now());
    this.watch = new ChannelWatch(feed, READ_DATA_CHANNEL, log, {
      started: () => (this.epochs.started(), changed()),
      changed: (payload) => (this.epochs.announced(payload), changed()),
      lost: () => (this.epochs.lost(), changed()),
    });
    // The public's answers follow the tables it can read (as its ETags do: public-cache.ts).
    this.publicWatch = new ChannelWatch(feed, PUBLIC_DATA_CHANNEL, log, {
      started: () => (this.epochs.publicChanged(), changed()),
      changed: () => (this.epochs.publicChanged(), changed()),
      lost: () => (this.epochs.publicLost(), changed()),
    });
    // A write of this process: its writer's reach (and the public's) is retired before its response is sent (read your own write).
    router.onWrite((writer) => {
      if (!this.epochs.listening) return;
      this.epochs.written(reachOf(writer));
      changed();
    });
  }

  async stop(): Promise<void> {
    await Promise.all([this.watch.stop(), this.publicWatch.stop()]);
  }

  /** The key of a request's answer, or undefined when nothing may be cached now. */
  keyOf(ctx: Context, query: string, operationName: string | undefined, variables: unknown): AnswerKey | undefined {
    if (this.config.answerCacheBytes <= 0) return undefined;
    const reach = reachOf(ctx.principal);
    const epoch = this.epochs.epochOf(reach);
    if (!epoch) return undefined;
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
    return { key: hash.digest('base64url'), epoch, reach };
  }

  /**
   * May an answer computed under `key.epoch` be kept? Only if nothing its reach reads changed
   * meanwhile (the epoch is the same), and — with a read replica, which replays the primary's
   * changes a little later — only once the last change is older than READ_YOUR_WRITES_MS.
   */
  mayKeep(key: AnswerKey): boolean {
    if (this.epochs.epochOf(key.reach) !== key.epoch) return false;
    return !this.config.readDatabaseUrl || Date.now() - this.changedAt >= this.config.readYourWritesMs;
  }

  /** The Apollo plugin: answers a cached query before execution, keeps a computed one after. */
  plugin(): ApolloServerPlugin<Context> {
    return {
      // A request whose text names none of CACHED_FIELDS gets no hooks at all (most requests):
      // the cache costs it one scan of the text, not two hooks and their promises.
      requestDidStart: async ({ request }) => {
        if (request.query === undefined || !namesCachedField(request.query)) return;
        let pending: (AnswerKey & { share(data: unknown): void }) | undefined;
        return {
          responseForOperation: async ({ operation, request, contextValue }) => {
            // No operation: the document names none that exists (a request error Apollo answers itself).
            if (!operation || !cacheable(operation) || request.query === undefined) return null;
            const key = this.keyOf(contextValue, request.query, request.operationName, request.variables);
            if (!key) return null;
            const data = this.store.get(key.key);
            if (data !== undefined) return answer(data);
            const first = this.computing.get(key.key);
            if (first) {
              // Asked under the same epoch while it is computed: its answer is as fresh as ours would be.
              const shared = await within(first, WAIT_FOR_FIRST_MS);
              return shared === undefined ? null : answer(shared);
            }
            let share!: (data: unknown) => void;
            this.computing.set(key.key, new Promise((resolve) => (share = resolve)));
            pending = { ...key, share };
            return null;
          },
          willSendResponse: async ({ response }) => {
            if (!pending) return;
            const computed = pending;
            pending = undefined;
            let shared: unknown;
            try {
              if (response.body.kind !== 'single') return;
              const { data, errors } = response.body.singleResult;
              if (errors?.length || data === undefined || data === null) return;
              const kept = keptCopy(data);
              shared = kept.value;
              if (this.mayKeep(computed)) this.store.set(computed.key, kept.value, kept.bytes, computed.reach);
            } finally {
              this.computing.delete(computed.key);
              computed.share(shared);
            }
          },
        };
      },
    };
  }
}

/** The value of `promise`, or undefined if it takes longer than `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    timer.unref();
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
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
