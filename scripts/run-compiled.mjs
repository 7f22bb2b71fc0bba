// Runs a compiled entry point of dist/: `node scripts/run-compiled.mjs [node flags] <path in dist> [its arguments]`,
// e.g. `node scripts/run-compiled.mjs --optimize-for-size scripts/import.js statistics file.csv`.
//
// In a development checkout (TypeScript installed) it builds first (`npm run build`, incremental), as
// the npm scripts always did. In the production image (`npm ci --omit=dev`: no TypeScript, dist/
// built in the image's build stage) it runs what is compiled, so `npm run import` and
// `npm run migrate` work there too. Exits with the entry point's exit code; SIGINT/SIGTERM go to it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const first = args.findIndex((a) => !a.startsWith('-'));
if (first < 0) {
  console.error('usage: node scripts/run-compiled.mjs [node flags] <path in dist, e.g. scripts/import.js> [arguments]');
  process.exit(2);
}
const nodeFlags = args.slice(0, first);
const entry = path.join(root, 'dist', args[first]);
const rest = args.slice(first + 1);

function hasTypeScript() {
  try {
    createRequire(path.join(root, 'package.json')).resolve('typescript');
    return fs.existsSync(path.join(root, 'tsconfig.build.json'));
  } catch {
    return false;
  }
}

if (hasTypeScript()) {
  // npm's own CLI when npm started us (npm_execpath), else npm from PATH.
  const npm = process.env.npm_execpath;
  const built = npm ? spawnSync(process.execPath, [npm, 'run', '-s', 'build'], { cwd: root, stdio: 'inherit' }) : spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
} else if (!fs.existsSync(entry)) {
  console.error(`${path.relative(root, entry)} does not exist and TypeScript is not installed to build it: build with the development dependencies first (npm ci && npm run build).`);
  process.exit(1);
}

const child = spawn(process.execPath, [...nodeFlags, entry, ...rest], { cwd: process.cwd(), stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
