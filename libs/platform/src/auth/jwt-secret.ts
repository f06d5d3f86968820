import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const JWT_SECRET = Symbol.for('hourbank.JwtSecret');
const FILE_NAME = 'jwt-secret';

/**
 * The HS256 key: 32 random bytes kept (base64url) in `<dataDir>/jwt-secret`, mode 0600, created on
 * first start and reused. `wx` makes two processes starting together agree on one secret.
 */
export function loadOrCreateJwtSecret(dataDir: string): Uint8Array {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, FILE_NAME);
  try {
    writeFileSync(file, randomBytes(32).toString('base64url') + '\n', { flag: 'wx', mode: 0o600 });
    chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
  if (secret.length < 32) throw new Error(`${file} must hold at least 32 bytes (base64url)`);
  return new Uint8Array(secret);
}
