import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { klassChangesOf, klassVersionOf, KlassVersion, MunicipalityClassification } from './municipality-history';

/**
 * A folder of SSB's KLASS 131 documents named by KLASS_131_DIR (`versions/*.json` and `changes.json`,
 * as KLASS's API returns them), or undefined. SSB's documents are not in this repository: the demo
 * seed uses a hand-written excerpt unless this names a folder (docs/municipality-history.md).
 */
export function klassBundleDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.KLASS_131_DIR || undefined;
}

/** The classification in a folder of SSB's documents: every `versions/*.json` (KLASS version documents) and `changes.json` (KLASS `codeChanges`). */
export function readKlassBundle(dir = klassBundleDir()): MunicipalityClassification {
  if (!dir) throw new Error("No folder of SSB's KLASS 131 documents: set KLASS_131_DIR");
  if (!existsSync(join(dir, 'changes.json'))) throw new Error(`${dir} holds no KLASS 131 documents (versions/*.json and changes.json)`);
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
