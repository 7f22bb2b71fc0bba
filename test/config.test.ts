import { randomBytes } from 'node:crypto';
import { loadConfig, parseSize } from '../src/config';

/** src/config.ts: defaults, and a clear message for every value it cannot use. */
describe('configuration', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({})).toMatchObject({ maxDepth: 12, maxComplexity: 20000, maxAliases: 30, maxTokens: 2000, bodyLimit: '100kb' });
  });

  it('reads BODY_LIMIT as express does, and refuses what it cannot read', () => {
    expect(parseSize('BODY_LIMIT', '100kb')).toBe(102400);
    expect(parseSize('BODY_LIMIT', '1mb')).toBe(1048576);
    expect(parseSize('BODY_LIMIT', '2048')).toBe(2048);
    expect(parseSize('BODY_LIMIT', '1.5KB')).toBe(1536);
    expect(loadConfig({ BODY_LIMIT: '1mb' }).bodyLimit).toBe('1mb');
    for (const bad of ['abc', '0kb', '-1', '1gb', '10 mb of JSON']) {
      expect(() => loadConfig({ BODY_LIMIT: bad })).toThrow(`BODY_LIMIT must be a size such as 100kb or 1mb, got "${bad}"`);
    }
  });

  it('refuses limits that are not positive integers', () => {
    for (const name of ['GRAPHQL_MAX_DEPTH', 'GRAPHQL_MAX_COMPLEXITY', 'GRAPHQL_MAX_ALIASES', 'GRAPHQL_MAX_TOKENS']) {
      expect(() => loadConfig({ [name]: '0' })).toThrow(`${name} must be a positive integer, got "0"`);
    }
  });

  it('reads EMBEDDED_PG_PORT as a port, unset by default', () => {
    expect(loadConfig({}).embeddedPgPort).toBeUndefined();
    expect(loadConfig({ EMBEDDED_PG_PORT: '54329' }).embeddedPgPort).toBe(54329);
    for (const bad of ['0', '65536', 'postgres', '54.3']) {
      expect(() => loadConfig({ EMBEDDED_PG_PORT: bad })).toThrow(`EMBEDDED_PG_PORT must be a TCP port (1-65535), got "${bad}"`);
    }
  });
});

describe('production refuses published or weak secrets', () => {
  // As `openssl rand -base64 48` makes them.
  const strong = 'q3V9s+0bXr4kLmT2yZp8HdNw1JcFa6GuE7iRoY5vKhQeSxCn/Wt0MzBlPfDgA4jUr2Ib';
  const production = (env: Record<string, string>) => () => loadConfig({ NODE_ENV: 'production', ...env });

  it.each([
    ['the JWT_SECRET of docker-compose.yml', { JWT_SECRET: 'change-me-jwt-secret' }, 'JWT_SECRET is an example value from docker-compose.yml or the README'],
    ['the JWT_SECRET of the README', { JWT_SECRET: 'a-long-random-string' }, 'JWT_SECRET is an example value'],
    ['a JWT_SECRET of 31 bytes', { JWT_SECRET: 'x'.repeat(31) }, 'JWT_SECRET is 31 bytes long; it must have at least 32'],
    ['a JWT_SECRET of 32 × a', { JWT_SECRET: 'a'.repeat(32) }, 'JWT_SECRET has too little randomness'],
    ['an example JWT_SECRET repeated to 40 bytes', { JWT_SECRET: 'change-me-jwt-secret'.repeat(2) }, 'JWT_SECRET has too little randomness'],
    ['an example JWT_SECRET in another case, with a suffix', { JWT_SECRET: 'CHANGE-ME-JWT-SECRET-a-long-random-string-2024' }, 'JWT_SECRET has too little randomness'],
    ['a short pattern repeated', { JWT_SECRET: 'abcdefgh12'.repeat(5) }, 'JWT_SECRET has too little randomness'],
    ['a pattern repeated and cut off', { JWT_SECRET: 'Xk9#mQ2'.repeat(7).slice(0, 45) }, 'JWT_SECRET has too little randomness'],
    ['too few distinct characters', { JWT_SECRET: 'abababababbabaabbbabababaabababbbabaababab' }, 'JWT_SECRET has too little randomness'],
    ['neither OIDC_ISSUER nor JWT_SECRET nor JWKS_URL (a generated secret is for development only)', {}, 'neither OIDC_ISSUER nor JWT_SECRET nor JWKS_URL is set'],
    ['a JWT_SECRET of 15 two-byte characters', { JWT_SECRET: 'ø'.repeat(15) }, 'JWT_SECRET is 30 bytes long'],
    ['the APP_DB_PASSWORD of docker-compose.yml', { JWT_SECRET: strong, APP_DB_PASSWORD: 'change-me-app' }, 'APP_DB_PASSWORD is an example value'],
    ['the owner password of docker-compose.yml', { JWT_SECRET: strong, DATABASE_URL: 'postgres://samvirke:change-me-owner@db:5432/samvirke' }, 'the password in DATABASE_URL is an example value'],
  ])('%s', (_what, env, message) => {
    expect(production(env)).toThrow(message);
    expect(production(env)).toThrow(/^refusing to start with NODE_ENV=production: .*Generate secrets, e\.g\. with: openssl rand -base64 48$/);
  });

  it('accepts random secrets (openssl rand -base64 48 / -hex 32), JWKS_URL without JWT_SECRET, and anything outside production', () => {
    expect(production({ JWT_SECRET: strong, APP_DB_PASSWORD: 'a-real-one', DATABASE_URL: 'postgres://samvirke:s3cr3t-enough@db/samvirke' })).not.toThrow();
    for (let i = 0; i < 20; i++) {
      expect(production({ JWT_SECRET: randomBytes(48).toString('base64') })).not.toThrow();
      expect(production({ JWT_SECRET: randomBytes(32).toString('hex') })).not.toThrow();
    }
    expect(production({ JWKS_URL: 'https://idp.example/jwks', JWT_ISSUER: 'https://idp.example', JWT_AUDIENCE: 'samvirke' })).not.toThrow();
    // People sign in with their municipality's provider; no secret of our own at all.
    expect(production({ OIDC_ISSUER: 'https://login.example.no/realms/kommune', OIDC_AUDIENCE: 'samvirke-api' })).not.toThrow();
    expect(() => loadConfig({ NODE_ENV: 'development' })).not.toThrow();
    expect(() => loadConfig({ NODE_ENV: 'development', JWT_SECRET: 'change-me-jwt-secret' })).not.toThrow();
  });
});

describe('NODE_ENV', () => {
  it('is production, development or test; unset or empty is development', () => {
    expect(loadConfig({}).env).toBe('development');
    expect(loadConfig({ NODE_ENV: '' }).env).toBe('development');
    expect(loadConfig({ NODE_ENV: 'development' }).env).toBe('development');
    expect(loadConfig({ NODE_ENV: 'test' }).env).toBe('test');
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: randomBytes(48).toString('base64') })).toMatchObject({ env: 'production', introspection: false, graphiql: false, seedDemo: false });
  });

  it.each(['Production', 'PRODUCTION', 'prod', 'production ', 'staging', 'dev'])('refuses %p instead of running in development mode', (value) => {
    expect(() => loadConfig({ NODE_ENV: value, JWT_SECRET: 'a'.repeat(32) })).toThrow(
      `NODE_ENV must be one of production, development, test (exactly, lower case; unset means development), got "${value}"`,
    );
  });
});
