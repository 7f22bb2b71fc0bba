import { Role } from '../src/auth/roles';
import { loadConfig } from '../src/config';
import { addressKey, principalKey } from '../src/http/rate-limit';
import { ok, startTestApp, TestApp } from './helpers/test-app';

/**
 * RATE_LIMIT_PER_PRINCIPAL / RATE_LIMIT_PER_ADDRESS (src/http/rate-limit.ts): one token over its
 * limit gets 429 with Retry-After and RATE_LIMITED, on every path (the fast POST path, express's
 * GET /graphql, /imports), while another token is still served.
 */
const QUERY = '{ viewer { role } }';

function expectRateLimited(res: Response, body: any, limit: string, max: number) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(body).toEqual({
    errors: [{ message: expect.stringContaining(`at most ${max} per minute (${limit})`), extensions: { code: 'RATE_LIMITED', limit, max, retryAfterSeconds: retryAfter } }],
  });
}

const post = (app: TestApp, token: string | undefined, query = QUERY) =>
  fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query }) });

describe('per principal (RATE_LIMIT_PER_PRINCIPAL)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ rateLimitPerPrincipal: 5, rateLimitPerAddress: 0 });
  });
  afterAll(() => app.close());

  it('one token over its limit gets 429 with Retry-After and RATE_LIMITED; another token still gets 200', async () => {
    const greedy = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429', sub: 'greedy' });
    const other = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429', sub: 'patient' });
    for (let i = 0; i < 5; i++) expect(ok(await app.gql(QUERY, {}, greedy)).viewer.role).toBe('MUNICIPAL_DIRECTOR');

    // The fast POST path.
    const refused = await post(app, greedy);
    expectRateLimited(refused, await refused.json(), 'RATE_LIMIT_PER_PRINCIPAL', 5);
    // express's path (GET /graphql) counts against the same token.
    const viaGet = await fetch(`${app.url}?query=${encodeURIComponent(QUERY)}`, { headers: { authorization: `Bearer ${greedy}`, accept: 'application/json' } });
    expectRateLimited(viaGet, await viaGet.json(), 'RATE_LIMIT_PER_PRINCIPAL', 5);
    // And /imports.
    const upload = await fetch(app.url.replace('/graphql', '/imports/population'), { method: 'POST', headers: { authorization: `Bearer ${greedy}`, 'content-type': 'text/csv' }, body: 'x\n' });
    expectRateLimited(upload, await upload.json(), 'RATE_LIMIT_PER_PRINCIPAL', 5);

    // The other token is not starved.
    const served = await post(app, other);
    expect(served.status).toBe(200);
    expect(((await served.json()) as any).data.viewer.role).toBe('MUNICIPAL_DIRECTOR');
    // Nor are anonymous callers (no principal; the address limit is off here).
    expect((await post(app, undefined, '{ __typename }')).status).toBe(200);
    // /healthz is never limited.
    expect((await fetch(app.url.replace('/graphql', '/healthz'))).status).toBe(200);
  });
});

describe('per address (RATE_LIMIT_PER_ADDRESS)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ rateLimitPerPrincipal: 0, rateLimitPerAddress: 4 });
  });
  afterAll(() => app.close());

  it('counts every request from an address, with a token or without, and answers 429 over the limit', async () => {
    const tokens = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((sub) => app.token(Role.REGION_ADMIN, { sub })));
    // Made-up or fresh tokens do not escape the address limit.
    for (let i = 0; i < 4; i++) expect((await post(app, tokens[i])).status).toBe(200);
    const refused = await post(app, tokens[4]);
    expectRateLimited(refused, await refused.json(), 'RATE_LIMIT_PER_ADDRESS', 4);
    const anonymous = await post(app, undefined, '{ __typename }');
    expectRateLimited(anonymous, await anonymous.json(), 'RATE_LIMIT_PER_ADDRESS', 4);
  });

  it('keys IPv4 (also IPv4-mapped) by address and IPv6 by its /64', () => {
    expect(addressKey('127.0.0.1')).toBe('127.0.0.1');
    expect(addressKey('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:db8:1:2:bbbb::2'));
    expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
  });

  it('keys a token by its signature (or the SHA-256 of a non-JWT), never by the token itself', async () => {
    const token = await app.token(Role.REGION_ADMIN);
    const key = principalKey(token);
    expect(key).toBe(`jws:${token.split('.')[2]}`);
    expect(key).not.toContain(token.split('.')[1]); // the claims are not kept
    expect(principalKey(await app.token(Role.AUDITOR, { municipality: '3429' }))).not.toBe(key);
    expect(principalKey('opaque-token-of-some-provider')).toMatch(/^sha256:[\w-]{43}$/);
  });
});

describe('configuration', () => {
  it('has defaults that leave normal clients alone, reads 0 as off, and refuses what it cannot read', () => {
    expect(loadConfig({})).toMatchObject({ rateLimitPerPrincipal: 1200, rateLimitPerAddress: 6000 });
    expect(loadConfig({ RATE_LIMIT_PER_PRINCIPAL: '0', RATE_LIMIT_PER_ADDRESS: '0' })).toMatchObject({ rateLimitPerPrincipal: 0, rateLimitPerAddress: 0 });
    for (const bad of ['-1', 'many', '1.5']) {
      expect(() => loadConfig({ RATE_LIMIT_PER_PRINCIPAL: bad })).toThrow(`RATE_LIMIT_PER_PRINCIPAL must be a whole number of requests per minute (0 = off), got "${bad}"`);
    }
  });
});
