import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { klassChangesOf, klassVersionOf, KlassVersion, MunicipalityClassification } from './municipality-history';

/** Where the bundled copy of KLASS 131 lives (data/klass-131, see its README), from the sources or from dist/. */
export const KLASS_BUNDLE_DIR =
  [resolve(__dirname, '..', '..', '..', 'data', 'klass-131'), resolve(__dirname, '..', '..', '..', '..', 'data', 'klass-131')].find((d) => existsSync(d)) ?? resolve('data', 'klass-131');

/** The bundled classification: every `versions/*.json` (KLASS version documents) and `changes.json` (KLASS `codeChanges`). */
export function readKlassBundle(dir = KLASS_BUNDLE_DIR): MunicipalityClassification {
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
