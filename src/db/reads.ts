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
  const sql = sqlOf(
    rows,
    `referencedBy:${source.table}.${column}`,
    () =>
      `SELECT ${aggregate(rows.json('t'), [])} FROM ${rows.table} t WHERE ${rows.column('t', 'id')} IN (SELECT ${source.column('s', column)} FROM ${source.table} s WHERE ${source.column('s', 'id')} = ANY($1))`,
  );
  return { sql, params: [ids] };
}

/** Rows whose `column` is one of `keys`, in `order`. */
export function manyByRead(rows: EntityRows, column: string, order: Order<ObjectLiteral>, keys: readonly string[]): Read {
  const sql = sqlOf(
    rows,
    `manyBy:${column}:${JSON.stringify(order)}`,
    () => `SELECT ${aggregate(rows.json('t'), orderBy(rows, 't', order))} FROM ${rows.table} t WHERE ${rows.column('t', column)} = ANY($1)`,
  );
  return { sql, params: [keys] };
}

/**
 * One page (rows offset+1 … offset+limit in `order`, then by id) of the rows of each key, with each
 * key's total: paged in SQL per parent with a window function. Row 1 of every parent always comes
 * back, so a page past the end still carries the total. Each row array ends with its row number
 * and its parent's total (at `rows.width` and `rows.width + 1`).
 */
/**
 * The parents of a `pageByRead` given as SQL instead of ids (`SELECT id FROM … WHERE …` with its own
 * `$1 … $n`), so the children of parents not yet known can be read in the same wave as the parents
 * (a look-ahead). `name` identifies the SQL text, which must be the same for a given name.
 */
export interface ParentsSql {
  name: string;
  sql: string;
  params: unknown[];
}

export function pageByRead(rows: EntityRows, column: string, order: Order<ObjectLiteral>, window: { offset: number; limit: number }, keys: readonly string[] | ParentsSql): Read {
  const parents = Array.isArray(keys) ? undefined : (keys as ParentsSql);
  const sql = sqlOf(rows, `pageBy:${column}:${JSON.stringify(order)}${parents ? `:in:${parents.name}` : ''}`, () => {
    const parent = rows.column('t', column);
    // With parents as SQL, the window's bounds are $1 and $2 and the parents' own parameters follow.
    const filter = parents ? `${parent} IN (${parents.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + 2}`)})` : `${parent} = ANY($1)`;
    const [from, to] = parents ? ['$1', '$2'] : ['$2', '$3'];
    return `SELECT ${aggregate(rows.json('w', ['w.__rn', 'w.__total']), ['w.__rn'])} FROM (
      SELECT t.*, row_number() OVER (PARTITION BY ${parent} ORDER BY ${orderBy(rows, 't', order, true).join(', ')}) AS __rn, count(*) OVER (PARTITION BY ${parent})::int AS __total
        FROM ${rows.table} t WHERE ${filter}
    ) w WHERE w.__rn = 1 OR (w.__rn > ${from} AND w.__rn <= ${to})`;
  });
  return parents ? { sql, params: [window.offset, window.offset + window.limit, ...parents.params] } : { sql, params: [keys, window.offset, window.offset + window.limit] };
}

export type Where<T> = Partial<Record<keyof T & string, string | number | boolean | null | readonly (string | number)[]>>;

function conditions<T extends ObjectLiteral>(rows: EntityRows<T>, where: Where<T>) {
  const list = Object.entries(where).filter(([, v]) => v !== undefined) as [string, unknown][];
  const shape = list.map(([property, v]) => `${property}${v === null ? ' null' : Array.isArray(v) ? ' in' : ''}`).join(',');
  const sql = () => {
    let n = 0;
    const terms = list.map(([property, v]) => {
      const column = rows.column('t', property);
      if (v === null) return `${column} IS NULL`;
      n += 1;
      return Array.isArray(v) ? `${column} = ANY($${n})` : `${column} = $${n}`;
    });
    return terms.length ? ` WHERE ${terms.join(' AND ')}` : '';
  };
  return { shape, sql, params: list.filter(([, v]) => v !== null).map(([, v]) => v) };
}

/** Rows matching every condition of `where` (a value: equal; a list: one of; null: IS NULL), in `order`. */
export function findRead<T extends ObjectLiteral>(rows: EntityRows<T>, where: Where<T>, order: Order<T>): Read {
  const c = conditions(rows, where);
  const sql = sqlOf(rows, `find:${c.shape}:${JSON.stringify(order)}`, () => `SELECT ${aggregate(rows.json('t'), orderBy(rows, 't', order as Order<ObjectLiteral>))} FROM ${rows.table} t${c.sql()}`);
  return { sql, params: c.params };
}

/**
 * One page (offset, limit) of the rows matching `where` in `order` (then by id), and how many match
 * in all: `[total, rows]` in one read.
 */
export function pageRead<T extends ObjectLiteral>(rows: EntityRows<T>, where: Where<T>, order: Order<T>, window: { offset: number; limit: number }): Read {
  const c = conditions(rows, where);
  const n = c.params.length;
  const sql = sqlOf(rows, `page:${c.shape}:${JSON.stringify(order)}`, () => {
    const terms = orderBy(rows, 't', order as Order<ObjectLiteral>, true);
    return `SELECT json_build_array((SELECT count(*) FROM ${rows.table} t${c.sql()}),
      (SELECT ${aggregate(rows.json('t'), orderBy(rows, 't', order as Order<ObjectLiteral>, true))} FROM (SELECT t.* FROM ${rows.table} t${c.sql()} ORDER BY ${terms.join(', ')} OFFSET $${n + 1} LIMIT $${n + 2}) t))`;
  });
  return { sql, params: [...c.params, window.offset, window.limit] };
}

/**
 * The conditions of a feature's own read, for filters that `Where` cannot say (ranges, subqueries,
 * IS NOT NULL): each term's values become the parameters `$1 …` in the order added, and `shape`
 * names the terms present, so the SQL text (built once per shape through `sqlOf`) never holds a
 * value.
 */
export class Conditions {
  readonly terms: string[] = [];
  readonly params: unknown[] = [];
  private readonly names: string[] = [];

  /** Adds the term `sql(placeholders of values)`, under `name` (which must always say the same SQL). */
  add(name: string, values: unknown[], sql: (...placeholders: string[]) => string): this {
    const placeholders = values.map((v) => `$${this.params.push(v)}`);
    this.terms.push(sql(...placeholders));
    this.names.push(name);
    return this;
  }

  get shape(): string {
    return this.names.join(',');
  }

  /** ` WHERE term AND term …` ('' without terms). */
  get where(): string {
    return this.terms.length ? ` WHERE ${this.terms.join(' AND ')}` : '';
  }
}

/**
 * One page (offset, limit) of the rows of `rows` (alias `t`) matching `conditions`, in `order` (SQL
 * terms over `t`; end them with a unique column), and how many match in all: `[total, rows]` in
 * one read (see `Loaders.readPage`). `key` names the read; the text is built once per key and shape.
 */
export function conditionsPageRead(rows: EntityRows, key: string, conditions: Conditions, order: string[], window: { offset: number; limit: number }): Read {
  const n = conditions.params.length;
  const sql = sqlOf(
    rows,
    `${key}:${conditions.shape}`,
    () => `SELECT json_build_array((SELECT count(*) FROM ${rows.table} t${conditions.where}),
      (SELECT ${aggregate(rows.json('t'), order)} FROM (SELECT t.* FROM ${rows.table} t${conditions.where} ORDER BY ${order.join(', ')} OFFSET $${n + 1} LIMIT $${n + 2}) t))`,
  );
  return { sql, params: [...conditions.params, window.offset, window.limit] };
}
