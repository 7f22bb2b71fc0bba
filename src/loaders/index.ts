import DataLoader from 'dataloader';
import { EntityTarget, ObjectLiteral } from 'typeorm';
import { EntityRows } from '../db/entity-rows';
import { byIdRead, findRead, manyByRead, Order, pageByRead, pageRead, ParentsSql, referencedRead, Where } from '../db/reads';
import { Read, RequestDb } from '../db/request-db';
import { PageWindow } from '../services/paging';

/**
 * Per-request DataLoaders. Every relation a field resolver follows goes through one of these, so a
 * query's statement count depends on its shape, not on how many rows it returns.
 *
 * The built-in loaders read plain rows through `RequestDb.read` (prepared SQL, built once per
 * entity and shape; the reads of one wave travel as one statement) and return entity instances
 * with TypeORM's value conversions. Every row they read is remembered for the rest of the request
 * (until `clearAll`), so `byId` answers without SQL for a row another loader already brought.
 */
export class Loaders {
  private readonly cache = new Map<string, DataLoader<unknown, unknown>>();
  /** Rows read so far in this request, per entity, by id. */
  private readonly known = new Map<EntityRows, Map<string, ObjectLiteral>>();

  constructor(private readonly db: RequestDb) {}

  /** Forgets everything loaded so far: called after every successful write (see defineMutation). */
  clearAll(): void {
    for (const loader of this.cache.values()) loader.clearAll();
    this.known.clear();
  }

  /** A custom batch loader, created once per request under `key`. */
  custom<K, V>(key: string, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    let loader = this.cache.get(key) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
      this.cache.set(key, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }

  /** Rows by primary key `id`; null where RLS hides the row or it does not exist. */
  byId<T extends ObjectLiteral & { id: string }>(entity: EntityTarget<T>): DataLoader<string, T | null> {
    const rows = this.db.rows(entity);
    return this.custom<string, T | null>(`byId:${rows.metadata.name}`, async (ids) => {
      const known = this.knownOf(rows);
      const found = new Map<string, T>();
      const missing: string[] = [];
      for (const id of ids) {
        const row = known.get(id) as T | undefined;
        if (row) found.set(id, row);
        else missing.push(id);
      }
      if (missing.length) for (const row of await this.read(rows, byIdRead(rows, missing))) found.set(row.id, row);
      return ids.map((id) => found.get(id) ?? null);
    });
  }

  /**
   * Reads, with the rows of `source` being loaded by id in the same wave, the `target` rows they
   * refer to through `column` (e.g. a unit's municipality), so that a later `byId(target)` needs no
   * statement of its own: `node(id) { … on Unit { municipality { … } } }` is one read, not two.
   */
  prefetch<S extends ObjectLiteral>(source: EntityTarget<S>, column: keyof S & string, target: EntityTarget<ObjectLiteral & { id: string }>): DataLoader<string, true> {
    const from = this.db.rows(source);
    const rows = this.db.rows(target);
    return this.custom<string, true>(`prefetch:${from.metadata.name}.${column}:${rows.metadata.name}`, async (ids) => {
      await this.read(rows, referencedRead(rows, from, column, ids));
      return ids.map(() => true);
    });
  }

  /** All rows whose `column` equals each key, ordered by `orderBy`. */
  manyBy<T extends ObjectLiteral>(entity: EntityTarget<T>, column: keyof T & string, orderBy: Order<T> = {}): DataLoader<string, T[]> {
    const rows = this.db.rows(entity);
    return this.custom<string, T[]>(`manyBy:${rows.metadata.name}:${column}:${JSON.stringify(orderBy)}`, async (keys) => {
      const found = await this.read(rows, manyByRead(rows, column, orderBy as Order<ObjectLiteral>, keys));
      const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
      for (const row of found) groups.get(row[column] as string)?.push(row);
      return keys.map((k) => groups.get(k)!);
    });
  }

  /**
   * One page of the rows whose `column` equals each key, with each key's total: paged in SQL per
   * parent with a window function (one statement), so a large municipality's units are never
   * loaded whole to be sliced.
   */
  pageBy<T extends ObjectLiteral>(entity: EntityTarget<T>, column: keyof T & string, orderBy: Order<T>, window: PageWindow): DataLoader<string, { rows: T[]; total: number }> {
    const rows = this.db.rows(entity);
    const key = `pageBy:${rows.metadata.name}:${column}:${JSON.stringify(orderBy)}:${window.offset}:${window.limit}`;
    return this.custom<string, { rows: T[]; total: number }>(key, async (keys) => {
      const raw = await this.db.read<unknown[][]>(pageByRead(rows, column, orderBy as Order<ObjectLiteral>, window, keys));
      const groups = this.pageGroups(rows, column, window, raw, keys);
      return keys.map((k) => groups.get(k)!);
    });
  }

  /**
   * A look-ahead for `pageBy`: the pages of the children of the parents `parents` (SQL) names, read
   * in the current wave — before the parents themselves are known — and primed into the `pageBy`
   * loader, so the field resolvers that ask for them next find them without a wave of their own.
   * A parent with no children is not in the answer (it is loaded as usual if asked for).
   */
  async prefetchPageBy<T extends ObjectLiteral>(entity: EntityTarget<T>, column: keyof T & string, orderBy: Order<T>, window: PageWindow, parents: ParentsSql): Promise<void> {
    const rows = this.db.rows(entity);
    const raw = await this.db.read<unknown[][]>(pageByRead(rows, column, orderBy as Order<ObjectLiteral>, window, parents));
    const loader = this.pageBy(entity, column, orderBy, window);
    for (const [parent, page] of this.pageGroups(rows, column, window, raw)) loader.prime(parent, page);
  }

  /** Rows of a `pageByRead` answer by parent: each window's rows and the parent's total. */
  private pageGroups<T extends ObjectLiteral>(
    rows: EntityRows<T>,
    column: keyof T & string,
    window: PageWindow,
    raw: unknown[][],
    keys?: readonly string[],
  ): Map<string, { rows: T[]; total: number }> {
    const groups = new Map<string, { rows: T[]; total: number }>((keys ?? []).map((k) => [k, { rows: [], total: 0 }]));
    const known = this.knownOf(rows);
    for (const values of raw) {
      const rn = values[rows.width] as number;
      const row = rows.hydrate(values);
      const parent = String(row[column]);
      let group = groups.get(parent);
      if (!group) {
        if (keys) continue;
        groups.set(parent, (group = { rows: [], total: 0 }));
      }
      group.total = values[rows.width + 1] as number;
      if (rn > window.offset && rn <= window.offset + window.limit) {
        group.rows.push(row);
        known.set(row.id, row);
      }
    }
    return groups;
  }

  /**
   * Rows matching `where` (each property equal to a value, one of a list, or null), in `order`: one
   * read, sent with the other reads of the same wave. For a service's plain lists (not a relation
   * of many parents: that is `manyBy`).
   */
  list<T extends ObjectLiteral>(entity: EntityTarget<T>, where: Where<T> = {}, order: Order<T> = {}): Promise<T[]> {
    const rows = this.db.rows(entity);
    return this.read(rows, findRead(rows, where, order));
  }

  /** One page of the rows matching `where` in `order` (then by id), with how many match in all: one read. */
  async page<T extends ObjectLiteral>(entity: EntityTarget<T>, where: Where<T>, order: Order<T>, window: PageWindow): Promise<{ rows: T[]; total: number }> {
    const rows = this.db.rows(entity);
    return this.readPage(entity, pageRead(rows, where, order, window));
  }

  /** A feature's own page read whose JSON value is `[total, rows]` (rows as `rows.json(alias)`). */
  async readPage<T extends ObjectLiteral>(entity: EntityTarget<T>, read: Read): Promise<{ rows: T[]; total: number }> {
    const rows = this.db.rows(entity);
    const [total, raw] = await this.db.read<[number, unknown[][]]>(read);
    const known = this.knownOf(rows);
    return {
      total,
      rows: raw.map((values) => {
        const row = rows.hydrate(values);
        known.set(row.id, row);
        return row;
      }),
    };
  }

  /**
   * Whole rows of `entity` from a feature's own read (SQL from `sqlOf`, rows as
   * `rows.json(alias, extra)`): each row hydrated and remembered like the built-in loaders' rows,
   * with its raw array, whose elements from `rows.width` on are the `extra` values.
   */
  async readRows<T extends ObjectLiteral>(entity: EntityTarget<T>, read: Read): Promise<{ row: T; values: readonly unknown[] }[]> {
    const rows = this.db.rows(entity);
    const raw = await this.db.read<unknown[][]>(read);
    const known = this.knownOf(rows);
    return raw.map((values) => {
      const row = rows.hydrate(values);
      known.set(row.id, row);
      return { row, values };
    });
  }

  private knownOf(rows: EntityRows): Map<string, ObjectLiteral> {
    let known = this.known.get(rows);
    if (!known) this.known.set(rows, (known = new Map()));
    return known;
  }

  /** Runs a read of whole rows, hydrates them and remembers them by id. */
  private async read<T extends ObjectLiteral>(rows: EntityRows<T>, read: Read): Promise<T[]> {
    const raw = await this.db.read<unknown[][]>(read);
    const known = this.knownOf(rows);
    return raw.map((values) => {
      const row = rows.hydrate(values);
      known.set(row.id, row);
      return row;
    });
  }
}
