import { ObjectLiteral } from 'typeorm';
import { EntityRows } from './entity-rows';
import { Read } from './request-db';

/**
 * The SQL of the read path's reads, built once per entity and shape (the text never depends on who
 * asks or on the values, which travel as parameters). Each read is a scalar subquery yielding a
 * JSON array of rows (see entity-rows.ts); RequestDb sends the reads of one wave as one statement.
 */
export type Order<T> = Partial<Record<keyof T & string, 'ASC' | 'DESC'>>;

const texts = new WeakMap<EntityRows, Map<string, string>>();

/** SQL text built once per entity codec and `key` (a feature's own read: see `Loaders.readRows`). */
export function sqlOf(rows: EntityRows, key: string, build: () => string): string {
  let perEntity = texts.get(rows);
  if (!perEntity) texts.set(rows, (perEntity = new Map()));
  let sql = perEntity.get(key);
  if (sql === undefined) perEntity.set(key, (sql = build()));
  return sql;
}

function orderBy(rows: EntityRows, alias: string, order: Order<ObjectLiteral>, thenById = false): string[] {
  const terms = Object.entries(order).map(([property, dir]) => `${rows.column(alias, property)} ${dir === 'DESC' ? 'DESC' : 'ASC'}`);
  if (thenById) terms.push(`${rows.column(alias, rows.metadata.primaryColumns[0].propertyName)} ASC`);
  return terms;
}

/** `coalesce(json_agg(json ORDER BY …), '[]')`: the rows of a read as one JSON array. */
export const aggregate = (json: string, order: string[]) => `coalesce(json_agg(${json}${order.length ? ` ORDER BY ${order.join(', ')}` : ''}), '[]')`;

/** Rows whose primary key `id` is one of `ids`. */
export function byIdRead(rows: EntityRows, ids: readonly string[]): Read {
  const sql = sqlOf(rows, 'byId', () => `SELECT ${aggregate(rows.json('t'), [])} FROM ${rows.table} t WHERE ${rows.column('t', 'id')} = ANY($1)`);
  return { sql, params: [ids] };
}

/** Rows of `rows` that rows of `source` with primary key in `ids` refer to through `column` (e.g. their municipality). */
export function referencedRead(rows: EntityRows, source: EntityRows, column: string, ids: readonly string[]): Read {
  const sql = sqlOf(rows, `referencedBy:${source.table}.${column}`, () =>
    `SELECT ${aggregate(rows.json('t'), [])} FROM ${rows.table} t WHERE ${rows.column('t', 'id')} IN (SELECT ${source.column('s', column)} FROM ${source.table} s WHERE ${source.column('s', 'id')} = ANY($1))`);
  return { sql, params: [ids] };
}

/** Rows whose `column` is one of `keys`, in `order`. */
export function manyByRead(rows: EntityRows, column: string, order: Order<ObjectLiteral>, keys: readonly string[]): Read {
  const sql = sqlOf(rows, `manyBy:${column}:${JSON.stringify(order)}`, () =>
    `SELECT ${aggregate(rows.json('t'), orderBy(rows, 't', order))} FROM ${rows.table} t WHERE ${rows.column('t', column)} = ANY($1)`);
  return { sql, params: [keys] };
}

/**
 * One page (rows offset+1 … offset+limit in `order`, then by id) of the rows of each key, with each
 * key's total: paged in SQL per parent with a window function. Row 1 of every parent always comes
 * back, so a page past the end still carries the total. Each row array ends with its row number
 * and its parent's total (at `rows.width` and `rows.width + 1`).
 */
export function pageByRead(rows: EntityRows, column: string, order: Order<ObjectLiteral>, window: { offset: number; limit: number }, keys: readonly string[]): Read {
  const sql = sqlOf(rows, `pageBy:${column}:${JSON.stringify(order)}`, () => {
    const parent = rows.column('t', column);
    return `SELECT ${aggregate(rows.json('w', ['w.__rn', 'w.__total']), ['w.__rn'])} FROM (
      SELECT t.*, row_number() OVER (PARTITION BY ${parent} ORDER BY ${orderBy(rows, 't', order, true).join(', ')}) AS __rn, count(*) OVER (PARTITION BY ${parent})::int AS __total
        FROM ${rows.table} t WHERE ${parent} = ANY($1)
    ) w WHERE w.__rn = 1 OR (w.__rn > $2 AND w.__rn <= $3)`;
  });
  return { sql, params: [keys, window.offset, window.offset + window.limit] };
}

export type Where<T> = Partial<Record<keyof T & string, string | number | boolean | null | readonly (string | number)[]>>;

/** Rows matching every condition of `where` (a value: equal; a list: one of; null: IS NULL), in `order`. */
export function findRead<T extends ObjectLiteral>(rows: EntityRows<T>, where: Where<T>, order: Order<T>): Read {
  const conditions = Object.entries(where).filter(([, v]) => v !== undefined) as [string, unknown][];
  const shape = conditions.map(([property, v]) => `${property}${v === null ? ' null' : Array.isArray(v) ? ' in' : ''}`).join(',');
  const sql = sqlOf(rows, `find:${shape}:${JSON.stringify(order)}`, () => {
    let n = 0;
    const terms = conditions.map(([property, v]) => {
      const column = rows.column('t', property);
      if (v === null) return `${column} IS NULL`;
      n += 1;
      return Array.isArray(v) ? `${column} = ANY($${n})` : `${column} = $${n}`;
    });
    return `SELECT ${aggregate(rows.json('t'), orderBy(rows, 't', order as Order<ObjectLiteral>))} FROM ${rows.table} t${terms.length ? ` WHERE ${terms.join(' AND ')}` : ''}`;
  });
  return { sql, params: conditions.filter(([, v]) => v !== null).map(([, v]) => v) };
}
