import { SignJWT } from 'jose';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../src/auth/jwt';
import { toGlobalId } from '../../src/global-id';
import { TEST_ENV } from './env';
import { TestApp } from './test-app';

export { toGlobalId };

/** Base URL of the test server (without /graphql), for non-GraphQL routes. */
export const baseUrl = (app: TestApp) => app.url.replace(/\/graphql$/, '');

export interface RawResponse {
  status: number;
  contentType: string;
  text: string;
  json?: any;
}

/** Any HTTP request to the test server; the body is parsed as JSON when it is JSON. */
export async function raw(app: TestApp, path: string, init: RequestInit = {}): Promise<RawResponse> {
  const res = await fetch(baseUrl(app) + path, init);
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  let json: unknown;
  if (contentType.includes('json')) json = JSON.parse(text);
  return { status: res.status, contentType, text, json };
}

/** POST /graphql with an arbitrary Authorization header (or none). */
export function postGraphql(app: TestApp, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return raw(app, '/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export interface CraftOptions {
  secret?: string;
  alg?: string;
  issuer?: string;
  audience?: string;
  /** Absolute expiry in seconds since the epoch, a jose time span ("1h"), or null for none. */
  exp?: number | string | null;
  sub?: string | null;
}

/** Signs a token with jose directly, so tests can make every kind of bad token. */
export async function craftToken(claims: Record<string, unknown>, o: CraftOptions = {}): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: o.alg ?? 'HS256', typ: 'JWT' }).setIssuedAt();
  if (o.sub !== null) jwt.setSubject(o.sub ?? 'crafted-subject');
  jwt.setIssuer(o.issuer ?? DEV_ISSUER).setAudience(o.audience ?? DEV_AUDIENCE);
  if (o.exp !== null) jwt.setExpirationTime(o.exp ?? '1h');
  return jwt.sign(new TextEncoder().encode(o.secret ?? TEST_ENV.jwtSecret));
}

/** One value from the owner connection (bypasses RLS: superuser). */
export async function scalar<T = string>(app: TestApp, sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await app.owner.query(sql, params);
  if (rows.length !== 1) throw new Error(`expected one row from ${sql}, got ${rows.length}`);
  return Object.values(rows[0])[0] as T;
}

export const regionId = (app: TestApp, code: string) => scalar(app, 'SELECT id FROM region WHERE code = $1', [code]);
export const municipalityId = (app: TestApp, number: string) => scalar(app, 'SELECT id FROM municipality WHERE number = $1', [number]);
export const unitId = (app: TestApp, code: string, region: string) => scalar(app, 'SELECT u.id FROM unit u JOIN region r ON r.id = u.region_id WHERE u.code = $1 AND r.code = $2', [code, region]);
export const serviceId = (app: TestApp, code: string, region: string) =>
  scalar(app, 'SELECT s.id FROM shared_service s JOIN region r ON r.id = s.region_id WHERE s.code = $1 AND r.code = $2', [code, region]);

/**
 * A fingerprint of whole tables (row count + hash of every row), read as the owner: compare before
 * and after an operation to prove it changed nothing.
 */
export async function tableFingerprint(app: TestApp, tables: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of tables) {
    const { rows } = await app.owner.query(`SELECT count(*)::int AS n, coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS h FROM ${t} x`);
    out[t] = `${rows[0].n}:${rows[0].h}`;
  }
  return out;
}

/** SQL as the API role (not the owner), for RLS-alone checks. */
export type ApiQuery = (sql: string, params?: unknown[]) => Promise<any[]>;

/** Runs statements as the API role with a hand-set tenant context (`app.<key>` settings), then rolls back; answers what `work` answers. */
export async function asApiRole<T>(app: TestApp, settings: Record<string, string>, work: (q: ApiQuery) => Promise<T>): Promise<T> {
  const runner = app.appDataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    for (const [key, value] of Object.entries(settings)) await runner.query(`SELECT set_config($1, $2, true)`, [`app.${key}`, value]);
    return await work((sql, params) => runner.query(sql, params));
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}
