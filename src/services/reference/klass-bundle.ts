import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { klassChangesOf, klassVersionOf, KlassVersion, MunicipalityClassification } from './municipality-history';

/**
 * Where SSB's KLASS 131 documents are on this machine: KLASS_131_DIR, else the shared folder beside
 * the checkout (`../shared/klass-131`, see its README: a copy of SSB's API responses, kept outside
 * the repository), from the sources or from dist/. Undefined when there is none: load a file with
 * `npm run import -- municipality-classification FILE` instead.
 */
export function klassBundleDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.KLASS_131_DIR, resolve(__dirname, '..', '..', '..', '..', 'shared', 'klass-131'), resolve(__dirname, '..', '..', '..', '..', '..', 'shared', 'klass-131')];
  return candidates.find((d): d is string => !!d && existsSync(join(d, 'changes.json')));
}

/** The bundled classification: every `versions/*.json` (KLASS version documents) and `changes.json` (KLASS `codeChanges`). */
export function readKlassBundle(dir = klassBundleDir()): MunicipalityClassification {
  if (!dir) throw new Error("SSB's KLASS 131 documents are not on this machine (../shared/klass-131 or KLASS_131_DIR)");
  const versions: KlassVersion[] = readdirSync(join(dir, 'versions'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const version = klassVersionOf(JSON.parse(readFileSync(join(dir, 'versions', f), 'utf8')));
      if (!version) throw new Error(`${f} is not a KLASS version document`);
      return version;
    });
  const changes = klassChangesOf(JSON.parse(readFileSync(join(dir, 'changes.json'), 'utf8')));
  if (!changes) throw new Error('changes.json is not a KLASS changes document');
  return { versions, changes };
}
