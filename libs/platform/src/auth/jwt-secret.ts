import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE, makePrivateDir } from '#eventstore';

export const JWT_SECRET = Symbol.for('hourbank.JwtSecret');
export const JWT_SECRET_FILE = 'jwt-secret';

/** A secret that may not be used: missing where it must exist, too open, or too short. Its message is for the operator. */
export class JwtSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JwtSecretError';
  }
}

export interface JwtSecretOptions {
  /** Production-like: the secret must already exist and be private; it is never created at start-up. */
  readonly productionLike?: boolean;
  readonly logger?: { info(fields: object, message: string): void; warn(fields: object, message: string): void };
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/** Writes 32 fresh random bytes (base64url) to `<dataDir>/jwt-secret`, mode 0600; false when one is there already. */
export function createJwtSecret(dataDir: string): boolean {
  makePrivateDir(dataDir);
  try {
    writeFileSync(join(dataDir, JWT_SECRET_FILE), randomBytes(32).toString('base64url') + '\n', { flag: 'wx', mode: PRIVATE_FILE_MODE });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * The HS256 key in `<dataDir>/jwt-secret`. In development it is created on first start (logged); `wx` makes two
 * processes starting together agree on one. In production a missing secret, or one other users may read, is refused.
 */
export function loadOrCreateJwtSecret(dataDir: string, options: JwtSecretOptions = {}): Uint8Array {
  const file = join(dataDir, JWT_SECRET_FILE);
  const exists = statSync(file, { throwIfNoEntry: false }) !== undefined;
  if (!exists && options.productionLike) {
    throw new JwtSecretError(
      `No JWT secret at ${file}: in production it is never created at start-up. Create it once with ` +
        '`npm run cli -- create-jwt-secret` (32 random bytes, mode 0600), or restore the one your tokens were signed with.',
    );
  }
  if (!exists && createJwtSecret(dataDir)) options.logger?.info({ file, mode: octal(PRIVATE_FILE_MODE) }, 'Created a new JWT secret');
  const mode = statSync(file).mode;
  if ((mode & 0o077) !== 0) {
    const problem = `${file} is accessible to other users (mode ${octal(mode)}): run chmod 600 ${file}`;
    if (options.productionLike) throw new JwtSecretError(problem);
    options.logger?.warn({ file, mode: octal(mode) }, problem);
  }
  const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
  if (secret.length < 32) throw new JwtSecretError(`${file} must hold at least 32 bytes (base64url)`);
  return new Uint8Array(secret);
}
