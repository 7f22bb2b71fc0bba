// Removes compiled files in dist/ whose TypeScript source is gone (a file renamed or turned into a
// folder), before the incremental build: a stale dist/src/services/x.js would otherwise shadow a new
// dist/src/services/x/index.js, and `npm start` would run code that no longer exists.
import fs from 'node:fs';
import path from 'node:path';

// The project's root (tests pass another one).
const root = process.argv[2] ? path.resolve(process.argv[2]) : path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.join(root, 'dist');

function prune(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      prune(full);
      if (fs.readdirSync(full).length === 0) fs.rmdirSync(full);
      continue;
    }
    const match = /^(.*)\.(js|js\.map|d\.ts)$/.exec(entry.name);
    if (!match) continue;
    const source = path.join(root, path.relative(dist, dir), `${match[1]}.ts`);
    if (!fs.existsSync(source)) fs.rmSync(full);
  }
}

for (const top of ['src', 'migrations', 'scripts', 'bench', 'test']) prune(path.join(dist, top));
