import fs from 'node:fs';
import path from 'node:path';

/** The shared folder beside the checkout, where SSB's files are kept outside the repository (README.md here). */
const SHARED = path.join(__dirname, '..', '..', '..', 'shared');

function required(dir: string, what: string): string {
  if (!fs.existsSync(dir)) throw new Error(`${dir} is missing: ${what} (test/ssb/README.md says where to get it).`);
  return dir;
}

/** SSB's KLASS 131 documents: KLASS_131_DIR, else ../shared/klass-131. */
export const klassDir = (): string => required(process.env.KLASS_131_DIR ?? path.join(SHARED, 'klass-131'), "SSB's KLASS 131 documents");
