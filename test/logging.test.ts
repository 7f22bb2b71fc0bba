import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { Role } from '../src/auth/roles';
import { BoundedFdWriter, createLogger } from '../src/logger';
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

describe('the bounded asynchronous log writer (stdout in production)', () => {
  it('leaves one error listener on stdout however many copies of the logger module start one (a test file each)', () => {
    const before = process.stdout.listenerCount('error');
    for (let i = 0; i < 3; i++) {
      jest.isolateModules(() => {
        const copy = require('../src/logger') as typeof import('../src/logger');
        copy.createLogger('silent');
        copy.ignoreClosedStdio();
      });
    }
    expect(process.stdout.listenerCount('error')).toBe(Math.max(before, 1));
  });

  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'samvirke-log-'));

  it('writes lines in order without waiting, drops and counts what does not fit in its buffer', async () => {
    const dir = tmp();
    const file = path.join(dir, 'log');
    const fd = fs.openSync(file, 'w');
    try {
      let dropped = 0;
      let drained = 0;
      const writer = new BoundedFdWriter(
        fd,
        100,
        () => (dropped += 1),
        () => (drained += 1),
      );
      // In one tick: nothing has been written yet, so the buffer (100 bytes) takes four 25-byte lines.
      for (let i = 0; i < 10; i++) writer.write(`line ${String(i).padStart(2, '0')} ${'x'.repeat(15)}\n`);
      expect(dropped).toBe(6);
      for (let i = 0; i < 100 && drained === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(drained).toBe(1);
      expect(
        fs
          .readFileSync(file, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => l.slice(0, 7)),
      ).toEqual(['line 00', 'line 01', 'line 02', 'line 03']);
      // Room again once written.
      writer.write('line 10\n');
      for (let i = 0; i < 100 && drained === 1; i++) await new Promise((r) => setTimeout(r, 10));
      expect(fs.readFileSync(file, 'utf8')).toContain('line 10\n');
      expect(dropped).toBe(6);
    } finally {
      fs.closeSync(fd);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('turns itself off when its file descriptor fails (a closed pipe), and the exit flush does not throw', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'log'), '');
    const fd = fs.openSync(path.join(dir, 'log'), 'r'); // not writable: every write fails (EBADF)
    try {
      let dropped = 0;
      const writer = new BoundedFdWriter(
        fd,
        1000,
        () => (dropped += 1),
        () => undefined,
      );
      writer.write('first\n');
      writer.write('second\n'); // queued behind the failing write
      await new Promise((r) => setTimeout(r, 50));
      expect(dropped).toBe(2); // both lines it held are lost, and counted
      writer.write('third\n');
      expect(dropped).toBe(3);
      expect(fs.readFileSync(path.join(dir, 'log'), 'utf8')).toBe('');
      expect(() => writer.flushAtExit()).not.toThrow();
    } finally {
      fs.closeSync(fd);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
