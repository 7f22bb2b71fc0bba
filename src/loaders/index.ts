import DataLoader from 'dataloader';
import { EntityManager, EntityMetadata, EntityTarget, In, ObjectLiteral } from 'typeorm';
import { RequestDb } from '../db/request-db';
import { PageWindow } from '../services/paging';

/**
 * Per-request DataLoaders. Every relation a field resolver follows goes through one of these, so a
 * query's statement count depends on its shape, not on how many rows it returns.
 */
export class Loaders {
  private readonly cache = new Map<string, DataLoader<unknown, unknown>>();

  constructor(private readonly db: RequestDb) {}

  /** Forgets everything loaded so far: called after every successful write (see defineMutation). */
  clearAll(): void {
    for (const loader of this.cache.values()) loader.clearAll();
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
    return this.custom<string, T | null>(`byId:${entityName(entity)}`, async (ids) => {
      const em = await this.db.manager();
      const rows = await em.getRepository(entity).findBy({ id: In([...ids]) } as never);
      const map = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    });
  }

  /** All rows whose `column` equals each key, ordered by `orderBy`. */
  manyBy<T extends ObjectLiteral>(entity: EntityTarget<T>, column: keyof T & string, orderBy: Partial<Record<keyof T & string, 'ASC' | 'DESC'>> = {}): DataLoader<string, T[]> {
    return this.custom<string, T[]>(`manyBy:${entityName(entity)}:${column}:${JSON.stringify(orderBy)}`, async (keys) => {
      const em = await this.db.manager();
      const rows = await em.getRepository(entity).find({ where: { [column]: In([...keys]) } as never, order: orderBy as never });
      const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
      for (const row of rows) groups.get(row[column] as string)?.push(row);
      return keys.map((k) => groups.get(k) ?? []);
    });
  }

  /**
   * One page of the rows whose `column` equals each key, with each key's total: paged in SQL per
   * parent with a window function (one statement), so a large municipality's units are never
   * loaded whole to be sliced.
   */
  pageBy<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    column: keyof T & string,
    orderBy: Partial<Record<keyof T & string, 'ASC' | 'DESC'>>,
    window: PageWindow,
  ): DataLoader<string, { rows: T[]; total: number }> {
    const key = `pageBy:${entityName(entity)}:${column}:${JSON.stringify(orderBy)}:${window.offset}:${window.limit}`;
    return this.custom<string, { rows: T[]; total: number }>(key, async (keys) => {
      const em = await this.db.manager();
      const meta = em.connection.getMetadata(entity);
      const col = (property: string) => `t."${meta.findColumnWithPropertyName(property)!.databaseName}"`;
      const order = [...Object.entries(orderBy).map(([p, dir]) => `${col(p)} ${dir === 'DESC' ? 'DESC' : 'ASC'}`), `${col(meta.primaryColumns[0].propertyName)} ASC`].join(', ');
      const parent = col(column);
      // Row 1 of every parent always comes back, so a page past the end still carries the total.
      const raw: Record<string, unknown>[] = await em.query(
        `SELECT * FROM (
           SELECT t.*, row_number() OVER (PARTITION BY ${parent} ORDER BY ${order}) AS __rn, count(*) OVER (PARTITION BY ${parent})::int AS __total
             FROM "${meta.tableName}" t WHERE ${parent} = ANY($1)
         ) w WHERE __rn = 1 OR (__rn > $2 AND __rn <= $3) ORDER BY __rn`,
        [[...keys], window.offset, window.offset + window.limit],
      );
      const parentColumn = meta.findColumnWithPropertyName(column)!.databaseName;
      const groups = new Map<string, { rows: T[]; total: number }>(keys.map((k) => [k, { rows: [], total: 0 }]));
      for (const r of raw) {
        const group = groups.get(String(r[parentColumn]));
        if (!group) continue;
        group.total = Number(r.__total);
        const rn = Number(r.__rn);
        if (rn > window.offset && rn <= window.offset + window.limit) group.rows.push(hydrate(em, meta, r) as T);
      }
      return keys.map((k) => groups.get(k)!);
    });
  }
}

/** A raw row (column names) as an entity, with TypeORM's own value conversions (dates, bigint …). */
function hydrate(em: EntityManager, meta: EntityMetadata, raw: Record<string, unknown>): ObjectLiteral {
  const entity = meta.create() as ObjectLiteral;
  for (const c of meta.columns) entity[c.propertyName] = em.connection.driver.prepareHydratedValue(raw[c.databaseName], c);
  return entity;
}

function entityName(entity: EntityTarget<unknown>): string {
  if (typeof entity === 'function') return entity.name;
  if (typeof entity === 'string') return entity;
  return (entity as { name?: string }).name ?? 'entity';
}
