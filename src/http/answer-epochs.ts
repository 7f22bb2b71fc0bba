import { randomUUID } from 'node:crypto';
import { facetsOf, Role, type Principal } from '../auth/roles';

/**
 * Where a reader's answers can come from (docs/caching.md, «Scope»):
 * - one region's id: row-level security lets every tenant role read its own region's rows and the
 *   global tables only;
 * - `PUBLIC_DATA`: the public reads the rows of every region that a policy naming `app_is_public()`
 *   opens (the tables that announce on `public_data`) and the global tables;
 * - `EVERYWHERE`: the operator, a principal without a region or with facets in different regions.
 */
export type Reach = string;
export const EVERYWHERE: Reach = '*';
export const PUBLIC_DATA: Reach = 'public';

/** A region id as the triggers send it (`region_id::text`); any other payload means "anything may have changed". */
const REGION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Regions remembered at most: more (never in practice) retire everything and start again. */
const MAX_REGIONS = 10_000;

/** The reach of a reader: its region id as the triggers spell it (lower case), PUBLIC_DATA or EVERYWHERE. */
export function reachOf(p: Principal): Reach {
  if (p.role === Role.PUBLIC && !p.facets?.length) return PUBLIC_DATA;
  const region = p.regionId?.toLowerCase();
  if (!region || !REGION_ID.test(region)) return EVERYWHERE;
  for (const f of [p, ...facetsOf(p)]) if (f.role === Role.PUBLIC || f.role === Role.OPERATOR || f.regionId?.toLowerCase() !== region) return EVERYWHERE;
  return region;
}

/**
 * The epochs of the read-answer cache: a random value per reach that changes when something that
 * reach can read may have changed. An answer is kept under the epoch of its reader's reach and is
 * never served under another.
 *
 * - A write in region R (the `read_data` payload R, or a write of this process by a principal of
 *   R) changes R's epoch and EVERYWHERE's.
 * - A write to a table the public reads (any NOTIFY on `public_data`) changes PUBLIC_DATA's.
 * - A write that may touch any region (the empty payload: a global table, a TRUNCATE; or a write
 *   of this process by any other principal) changes every epoch.
 * - A write of this process also changes PUBLIC_DATA's at once (`written`).
 * - While not listening on `read_data` there is no epoch at all, and while not listening on
 *   `public_data` none for PUBLIC_DATA: nothing is kept or served under it.
 *
 * `retired` is told which kept answers can never be served again (those of a reach, or null: all),
 * so that they leave memory at once instead of when the byte bound pushes them out.
 */
export class ReadEpochs {
  private everywhere?: string;
  private global?: string;
  private publicData?: string;
  private readonly regions = new Map<Reach, string>();

  constructor(private readonly retired: (reach: Reach | null) => void) {}

  get listening(): boolean {
    return this.everywhere !== undefined;
  }

  /** Listening (again) on `read_data`: what changed meanwhile is unknown, so every epoch is new. */
  started(): void {
    this.everywhere = randomUUID();
    this.global = randomUUID();
    this.regions.clear();
    this.retired(null);
  }

  /** Not listening on `read_data` any more: no epoch until started() again. */
  lost(): void {
    this.everywhere = undefined;
    this.global = undefined;
    this.regions.clear();
    this.retired(null);
  }

  /** A NOTIFY on `read_data`: a region id, or anything else (the empty payload) for "any region" (`changed` tells them apart). */
  announced(payload: string): void {
    this.changed(payload);
  }

  /** Listening on `public_data` (again), or a NOTIFY there: the public's epoch is new. */
  publicChanged(): void {
    this.publicData = randomUUID();
    this.retired(PUBLIC_DATA);
  }

  /**
   * A write of this process committed: its writer's reach is retired, and so is the public's (the
   * write may have touched a table the public reads; its NOTIFY would say so only a moment later).
   */
  written(writer: Reach): void {
    this.changed(writer);
    if (this.listening && this.publicData !== undefined) this.publicChanged();
  }

  /** Not listening on `public_data` any more: nothing for the public until publicChanged(). */
  publicLost(): void {
    this.publicData = undefined;
    this.retired(PUBLIC_DATA);
  }

  /** What `reach` can read may have changed; anything but a region: what anyone can read. */
  changed(reach: Reach): void {
    if (!this.listening) return;
    this.everywhere = randomUUID();
    if (!REGION_ID.test(reach) || (!this.regions.has(reach) && this.regions.size >= MAX_REGIONS)) {
      this.global = randomUUID();
      this.regions.clear();
      this.retired(null);
      return;
    }
    this.regions.set(reach, randomUUID());
    this.retired(reach);
  }

  /** The epoch an answer for `reach` is kept under now; undefined while not listening. */
  epochOf(reach: Reach): string | undefined {
    if (!this.listening) return undefined;
    if (reach === EVERYWHERE) return `*${this.everywhere}`;
    if (reach === PUBLIC_DATA) return this.publicData && `${this.global}/public/${this.publicData}`;
    let region = this.regions.get(reach);
    if (region === undefined) {
      if (this.regions.size >= MAX_REGIONS) this.changed(EVERYWHERE);
      region = randomUUID();
      this.regions.set(reach, region);
    }
    return `${this.global}/${region}`;
  }
}
