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
  const strong = 'x'.repeat(32);
  const production = (env: Record<string, string>) => () => loadConfig({ NODE_ENV: 'production', ...env });

  it.each([
    ['the JWT_SECRET of docker-compose.yml', { JWT_SECRET: 'change-me-jwt-secret' }, 'JWT_SECRET is an example value from docker-compose.yml or the README'],
    ['the JWT_SECRET of the README', { JWT_SECRET: 'a-long-random-string' }, 'JWT_SECRET is an example value'],
    ['a JWT_SECRET of 31 bytes', { JWT_SECRET: 'x'.repeat(31) }, 'JWT_SECRET is 31 bytes long; it must have at least 32'],
    ['a JWT_SECRET of 15 two-byte characters', { JWT_SECRET: 'ø'.repeat(15) }, 'JWT_SECRET is 30 bytes long'],
    ['the APP_DB_PASSWORD of docker-compose.yml', { JWT_SECRET: strong, APP_DB_PASSWORD: 'change-me-app' }, 'APP_DB_PASSWORD is an example value'],
    ['the owner password of docker-compose.yml', { JWT_SECRET: strong, DATABASE_URL: 'postgres://samvirke:change-me-owner@db:5432/samvirke' }, 'the password in DATABASE_URL is an example value'],
  ])('%s', (_what, env, message) => {
    expect(production(env)).toThrow(message);
    expect(production(env)).toThrow(/^refusing to start with NODE_ENV=production: .*Generate secrets, e\.g\. with: openssl rand -base64 48$/);
  });

  it('accepts 32 bytes or more, a generated secret (JWT_SECRET unset), and anything outside production', () => {
    expect(production({ JWT_SECRET: strong, APP_DB_PASSWORD: 'a-real-one', DATABASE_URL: 'postgres://samvirke:s3cr3t-enough@db/samvirke' })).not.toThrow();
    expect(production({})).not.toThrow();
    expect(() => loadConfig({ NODE_ENV: 'development', JWT_SECRET: 'change-me-jwt-secret' })).not.toThrow();
  });
});
