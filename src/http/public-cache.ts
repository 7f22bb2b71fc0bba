import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ChangeFeed } from './auth';

/**
 * Public answers (adopted plans, published statistics: what a request without a token reads) carry
 * an ETag, and a revalidation that matches it is answered 304 before any SQL: the tag is computed
 * from the request alone — the document, variables, operation name, language, the Oslo day (what
 * is in force can change at midnight) and an *epoch* that changes whenever a table a PUBLIC request
 * can read commits a write (NOTIFY on `public_data`, migration 1733810000000). While the server is
 * not listening (at start, after a lost connection, until it listens again) there is no epoch and so
 * no ETag: nothing is answered from a tag that could be stale.
 */
export const PUBLIC_DATA_CHANNEL = 'public_data';

export class PublicAnswerCache {
  private epoch?: string;
  private stopped = false;
  private changes?: AsyncIterableIterator<string>;
  private wake?: () => void;
  private readonly watching: Promise<void>;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly log: Logger,
    /** Today in Oslo, `YYYY-MM-DD` (the request's clock). */
    private readonly today: () => string,
    private readonly retryMs = 2000,
  ) {
    this.watching = this.watch();
  }

  /** Until this resolves the cache has no epoch (tests wait for it). */
  async ready(): Promise<boolean> {
    for (let i = 0; i < 100 && !this.epoch && !this.stopped; i++) await new Promise((r) => setTimeout(r, 20));
    return this.epoch !== undefined;
  }

  private async watch(): Promise<void> {
    while (!this.stopped) {
      try {
        const changes = await this.feed.listen(PUBLIC_DATA_CHANNEL);
        this.changes = changes;
        // A new epoch on each (re)start of listening: what changed while not listening is covered.
        this.epoch = randomUUID();
        for await (const _ of changes) this.epoch = randomUUID();
      } catch (error) {
        this.log.warn({ err: error }, 'public answer cache: cannot listen for changes; no ETags until it can');
      }
      this.epoch = undefined;
      if (!this.stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.retryMs);
          this.wake = () => (clearTimeout(timer), resolve());
        });
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.epoch = undefined;
    await this.changes?.return?.();
    this.wake?.();
    await this.watching;
  }

  /** The weak ETag of an anonymous request's answer, or undefined while changes are not heard. */
  etag(parts: (string | undefined)[]): string | undefined {
    if (!this.epoch) return undefined;
    const hash = createHash('sha256').update(this.epoch).update('\0').update(this.today());
    for (const part of parts) hash.update('\0').update(part ?? '');
    return `W/"${hash.digest('base64url').slice(0, 32)}"`;
  }
}

/** True when the If-None-Match header names `etag` (weak comparison, lists, `*`). */
export function matchesIfNoneMatch(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  const wanted = etag.replace(/^W\//, '');
  return (Array.isArray(header) ? header.join(',') : header)
    .split(',')
    .map((t) => t.trim())
    .some((t) => t === '*' || t.replace(/^W\//, '') === wanted);
}
