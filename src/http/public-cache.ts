import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ChangeFeed } from './auth';
import { ChannelWatch } from './channel-watch';

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
  private readonly watch: ChannelWatch;

  constructor(
    feed: ChangeFeed,
    log: Logger,
    /** Today in Oslo, `YYYY-MM-DD` (the request's clock). */
    private readonly today: () => string,
  ) {
    // A new epoch on each (re)start of listening: what changed while not listening is covered.
    this.watch = new ChannelWatch(feed, PUBLIC_DATA_CHANNEL, log, {
      started: () => (this.epoch = randomUUID()),
      changed: () => (this.epoch = randomUUID()),
      lost: () => (this.epoch = undefined),
    });
  }

  stop(): Promise<void> {
    return this.watch.stop();
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
