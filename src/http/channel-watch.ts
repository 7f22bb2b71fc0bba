import type { Logger } from 'pino';
import type { ChangeFeed } from './auth';

export interface ChannelEvents {
  /** Listening (again): what changed while not listening is unknown, so treat it as changed. */
  started(): void;
  /** A change was announced, with the NOTIFY's payload. */
  changed(payload: string): void;
  /** Not listening any more (the connection was lost, or stop()): changes go unheard until started(). */
  lost(): void;
}

/**
 * Listens on a NOTIFY channel for as long as the server runs, and listens again after a lost
 * connection (every `retryMs`): a cache that trusts announcements must know when it cannot hear them.
 */
export class ChannelWatch {
  private stopped = false;
  private changes?: AsyncIterableIterator<string>;
  private wake?: () => void;
  private readonly running: Promise<void>;
  listening = false;

  constructor(feed: ChangeFeed, channel: string, log: Logger, events: ChannelEvents, retryMs = 2000) {
    this.running = (async () => {
      while (!this.stopped) {
        try {
          const changes = await feed.listen(channel);
          this.changes = changes;
          // stop() came while the connection was being made: it could not end this stream yet.
          if (this.stopped) {
            await changes.return?.();
            break;
          }
          this.listening = true;
          events.started();
          for await (const payload of changes) events.changed(payload);
        } catch (error) {
          log.warn({ err: error, channel }, 'cannot listen for changes; trying again');
        }
        this.listening = false;
        events.lost();
        if (!this.stopped) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, retryMs);
            this.wake = () => (clearTimeout(timer), resolve());
          });
        }
      }
    })();
  }

  /** Resolves once listening, or false after `timeoutMs` (start-up waits for it, tests too). */
  async ready(timeoutMs = 2000): Promise<boolean> {
    for (let waited = 0; !this.listening && !this.stopped && waited < timeoutMs; waited += 20) await new Promise((r) => setTimeout(r, 20));
    return this.listening;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.changes?.return?.();
    this.wake?.();
    await this.running;
  }
}
