/** Why a request was not let in: the line was full, it waited too long, or its client left. */
export type Refusal = 'full' | 'waited' | 'gone';

/**
 * How many requests this process works on at once (overload shedding; docs/scaling.md
 * "Overload"). A request that finds every place taken waits in line, first come first served, but
 * no longer than `maxWaitMs` and behind at most `maxWaiting` others; past either it is refused
 * with `refuse(reason)` (the API answers 503 SERVER_BUSY with Retry-After). A request whose client
 * has gone (`gone()` says so when its turn comes) is passed over.
 *
 * Why: Node works on every request it has read at once, a little of each in turn. Under more load
 * than the machine serves, each request got a smaller share as more arrived: all of them were
 * answered late, most after their client had given up, and the server computed answers nobody
 * read (measured: 531 of 6,000 answered at 100 requests a second). With a bounded number at work,
 * those it lets in are answered in their time and the rest are told at once to come back.
 *
 * It costs a request that finds a place nothing but a counter: no timer or listener per request
 * (one timer watches the head of the line, whose wait ends first).
 */
export class AdmissionGate {
  private taken = 0;
  private readonly line: Waiter[] = [];
  private timer?: NodeJS.Timeout;
  private onWaiting?: () => void;

  constructor(
    private placesNow: number,
    readonly maxWaiting: number,
    readonly maxWaitMs: number,
    private readonly refuse: (reason: Refusal) => Error,
    private readonly now: () => number = Date.now,
  ) {
    if (!(placesNow >= 1 && maxWaiting >= 0 && maxWaitMs >= 0)) throw new Error('AdmissionGate: places >= 1, maxWaiting >= 0 and maxWaitMs >= 0');
  }

  /** Requests worked on at once, at most. */
  get places(): number {
    return this.placesNow;
  }

  /**
   * Changes the number of places (admission-tuning.ts): more let the first in line in at once;
   * fewer take effect as requests end (none is stopped).
   */
  setPlaces(places: number): void {
    if (!(places >= 1)) throw new Error('AdmissionGate: places >= 1');
    this.placesNow = places;
    while (this.taken < this.placesNow && this.line.length) {
      this.taken += 1;
      if (!this.handOver()) this.taken -= 1;
    }
  }

  /** Requests waiting now. */
  get waiting(): number {
    return this.line.length;
  }

  /** Places taken now. */
  get inUse(): number {
    return this.taken;
  }

  /** Calls `listener` each time a request joins an empty line (admission-tuning.ts starts watching then). */
  whenWaiting(listener: () => void): void {
    this.onWaiting = listener;
  }

  /** A free place's release, at once, or undefined when every place is taken (the request's path then `enter`s the line). */
  tryEnter(): (() => void) | undefined {
    if (this.taken >= this.placesNow) return undefined;
    this.taken += 1;
    return this.releaser();
  }

  /** A place and its release (call it when the request has ended; more calls do nothing); rejects with `refuse(reason)`. */
  enter(gone: () => boolean = never): Promise<() => void> {
    const free = this.tryEnter();
    if (free) return Promise.resolve(free);
    if (this.line.length >= this.maxWaiting || this.maxWaitMs === 0) return Promise.reject(this.refuse('full'));
    return new Promise((admitted, refused) => {
      this.line.push({ admitted, refused, gone, until: this.now() + this.maxWaitMs });
      if (this.line.length === 1) {
        this.watchHead();
        this.onWaiting?.();
      }
    });
  }

  /** A release that hands the place on to the first in line whose client is still there, or frees it. */
  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Fewer places than taken (setPlaces): this one is not handed on.
      if (this.taken > this.placesNow || !this.handOver()) this.taken -= 1;
    };
  }

  /** Gives a place that is taken to the first in line whose client is still there; false when nobody is. */
  private handOver(): boolean {
    for (let next = this.line.shift(); next; next = this.line.shift()) {
      if (next.gone()) {
        next.refused(this.refuse('gone'));
        continue;
      }
      next.admitted(this.releaser());
      return true;
    }
    return false;
  }

  /** Refuses the head of the line when its wait is over (and every one behind it whose wait is over too). */
  private watchHead(): void {
    if (this.timer || !this.line.length) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        const now = this.now();
        while (this.line.length && this.line[0].until <= now) this.line.shift()!.refused(this.refuse('waited'));
        this.watchHead();
      },
      Math.max(0, this.line[0].until - this.now()),
    );
    this.timer.unref();
  }
}

interface Waiter {
  admitted(release: () => void): void;
  refused(error: Error): void;
  gone(): boolean;
  /** When its wait is over (ms). */
  until: number;
}

const never = () => false;
