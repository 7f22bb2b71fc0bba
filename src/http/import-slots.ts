import { errorWithMessage } from '../errors';

/** How long a refused client is asked to wait before it sends the file again. */
export const IMPORT_RETRY_AFTER_SECONDS = 5;

/**
 * How many imports this process runs at once (IMPORT_CONCURRENCY). Each import's memory is bounded
 * by its batch, not by its file, so the process's memory budget holds as long as the number of
 * imports is bounded too: one more upload waits for a free slot on the client's side (503 with
 * Retry-After), not in this process's heap.
 */
export class ImportSlots {
  private taken = 0;

  constructor(readonly max: number) {}

  /** A slot and its release (call it once, when the import has ended), or null when all are taken. */
  take(): (() => void) | null {
    if (this.taken >= this.max) return null;
    this.taken += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.taken -= 1;
    };
  }
}

/** The refusal when every slot is taken: HTTP 503, code IMPORTS_BUSY, the same shape as every route error. */
export function importsBusy(max: number) {
  return errorWithMessage(
    { key: 'imports.errors.busy', params: { max, limit: 'IMPORT_CONCURRENCY', seconds: IMPORT_RETRY_AFTER_SECONDS } },
    { code: 'IMPORTS_BUSY', limit: 'IMPORT_CONCURRENCY', max, retryAfterSeconds: IMPORT_RETRY_AFTER_SECONDS, http: { status: 503 } },
  );
}
