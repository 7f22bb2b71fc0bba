import { DataSource, MigrationInterface } from 'typeorm';
import { coalescingStream } from './coalescing-socket';
import { CountingLogger } from './sql-counter';

/**
 * What a DataSource knows of the features: their entities and their migrations (in the order they
 * run). The composition roots take it from src/features/data.ts; nothing in src/db/ knows the features.
 */
export interface DataModel {
  entities: Function[];
  migrations: (new () => MigrationInterface)[];
}

/**
 * `pipeline`: the pool's connections send each query without waiting for the one before
 * (node-postgres's documented `pipeline` client option, through TypeORM's documented `extra`): a
 * request's opening, its reads and TypeORM's statements travel back to back on its connection and
 * PostgreSQL answers them in order. The API's pool uses it (src/db/request-db.ts); migrations and
 * command-line tools do not need it. Its connections are coalescing sockets (node-postgres's
 * documented `stream` option, coalescing-socket.ts): what a request writes in one turn of the event
 * loop leaves as one packet.
 *
 * `countStatements`: attach the logger that counts every TypeORM statement of a request (tests
 * assert the counts; development responses report them). Off in production, where nobody reads them.
 */
export function createDataSource(url: string, model: DataModel, options: { poolSize?: number; name?: string; countStatements?: boolean; pipeline?: boolean } = {}): DataSource {
  const counting = options.countStatements ?? true;
  return new DataSource({
    type: 'postgres',
    url,
    entities: model.entities,
    migrations: model.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: counting ? ['query'] : false,
    ...(counting ? { logger: new CountingLogger() } : {}),
    poolSize: options.poolSize ?? 10,
    applicationName: options.name ?? 'samvirke',
    // bigint columns come back as strings; money code converts them explicitly to BigInt.
    parseInt8: false,
    ...(options.pipeline ? { extra: { pipeline: true, stream: coalescingStream } } : {}),
  });
}

/** Swaps user, password and database in a PostgreSQL URL. */
export function withCredentials(url: string, user: string, password: string, database?: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  if (database) u.pathname = `/${database}`;
  return u.toString();
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A DataSource like `primary` (its entities, logging, pool size, pipeline) on another server:
 * the read replica of DATABASE_READ_URL (docs/scaling.md "Read replica"). It runs no migrations.
 */
export function replicaDataSource(primary: DataSource, url: string): DataSource {
  const options = primary.options;
  if (options.type !== 'postgres') throw new Error('a read replica needs a PostgreSQL DataSource');
  return new DataSource({ ...options, url, migrations: [], applicationName: `${options.applicationName ?? 'samvirke'}-read` });
}
