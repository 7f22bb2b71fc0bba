import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { Role } from '../src/auth/roles';
import { createLogger } from '../src/logger';
import { APP_ROLE } from '../migrations/rls';
import { ok, startTestApp, TestApp } from './helpers/test-app';

describe('logs never carry tokens, SQL parameters or row values', () => {
  it('logs a failed statement by code and constraint, without its parameters or detail', () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "unit_region_id_code_key"'), {
      code: '23505',
      constraint: 'unit_region_id_code_key',
      table: 'unit',
      detail: 'Key (region_id, code)=(…, 12345678901) already exists.',
    });
    const failed = new QueryFailedError('INSERT INTO unit (name) VALUES ($1)', ['Kari Nordmann 12345678901'], driverError);
    const lines: string[] = [];
    const log = createLogger('info', new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) }));
    log.error({ err: failed }, 'unexpected error');
    const text = lines.join('');
    expect(JSON.parse(text).err).toMatchObject({ type: 'QueryFailedError', code: '23505', constraint: 'unit_region_id_code_key', table: 'unit' });
    expect(text).not.toContain('Kari Nordmann');
    expect(text).not.toContain('12345678901');
    expect(text).not.toContain('INSERT INTO');
  });

  it("writes a request line per HTTP request with its id, and nothing of the caller's token", async () => {
    const lines: string[] = [];
    const app = await startTestApp({}, createLogger('info', new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) })));
    try {
      const token = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
      ok(await app.gql('{ viewer { role } }', {}, token));
      const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
      expect(requests).toEqual([expect.objectContaining({ method: 'POST', path: '/graphql', status: 200, requestId: expect.any(String) })]);
      expect(lines.join('')).not.toContain(token);
      expect(lines.join('')).not.toContain(token.split('.')[2]);
    } finally {
      await app.close();
    }
  });
});

describe('error log lines carry the request id', () => {
  let app: TestApp;
  const lines: Record<string, any>[] = [];
  beforeAll(async () => {
    app = await startTestApp({}, createLogger('info', new Writable({ write: (chunk, _enc, done) => void (lines.push(JSON.parse(String(chunk))), done()) })));
  });
  afterAll(() => app.close());

  /** Runs `query` while `revoke` is revoked from the API role; returns the response and the error lines logged for it. */
  async function failing(revoke: string, query: string, token?: string) {
    await app.owner.query(`REVOKE ${revoke} FROM ${APP_ROLE}`);
    try {
      lines.length = 0;
      const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query }) });
      const body = (await res.json()) as any;
      return { header: res.headers.get('x-request-id'), body, errors: lines.filter((l) => l.level >= 50) };
    } finally {
      await app.owner.query(`GRANT ${revoke} TO ${APP_ROLE}`);
    }
  }

  it('an error in a resolver: the log line has the requestId of the response', async () => {
    const token = await app.token(Role.REGION_ADMIN);
    ok(await app.gql('{ viewer { role } }', {}, token)); // the principal is resolved (and cached) before the revoke
    const { header, body, errors } = await failing('SELECT ON unit', '{ units { totalCount } }', token);
    expect(body.errors[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(body.extensions.requestId).toBe(header);
    expect(errors).toEqual([expect.objectContaining({ msg: 'unexpected error', requestId: header, path: ['units'] })]);
  });

  it('an error while resolving the token (before the operation): the log line has the request id too', async () => {
    const token = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3424' });
    const { header, body, errors } = await failing('SELECT ON municipality', '{ viewer { role } }', token);
    expect(body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(errors.length).toBeGreaterThan(0);
    for (const line of errors) expect(line.requestId).toBe(header);
  });
});
