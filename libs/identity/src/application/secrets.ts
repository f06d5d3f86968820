import { createHash, randomBytes, randomUUID, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Temporal } from 'temporal-polyfill';
import { DomainError } from '#kernel';
import type { NewLink } from '../domain/index.js';

/** scrypt, memory-hard: N = 2^15, r = 8, p = 3 (32 MiB per hash), one of OWASP's recommended settings. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 3 } as const;
const KEY_LENGTH = 64;
const MAX_MEMORY = 128 * SCRYPT.N * SCRYPT.r * 2;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

const derive = (password: string, salt: Buffer, options: ScryptOptions, length: number): Promise<Buffer> =>
  new Promise((resolve, reject) => scrypt(password.normalize('NFKC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key))));

/** `scrypt$N$r$p$salt$key` (base64url): the parameters travel with the hash, so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { ...SCRYPT, maxmem: MAX_MEMORY }, KEY_LENGTH);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const options = { N: Number(n), r: Number(r), p: Number(p), maxmem: 128 * Number(n) * Number(r) * 2 };
  const actual = await derive(password, Buffer.from(salt, 'base64url'), options, expected.length);
  return timingSafeEqual(actual, expected);
}

/** A hash nobody's password matches: spent on unknown addresses so they take as long as a wrong password. */
export const UNUSABLE_PASSWORD_HASH = ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, 'AAAAAAAAAAAAAAAAAAAAAA', 'A'.repeat(86)].join('$');

/** What a new password must be: long enough, not the address itself. */
export function assertAcceptablePassword(password: unknown, email?: string): string {
  if (typeof password !== 'string' || [...password].length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new DomainError('PASSWORD_TOO_WEAK', `A password has ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`, { minLength: PASSWORD_MIN_LENGTH });
  }
  if (email !== undefined && password.trim().toLowerCase() === email.toLowerCase()) {
    throw new DomainError('PASSWORD_TOO_WEAK', 'The password cannot be the e-mail address.', { minLength: PASSWORD_MIN_LENGTH });
  }
  return password;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export const randomSecret = (): string => randomBytes(32).toString('base64url');

/** A one-time link for `owner` (a user id, or the installation): the token goes in the e-mail, the link into the event. */
export function newLink(owner: string, expiresAt: Temporal.Instant): { token: string; link: NewLink } {
  const secret = randomSecret();
  return { token: `${owner}.${secret}`, link: { id: randomUUID(), tokenHash: sha256(secret), expiresAt } };
}

/** Splits `<owner>.<secret>` (owner: letters, digits, dashes); anything else is not a token of ours. */
export function parseLinkToken(token: unknown): { owner: string; tokenHash: string } | undefined {
  if (typeof token !== 'string') return undefined;
  const match = /^([A-Za-z0-9-]{1,100})\.([A-Za-z0-9_-]{43})$/.exec(token.trim());
  return match ? { owner: match[1]!, tokenHash: sha256(match[2]!) } : undefined;
}

export const safeEqual = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
