import fs from 'node:fs';
import path from 'node:path';

/** The shared folder beside the checkout, where SSB's KLASS 131 documents are kept outside the repository. */
const SHARED = path.join(__dirname, '..', '..', '..', 'shared');

/** SSB's KLASS 131 documents: $KLASS_131_DIR, else ../shared/klass-131 (fails naming the folder when it is missing). */
export function klassDir(): string {
  const dir = process.env.KLASS_131_DIR ?? path.join(SHARED, 'klass-131');
  if (!fs.existsSync(dir)) throw new Error(`${dir} is missing: SSB's KLASS 131 documents belong there (test/ssb/README.md).`);
  return dir;
}

/**
 * SSB's own KOSTRA test files, committed byte for byte with SSB's MIT licence in
 * test/fixtures/ssb-kostra-kontrollprogram/ (its README names the repository, path and commit):
 * `15F/` (barnevern) and `0A/` (accounting). `npm test` reads them.
 */
export const KOSTRA_TESTFILES_DIR = path.join(__dirname, '..', 'fixtures', 'ssb-kostra-kontrollprogram');
export const SSB_DIR = path.join(KOSTRA_TESTFILES_DIR, '15F');

/** SSB's file `name` of `folder` (15F: barnevern, 0A: accounting); a missing file fails the test that needs it, naming the file. */
export function ssbFile(name: string, folder: '15F' | '0A' = '15F'): Buffer {
  const file = path.join(KOSTRA_TESTFILES_DIR, folder, name);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: it is one of SSB's test files committed in test/fixtures/ssb-kostra-kontrollprogram/.`);
  return fs.readFileSync(file);
}

/** The names of every one of SSB's 15F test files (the folder as SSB has it: Testfil_*, out2.xml, testfile_all_fields_set.xml). */
export function ssbTestfiles(): string[] {
  return fs.readdirSync(SSB_DIR).sort();
}
