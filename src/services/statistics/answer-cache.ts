import { createHash } from 'node:crypto';
import type { AppConfig } from '../../config';
import type { Context } from '../../context';
import { tenantContextValues } from '../../db/request-db';
import { WeightedLru } from '../weighted-lru';

/**
 * Answers of `activityStatistics` kept per process (docs/statistics.md, «Answer cache»). A table of
 * thousands of rows is read, added up and turned into rows again for every request although what it
 * is computed from changes only when a new publication (an import, a changed suppression range)
 * commits. The answer is kept under a key made of:
 *
 * - **who reads it**: the request's whole tenant context, exactly the settings RLS reads (role,
 *   region, municipality, service, unit, grants: `tenantContextValues`). An answer is only ever
 *   served to a request whose row-level security is the same as the one that computed it, so a
 *   cached answer never reaches another region, another service's leader or a lower role;
 * - **what was asked**: every argument (service, periods, grouping, metrics, municipalities,
 *   `asOf`, the cell limit);
 * - **what it was computed from**, read by the request itself under its own RLS before the key is
 *   made: the service's publication version (the number and latest time of its
 *   `statistics_import` rows — every change of observations or published cells writes one, in the
 *   same transaction), its catalogue, its municipalities, the suppression range and the population
 *   figures the answer divides by.
 *
 * Nothing is invalidated: a change makes new keys, and old answers leave by least-recent use. The
 * cache holds at most MAX_ROWS rows of answers in all (a row is ~0.3 kB, so ~15 MB): memory is
 * bounded whatever the data. Kept small because live memory is what V8 multiplies when it sizes the
 * heap (up to about four times the live size before the next full collection): 200,000 rows (60 MB
 * live) alone would let the process pass its 300 MB budget (docs/scaling.md, "National figures").
 */
export const MAX_ROWS = 50_000;

/** The statistics answers, weighed by rows. */
export class AnswerCache<T> extends WeightedLru<T> {
  constructor(maxRows = MAX_ROWS) {
    super(maxRows);
  }
}

/** One cache per running app (its config object): two apps in one process (tests) never share answers. */
const caches = new WeakMap<AppConfig, AnswerCache<unknown>>();

export function answerCacheOf<T>(ctx: Pick<Context, 'config'>): AnswerCache<T> {
  let cache = caches.get(ctx.config);
  if (!cache) caches.set(ctx.config, (cache = new AnswerCache<unknown>()));
  return cache as AnswerCache<T>;
}

/** The key: who reads (the tenant context RLS reads), then every part of what was asked and what it is computed from. */
export function answerKey(ctx: Pick<Context, 'principal'>, parts: unknown[]): string {
  const hash = createHash('sha256');
  for (const part of [...tenantContextValues(ctx.principal), ...parts]) hash.update(JSON.stringify(part ?? null)).update('\0');
  return hash.digest('base64url');
}
