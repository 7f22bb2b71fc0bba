import path from 'node:path';
import ipaddr from 'ipaddr.js';
import { badIdentityClaimName, MAX_CLOCK_SKEW_SECONDS } from './auth/oidc-settings';
import { DEFAULT_LOCALE, Locale, LOCALES } from './i18n';
import { Clock, systemClock } from './services/dates';

/** Everything the process reads from the environment, in one place (see README "Configuration"). */
export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Owner connection: runs migrations and the seed. Unset = start embedded PostgreSQL. */
  databaseUrl?: string;
  /**
   * Connection for the non-owner API role; derived from databaseUrl when unset. Alone (without
   * DATABASE_URL) the API holds only this role's credentials, does not migrate, and refuses a schema
   * older than its code: how it runs in production (docs/deployment.md).
   */
  appDatabaseUrl?: string;
  appDbPassword?: string;
  /** DATABASE_READ_URL: the API role's connection to a streaming replica; read-only operations run there (docs/scaling.md). Unset = everything on the primary. */
  readDatabaseUrl?: string;
  /** DATABASE_LISTEN_URL: a direct (not transaction-pooled) connection for LISTEN; unset = the API's connection. */
  listenDatabaseUrl?: string;
  /** DB_PREPARED_STATEMENTS (default true): false behind a transaction pooler that cannot carry named statements (PgBouncer before 1.21). */
  preparedStatements: boolean;
  /** READ_YOUR_WRITES_MS (default 5000): how long after a write its principal's reads stay on the primary. */
  readYourWritesMs: number;
  /** ANSWER_CACHE_MB (default 32; 0 = off): the read-answer cache of dashboards, fora compliance and statistics, in bytes of JSON (docs/caching.md). */
  answerCacheBytes: number;
  /** WORKER_DATABASE_URL: the job worker's role (samvirke_worker) for `npm run worker` (src/worker.ts). */
  workerDatabaseUrl?: string;
  /** WORKER_DB_PASSWORD: the password `npm run migrate` gives the worker role (LOGIN from then on). */
  workerDbPassword?: string;
  /**
   * JOBS_IN_PROCESS: the API runs the background jobs itself (development: `npm start`, with the
   * owner's connection for the queue). Default on in development when the API holds the owner's
   * connection (embedded PostgreSQL or DATABASE_URL); never in production, and not with only
   * APP_DATABASE_URL (the API role has no privilege on the queue): the worker process runs them.
   */
  jobsInProcess: boolean;
  dataDir: string;
  jwtSecret?: string;
  jwksUrl?: string;
  jwtIssuer?: string;
  jwtAudience?: string;
  /** OIDC_ISSUER: the OpenID Connect provider whose tokens identify people and machine clients (docs/identity.md). */
  oidcIssuer?: string;
  /** OIDC_AUDIENCE: the `aud` a token must carry to be meant for this API (Entra ID v2.0: the API's application ID; Keycloak: the audience mapper's value). */
  oidcAudience?: string;
  /** OIDC_CLOCK_SKEW_SECONDS: tolerance for `exp`/`nbf`/`iat` against this server's clock, 0-300 (default 30). */
  oidcClockSkewSeconds?: number;
  /** OIDC_SUBJECT_CLAIM: the claim that identifies the caller at the issuer (default `sub`; Entra ID: `oid`). */
  oidcSubjectClaim?: string;
  /** OIDC_MATCH_CLAIM: a claim for matching a pre-registered person on first sign-in (e.g. `email`, used only when verified). */
  oidcMatchClaim?: string;
  seedDemo: boolean;
  introspection: boolean;
  graphiql: boolean;
  /**
   * TRUSTED_DOCUMENTS: `accept` (default) serves a `documentId` of the committed manifest
   * (portal/trusted-documents.json) and any document text; `anonymous` also refuses, for a request
   * without a token, any document that is not in the manifest (docs/portal.md "Trusted documents").
   */
  trustedDocuments: 'accept' | 'anonymous';
  /**
   * PORTAL_OIDC_CLIENT_ID: the portal's public client at OIDC_ISSUER (authorization code with PKCE,
   * redirect URI `<origin>/portal/callback.html`); unset: the portal's pages take a development token only.
   */
  portalOidcClientId?: string;
  /** PORTAL_OIDC_SCOPE: the scopes the portal asks for (default `openid`; some providers need an API scope). */
  portalOidcScope: string;
  maxDepth: number;
  maxComplexity: number;
  /** Aliased fields per operation, fragments expanded. */
  maxAliases: number;
  /** Lexical tokens per document: the parser stops there, so a huge document costs no more than this. */
  maxTokens: number;
  bodyLimit: string;
  /**
   * The language of end-user messages when the client names none we have (DEFAULT_LANGUAGE: `nb`,
   * bokmål, unless set to `en`); `Accept-Language` (HTTP), `--lang` / LANG (CLI) choose per request.
   */
  defaultLocale: Locale;
  /** Largest file `POST /imports/<kind>` accepts (IMPORT_LIMIT_MB). */
  importLimitBytes: number;
  /** Imports this process runs at once (IMPORT_CONCURRENCY); one more waits for a slot up to importSlotWaitMs, then is answered 503 with Retry-After. */
  importConcurrency: number;
  /** How long an upload waits for a free import slot before the 503 (IMPORT_SLOT_WAIT_MS; 0 = refuse at once). */
  importSlotWaitMs: number;
  logLevel: string;
  /** Log lines waiting for a slow stdout, at most this many bytes (LOG_BUFFER_LIMIT); more are dropped and counted. */
  logBufferBytes: number;
  dbPoolSize: number;
  /** Requests this process works on at once (MAX_REQUESTS_IN_FLIGHT; GraphQL and feature routes); more wait in line (src/http/admission.ts). */
  requestsInFlight: number;
  /** The event loop's delay (p99 over a quarter second) above which fewer requests are let in at once (REQUEST_LAG_TARGET_MS; 0 = always MAX_REQUESTS_IN_FLIGHT). */
  requestLagTargetMs: number;
  /** Requests that may wait in that line (REQUEST_QUEUE_MAX); one more is answered 503 SERVER_BUSY at once. */
  requestQueueMax: number;
  /** How long a request waits in line before 503 SERVER_BUSY (REQUEST_QUEUE_WAIT_MS; 0 = never waits). */
  requestQueueWaitMs: number;
  /** Port of the embedded PostgreSQL (loopback); unset = a free port. */
  embeddedPgPort?: number;
  /** Requests per minute to /graphql and /imports per bearer token (RATE_LIMIT_PER_PRINCIPAL); 0 = off. */
  rateLimitPerPrincipal: number;
  /** Requests per minute to /graphql and /imports per client address (RATE_LIMIT_PER_ADDRESS); 0 = off. */
  rateLimitPerAddress: number;
  /** The whole shutdown (drain HTTP, close the pool, stop PostgreSQL) ends within this, else exits 1. */
  shutdownTimeoutMs: number;
  /** WEBHOOK_ALLOW_PRIVATE: host names, addresses and CIDR ranges a cost-alert webhook may reach although private (on-premises receivers); empty = none. */
  webhookAllowPrivate: string[];
  /**
   * Where "now" comes from for everything that judges by today's date (src/services/dates.ts):
   * always the system clock from the environment; only code can set another (a test app fixes the
   * time with `startTestApp({ clock: fixedClock('2026-01-31T23:30:00Z') })`). Read it through
   * `nowOf(ctx)` / `todayOf(ctx)` (src/context.ts). Token expiry and rate limits keep the real time.
   */
  clock: Clock;
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

/** Secrets that appear as examples in docker-compose.yml, the README and the tests: never acceptable in production. */
export const EXAMPLE_SECRETS = [
  'change-me-jwt-secret',
  'a-long-random-string',
  'change-me-app',
  'another-secret',
  'change-me-owner',
  'secret',
  'samvirke-test-jwt-secret-not-for-production',
  'change-me',
  'password',
  'changeme',
];
export const MIN_JWT_SECRET_BYTES = 32;
/** Estimated bits of randomness a JWT_SECRET must carry (see secretStrength). */
export const MIN_JWT_SECRET_BITS = 128;
/** Distinct characters a JWT_SECRET must use, its example values and repetitions taken out. */
export const MIN_JWT_SECRET_DISTINCT = 8;
const SECRET_ADVICE = 'Generate secrets, e.g. with: openssl rand -base64 48';

/** The shortest unit `text` repeats (`abcabcab` → `abc`); `text` itself when it does not repeat. */
function repeatedUnit(text: string): string {
  for (let period = 1; period <= text.length / 2; period++) {
    let repeats = true;
    for (let i = period; i < text.length && repeats; i++) repeats = text[i] === text[i - period];
    if (repeats) return text.slice(0, period);
  }
  return text;
}

/**
 * How much randomness a secret shows, as an estimate: the known example values (any case, also as
 * parts of it) are taken out, then a repetition is reduced to its unit, and what is left counts
 * its length times the Shannon entropy of its characters. `openssl rand -base64 48` shows ~350 bits,
 * `openssl rand -hex 32` ~250; 32 × `a` or an example repeated to 40 bytes shows (nearly) none.
 */
export function secretStrength(secret: string): { bits: number; distinct: number; core: string } {
  let rest = secret;
  for (const example of [...EXAMPLE_SECRETS].sort((a, b) => b.length - a.length)) {
    rest = rest.replace(new RegExp(example.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), '');
  }
  const core = repeatedUnit(rest);
  const counts = new Map<string, number>();
  const chars = [...core];
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) perChar -= (n / chars.length) * Math.log2(n / chars.length);
  return { bits: Math.floor(perChar * chars.length), distinct: counts.size, core };
}

/** Why a JWT_SECRET is too weak for production, or undefined when it is not. */
export function weakJwtSecret(secret: string): string | undefined {
  if (EXAMPLE_SECRETS.includes(secret)) return 'JWT_SECRET is an example value from docker-compose.yml or the README';
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes < MIN_JWT_SECRET_BYTES) return `JWT_SECRET is ${bytes} bytes long; it must have at least ${MIN_JWT_SECRET_BYTES}`;
  const { bits, distinct } = secretStrength(secret);
  if (distinct < MIN_JWT_SECRET_DISTINCT || bits < MIN_JWT_SECRET_BITS) {
    return (
      `JWT_SECRET has too little randomness (about ${bits} bits, ${distinct} distinct characters once example values and repetitions are taken out; ` +
      `at least ${MIN_JWT_SECRET_BITS} bits and ${MIN_JWT_SECRET_DISTINCT} distinct characters are needed): anyone who guesses it can sign tokens for any role`
    );
  }
  return undefined;
}

/**
 * Production refuses to start without a way to verify tokens (JWT_SECRET or JWKS_URL: a secret
 * generated into the data folder is for development only, since anyone who can read that folder
 * can sign tokens), with a published or weak secret, or a published password; the message says
 * which and how to make a good one.
 */
function checkProductionSecrets(config: AppConfig, verifiesTokens: boolean): void {
  const problems: string[] = [];
  const example = (value: string | undefined) => value !== undefined && EXAMPLE_SECRETS.includes(value);
  if (verifiesTokens && config.jwtSecret === undefined && config.jwksUrl === undefined && config.oidcIssuer === undefined) {
    problems.push(
      'neither OIDC_ISSUER nor JWT_SECRET nor JWKS_URL is set (a secret generated into DATA_DIR is for development only): set OIDC_ISSUER with OIDC_AUDIENCE (people sign in with their identity provider), or JWT_SECRET, or JWKS_URL with JWT_ISSUER and JWT_AUDIENCE',
    );
  }
  const weak = config.jwtSecret === undefined ? undefined : weakJwtSecret(config.jwtSecret);
  if (weak) problems.push(weak);
  if (example(config.appDbPassword)) problems.push('APP_DB_PASSWORD is an example value from docker-compose.yml or the README');
  if (example(config.workerDbPassword)) problems.push('WORKER_DB_PASSWORD is an example value from docker-compose.yml or the README');
  for (const [name, url] of [
    ['DATABASE_URL', config.databaseUrl],
    ['APP_DATABASE_URL', config.appDatabaseUrl],
    ['DATABASE_READ_URL', config.readDatabaseUrl],
    ['DATABASE_LISTEN_URL', config.listenDatabaseUrl],
    ['WORKER_DATABASE_URL', config.workerDatabaseUrl],
  ] as const) {
    if (url && example(passwordOf(url))) problems.push(`the password in ${name} is an example value from docker-compose.yml or the README`);
  }
  if (problems.length) {
    throw new Error(`refusing to start with NODE_ENV=production: ${problems.join('; ')}. ${SECRET_ADVICE}`);
  }
}

/** NODE_ENV: production, development or test; unset (or empty) is development; anything else is refused. */
export const NODE_ENVS = ['production', 'development', 'test'] as const;
function trustedDocumentsOf(value: string | undefined): AppConfig['trustedDocuments'] {
  if (value === undefined || value === '' || value === 'accept') return 'accept';
  if (value === 'anonymous') return 'anonymous';
  throw new Error(`TRUSTED_DOCUMENTS must be "accept" (any document, and documentId from the manifest) or "anonymous" (clients without a token: manifest documents only), got "${value}"`);
}

function nodeEnvOf(value: string | undefined): AppConfig['env'] {
  if (value === undefined || value === '') return 'development';
  if ((NODE_ENVS as readonly string[]).includes(value)) return value as AppConfig['env'];
  throw new Error(
    `NODE_ENV must be one of ${NODE_ENVS.join(', ')} (exactly, lower case; unset means development), got "${value}". ` +
      'Anything else would silently run in development mode (introspection, GraphiQL, demo data, weak secrets accepted).',
  );
}

function passwordOf(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

function language(value: string | undefined): Locale {
  if (!value) return DEFAULT_LOCALE;
  if ((LOCALES as readonly string[]).includes(value)) return value as Locale;
  throw new Error(`DEFAULT_LANGUAGE must be one of ${LOCALES.join(', ')}, got "${value.slice(0, 20)}"`);
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}

/** A size in megabytes, 0 (off) or more, as bytes. */
function megabytes(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback * 1024 * 1024;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65536) throw new Error(`${name} must be a whole number of megabytes from 0 (off) to 65536, got "${value}"`);
  return n * 1024 * 1024;
}

/** OIDC_ISSUER: an absolute http(s) URL; https in production (the keys that vouch for every caller come from it). */
function issuerUrl(value: string | undefined, production: boolean): string | undefined {
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`OIDC_ISSUER must be the provider's issuer URL, e.g. https://login.microsoftonline.com/<tenant id>/v2.0, got "${value}"`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !production)) throw new Error(`OIDC_ISSUER must be an https URL${production ? ' in production' : ''}, got "${value}"`);
  if (url.search || url.hash || url.username || url.password) throw new Error(`OIDC_ISSUER must have no query, fragment or credentials, got "${value}"`);
  return value;
}

function skewSeconds(value: string | undefined): number {
  if (value === undefined || value === '') return 30;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > MAX_CLOCK_SKEW_SECONDS) throw new Error(`OIDC_CLOCK_SKEW_SECONDS must be a whole number of seconds from 0 to ${MAX_CLOCK_SKEW_SECONDS}, got "${value}"`);
  return n;
}

function claimName(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const bad = badIdentityClaimName(value);
  if (bad) throw new Error(`${name}: ${bad}`);
  return value;
}

/** A whole number, 0 or more, from `name`; `unit` says in the refusal what it counts (e.g. "milliseconds (0 or more)"). */
function wholeNumber(name: string, value: string | undefined, fallback: number, unit: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number of ${unit}, got "${value}"`);
  return n;
}

/**
 * `verifiesTokens: false`: a process that verifies no token (the migrate step, the job worker) is
 * not asked for JWT_SECRET / JWKS_URL / OIDC_ISSUER in production; published passwords are refused all the same.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: { verifiesTokens?: boolean } = {}): AppConfig {
  const nodeEnv = nodeEnvOf(env.NODE_ENV);
  const production = nodeEnv === 'production';
  const config: AppConfig = {
    env: nodeEnv,
    port: int('PORT', env.PORT, 4000),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    appDatabaseUrl: env.APP_DATABASE_URL || undefined,
    appDbPassword: env.APP_DB_PASSWORD || undefined,
    readDatabaseUrl: env.DATABASE_READ_URL || undefined,
    listenDatabaseUrl: env.DATABASE_LISTEN_URL || undefined,
    preparedStatements: bool(env.DB_PREPARED_STATEMENTS, true),
    readYourWritesMs: int('READ_YOUR_WRITES_MS', env.READ_YOUR_WRITES_MS, 5000),
    answerCacheBytes: megabytes('ANSWER_CACHE_MB', env.ANSWER_CACHE_MB, 32),
    workerDatabaseUrl: env.WORKER_DATABASE_URL || undefined,
    workerDbPassword: env.WORKER_DB_PASSWORD || undefined,
    jobsInProcess: bool(env.JOBS_IN_PROCESS, !production && (!!env.DATABASE_URL || !env.APP_DATABASE_URL)),
    dataDir: path.resolve(env.DATA_DIR || path.join(process.cwd(), '.data')),
    jwtSecret: env.JWT_SECRET || undefined,
    jwksUrl: env.JWKS_URL || undefined,
    jwtIssuer: env.JWT_ISSUER || undefined,
    jwtAudience: env.JWT_AUDIENCE || undefined,
    oidcIssuer: issuerUrl(env.OIDC_ISSUER, production),
    oidcAudience: env.OIDC_AUDIENCE || undefined,
    oidcClockSkewSeconds: skewSeconds(env.OIDC_CLOCK_SKEW_SECONDS),
    oidcSubjectClaim: claimName('OIDC_SUBJECT_CLAIM', env.OIDC_SUBJECT_CLAIM) ?? 'sub',
    oidcMatchClaim: claimName('OIDC_MATCH_CLAIM', env.OIDC_MATCH_CLAIM),
    seedDemo: bool(env.SEED_DEMO, !production),
    introspection: bool(env.GRAPHQL_INTROSPECTION, !production),
    graphiql: bool(env.GRAPHIQL, !production),
    trustedDocuments: trustedDocumentsOf(env.TRUSTED_DOCUMENTS),
    portalOidcClientId: env.PORTAL_OIDC_CLIENT_ID || undefined,
    portalOidcScope: env.PORTAL_OIDC_SCOPE || 'openid',
    maxDepth: int('GRAPHQL_MAX_DEPTH', env.GRAPHQL_MAX_DEPTH, 12),
    maxComplexity: int('GRAPHQL_MAX_COMPLEXITY', env.GRAPHQL_MAX_COMPLEXITY, 20000),
    maxAliases: int('GRAPHQL_MAX_ALIASES', env.GRAPHQL_MAX_ALIASES, 30),
    maxTokens: int('GRAPHQL_MAX_TOKENS', env.GRAPHQL_MAX_TOKENS, 2000),
    // A request's memory grows with its body (the JSON text, the parsed variables, the document): 100 kB
    // holds any real operation and keeps hostile traffic small (bench/results.md, "Hostile traffic").
    bodyLimit: size('BODY_LIMIT', env.BODY_LIMIT, '100kb'),
    importLimitBytes: int('IMPORT_LIMIT_MB', env.IMPORT_LIMIT_MB, 100) * 1024 * 1024,
    // Each import's memory is bounded by its batch; two at once fit the heap budget (docs/scaling.md).
    importConcurrency: int('IMPORT_CONCURRENCY', env.IMPORT_CONCURRENCY, 2),
    // Long enough for an import that was just cut off to give its slot back; nothing of the waiting upload is read meanwhile.
    importSlotWaitMs: wholeNumber('IMPORT_SLOT_WAIT_MS', env.IMPORT_SLOT_WAIT_MS, 5000, 'milliseconds (0 or more)'),
    defaultLocale: language(env.DEFAULT_LANGUAGE),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    logBufferBytes: parseSize('LOG_BUFFER_LIMIT', size('LOG_BUFFER_LIMIT', env.LOG_BUFFER_LIMIT, '1mb')),
    dbPoolSize: int('DB_POOL_SIZE', env.DB_POOL_SIZE, 10),
    // Overload shedding (src/http/admission.ts, docs/scaling.md "Overload"): past these a request is refused at once, not answered after its client gave up.
    // The most; fewer while the event loop runs late (REQUEST_LAG_TARGET_MS, src/http/admission-tuning.ts).
    requestsInFlight: int('MAX_REQUESTS_IN_FLIGHT', env.MAX_REQUESTS_IN_FLIGHT, 32),
    requestLagTargetMs: wholeNumber('REQUEST_LAG_TARGET_MS', env.REQUEST_LAG_TARGET_MS, 25, 'milliseconds (0 = a fixed MAX_REQUESTS_IN_FLIGHT)'),
    requestQueueMax: wholeNumber('REQUEST_QUEUE_MAX', env.REQUEST_QUEUE_MAX, 500, 'requests (0 or more)'),
    requestQueueWaitMs: wholeNumber('REQUEST_QUEUE_WAIT_MS', env.REQUEST_QUEUE_WAIT_MS, 5000, 'milliseconds (0 or more)'),
    embeddedPgPort: port('EMBEDDED_PG_PORT', env.EMBEDDED_PG_PORT),
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', env.SHUTDOWN_TIMEOUT_MS, 15000),
    rateLimitPerPrincipal: wholeNumber('RATE_LIMIT_PER_PRINCIPAL', env.RATE_LIMIT_PER_PRINCIPAL, 1200, 'requests per minute (0 = off)'),
    rateLimitPerAddress: wholeNumber('RATE_LIMIT_PER_ADDRESS', env.RATE_LIMIT_PER_ADDRESS, 6000, 'requests per minute (0 = off)'),
    webhookAllowPrivate: (env.WEBHOOK_ALLOW_PRIVATE ?? '')
      .split(',')
      .map((v) => v.trim().toLowerCase())
      .filter(Boolean),
    clock: systemClock,
  };
  const badRange = config.webhookAllowPrivate.find((entry) => entry.includes('/') && !ipaddr.isValidCIDR(entry));
  if (badRange) throw new Error(`WEBHOOK_ALLOW_PRIVATE: "${badRange}" is not an address range such as 10.20.0.0/16`);
  if ((config.oidcIssuer === undefined) !== (config.oidcAudience === undefined))
    throw new Error('OIDC_ISSUER and OIDC_AUDIENCE are set together: the issuer says whose tokens count, the audience that they are meant for this API');
  if (production) checkProductionSecrets(config, options.verifiesTokens ?? true);
  return config;
}
