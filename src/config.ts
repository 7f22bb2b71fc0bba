import path from 'node:path';
import ipaddr from 'ipaddr.js';

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
  /** Aliased fields per operation, fragments expanded. */
  maxAliases: number;
  /** Lexical tokens per document: the parser stops there, so a huge document costs no more than this. */
  maxTokens: number;
  bodyLimit: string;
  /** Largest file `POST /imports/<kind>` accepts (IMPORT_LIMIT_MB). */
  importLimitBytes: number;
  logLevel: string;
  dbPoolSize: number;
  /** Port of the embedded PostgreSQL (loopback); unset = a free port. */
  embeddedPgPort?: number;
  /** The whole shutdown (drain HTTP, close the pool, stop PostgreSQL) ends within this, else exits 1. */
  shutdownTimeoutMs: number;
  /** WEBHOOK_ALLOW_PRIVATE: host names, addresses and CIDR ranges a cost-alert webhook may reach although private (on-premises receivers); empty = none. */
  webhookAllowPrivate: string[];
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2 };

/** `100kb`, `1mb`, `2048` (bytes) → bytes, as express's body parser reads them; anything else throws. */
export function parseSize(name: string, value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb)?$/i.exec(value.trim());
  if (!match || Number(match[1]) <= 0) throw new Error(`${name} must be a size such as 100kb or 1mb, got "${value}"`);
  return Math.floor(Number(match[1]) * SIZE_UNITS[(match[2] ?? 'b').toLowerCase()]);
}

function size(name: string, value: string | undefined, fallback: string): string {
  if (value === undefined || value === '') return fallback;
  parseSize(name, value);
  return value.trim();
}

function port(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a TCP port (1-65535), got "${value}"`);
  return n;
}

/** Secrets that appear as examples in docker-compose.yml and the README: never acceptable in production. */
export const EXAMPLE_SECRETS = ['change-me-jwt-secret', 'a-long-random-string', 'change-me-app', 'another-secret', 'change-me-owner', 'secret'];
export const MIN_JWT_SECRET_BYTES = 32;

/** Production refuses a published or short secret; the message says which and how to make one. */
function checkProductionSecrets(config: AppConfig): void {
  const problems: string[] = [];
  const example = (value: string | undefined) => value !== undefined && EXAMPLE_SECRETS.includes(value);
  const jwtBytes = config.jwtSecret === undefined ? undefined : Buffer.byteLength(config.jwtSecret, 'utf8');
  if (example(config.jwtSecret)) problems.push('JWT_SECRET is an example value from docker-compose.yml or the README');
  else if (jwtBytes !== undefined && jwtBytes < MIN_JWT_SECRET_BYTES) problems.push(`JWT_SECRET is ${jwtBytes} bytes long; it must have at least ${MIN_JWT_SECRET_BYTES}`);
  if (example(config.appDbPassword)) problems.push('APP_DB_PASSWORD is an example value from docker-compose.yml or the README');
  for (const [name, url] of [['DATABASE_URL', config.databaseUrl], ['APP_DATABASE_URL', config.appDatabaseUrl]] as const) {
    if (url && example(passwordOf(url))) problems.push(`the password in ${name} is an example value from docker-compose.yml or the README`);
  }
  if (problems.length) {
    throw new Error(`refusing to start with NODE_ENV=production: ${problems.join('; ')}. Generate secrets, e.g. with: openssl rand -base64 48`);
  }
}

function passwordOf(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
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
  const config: AppConfig = {
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
    maxAliases: int('GRAPHQL_MAX_ALIASES', env.GRAPHQL_MAX_ALIASES, 30),
    maxTokens: int('GRAPHQL_MAX_TOKENS', env.GRAPHQL_MAX_TOKENS, 2000),
    // A request's memory grows with its body (the JSON text, the parsed variables, the document): 100 kB
    // holds any real operation and keeps hostile traffic small (bench/results.md, "Hostile traffic").
    bodyLimit: size('BODY_LIMIT', env.BODY_LIMIT, '100kb'),
    importLimitBytes: int('IMPORT_LIMIT_MB', env.IMPORT_LIMIT_MB, 100) * 1024 * 1024,
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    dbPoolSize: int('DB_POOL_SIZE', env.DB_POOL_SIZE, 10),
    embeddedPgPort: port('EMBEDDED_PG_PORT', env.EMBEDDED_PG_PORT),
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', env.SHUTDOWN_TIMEOUT_MS, 15000),
    webhookAllowPrivate: (env.WEBHOOK_ALLOW_PRIVATE ?? '').split(',').map((v) => v.trim().toLowerCase()).filter(Boolean),
  };
  const badRange = config.webhookAllowPrivate.find((entry) => entry.includes('/') && !ipaddr.isValidCIDR(entry));
  if (badRange) throw new Error(`WEBHOOK_ALLOW_PRIVATE: "${badRange}" is not an address range such as 10.20.0.0/16`);
  if (production) checkProductionSecrets(config);
  return config;
}
