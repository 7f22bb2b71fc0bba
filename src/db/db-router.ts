import { DataSource } from 'typeorm';
import type { Principal } from '../auth/roles';

/** The response header that carries a write's time, and the request header that sends it back (docs/scaling.md "Read replica"). */
export const CONSISTENCY_HEADER = 'samvirke-consistency';

/** Principals remembered at most (the oldest are forgotten first; a forgotten one only reads from the replica sooner). */
const MAX_REMEMBERED = 10_000;

/**
 * Where a request's transaction runs (docs/scaling.md):
 * - `primary`: every transaction that may write (mutations, imports, routes that are not GET),
 *   subscription events, the authenticator;
 * - `replica` (DATABASE_READ_URL): read-only transactions (GraphQL queries, GET routes), except
 *   *read-your-writes*: for `windowMs` (READ_YOUR_WRITES_MS) after a principal's own write
 *   committed, its reads stay on the primary — in this process by memory, on any API replica when
 *   the client sends back the `Samvirke-Consistency` value a write's response carried — and so do
 *   anonymous reads for `windowMs` after public data changed (the public answers' ETags follow the
 *   primary's NOTIFY, so they must not be computed from a replica that has not replayed the change).
 *
 * `prepared` (DB_PREPARED_STATEMENTS): the request's statements are named, prepared once per
 * connection; off behind a transaction pooler that cannot carry named statements from one
 * transaction to the next (PgBouncer before 1.21), where they run unnamed.
 *
 * Without a replica, `forRead` is one comparison: the request path pays nothing for the option.
 */
export class DbRouter {
  private readonly writes = new Map<string, number>();
  private publicChangedAt = -Infinity;
  private readonly writeListeners: ((principal: Principal) => void)[] = [];

  constructor(
    readonly primary: DataSource,
    readonly replica: DataSource | undefined,
    readonly prepared: boolean,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The DataSource of a read-only transaction: the replica unless read-your-writes sends it to the primary. */
  forRead(principal: Principal, consistency: number | undefined): DataSource {
    const replica = this.replica;
    if (!replica) return this.primary;
    const now = this.now();
    if (consistency !== undefined && consistency > now - this.windowMs) return this.primary;
    if (principal.role === 'PUBLIC') return now - this.publicChangedAt < this.windowMs ? this.primary : replica;
    const wrote = this.writes.get(keyOf(principal));
    return wrote !== undefined && now - wrote < this.windowMs ? this.primary : replica;
  }

  /** A principal's write committed: its reads stay on the primary for the window. Returns the time (the consistency value). */
  noteWrite(principal: Principal): number {
    for (const listener of this.writeListeners) listener(principal);
    const now = this.now();
    if (!this.replica) return now;
    const key = keyOf(principal);
    // Re-inserted, so the map is in the order of the writes: the oldest are at its head.
    this.writes.delete(key);
    this.writes.set(key, now);
    for (const [k, at] of this.writes) {
      if (this.writes.size <= MAX_REMEMBERED && now - at < this.windowMs) break;
      this.writes.delete(k);
    }
    return now;
  }

  /** Calls `listener` with the writer each time a request of this process commits a write (the read-answer cache retires what it may have changed: src/http/answer-cache.ts). */
  onWrite(listener: (principal: Principal) => void): void {
    this.writeListeners.push(listener);
  }

  /** Public data changed on the primary (a NOTIFY on `public_data`), or changes may have gone unheard. */
  notePublicChange(): void {
    this.publicChangedAt = this.now();
  }
}

function keyOf(principal: Principal): string {
  return `${principal.issuer ?? ''}\u0000${principal.subject}`;
}

/** The `Samvirke-Consistency` value a client sent: a write's time in milliseconds, or undefined. */
export function consistencyOf(value: string | undefined | null): number | undefined {
  if (!value) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
