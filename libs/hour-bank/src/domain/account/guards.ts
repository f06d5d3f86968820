import type { Temporal } from 'temporal-polyfill';
import { DomainError } from '#kernel';
import type { AccountEvent } from './account-events.js';
import { evolveAccount } from './account-evolve.js';
import type { AccountState, OpenAccountState, OpenedAccount } from './account-state.js';
import { dueExpiries } from './lots.js';

export const opened = (state: AccountState): OpenedAccount => {
  if (state.status === 'unopened') throw new DomainError('ACCOUNT_NOT_FOUND', 'No such account');
  return state;
};

export const notCancelled = (state: AccountState): OpenAccountState => {
  const account = opened(state);
  if (account.status === 'cancelled') {
    throw new DomainError('ACCOUNT_IS_CANCELLED', 'A cancelled account takes no new credits or changes', {
      cancelledAt: account.cancelledAt,
    });
  }
  return account;
};

export const requiredText = (value: unknown, code: string, what: string): string => {
  if (typeof value !== 'string' || value.trim() === '') throw new DomainError(code, `${what} is required`);
  return value.trim();
};

export const positiveMinutes = (minutes: unknown): number => {
  if (typeof minutes !== 'number' || !Number.isSafeInteger(minutes) || minutes <= 0) {
    throw new DomainError('MINUTES_MUST_BE_A_POSITIVE_WHOLE_NUMBER', 'Minutes must be a whole number above zero', {
      minutes,
    });
  }
  return minutes;
};

/**
 * An idempotency key seen before: the same minutes mean a repeat (nothing happens), other minutes
 * mean two different facts under one key, which is refused.
 */
export const isRepeat = (seen: Readonly<Record<string, number>>, key: string, minutes: number): boolean => {
  const before = seen[key];
  if (before === undefined) return false;
  if (before === minutes) return true;
  throw new DomainError('IDEMPOTENCY_KEY_REUSED_WITH_DIFFERENT_MINUTES', `${key} was recorded with ${before} minutes`, {
    key,
    recorded: before,
    requested: minutes,
  });
};

/**
 * Lot expiries come before anything else at an instant: a decision that changes the balance first
 * writes the expiries that are due, then decides on the account as it is after them.
 * A decision that does nothing writes nothing.
 */
export const afterDueExpiries = (
  account: OpenedAccount,
  now: Temporal.Instant,
  decide: (account: OpenedAccount) => AccountEvent[],
): AccountEvent[] => {
  const expiries = dueExpiries(account, now);
  const current = expiries.reduce<AccountState>(evolveAccount, account) as OpenedAccount;
  const events = decide(current);
  return events.length === 0 ? [] : [...expiries, ...events];
};
