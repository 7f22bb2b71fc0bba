import fs from 'node:fs';
import path from 'node:path';

/** The shared folder beside the checkout, where SSB's files are kept outside the repository. */
const SHARED = path.join(__dirname, '..', '..', '..', 'shared');

/** SSB's KLASS 131 documents: $KLASS_131_DIR, else ../shared/klass-131 (fails naming the folder when it is missing). */
export function klassDir(): string {
  const dir = process.env.KLASS_131_DIR ?? path.join(SHARED, 'klass-131');
  if (!fs.existsSync(dir)) throw new Error(`${dir} is missing: SSB's KLASS 131 documents belong there (test/ssb/README.md).`);
  return dir;
}

/**
 * SSB's own KOSTRA test files (test/ssb/README.md says where they come from): SSB's, not this
 * project's, so not in this repository. Read only by `npm run test:ssb`, from $KOSTRA_TESTFILES_DIR or
 * the shared folder beside the checkout (../shared/kostra-testfiler/{barnevern,regnskap}).
 */
export const KOSTRA_TESTFILES_DIR = process.env.KOSTRA_TESTFILES_DIR ?? path.join(SHARED, 'kostra-testfiler');
export const SSB_DIR = path.join(KOSTRA_TESTFILES_DIR, 'barnevern');

/** SSB's file `name` of `folder`; a missing file fails the test that needs it, naming the file. */
export function ssbFile(name: string, folder: 'barnevern' | 'regnskap' = 'barnevern'): Buffer {
  const file = path.join(KOSTRA_TESTFILES_DIR, folder, name);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: SSB's test files belong in ../shared/kostra-testfiler/${folder} or $KOSTRA_TESTFILES_DIR/${folder} (test/ssb/README.md).`);
  return fs.readFileSync(file);
}

/** The names of SSB's 15F test files of the kinds OK, FEIL and ADVARSEL (fails when the folder is missing). */
export function ssbTestfiles(): string[] {
  if (!fs.existsSync(SSB_DIR)) throw new Error(`${SSB_DIR} is missing: SSB's 15F test files belong there (test/ssb/README.md).`);
  return fs.readdirSync(SSB_DIR).filter((f) => /^Testfil_\d+_(OK|FEIL|ADVARSEL)_.*\.xml$/.test(f));
}
