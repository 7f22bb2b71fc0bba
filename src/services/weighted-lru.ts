/**
 * A map of at most `maxWeight` in all (rows, bytes: whatever the caller weighs its values by),
 * least recently used out first. Both answer caches keep their answers in one (the statistics
 * answers by rows, src/services/statistics/answer-cache.ts; whole GraphQL answers by bytes,
 * src/http/answer-cache.ts), so memory is bounded whatever the data.
 */
export class WeightedLru<T> {
  private readonly entries = new Map<string, { value: T; weight: number }>();
  private held = 0;

  constructor(
    readonly maxWeight: number,
    /** A value heavier than this share of the bound is not kept (it would push out most others). */
    private readonly largestShare = 1,
  ) {}

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Whether a value of this weight would be kept. */
  accepts(weight: number): boolean {
    return weight <= this.maxWeight * this.largestShare;
  }

  set(key: string, value: T, weight: number): void {
    if (!this.accepts(weight)) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.held -= old.weight;
    }
    this.entries.set(key, { value, weight });
    this.held += weight;
    for (const [k, e] of this.entries) {
      if (this.held <= this.maxWeight) break;
      this.entries.delete(k);
      this.held -= e.weight;
      this.evicted(k);
    }
  }

  /** Called for each key the bound pushes out (subclasses that index their keys forget it there too). */
  protected evicted(_key: string): void {}

  /** Forgets `key` (no-op when it is not kept). */
  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.held -= entry.weight;
  }

  /** Forgets everything. */
  clear(): void {
    this.entries.clear();
    this.held = 0;
  }

  /** Whether `key` is kept (does not count as a use). */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The weight of what is kept now. */
  get weight(): number {
    return this.held;
  }
}
