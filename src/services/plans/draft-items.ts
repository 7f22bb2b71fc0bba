import { EntityManager, In, ObjectLiteral } from 'typeorm';
import { Context } from '../../context';
import { PlanVersion } from '../../entities/plans';
import { SharedService } from '../../entities/reference/shared-service';
import { idOfType } from '../../global-id';
import { NodeEntity } from '../lookup';
import { defineMutation, MutationScope } from '../mutation';
import { municipalitiesByNumber } from '../reference/kommunenummer';
import { RuleCheck, userError, UserErrorCode } from '../user-errors';
import { ById } from './args';
import { openDraft, openDraftRow, PLAN_EDITORS } from './guard';

/**
 * The steps every draft content mutation shares: who may edit, which fields an input changes, where
 * a new row goes, references to other rows of the same version, lists of links that an input
 * replaces, and add / update / delete of a keyed item as one definition each.
 */
export const EDITING = { roles: PLAN_EDITORS, action: 'Editing a strategic plan' };

export const textOrNull = (s: string | null | undefined) => (s == null ? null : s.trim() || null);

/** Fields that can never be cleared: a change either sets them (non-blank, checked by the schema) or leaves them. */
const REQUIRED = new Set(['title', 'position', 'kind', 'name', 'text', 'recipient']);

/** Only the fields the input names: undefined = unchanged, null (or blank text) = cleared; required fields are never cleared. */
export function changes<T extends object>(input: T, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = (input as Record<string, unknown>)[f];
    if (raw === undefined) continue;
    const value = typeof raw === 'string' ? raw.trim() || null : raw;
    if (value === null && REQUIRED.has(f)) continue;
    out[f] = value;
  }
  return out;
}

export async function nextPosition(tx: EntityManager, entity: new () => ObjectLiteral, versionId: string): Promise<number> {
  const [{ max }] = await tx.getRepository(entity).createQueryBuilder('x').select('max(x.position)', 'max').where('x.version_id = :versionId', { versionId }).getRawMany();
  return max === null || max === undefined ? 0 : Number(max) + 1;
}

/** The placement columns of a new content row of `version`. */
export const placedIn = (version: PlanVersion) => ({ regionId: version.regionId, planId: version.planId, versionId: version.id });

/** An age band after a change: from ≤ to (each bound 0–30 is the schema's rule). */
export function checkAges(rules: RuleCheck, band: { ageFrom?: number | null; ageTo?: number | null }): void {
  if (band.ageFrom != null && band.ageTo != null && band.ageFrom > band.ageTo) rules.add(userError('ageTo', 'plans.ageBandEndsBefore'));
}

/**
 * A row of `entity` in `version` by global ID: undefined when not given (unchanged), null when
 * cleared, NOT_FOUND on `field` when it is not a row of this version.
 */
export async function rowIn<T extends { id: string; versionId: string }>(
  tx: EntityManager,
  rules: RuleCheck,
  version: PlanVersion,
  entity: NodeEntity<T>,
  globalId: string | null | undefined,
  field: string,
  what: string,
): Promise<T | null | undefined> {
  if (globalId === undefined) return undefined;
  if (globalId === null) return null;
  const id = idOfType(globalId, entity.name);
  const row = id ? await tx.getRepository(entity).findOneBy({ id, versionId: version.id } as never) : null;
  if (!row) rules.add(userError(field, 'plans.noSuchInVersion', { what }, UserErrorCode.NOT_FOUND));
  return row ?? null;
}

/** Rows of `entity` in `version` by global IDs, in the given order; each one missing is NOT_FOUND on input.field.i. */
export async function rowsIn<T extends { id: string }>(
  tx: EntityManager,
  rules: RuleCheck,
  version: PlanVersion,
  entity: NodeEntity<T>,
  globalIds: string[],
  field: string,
  what: string,
): Promise<T[]> {
  const ids = globalIds.map((g) => idOfType(g, entity.name));
  const found = await tx.getRepository(entity).findBy({ id: In(ids.filter((x): x is string => !!x)), versionId: version.id } as never);
  const out: T[] = [];
  ids.forEach((id, i) => {
    const row = found.find((r) => r.id === id);
    if (!row) rules.add(userError(['input', field, String(i)], 'plans.noSuchInVersion', { what }, UserErrorCode.NOT_FOUND));
    else if (out.includes(row)) rules.add(userError(['input', field, String(i)], 'plans.givenTwice', { what }, UserErrorCode.CONFLICT));
    else out.push(row);
  });
  return out;
}

/** Replaces the links of one row: every `link` row with `from` = fromId now points at exactly `to`. */
export async function replaceLinks<L extends ObjectLiteral>(tx: EntityManager, link: new () => L, version: PlanVersion, from: string, fromId: string, to: string, toIds: string[]): Promise<void> {
  await tx.getRepository(link).delete({ [from]: fromId } as never);
  if (toIds.length) await tx.getRepository(link).insert(toIds.map((id) => ({ ...placedIn(version), [from]: fromId, [to]: id }) as never));
}

/** A shared service of the caller's region by global ID: undefined when not given, null when cleared, NOT_FOUND on `field` when unknown. */
export async function sharedServiceIn(tx: EntityManager, rules: RuleCheck, globalId: string | null | undefined, field = 'serviceId'): Promise<SharedService | null | undefined> {
  if (globalId == null) return globalId;
  const id = idOfType(globalId, 'SharedService');
  const service = id ? await tx.getRepository(SharedService).findOneBy({ id }) : null;
  if (!service) rules.add(userError(field, 'plans.suchSharedServiceRegion', {}, UserErrorCode.NOT_FOUND));
  return service;
}

export interface Party {
  serviceId?: string | null;
  municipalityNumber?: string | null;
}

/** Shared services (global IDs) and municipalities (kommunenummer) named in a list; each unknown one is NOT_FOUND at `field(i)`. */
export async function resolveParties(tx: EntityManager, rules: RuleCheck, list: Party[], field: (i: number) => string[]): Promise<{ serviceId: string | null; municipalityId: string | null }[]> {
  const serviceIds = list.map((r) => (r.serviceId ? idOfType(r.serviceId, 'SharedService') : null));
  const services = await tx.getRepository(SharedService).findBy({ id: In(serviceIds.filter((x): x is string => !!x)) });
  const numbered = list.map((r, i) => ({ number: r.municipalityNumber, i })).filter((x): x is { number: string; i: number } => !!x.number);
  const municipalities = await municipalitiesByNumber(
    tx,
    numbered.map((x) => x.number),
    rules,
    (j) => [...field(numbered[j].i), 'municipalityNumber'],
  );
  return list.map((r, i) => {
    const service = r.serviceId ? services.find((s) => s.id === serviceIds[i]) : undefined;
    if (r.serviceId && !service) rules.add(userError([...field(i), 'serviceId'], 'plans.suchSharedServiceRegion', {}, UserErrorCode.NOT_FOUND));
    return { serviceId: service?.id ?? null, municipalityId: (r.municipalityNumber && municipalities.find((m) => m.number === r.municipalityNumber)?.id) || null };
  });
}

/**
 * One delete for every content row type (goal, focus area, measure, milestone …); what hangs off it
 * goes by the foreign keys' ON DELETE rules (sub-goals, links, members and steps cascade; rows that
 * merely refer to it, such as measures of a deleted focus area, stay without the reference).
 */
export function deleteDraftItem<T extends { id: string; versionId: string; nodeId: string }>(name: string, entity: NodeEntity<T>, what: string) {
  return defineMutation({
    name,
    ...EDITING,
    async run({ tx, ctx, audit }: MutationScope, input: ById) {
      const { row } = await openDraftRow(tx, ctx, entity, input.id, 'id', what);
      await tx.getRepository(entity).delete({ id: row.id } as never);
      await audit({ entity: entity.name, entityId: row.id, before: row });
      return { deletedId: row.nodeId };
    },
  });
}

export interface ResolveScope {
  tx: EntityManager;
  ctx: Context;
  rules: RuleCheck;
  version: PlanVersion;
}

/** What an input resolves to: columns to set, and the rows to write once the item is saved (their summary goes into the audit record). */
export interface Resolved<T> {
  set?: Partial<T>;
  after?: (row: T) => Promise<Record<string, unknown>>;
}

export interface DraftItemSpec<T, N, C> {
  /** The entity; mutations are add<Name> and update<Name>. */
  entity: NodeEntity<T>;
  what: string;
  /** The payload field that carries the item. */
  payload: string;
  /** Plain fields an input sets (see `changes`). */
  fields: readonly string[];
  /** A new row's values for what the input leaves out. */
  blank: Partial<T>;
  /** Where a new item goes; default: the DRAFT version `input.versionId`. */
  locate?: (tx: EntityManager, ctx: Context, input: N) => Promise<{ version: PlanVersion; set: Partial<T> }>;
  /** Rules and references (the row before the change, or null for a new item). */
  resolve?: (scope: ResolveScope, input: N | C, before: T | null) => Promise<Resolved<T>>;
}

type Positioned = { id: string; versionId: string; position: number };

/** add<Entity> and update<Entity> for a keyed content item of a DRAFT version. */
export function defineDraftItem<T extends Positioned, N extends { position?: number | null }, C extends { id: string }>(spec: DraftItemSpec<T, N, C>) {
  const repoOf = (tx: EntityManager) => tx.getRepository(spec.entity);
  const add = defineMutation({
    name: `add${spec.entity.name}`,
    ...EDITING,
    async run({ tx, ctx, audit }, input: N) {
      const { version, set: placement } = spec.locate
        ? await spec.locate(tx, ctx, input)
        : { version: (await openDraft(tx, ctx, (input as unknown as { versionId: string }).versionId, 'versionId')).version, set: {} };
      const rules = new RuleCheck();
      const resolved = (await spec.resolve?.({ tx, ctx, rules, version }, input, null)) ?? {};
      rules.throwIfAny();
      const row = repoOf(tx).create({
        ...placedIn(version),
        ...spec.blank,
        ...placement,
        ...changes(input, spec.fields),
        ...resolved.set,
        position: input.position ?? (await nextPosition(tx, spec.entity, version.id)),
      } as never) as unknown as T;
      await repoOf(tx).save(row as never);
      const extra = (await resolved.after?.(row)) ?? {};
      await audit({ entity: spec.entity.name, entityId: row.id, after: { ...row, ...extra } });
      return { [spec.payload]: row } as Record<string, T>;
    },
  });
  const update = defineMutation({
    name: `update${spec.entity.name}`,
    ...EDITING,
    async run({ tx, ctx, audit }, input: C) {
      const { row: before, version } = await openDraftRow(tx, ctx, spec.entity, input.id, 'id', spec.what);
      const rules = new RuleCheck();
      const resolved = (await spec.resolve?.({ tx, ctx, rules, version }, input, before)) ?? {};
      rules.throwIfAny();
      const row = repoOf(tx).create({ ...before, ...changes(input, [...spec.fields, 'position']), ...resolved.set } as never) as unknown as T;
      await repoOf(tx).save(row as never);
      const extra = (await resolved.after?.(row)) ?? {};
      await audit({ entity: spec.entity.name, entityId: row.id, before, after: { ...row, ...extra } });
      return { [spec.payload]: row } as Record<string, T>;
    },
  });
  return { add, update };
}
