import type { Message } from '../../i18n';
/**
 * Municipality numbers have history (SSB's KLASS classification 131, "Standard for
 * kommuneinndeling"): a kommunenummer means a municipality only for the dates a version of the
 * classification lists it, and the `changes` between versions say what became of it.
 *
 * Pure functions of a loaded classification (no database, no clock: `today` is an argument), used
 * by onboarding (a number must be valid today) and by importers of files about a period ("a 2019
 * file says 0439, not 3429"). See docs/municipality-history.md.
 */

/** A date as KLASS writes it, `YYYY-MM-DD` (a local date in Norway). */
export type IsoDate = string;

export interface KlassItem {
  code: string;
  name: string;
}

/** One version of the classification: its items are valid from `validFrom` up to (not including) `validTo`. */
export interface KlassVersion {
  validFrom: IsoDate;
  /** null: valid until further notice (the newest version). */
  validTo: IsoDate | null;
  name?: string;
  items: KlassItem[];
}

/** One row of KLASS's `changes` (`codeChanges`): `oldCode` became (part of) `newCode` on `changeOccurred`. */
export interface KlassChange {
  oldCode: string;
  oldName: string;
  newCode: string;
  newName: string;
  changeOccurred: IsoDate;
}

export interface MunicipalityClassification {
  versions: KlassVersion[];
  changes: KlassChange[];
}

export interface MunicipalityRef {
  number: string;
  name: string;
}

export type ResolutionStatus = 'CURRENT' | 'RENUMBERED' | 'MERGED' | 'SPLIT' | 'UNKNOWN';

export interface Resolution {
  status: ResolutionStatus;
  /** The number asked about, and the date it was used about. */
  number: string;
  onDate: IsoDate;
  /** The municipality the number means today (not for SPLIT or UNKNOWN). */
  currentNumber?: string;
  /** Today's name of `currentNumber`. */
  name?: string;
  /**
   * False for SPLIT: figures about the number before the split cannot be assigned to one of today's
   * municipalities (NOT_COMPARABLE); never guessed.
   */
  comparable: boolean;
  /**
   * UNKNOWN: numbers valid on that date that the caller may have meant (the predecessors of a
   * number that is valid today, the successors' numbers then, the same name then).
   * SPLIT: today's municipalities its area went to.
   */
  alternatives: MunicipalityRef[];
  /** Why, in words (UNKNOWN, SPLIT). */
  reason?: string;
}

export interface Predecessors {
  /** Numbers valid on the date whose municipality is wholly part of `number` today (its history is their sum). */
  predecessors: MunicipalityRef[];
  /** Numbers valid on the date that were split and partly became `number`: its history then is not comparable. */
  splitFrom: MunicipalityRef[];
  /** False when any predecessor was split (NOT_COMPARABLE), or none was found. */
  comparable: boolean;
}

/** KLASS lists "9999 Uoppgitt" (not stated) among the items: a statistical code, not a municipality. */
export const NOT_A_MUNICIPALITY = new Set(['9999']);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const isIsoDate = (value: string): boolean => DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** Today's date in Norway (Europe/Oslo): one definition for the whole API (src/services/dates.ts). */
export { osloToday } from '../dates';

const covers = (v: KlassVersion, date: IsoDate) => v.validFrom <= date && (v.validTo === null || date < v.validTo);
const byNumber = (a: MunicipalityRef, b: MunicipalityRef) => a.number.localeCompare(b.number);

function unique(refs: MunicipalityRef[]): MunicipalityRef[] {
  const seen = new Map<string, MunicipalityRef>();
  for (const r of refs) if (!seen.has(r.number)) seen.set(r.number, r);
  return [...seen.values()].sort(byNumber);
}

interface Trace {
  /** Today's numbers the municipality's area is in. */
  finals: string[];
  split: boolean;
  merged: boolean;
  /** A step where the number disappeared without a listed successor. */
  lost: boolean;
}

/** The classification with indexes; answers questions about numbers and dates. */
export class MunicipalityHistory {
  private readonly versions: { version: KlassVersion; byCode: Map<string, KlassItem> }[];
  /** changeOccurred → oldCode → newCodes. */
  private readonly forward = new Map<IsoDate, Map<string, Set<string>>>();
  /** changeOccurred → newCode → oldCodes. */
  private readonly backward = new Map<IsoDate, Map<string, Set<string>>>();
  private readonly changeDates: IsoDate[];

  /** False when no classification is loaded (a deployment that has not imported one yet). */
  get hasVersions(): boolean {
    return this.versions.length > 0;
  }

  constructor(
    classification: MunicipalityClassification,
    /** The date "now" means (Europe/Oslo); `todayOf(ctx)` in the API. */
    readonly today: IsoDate,
  ) {
    this.versions = [...classification.versions]
      .sort((a, b) => a.validFrom.localeCompare(b.validFrom))
      .map((version) => ({ version, byCode: new Map(version.items.filter((i) => !NOT_A_MUNICIPALITY.has(i.code)).map((i) => [i.code, i])) }));
    for (const c of classification.changes) {
      const add = (index: Map<IsoDate, Map<string, Set<string>>>, from: string, to: string) => {
        let onDate = index.get(c.changeOccurred);
        if (!onDate) index.set(c.changeOccurred, (onDate = new Map()));
        let targets = onDate.get(from);
        if (!targets) onDate.set(from, (targets = new Set()));
        targets.add(to);
      };
      add(this.forward, c.oldCode, c.newCode);
      add(this.backward, c.newCode, c.oldCode);
    }
    this.changeDates = [...this.forward.keys()].sort();
  }

  /** The version in force on `date`, if the classification covers it. */
  versionOn(date: IsoDate): KlassVersion | undefined {
    return this.versions.find((v) => covers(v.version, date))?.version;
  }

  /** The municipality `number` meant on `date`, if it was valid then. */
  validOn(number: string, date: IsoDate): MunicipalityRef | undefined {
    const item = this.versions.find((v) => covers(v.version, date))?.byCode.get(number);
    return item ? { number: item.code, name: item.name } : undefined;
  }

  /** All municipalities valid on `date` (today by default), by number. */
  municipalitiesOn(date: IsoDate = this.today): MunicipalityRef[] {
    const v = this.versions.find((x) => covers(x.version, date));
    return v ? [...v.byCode.values()].map((i) => ({ number: i.code, name: i.name })).sort(byNumber) : [];
  }

  /** Follows a number valid on `date` through every change after it, up to today. */
  private trace(number: string, date: IsoDate): Trace {
    let codes = new Set([number]);
    let split = false;
    let merged = false;
    let lost = false;
    for (const at of this.changeDates) {
      if (at <= date || at > this.today) continue;
      const forward = this.forward.get(at)!;
      const backward = this.backward.get(at)!;
      const next = new Set<string>();
      for (const code of codes) {
        const targets = forward.get(code);
        if (!targets) {
          // Unchanged on this date, if it still exists after it.
          if (this.validOn(code, at)) next.add(code);
          else lost = true;
          continue;
        }
        if (targets.size > 1) split = true;
        for (const t of targets) {
          if ((backward.get(t)?.size ?? 0) > 1) merged = true;
          next.add(t);
        }
      }
      codes = next;
    }
    const finals = [...codes].filter((c) => this.validOn(c, this.today));
    if (finals.length < codes.size) lost = true;
    return { finals: finals.sort(), split, merged, lost };
  }

  private ref(number: string, date: IsoDate): MunicipalityRef {
    return this.validOn(number, date) ?? { number, name: number };
  }

  /**
   * What `number`, used about `onDate` (a file's period), means today:
   * CURRENT (same number today), RENUMBERED (one-to-one to another number), MERGED (it is now part
   * of `currentNumber`), SPLIT (its area went to several of today's municipalities: not
   * comparable, the `alternatives` name them), UNKNOWN (not a number valid on that date: the
   * `alternatives` are the numbers valid then that the caller may have meant).
   */
  resolve(number: string, onDate: IsoDate): Resolution {
    const base = { number, onDate };
    if (!this.versionOn(onDate)) {
      const first = this.versions[0]?.version.validFrom;
      return {
        ...base,
        status: 'UNKNOWN',
        comparable: false,
        alternatives: [],
        reason: `The classification of municipalities held here does not cover ${onDate}${first ? ` (it starts ${first})` : ''}.`,
      };
    }
    if (!this.validOn(number, onDate)) {
      return { ...base, status: 'UNKNOWN', comparable: false, alternatives: this.alternativesOn(number, onDate), reason: `${number} was not a valid kommunenummer on ${onDate}.` };
    }
    const t = this.trace(number, onDate);
    if (t.split || t.finals.length > 1) {
      return {
        ...base,
        status: 'SPLIT',
        comparable: false,
        alternatives: t.finals.map((c) => this.ref(c, this.today)),
        reason: `${number} was split after ${onDate}; its figures before the split are not comparable with today's municipalities.`,
      };
    }
    if (t.lost || t.finals.length === 0) {
      return { ...base, status: 'UNKNOWN', comparable: false, alternatives: [], reason: `${number} no longer exists and the classification names no successor.` };
    }
    const current = this.ref(t.finals[0], this.today);
    const status: ResolutionStatus = t.merged ? 'MERGED' : current.number === number ? 'CURRENT' : 'RENUMBERED';
    return { ...base, status, currentNumber: current.number, name: current.name, comparable: true, alternatives: [] };
  }

  /**
   * The numbers valid on `date` whose history makes up today's municipality `number`: a merged
   * municipality's history is the sum of its predecessors; a predecessor that was split makes the
   * history on that date not comparable.
   */
  predecessorsOn(number: string, date: IsoDate): Predecessors {
    const predecessors: MunicipalityRef[] = [];
    const splitFrom: MunicipalityRef[] = [];
    for (const candidate of this.municipalitiesOn(date)) {
      const r = this.resolve(candidate.number, date);
      if (r.currentNumber === number) predecessors.push(candidate);
      else if (r.status === 'SPLIT' && r.alternatives.some((a) => a.number === number)) splitFrom.push(candidate);
    }
    return { predecessors, splitFrom, comparable: splitFrom.length === 0 && predecessors.length > 0 };
  }

  /** Numbers valid on `date` that someone who wrote `number` may have meant. */
  private alternativesOn(number: string, date: IsoDate): MunicipalityRef[] {
    const found: MunicipalityRef[] = [];
    // Where the number was valid at some time: what it became today, and that municipality's numbers on `date`.
    const when = this.versions.filter((v) => v.byCode.has(number)).map((v) => v.version);
    const names = new Set<string>();
    const successors = new Set<string>();
    for (const v of when) {
      names.add(v.items.find((i) => i.code === number)!.name);
      const last = v.validTo ? previousDay(v.validTo) : this.today;
      const r = this.resolve(number, last > this.today ? this.today : last);
      if (r.currentNumber) successors.add(r.currentNumber);
      for (const a of r.status === 'SPLIT' ? r.alternatives : []) successors.add(a.number);
    }
    for (const s of successors) {
      const p = this.predecessorsOn(s, date);
      found.push(...p.predecessors, ...p.splitFrom);
    }
    // The same name on that date (a number misremembered, a county renumbered).
    for (const m of this.municipalitiesOn(date)) if (names.has(m.name)) found.push(m);
    return unique(found);
  }
}

function previousDay(date: IsoDate): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The one call importers need: what `number`, used about `onDate`, means today. */
export function resolveMunicipalityNumber(classification: MunicipalityHistory, number: string, onDate: IsoDate): Resolution {
  return classification.resolve(number, onDate);
}

/** "0439 Folldal, 0432 Rendalen" for messages. */
export function describeRefs(refs: MunicipalityRef[], max = 8): Message {
  const shown = refs
    .slice(0, max)
    .map((r) => `${r.number} ${r.name}`)
    .join(', ');
  return refs.length > max ? { key: 'reference.refsMore', params: { refs: shown, n: refs.length - max } } : { key: 'reference.refs', params: { refs: shown } };
}

/** A version's own fields (`validFrom`, `validTo`, `name`) of KLASS's `GET /versions/{id}`, or undefined when `head` has no `validFrom`. */
export function klassVersionHeadOf(head: unknown): Omit<KlassVersion, 'items'> | undefined {
  const d = head as { validFrom?: unknown; validTo?: unknown; name?: unknown } | null;
  if (!d || typeof d !== 'object' || typeof d.validFrom !== 'string') return undefined;
  return { validFrom: d.validFrom, validTo: typeof d.validTo === 'string' ? d.validTo : null, name: typeof d.name === 'string' ? d.name : undefined };
}

/** One element of a version's `classificationItems`. */
export const klassItemOf = (item: unknown): KlassVersion['items'][number] => {
  const i = item as { code?: unknown; name?: unknown } | null;
  return { code: String(i?.code ?? '').trim(), name: String(i?.name ?? '').trim() };
};

/** One element of KLASS's `codeChanges`. */
export const klassChangeOf = (change: unknown): KlassChange => {
  const c = change as Record<string, unknown> | null;
  return {
    oldCode: String(c?.oldCode ?? '').trim(),
    oldName: String(c?.oldName ?? '').trim(),
    newCode: String(c?.newCode ?? '').trim(),
    newName: String(c?.newName ?? '').trim(),
    changeOccurred: String(c?.changeOccurred ?? '').trim(),
  };
};

/**
 * A version as KLASS's API returns it (`GET /versions/{id}`: `validFrom`, `validTo`, `name`,
 * `classificationItems`), or undefined when `document` is not one.
 */
export function klassVersionOf(document: unknown): KlassVersion | undefined {
  const head = klassVersionHeadOf(document);
  const items = (document as { classificationItems?: unknown } | undefined)?.classificationItems;
  if (!head || !Array.isArray(items)) return undefined;
  return { ...head, items: items.map(klassItemOf) };
}

/** KLASS's `changes` response (`codeChanges`), or undefined when `document` is not one. */
export function klassChangesOf(document: unknown): KlassChange[] | undefined {
  const d = document as { codeChanges?: unknown } | null;
  if (!d || typeof d !== 'object' || !Array.isArray(d.codeChanges)) return undefined;
  return d.codeChanges.map(klassChangeOf);
}
