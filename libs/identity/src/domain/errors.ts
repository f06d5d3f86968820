import { Temporal } from 'temporal-polyfill';
import { DomainError } from '#kernel';

export const fail = (code: string, message: string, details: Record<string, unknown> = {}): never => {
  throw new DomainError(code, message, details);
};

const EMAIL = /^[^\s@<>()",;:]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$/;

/** E-mail addresses are compared trimmed and lower-cased: one user per address. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export const requireEmail = (email: string): string => {
  const normalized = normalizeEmail(email);
  return normalized.length <= 254 && EMAIL.test(normalized) ? normalized : fail('EMAIL_IS_NOT_VALID', 'This is not an e-mail address.');
};

export const requireName = (name: string): string => {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  return trimmed.length > 0 && trimmed.length <= 200 ? trimmed : fail('USER_NAME_REQUIRED', 'A name of 1 to 200 characters is required.');
};

/** `a` is before `b`, both ISO-8601 instants in UTC as the domain writes them. */
export const isBefore = (a: Temporal.Instant | string, b: Temporal.Instant | string): boolean =>
  Temporal.Instant.compare(Temporal.Instant.from(a), Temporal.Instant.from(b)) < 0;
