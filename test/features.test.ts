import fs from 'node:fs';
import path from 'node:path';
import { features } from '../src/features';
import { dataModel, featureData } from '../src/features/data';
import { entitiesIn, resolversIn } from '../src/features/feature';
import { featureSections } from './helpers/permission-matrix';

/** The feature lists are the one registry: each feature has its folders, docs, matrix and tests. */
describe('features', () => {
  const root = path.join(__dirname, '..');
  const exists = (p: string) => fs.existsSync(path.join(root, p));
  const tsFiles = (dir: string) => (exists(dir) ? fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.ts')) : []);

  /** A feature without tables has no entity folder; one without demo data or importers (dashboards) no seed folder. */
  const viewOnly = (f: (typeof features)[number]) => !f.entities.length && !f.migrations.length && !f.seed && !f.importers?.length;
  const seedless = (f: (typeof features)[number]) => !f.seed && !f.importers?.length;

  it.each(features.map((f) => [f.name, f]))('%s has a folder in every layer, a design note, a permission matrix and its tests', (name, feature) => {
    const dataLayers = [...(viewOnly(feature) ? [] : ['src/entities']), ...(seedless(feature) ? [] : ['src/seed'])];
    for (const layer of [...dataLayers, 'src/schema', 'src/resolvers', 'src/services', 'src/features', 'test']) expect([layer, exists(`${layer}/${name}`)]).toEqual([layer, true]);
    expect(exists(`docs/${name}.md`)).toBe(true);
    expect(featureSections()).toContain(name);
    expect(exists(`test/${name}/permissions.test.ts`)).toBe(true);
    // test/payloads.test.ts finds the feature's mutation scenarios here.
    expect(exists(`test/${name}/payload-scenarios.ts`)).toBe(true);
  });

  it('lists the same features, in the same order, in src/features/index.ts and src/features/data.ts', () => {
    expect(features.map((f) => f.name)).toEqual(featureData.map((f) => f.name));
    expect(new Set(features.map((f) => f.name)).size).toBe(features.length);
  });

  it.each(features.map((f) => [f.name, f]))('%s: every entity and resolver in its folders is in the feature (the folder index exports every file)', (name, feature) => {
    for (const file of tsFiles(`src/entities/${name}`)) {
      const found = entitiesIn(require(path.join(root, 'src/entities', name, file)));
      expect([file, found.filter((e) => !feature.entities.includes(e)).map((e) => e.name)]).toEqual([file, []]);
    }
    for (const file of tsFiles(`src/resolvers/${name}`)) {
      const found = resolversIn(require(path.join(root, 'src/resolvers', name, file)));
      expect([file, found.filter((r) => !feature.resolvers.includes(r)).map((r) => r.name)]).toEqual([file, []]);
    }
    if (!viewOnly(feature)) expect(feature.entities.length).toBeGreaterThan(0);
    expect(feature.resolvers.length).toBeGreaterThan(0);
  });

  it('gives the DataSource every entity once', () => {
    expect(new Set(dataModel.entities).size).toBe(dataModel.entities.length);
    expect(dataModel.entities.length).toBe(features.reduce((n, f) => n + f.entities.length, 0));
  });

  it('keeps HTTP routes by feature: src/http/<feature>/ only for features with routes', () => {
    const folders = fs
      .readdirSync(path.join(root, 'src/http'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.filter((folder) => !features.some((f) => f.name === folder && f.routes))).toEqual([]);
    expect(features.filter((f) => f.routes && !folders.includes(f.name)).map((f) => f.name)).toEqual([]);
  });

  it('names its migrations <timestamp>-<feature>-<what>.ts, and every migration file belongs to a feature', () => {
    const files = fs.readdirSync(path.join(root, 'migrations')).filter((f) => /^\d{13}-/.test(f));
    const owned = new Set(features.flatMap((f) => f.migrations.map((m) => Number(/(\d{13})$/.exec(m.name)![1]))));
    for (const file of files) {
      const [, stamp, feature] = /^(\d{13})-([a-z]+)-/.exec(file) ?? [];
      expect([file, features.some((f) => f.name === feature), owned.has(Number(stamp))]).toEqual([file, true, true]);
    }
    expect(owned.size).toBe(files.length);
    // …and they run in timestamp order.
    const stamps = dataModel.migrations.map((m) => Number(/(\d{13})$/.exec(m.name)![1]));
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
  });

  it('has no matrix section for a feature that does not exist', () => {
    expect(featureSections().filter((s) => !features.some((f) => f.name === s))).toEqual([]);
  });
});
