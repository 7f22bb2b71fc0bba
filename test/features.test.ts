import fs from 'node:fs';
import path from 'node:path';
import { features } from '../src/features';
import { featureSections } from './helpers/permission-matrix';

/** The feature list is the one registry: each feature has its folders, docs, matrix and tests. */
describe('features', () => {
  const root = path.join(__dirname, '..');
  const exists = (p: string) => fs.existsSync(path.join(root, p));

  it.each(features.map((f) => [f.name]))('%s has a folder in every layer, a design note, a permission matrix and its test', (name) => {
    for (const layer of ['src/entities', 'src/schema', 'src/resolvers', 'src/services', 'src/seed', 'test']) expect([layer, exists(`${layer}/${name}`)]).toEqual([layer, true]);
    expect(exists(`docs/${name}.md`)).toBe(true);
    expect(featureSections()).toContain(name);
    expect(exists(`test/${name}/permissions.test.ts`)).toBe(true);
  });

  it('names its migrations <timestamp>-<feature>-<what>.ts, and every migration file belongs to a feature', () => {
    const files = fs.readdirSync(path.join(root, 'migrations')).filter((f) => /^\d{13}-/.test(f));
    const owned = new Set(features.flatMap((f) => f.migrations.map((m) => Number(/(\d{13})$/.exec(m.name)![1]))));
    for (const file of files) {
      const [, stamp, feature] = /^(\d{13})-([a-z]+)-/.exec(file) ?? [];
      expect([file, features.some((f) => f.name === feature), owned.has(Number(stamp))]).toEqual([file, true, true]);
    }
    expect(owned.size).toBe(files.length);
  });

  it('has no matrix section for a feature that does not exist', () => {
    expect(featureSections().filter((s) => !features.some((f) => f.name === s))).toEqual([]);
  });
});
