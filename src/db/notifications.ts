import { Client } from 'pg';
import type { Logger } from 'pino';

/**
 * PostgreSQL LISTEN for live GraphQL subscriptions: one dedicated connection per server, shared by
 * every subscriber. A NOTIFY sent inside a transaction is delivered only when that transaction
 * commits, so a subscriber never hears of a change that was rolled back. Payloads carry ids only;
 * what a subscriber may see is decided when the event is executed under its own RLS context.
 *
 * If the connection drops, every open stream ends (subscribers get `complete` and may subscribe
 * again); the next `listen` opens a new connection. Stored data (e.g. `costAlerts`) stays the
 * source of truth for anything missed meanwhile.
 */
export class Notifications {
  private client?: Promise<Client>;
  private readonly streams = new Map<string, Set<Stream>>();
  /** Settles when the last command given to the connection has run (see `oneAtATime`). */
  private commands: Promise<void> = Promise.resolve();

  constructor(
    private readonly connectionString: string,
    private readonly log: Logger,
  ) {}

  /** The payloads of `channel` from now on, until `return()` is called on the iterator or `close()`. */
  async listen(channel: string): Promise<AsyncIterableIterator<string>> {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
    const client = await this.connect();
    let set = this.streams.get(channel);
    if (!set) {
      set = new Set();
      this.streams.set(channel, set);
      await this.oneAtATime(() => client.query(`LISTEN ${channel}`));
    }
    const stream = new Stream(() => set!.delete(stream));
    set.add(stream);
    return stream;
  }

  async close(): Promise<void> {
    this.endAll();
    const client = this.client;
    this.client = undefined;
    if (client) await (await client).end().catch(() => undefined);
  }

  /**
   * Runs the connection's commands one after another: several watchers start listening at the
   * same moment, and a `pg` client must not be given a query while it runs one (deprecated now,
   * refused by pg 9).
   */
  private oneAtATime<T>(command: () => Promise<T>): Promise<T> {
    const run = this.commands.then(command, command);
    this.commands = run.then(ignore, ignore);
    return run;
  }

  private connect(): Promise<Client> {
    this.client ??= (async () => {
      const client = new Client({ connectionString: this.connectionString, application_name: 'samvirke-listen' });
      client.on('notification', (n) => {
        for (const stream of this.streams.get(n.channel) ?? []) stream.push(n.payload ?? '');
      });
      const lost = (error?: Error) => {
        if (error) this.log.warn({ err: error }, 'notification connection lost; open subscriptions ended');
        this.client = undefined;
        this.endAll();
      };
      client.on('error', lost);
      client.on('end', () => lost());
      try {
        await client.connect();
      } catch (error) {
        this.client = undefined;
        throw error;
      }
      return client;
    })();
    return this.client;
  }

  private endAll(): void {
    for (const set of this.streams.values()) for (const stream of [...set]) void stream.return();
    this.streams.clear();
  }
}

const ignore = () => undefined;

/** An async iterator fed by push(); return() ends it at once, also while a next() is waiting. */
class Stream implements AsyncIterableIterator<string> {
  private readonly queue: string[] = [];
  private waiting?: (result: IteratorResult<string>) => void;
  private done = false;

  constructor(private readonly onEnd: () => void) {}

  push(payload: string): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: payload, done: false });
    } else if (this.queue.length < 1000) {
      this.queue.push(payload);
    }
  }

  next(): Promise<IteratorResult<string>> {
    if (this.queue.length) return Promise.resolve({ value: this.queue.shift()!, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<string>> {
    if (!this.done) {
      this.done = true;
      this.queue.length = 0;
      this.onEnd();
      this.waiting?.({ value: undefined, done: true });
      this.waiting = undefined;
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<string> {
    return this;
  }
}

/**
 * An iterator over `source` with each value mapped, or dropped where `map` gives undefined;
 * return() ends `source` at once, also while a next() is waiting for it.
 */
export function mapStream<T, U>(source: AsyncIterator<T>, map: (value: T) => U | undefined | Promise<U | undefined>): AsyncIterableIterator<U> {
  const iterator: AsyncIterableIterator<U> = {
    async next() {
      for (;;) {
        const step = await source.next();
        if (step.done) return { value: undefined, done: true };
        const value = await map(step.value);
        if (value !== undefined) return { value, done: false };
      }
    },
    async return() {
      await source.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
