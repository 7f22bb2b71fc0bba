import { errorWithMessage } from '../errors';

/** How long a refused client is asked to wait before it sends the file again. */
export const IMPORT_RETRY_AFTER_SECONDS = 5;

/**
 * How many imports this process runs at once (IMPORT_CONCURRENCY). Each import's memory is bounded
 * by its batch, not by its file, so the process's memory budget holds as long as the number of
 * imports is bounded too. One more upload waits a little for a free slot (IMPORT_SLOT_WAIT_MS)
 * before a byte of it is read — an import cut off a moment ago gives its slot back as soon as the
 * server has seen its socket close — and is then refused (503 with Retry-After): it waits on the
 * client's side, not in this process's heap.
 */
export class ImportSlots {
  private taken = 0;
  private readonly waiting: ((release: () => void) => void)[] = [];

  constructor(
    readonly max: number,
    private readonly waitMs: number,
  ) {}

  /** A slot and its release (call it once, when the import has ended), or null when none was free within the wait. */
  async take(): Promise<(() => void) | null> {
    if (this.taken < this.max) {
      this.taken += 1;
      return this.releaser();
    }
    if (this.waitMs <= 0) return null;
    return new Promise((resolve) => {
      const handOver = (release: () => void) => {
        clearTimeout(timer);
        resolve(release);
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(handOver), 1);
        resolve(null);
      }, this.waitMs);
      this.waiting.push(handOver);
    });
  }

  /** A release that hands the slot to the first upload waiting for one, or frees it. */
  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next(this.releaser());
      else this.taken -= 1;
    };
  }
}

/** The refusal when every slot stayed taken: HTTP 503, code IMPORTS_BUSY, the same shape as every route error. */
export function importsBusy(max: number) {
  return errorWithMessage(
    { key: 'imports.errors.busy', params: { max, limit: 'IMPORT_CONCURRENCY', seconds: IMPORT_RETRY_AFTER_SECONDS } },
    { code: 'IMPORTS_BUSY', limit: 'IMPORT_CONCURRENCY', max, retryAfterSeconds: IMPORT_RETRY_AFTER_SECONDS, http: { status: 503 } },
  );
}
