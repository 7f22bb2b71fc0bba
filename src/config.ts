import path from 'node:path';

/** Everything the process reads from the environment, in one place (see README "Configuration"). */
export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Owner connection: runs migrations and the seed. Unset = start embedded PostgreSQL. */
  databaseUrl?: string;
  /** Connection for the non-owner API role; derived from databaseUrl when unset. */
  appDatabaseUrl?: string;
  appDbPassword?: string;
  dataDir: string;
  jwtSecret?: string;
  jwksUrl?: string;
  jwtIssuer?: string;
  jwtAudience?: string;
  seedDemo: boolean;
  introspection: boolean;
  graphiql: boolean;
  maxDepth: number;
  maxComplexity: number;
  bodyLimit: string;
  /** Largest file `POST /imports/<kind>` accepts (IMPORT_LIMIT_MB). */
  importLimitBytes: number;
  logLevel: string;
  dbPoolSize: number;
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const production = nodeEnv === 'production';
  return {
    env: nodeEnv,
    port: int('PORT', env.PORT, 4000),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    appDatabaseUrl: env.APP_DATABASE_URL || undefined,
    appDbPassword: env.APP_DB_PASSWORD || undefined,
    dataDir: path.resolve(env.DATA_DIR || path.join(process.cwd(), '.data')),
    jwtSecret: env.JWT_SECRET || undefined,
    jwksUrl: env.JWKS_URL || undefined,
    jwtIssuer: env.JWT_ISSUER || undefined,
    jwtAudience: env.JWT_AUDIENCE || undefined,
    seedDemo: bool(env.SEED_DEMO, !production),
    introspection: bool(env.GRAPHQL_INTROSPECTION, !production),
    graphiql: bool(env.GRAPHIQL, !production),
    maxDepth: int('GRAPHQL_MAX_DEPTH', env.GRAPHQL_MAX_DEPTH, 12),
    maxComplexity: int('GRAPHQL_MAX_COMPLEXITY', env.GRAPHQL_MAX_COMPLEXITY, 20000),
    bodyLimit: env.BODY_LIMIT || '1mb',
    importLimitBytes: int('IMPORT_LIMIT_MB', env.IMPORT_LIMIT_MB, 100) * 1024 * 1024,
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    dbPoolSize: int('DB_POOL_SIZE', env.DB_POOL_SIZE, 10),
  };
}
