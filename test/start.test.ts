import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../src/db/free-port';

/**
 * What `npm start` does, end to end: the compiled server starts its own embedded PostgreSQL in a data
 * folder, migrates, seeds once, serves, and stops cleanly on SIGTERM without leaving PostgreSQL behind.
 */
const root = path.resolve(__dirname, '..');
let dataDir: string;

beforeAll(() => {
  // A type error anywhere fails this build, and so the suite: CI type-checks what it ships.
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'pipe' });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samvirke-start-'));
}, 120_000);

const children: ChildProcess[] = [];

afterAll(async () => {
  // A failed assertion must not leave a server (and its PostgreSQL) behind.
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  output: () => string;
  url: string;
}

function spawnServer(port: number, dir: string, env: Record<string, string> = {}) {
  let output = '';
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir, NODE_ENV: 'development', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  return { child, output: () => output };
}

async function start(env: Record<string, string> = {}): Promise<Running> {
  const port = await freePort();
  const { child, output } = spawnServer(port, dataDir, env);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.status,
      () => 0,
    );
    if (ready === 200) return { child, output, url };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server not ready in 30 s:\n${output()}`);
}

async function stop(run: Running): Promise<number | null> {
  const exited = exitOf(run.child);
  run.child.kill('SIGTERM');
  return exited;
}

const exitOf = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** How the process ended, or 'still running' after `ms`. */
async function exitWithin(child: ChildProcess, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), ms)));
  try {
    return await Promise.race([exitOf(child).then((code) => ({ code, signal: child.signalCode })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function postgresRunningOn(dir: string): boolean {
  return fs.readdirSync('/proc').some((pid) => {
    try {
      return /^\d+$/.test(pid) && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(path.join(dir, 'pg'));
    } catch {
      return false;
    }
  });
}

const postmasterPid = () => Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

const countUnits = (url: string) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ units(first: 1) { totalCount } region(code: "nord-osterdal") { name } }' }),
  })
    .then((r) => r.json() as Promise<any>)
    .then((body) => body.data);

it('starts on an embedded PostgreSQL, seeds once, and shuts down cleanly twice in a row', async () => {
  const first = await start();
  expect(first.output()).toContain('Samvirke GraphQL API ready at');
  expect(first.output()).toContain('npm run -s token');
  expect(first.output()).toContain('seeded demo regions');
  const before = await countUnits(first.url);
  expect(before.region).toEqual({ name: 'Nord-Østerdal' });
  expect(await fetch(`${first.url}/healthz`).then((r) => r.status)).toBe(200);
  expect(await stop(first)).toBe(0);
  expect(postgresRunningOn(dataDir)).toBe(false);

  const second = await start();
  expect(second.output()).not.toContain('seeded demo regions');
  expect(second.output()).not.toContain('migrations applied');
  expect(await countUnits(second.url)).toEqual(before);
  expect(await stop(second)).toBe(0);
  expect(postgresRunningOn(dataDir)).toBe(false);
}, 120_000);

it('says so and leaves no PostgreSQL behind when its port is taken', async () => {
  const first = await start();
  const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samvirke-start-busy-'));
  try {
    const port = Number(new URL(first.url).port);
    const second = spawnServer(port, otherDir);
    const code = await new Promise<number | null>((resolve) => second.child.on('exit', (c) => resolve(c)));
    expect(code).toBe(1);
    expect(second.output()).toContain(`Port ${port} is already in use`);
    expect(second.output()).not.toMatch(/\n\s+at /); // no stack trace
    expect(postgresRunningOn(otherDir)).toBe(false);
    // The first server is unharmed.
    expect((await countUnits(first.url)).region).toEqual({ name: 'Nord-Østerdal' });
  } finally {
    expect(await stop(first)).toBe(0);
    fs.rmSync(otherDir, { recursive: true, force: true });
  }
}, 120_000);

it('refuses a data folder another running server uses, and recovers the folder of a server killed hard', async () => {
  const first = await start();
  const second = spawnServer(await freePort(), dataDir);
  const code = await new Promise<number | null>((resolve) => second.child.on('exit', (c) => resolve(c)));
  expect(code).toBe(1);
  expect(second.output()).toContain('is in use by another running Samvirke');
  expect((await countUnits(first.url)).region).toEqual({ name: 'Nord-Østerdal' }); // untouched

  // SIGKILL: no shutdown code runs, PostgreSQL is orphaned. The next start stops it cleanly
  // (fast shutdown, no corruption) and serves the same data.
  const before = await countUnits(first.url);
  const killed = new Promise((resolve) => first.child.on('exit', resolve));
  first.child.kill('SIGKILL');
  await killed;
  expect(postgresRunningOn(dataDir)).toBe(true);
  const again = await start();
  expect(await countUnits(again.url)).toEqual(before);
  expect(await stop(again)).toBe(0);
  expect(postgresRunningOn(dataDir)).toBe(false);
}, 120_000);

describe('npm run token', () => {
  const token = (...args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'development' };
    delete env.DATABASE_URL;
    delete env.JWT_SECRET;
    const result = spawnSync(process.execPath, ['dist/scripts/token.js', ...args], { cwd: root, env, encoding: 'utf8' });
    return { code: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
  };

  it("checks the scope against a running server's embedded PostgreSQL, and says when none runs that nothing was checked", async () => {
    const run = await start();
    try {
      const wrong = token('--role', 'MUNICIPAL_DIRECTOR', '--municipality', '9999');
      expect(wrong).toMatchObject({ code: 1, stdout: '' });
      expect(wrong.stderr).toMatch(/^--municipality 9999: no such municipality\. Municipalities: 3424 Rendalen/);
      const right = token('--role', 'MUNICIPAL_DIRECTOR', '--municipality', '3429');
      expect(right.code).toBe(0);
      const viewer = await fetch(`${run.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${right.stdout.split('\n').pop()}` },
        body: JSON.stringify({ query: '{ viewer { role municipality { number } } }' }),
      }).then((r) => r.json() as Promise<any>);
      expect(viewer.data.viewer).toEqual({ role: 'MUNICIPAL_DIRECTOR', municipality: { number: '3429' } });
    } finally {
      expect(await stop(run)).toBe(0);
    }
    // With the server stopped there is nothing to check against: signed, and stderr says so.
    const stopped = token('--role', 'MUNICIPAL_DIRECTOR', '--municipality', '9999');
    expect(stopped.code).toBe(0);
    expect(stopped.stdout.split('.')).toHaveLength(3);
    expect(stopped.stderr).toContain('not checked against a database: the embedded PostgreSQL of');
  }, 60_000);
});

describe('production', () => {
  /** Makes `ruru` (GraphiQL) unresolvable, as after `npm ci --omit=dev`. */
  const withoutDevDependencies = () => {
    const file = path.join(dataDir, 'no-dev-dependencies.js');
    fs.writeFileSync(
      file,
      `const Module = require('module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (/^(ruru|react|react-dom)(\\/|$)/.test(request)) throw Object.assign(new Error('Cannot find module ' + request), { code: 'MODULE_NOT_FOUND' });
  return resolve.call(this, request, ...rest);
};`,
    );
    return { NODE_OPTIONS: `--require ${file}` };
  };
  const secret = randomBytes(48).toString('base64');

  it('refuses the example JWT_SECRET with a clear message, before starting PostgreSQL', async () => {
    const run = spawnServer(await freePort(), dataDir, { NODE_ENV: 'production', JWT_SECRET: 'change-me-jwt-secret' });
    expect(await exitOf(run.child)).toBe(1);
    expect(run.output()).toContain('Samvirke failed to start: refusing to start with NODE_ENV=production: JWT_SECRET is an example value');
    expect(run.output()).not.toContain('embedded PostgreSQL on');
    expect(postgresRunningOn(dataDir)).toBe(false);
  });

  it.each([
    ['JWT_SECRET of 32 × a', { JWT_SECRET: 'a'.repeat(32) }, 'JWT_SECRET has too little randomness'],
    ['neither JWT_SECRET nor JWKS_URL', {}, 'neither OIDC_ISSUER nor JWT_SECRET nor JWKS_URL is set (a secret generated into DATA_DIR is for development only)'],
  ])('refuses %s, says how to make a secret, and generates none', async (_what, env, message) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samvirke-start-prod-'));
    try {
      const run = spawnServer(await freePort(), dir, { NODE_ENV: 'production', JWT_SECRET: '', ...env });
      expect(await exitOf(run.child)).toBe(1);
      expect(run.output()).toContain(`Samvirke failed to start: refusing to start with NODE_ENV=production: ${message}`);
      expect(run.output()).toContain('openssl rand -base64 48');
      expect(fs.existsSync(path.join(dir, 'jwt-secret'))).toBe(false);
      expect(postgresRunningOn(dir)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a NODE_ENV it does not know (Production) instead of running in development mode', async () => {
    const run = spawnServer(await freePort(), dataDir, { NODE_ENV: 'Production', JWT_SECRET: 'a'.repeat(32) });
    expect(await exitOf(run.child)).toBe(1);
    expect(run.output()).toContain('Samvirke failed to start: NODE_ENV must be one of production, development, test');
    expect(run.output()).toContain('got "Production"');
    expect(postgresRunningOn(dataDir)).toBe(false);
  });

  it('npm run token does not sign production tokens with a secret generated into the data folder', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'production' };
    delete env.DATABASE_URL;
    delete env.JWT_SECRET;
    delete env.JWKS_URL;
    const result = spawnSync(process.execPath, ['dist/scripts/token.js', '--role', 'REGION_ADMIN', '--offline'], { cwd: root, env, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout.trim()).toBe('');
    expect(result.stderr).toContain('neither OIDC_ISSUER nor JWT_SECRET nor JWKS_URL is set');
    const withJwks = spawnSync(process.execPath, ['dist/scripts/token.js', '--role', 'REGION_ADMIN', '--offline'], {
      cwd: root,
      env: { ...env, JWKS_URL: 'https://idp.example/jwks', JWT_ISSUER: 'https://idp.example', JWT_AUDIENCE: 'samvirke' },
      encoding: 'utf8',
    });
    expect(withJwks.status).toBe(1);
    expect(withJwks.stdout.trim()).toBe('');
    expect(withJwks.stderr).toContain('this tool signs with JWT_SECRET only');
  });

  it('runs without the development dependencies (GraphiQL), and its banner says how tokens are obtained there', async () => {
    const run = await start({ NODE_ENV: 'production', JWT_SECRET: secret, ...withoutDevDependencies() });
    expect(run.output()).not.toContain('npm run');
    expect(run.output()).toContain(
      'Tokens: HS256 JWTs signed with JWT_SECRET (issuer samvirke-dev, audience samvirke-api); to have an identity provider issue them, set JWKS_URL, JWT_ISSUER and JWT_AUDIENCE.',
    );
    const page = await fetch(`${run.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('ruru');
    expect(await stop(run)).toBe(0);
  }, 60_000);

  it('says what is missing when GRAPHIQL is on without the development dependencies', async () => {
    const run = spawnServer(await freePort(), dataDir, { NODE_ENV: 'production', JWT_SECRET: secret, GRAPHIQL: 'true', ...withoutDevDependencies() });
    expect(await exitOf(run.child)).toBe(1);
    expect(run.output()).toContain('GRAPHIQL is on, but GraphiQL (the ruru package, a development dependency) is not installed');
    expect(postgresRunningOn(dataDir)).toBe(false);
  }, 60_000);
});

describe('EMBEDDED_PG_PORT', () => {
  it('puts the embedded PostgreSQL on that port', async () => {
    const pgPort = await freePort();
    const run = await start({ EMBEDDED_PG_PORT: String(pgPort) });
    expect(run.output()).toContain(`embedded PostgreSQL on 127.0.0.1:${pgPort}`);
    const password = fs.readFileSync(path.join(dataDir, 'pg-superuser-password'), 'utf8').trim();
    const client = new Client({ host: '127.0.0.1', port: pgPort, user: 'postgres', password, database: 'samvirke' });
    await client.connect();
    const { rows } = await client.query('SELECT count(*)::int AS n FROM municipality');
    await client.end();
    expect(rows[0].n).toBeGreaterThan(0);
    expect(await stop(run)).toBe(0);
  }, 60_000);

  it('says so when that port is taken, and leaves no PostgreSQL behind', async () => {
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const pgPort = (blocker.address() as net.AddressInfo).port;
    try {
      const run = spawnServer(await freePort(), dataDir, { EMBEDDED_PG_PORT: String(pgPort) });
      expect(await exitOf(run.child)).toBe(1);
      expect(run.output()).toContain(`port ${pgPort} (EMBEDDED_PG_PORT) is already in use`);
      expect(run.output()).not.toMatch(/\n\s+at /);
      expect(postgresRunningOn(dataDir)).toBe(false);
    } finally {
      blocker.close();
    }
  }, 60_000);
});

describe('logging never stops serving', () => {
  it('serves while nobody reads its stdout, counts the dropped lines on /healthz, and reports them once stdout is read', async () => {
    // A small log buffer, so a few hundred request lines overflow it (and the pipe) quickly.
    const run = await start({ LOG_BUFFER_LIMIT: '16kb' });
    try {
      // Nobody reads stdout from here on: the pipe (64 KB) and then the log buffer fill up.
      run.child.stdout!.pause();
      const requestId = 'r'.repeat(64);
      const statuses: number[] = [];
      for (let batch = 0; batch < 20; batch++) {
        const answers = await Promise.all(
          Array.from({ length: 50 }, () =>
            fetch(`${run.url}/graphql`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-request-id': requestId },
              body: JSON.stringify({ query: '{ __typename }' }),
            }).then((r) => r.status),
          ),
        );
        statuses.push(...answers);
      }
      expect(statuses).toHaveLength(1000);
      expect(new Set(statuses)).toEqual(new Set([200]));
      const health = (await fetch(`${run.url}/healthz`).then((r) => r.json())) as { status: string; log: { droppedLines: number } };
      expect(health.status).toBe('ok');
      expect(health.log.droppedLines).toBeGreaterThan(0);

      // Read again: the buffer drains, and a warning says how many lines were lost.
      run.child.stdout!.resume();
      let report: { droppedLines: number } | undefined;
      for (let i = 0; i < 100 && !report; i++) {
        await sleep(100);
        const line = run
          .output()
          .split('\n')
          .find((l) => l.includes('log lines dropped'));
        if (line) report = JSON.parse(line);
      }
      expect(report).toMatchObject({ level: 40, droppedLines: expect.any(Number) });
      expect(report!.droppedLines).toBeGreaterThan(0);
      expect(await stop(run)).toBe(0);
    } finally {
      run.child.stdout!.resume();
    }
  }, 90_000);
});

describe('shutdown always finishes', () => {
  afterEach(async () => {
    // A test that failed must not leave its server (and PostgreSQL) to the next one.
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await sleep(200);
  });

  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)(
    'on %s while its stdout and stderr are closed mid-shutdown (exit 0, PostgreSQL stopped)',
    async (signal) => {
      const run = await start();
      // Stop reading: the pipes fill up with request log lines, as when the reading script is gone.
      run.child.stdout!.pause();
      run.child.stderr!.pause();
      const flood = Array.from({ length: 600 }, () =>
        fetch(`${run.url}/healthz`, { headers: { 'x-request-id': 'x'.repeat(64) }, signal: AbortSignal.timeout(700) }).then(
          (r) => r.text(),
          () => '',
        ),
      );
      await Promise.race([Promise.all(flood), sleep(700)]);
      const ended = exitWithin(run.child, 20_000);
      run.child.kill(signal);
      await sleep(10);
      run.child.stdout!.destroy();
      run.child.stderr!.destroy();
      expect(await ended).toEqual({ code: 0, signal: null });
      expect(postgresRunningOn(dataDir)).toBe(false);
    },
    60_000,
  );

  it('the log never holds the process at exit, also when its reader has gone (EPIPE)', async () => {
    // What the server does last: a few log lines, then process.exit. pino's asynchronous stdout
    // flushed them at exit in a loop that retried the closed pipe forever.
    const script = `const log = require('./dist/src/logger.js').createLogger('info');
      setTimeout(() => { for (let i = 0; i < 3; i++) log.info('line ' + i); process.exit(0); }, 300);`;
    const child = spawn(process.execPath, ['-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(child);
    child.stdout!.destroy(); // the reader goes away before the lines are written
    expect(await exitWithin(child, 5_000)).toEqual({ code: 0, signal: null });
  });

  it('when PostgreSQL has already stopped (it got the signal itself): exit 0 at once', async () => {
    const run = await start();
    process.kill(postmasterPid(), 'SIGINT'); // what Ctrl-C does to the whole process group
    for (let i = 0; i < 100 && postgresRunningOn(dataDir); i++) await sleep(100);
    const ended = exitWithin(run.child, 5_000);
    run.child.kill('SIGTERM');
    expect(await ended).toEqual({ code: 0, signal: null });
    expect(run.output()).toContain('"msg":"database closed"');
  }, 60_000);

  it('within SHUTDOWN_TIMEOUT_MS when a step waits forever (PostgreSQL does not answer): exit 1', async () => {
    const run = await start({ SHUTDOWN_TIMEOUT_MS: '2000' });
    const postmaster = postmasterPid();
    process.kill(postmaster, 'SIGSTOP'); // frozen: stopping it would wait forever
    try {
      const started = Date.now();
      const ended = exitWithin(run.child, 15_000);
      run.child.kill('SIGTERM');
      expect(await ended).toEqual({ code: 1, signal: null });
      expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
      expect(Date.now() - started).toBeLessThan(8000);
      expect(run.output()).toContain('shutdown took longer than 2000 ms (SHUTDOWN_TIMEOUT_MS)');
    } finally {
      process.kill(postmaster, 'SIGCONT'); // it then carries out the fast shutdown it was sent
    }
    for (let i = 0; i < 100 && postgresRunningOn(dataDir); i++) await sleep(100);
    expect(postgresRunningOn(dataDir)).toBe(false);
  }, 60_000);

  it('at once on a second signal while a step waits: PostgreSQL stopped, exit 1', async () => {
    const run = await start({ SHUTDOWN_TIMEOUT_MS: '60000' });
    const postmaster = postmasterPid();
    process.kill(postmaster, 'SIGSTOP');
    try {
      const ended = exitWithin(run.child, 15_000);
      run.child.kill('SIGTERM');
      await sleep(500);
      run.child.kill('SIGTERM');
      expect(await ended).toEqual({ code: 1, signal: null });
      expect(run.output()).toContain('SIGTERM again during shutdown; stopping PostgreSQL and exiting');
    } finally {
      process.kill(postmaster, 'SIGCONT');
    }
    for (let i = 0; i < 100 && postgresRunningOn(dataDir); i++) await sleep(100);
    expect(postgresRunningOn(dataDir)).toBe(false);
  }, 60_000);
});
