import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PRIVATE_FILE_MODE, makePrivateDir } from '#eventstore';

export const JWT_SECRET_FILE = 'jwt-secret';

/** A key that may not be used: missing where it must exist, too open, or too short. Its message is for the operator. */
export class JwtSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JwtSecretError';
  }
}

export interface JwtSecretOptions {
  /** Production-like: a secret must already exist and be private; it is never created at start-up. */
  readonly productionLike?: boolean;
  readonly logger?: { info(fields: object, message: string): void; warn(fields: object, message: string): void };
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/** 32 fresh random bytes, base64url: a value for HOURBANK_JWT_SECRET or HOURBANK_SESSION_SECRET. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** Writes a fresh secret to `file` (default `<dataDir>/jwt-secret`), mode 0600; false when one is there already. */
export function createJwtSecret(dataDir: string, file = join(dataDir, JWT_SECRET_FILE)): boolean {
  makePrivateDir(dirname(file));
  try {
    writeFileSync(file, newSecret() + '\n', { flag: 'wx', mode: PRIVATE_FILE_MODE });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * The text of a file that holds a secret or a private key. Missing is refused; one other users may read
 * (any group or other permission bit) is refused when production-like and warned about otherwise.
 */
export function readPrivateFile(file: string, what: string, options: JwtSecretOptions = {}): string {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new JwtSecretError(`No ${what} at ${file}`);
  if ((stat.mode & 0o077) !== 0) {
    const problem = `${file} is accessible to other users (mode ${octal(stat.mode)}): run chmod 600 ${file}`;
    if (options.productionLike) throw new JwtSecretError(problem);
    options.logger?.warn({ file, mode: octal(stat.mode) }, problem);
  }
  return readFileSync(file, 'utf8').trim();
}

/** A base64url secret of at least 32 bytes, read from `file` under the private-file rule. */
export function readSecretFile(file: string, what: string, options: JwtSecretOptions = {}): Uint8Array {
  const secret = Buffer.from(readPrivateFile(file, what, options), 'base64url');
  if (secret.length < 32) throw new JwtSecretError(`${file} must hold at least 32 bytes (base64url)`);
  return new Uint8Array(secret);
}

/**
 * The development key in `<dataDir>/jwt-secret`, used when no key is configured: created on first start (logged);
 * `wx` makes two processes starting together agree on one. Production-like hosts never get here (the configuration
 * wants a configured key); should one, a missing file is refused rather than created.
 */
export function loadOrCreateJwtSecret(dataDir: string, options: JwtSecretOptions = {}): Uint8Array {
  const file = join(dataDir, JWT_SECRET_FILE);
  const exists = statSync(file, { throwIfNoEntry: false }) !== undefined;
  if (!exists && options.productionLike) {
    throw new JwtSecretError(`No JWT secret at ${file}: in production it is never created at start-up; configure HOURBANK_JWT_SECRET or HOURBANK_JWT_SECRET_FILE`);
  }
  if (!exists && createJwtSecret(dataDir)) options.logger?.info({ file, mode: octal(PRIVATE_FILE_MODE) }, 'Created a new JWT secret');
  return readSecretFile(file, 'JWT secret', options);
}
