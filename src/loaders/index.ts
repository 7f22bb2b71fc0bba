import DataLoader from 'dataloader';
import { EntityTarget, In, ObjectLiteral } from 'typeorm';
import { RequestDb } from '../db/request-db';

/**
 * Per-request DataLoaders. Every relation a field resolver follows goes through one of these, so a
 * query's statement count depends on its shape, not on how many rows it returns.
 */
export class Loaders {
  private readonly cache = new Map<string, DataLoader<unknown, unknown>>();

  constructor(private readonly db: RequestDb) {}

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
}

function entityName(entity: EntityTarget<unknown>): string {
  if (typeof entity === 'function') return entity.name;
  if (typeof entity === 'string') return entity;
  return (entity as { name?: string }).name ?? 'entity';
}
