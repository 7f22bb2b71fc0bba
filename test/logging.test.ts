import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { Role } from '../src/auth/roles';
import { createLogger } from '../src/logger';
import { ok, startTestApp } from './helpers/test-app';

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
