import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * `npm run build` first removes compiled files whose source is gone: a stale
 * dist/src/services/personal-data.js once shadowed the new personal-data/index.js and the server
 * would not start after a pull. Tried on a project tree of its own (the real dist/ is in use by
 * other tests).
 */
it('removes compiled files whose TypeScript source is gone and keeps the others', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prune-build-'));
  const write = (file: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), '//\n');
  };
  for (const source of ['src/services/mutation.ts', 'src/services/personal-data/index.ts', 'migrations/1-x.ts']) write(source);
  const kept = ['dist/src/services/mutation.js', 'dist/src/services/mutation.js.map', 'dist/src/services/personal-data/index.js', 'dist/migrations/1-x.js', 'dist/.tsbuildinfo'];
  const stale = ['dist/src/services/personal-data.js', 'dist/src/services/personal-data.js.map', 'dist/src/gone/index.js', 'dist/migrations/0-gone.js'];
  for (const file of [...kept, ...stale]) write(file);
  execFileSync(process.execPath, [path.resolve(__dirname, '..', 'scripts', 'prune-build.mjs'), root]);
  const exists = (file: string) => fs.existsSync(path.join(root, file));
  expect(stale.filter(exists)).toEqual([]);
  expect(kept.filter(exists)).toEqual(kept);
  expect(exists('dist/src/gone')).toBe(false);
  fs.rmSync(root, { recursive: true });
});
