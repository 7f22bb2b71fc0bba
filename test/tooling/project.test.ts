import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * What a contributor expects of the project's tooling, checked against the files themselves: CI runs
 * the README's test command, that command type-checks and lints every TypeScript file (bench and
 * scripts too, not only what the server ships) and checks the formatting before jest, and the Node
 * version files agree with `engines`.
 */
const root = path.resolve(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as { engines: { node: string }; scripts: Record<string, string> };

/** The TypeScript files of the repository (tracked or new, not ignored). */
function repositoryTsFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', '*.ts'], { cwd: root, encoding: 'utf8' });
  return out.split('\n').filter((f) => f && fs.existsSync(path.join(root, f)));
}

/** The root files of a tsconfig, relative to the repository. */
function filesOf(config: string): Set<string> {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(root, config),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${config}`);
  return new Set(parsed.fileNames.map((f) => path.relative(root, f)));
}

it('CI runs the README test command, and it type-checks, lints, checks the formatting and finds a Chromium and a PgBouncer before jest', () => {
  const readmeCommand = read('README.md').match(/^(npm ci && npm test)\s+#/m)?.[1];
  expect(readmeCommand).toBe('npm ci && npm test');
  const ciCommands = read('.ci/run')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#') && !/^(set|cd) /.test(line));
  expect(ciCommands).toEqual([readmeCommand]);
  const steps = pkg.scripts.test.split('&&').map((s) => s.trim());
  // The browser tests (test/portal) need a Chromium: the system's, or Debian's installed then (docs/portal.md);
  // the pooling tests (test/scale) a PgBouncer, likewise (docs/scaling.md).
  expect(steps).toEqual(['npm run -s typecheck', 'npm run -s lint', 'npm run -s format:check', 'sh scripts/ensure-chromium.sh', 'sh scripts/ensure-pgbouncer.sh', 'jest']);
  expect(pkg.scripts.lint).toMatch(/^eslint .*--max-warnings 0/);
  expect(pkg.scripts['format:check']).toMatch(/^prettier --check /);
});

it('npm run typecheck and npm run lint cover every TypeScript file, bench and scripts included', () => {
  // typecheck: tsconfig.json (jest's and node's types) and the bench's own build (node's types only);
  // lint: typescript-eslint's project service, which uses the tsconfig.json of each file's folder (the root one).
  expect(pkg.scripts.typecheck.split('&&').map((s) => s.trim().split(' ').slice(0, 3).join(' '))).toEqual(['tsc -p .', 'tsc -p tsconfig.bench.json']);
  expect(pkg.scripts.typecheck.split('&&').every((s) => s.includes('--noEmit'))).toBe(true);
  const checked = filesOf('tsconfig.json');
  const all = repositoryTsFiles();
  expect(all.filter((f) => /^(bench|scripts)\//.test(f)).length).toBeGreaterThan(10);
  expect(all.filter((f) => !checked.has(f))).toEqual([]);
  const bench = filesOf('tsconfig.bench.json');
  expect(all.filter((f) => /^(src|migrations|scripts|bench)\//.test(f) && !bench.has(f))).toEqual([]);
  // No other tsconfig below the root that the project service would pick instead.
  expect(execFileSync('git', ['ls-files', '--', '*/tsconfig*.json'], { cwd: root, encoding: 'utf8' }).trim()).toBe('');
});

it('.nvmrc names a Node major that engines allows and the Docker image deploys', () => {
  const nvmrc = read('.nvmrc').trim();
  const major = Number(nvmrc.match(/^v?(\d+)(\.\d+){0,2}$/)?.[1]);
  expect(major).toBeGreaterThan(0);
  // engines: alternatives `^M.m.p` (that major) or `>=M.m.p` (that major and later).
  const allowed = pkg.engines.node.split('||').map((alt) => {
    const [, op, m] = alt.trim().match(/^(\^|>=)(\d+)\.\d+\.\d+$/) ?? [];
    if (!op) throw new Error(`engines alternative not understood: ${alt}`);
    return { op, major: Number(m) };
  });
  expect(allowed.some((a) => (a.op === '^' ? major === a.major : major >= a.major))).toBe(true);
  const dockerMajors = [...read('Dockerfile').matchAll(/^FROM node:(\d+)/gm)].map((m) => Number(m[1]));
  expect(dockerMajors.length).toBeGreaterThan(0);
  expect(new Set(dockerMajors)).toEqual(new Set([major]));
});
