import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Reads a generated secret from `file`, creating it on first use (mode 0600). */
export function readOrCreateSecret(file: string, bytes = 24): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = crypto.randomBytes(bytes).toString('base64url');
  fs.writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
