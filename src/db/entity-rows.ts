import { types } from 'pg';
import { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Rows of an entity's table as JSON arrays, and back to entity instances with TypeORM's own value
 * conversions: the read path's replacement for TypeORM's query builder and result transformer
 * (which rebuilt SQL text and walked its metadata on every read). Built once per entity from the
 * TypeORM metadata, so a new column is read without code changes.
 *
 * A row travels as `json_build_array(col1, col2, …)`. JSON keeps text, uuid, integers, booleans and
 * jsonb exactly; every other type is sent as its text form and parsed with the parser `pg` itself
 * uses for that type (so a timestamptz becomes the same Date, a bigint the same string), and then
 * goes through `driver.prepareHydratedValue` like a TypeORM read.
 */
export class EntityRows<T extends ObjectLiteral = ObjectLiteral> {
  readonly table: string;
  readonly metadata: EntityMetadata;
  private readonly columns: ColumnCodec[];

  constructor(
    private readonly ds: DataSource,
    metadata: EntityMetadata,
  ) {
    this.metadata = metadata;
    this.table = quoteIdent(metadata.tablePath);
    if (metadata.lazyRelations.length || metadata.embeddeds.length) throw new Error(`${metadata.name}: lazy relations and embedded columns are not supported on the read path`);
    this.columns = metadata.columns.filter((c) => !c.isVirtual && !c.isVirtualProperty).map((c) => codecFor(c));
    // What metadata.create(…, { fromDeserializer: true }) does for a class entity without extras.
    this.prototype = typeof metadata.target === 'function' ? (metadata.target.prototype as object) : null;
    this.plain = !!this.prototype && !metadata.isAlwaysUsingConstructor && !ds.options.typename;
  }

  private readonly prototype: object | null;
  private readonly plain: boolean;

  /**
   * `json_build_array(...)` of one row of this table under `alias` (the expression the reads
   * aggregate), followed by `extra` expressions (read back at `width`, `width + 1` …).
   */
  json(alias: string, extra: string[] = []): string {
    return `json_build_array(${[...this.columns.map((c) => c.select(alias)), ...extra].join(', ')})`;
  }

  /** Number of array elements `json()` produces (extra values a read appends come after them). */
  get width(): number {
    return this.columns.length;
  }

  /** A quoted column reference, by entity property name. */
  column(alias: string, property: string): string {
    const column = this.metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${this.metadata.name} has no column ${property}`);
    return `${alias}.${quoteIdent(column.databaseName)}`;
  }

  /** One entity from the array `json()` produced (as TypeORM's find() builds it: no constructor call). */
  hydrate(values: readonly unknown[]): T {
    const entity = (this.plain ? Object.create(this.prototype) : this.metadata.create(undefined, { fromDeserializer: true })) as ObjectLiteral;
    const columns = this.columns;
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i];
      entity[c.property] = c.decode(values[i], this.ds);
    }
    return entity as T;
  }
}

type ColumnMetadata = EntityMetadata['columns'][number];

interface ColumnCodec {
  property: string;
  select(alias: string): string;
  decode(value: unknown, ds: DataSource): unknown;
}

/** Types whose JSON form is what `pg` returns and TypeORM keeps as it is. */
const AS_JSON = new Set<unknown>([
  'text',
  'uuid',
  'varchar',
  'character varying',
  'char',
  'character',
  'citext',
  String,
  'int',
  'integer',
  'int4',
  'int2',
  'smallint',
  Number,
  'boolean',
  'bool',
  Boolean,
  'jsonb',
  'json',
  'float8',
  'double precision',
  'float4',
  'real',
]);

/** Types sent as text and parsed by pg's parser for their OID. */
const AS_TEXT = new Map<unknown, number>([
  ['timestamptz', 1184],
  ['timestamp with time zone', 1184],
  ['timestamp', 1114],
  ['timestamp without time zone', 1114],
  [Date, 1114],
  ['datetime', 1114],
  ['date', 1082],
  ['time', 1083],
  ['bigint', 20],
  ['int8', 20],
  ['numeric', 1700],
  ['decimal', 1700],
  ['interval', 1186],
]);

function codecFor(column: ColumnMetadata): ColumnCodec {
  const name = quoteIdent(column.databaseName);
  const property = column.propertyName;
  const oid = AS_TEXT.get(column.type);
  // A JSON array of JSON-native values is what pg returns for such an array column.
  if (column.isArray && (oid !== undefined || !AS_JSON.has(column.type))) {
    throw new Error(`${column.entityMetadata.name}.${property}: arrays of ${String(column.type)} are not supported on the read path (add them to src/db/entity-rows.ts)`);
  }
  if (oid !== undefined) {
    const parse = types.getTypeParser(oid, 'text') as (text: string) => unknown;
    return {
      property,
      select: (alias) => `${alias}.${name}::text`,
      decode: (value, ds) => ds.driver.prepareHydratedValue(value === null ? null : parse(value as string), column),
    };
  }
  if (!AS_JSON.has(column.type) && column.type !== 'enum' && column.type !== 'simple-enum' && column.type !== 'simple-json') {
    throw new Error(`${column.entityMetadata.name}.${property}: column type ${String(column.type)} is not supported on the read path (add it to src/db/entity-rows.ts)`);
  }
  const plain = AS_JSON.has(column.type) && !column.transformer;
  return {
    property,
    select: (alias) => `${alias}.${name}`,
    decode: plain ? (value) => value : (value, ds) => ds.driver.prepareHydratedValue(value, column),
  };
}

export function quoteIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`unexpected identifier ${JSON.stringify(name)}`);
  return `"${name}"`;
}

const byMetadata = new WeakMap<EntityMetadata, EntityRows>();

/** The codec of an entity (built once per DataSource's metadata). */
export function entityRows<T extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<T>): EntityRows<T> {
  const metadata = ds.getMetadata(entity);
  let rows = byMetadata.get(metadata);
  if (!rows) byMetadata.set(metadata, (rows = new EntityRows(ds, metadata)));
  return rows as EntityRows<T>;
}
