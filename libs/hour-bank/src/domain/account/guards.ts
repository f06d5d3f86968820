import type { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar } from '#calendar';
import { foldFrom, DomainError } from '#kernel';
import type { AccountEvent } from './account-events.js';
import { evolveAccount } from './account-evolve.js';
import type { AccountState, OpenAccountState, OpenedAccount } from './account-state.js';
import { dueFacts } from './due-facts.js';

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

/** The calendar a command carries must be the account's own: invoice days come from it. */
export const accountCalendar = (account: OpenedAccount, calendar: BusinessCalendar | undefined): BusinessCalendar => {
  if (calendar?.id !== account.calendarId) {
    throw new DomainError('CALENDAR_IS_NOT_THE_ACCOUNTS', 'Use the account business calendar', {
      expected: account.calendarId,
      given: calendar?.id,
    });
  }
  return calendar;
};

/**
 * What was due by `at` comes before a decision taken at `at`: the decision first writes the facts already due
 * (expiries, credits, invoices, in their order), then decides on the account as it is after them. A decision
 * that does nothing writes nothing: the facts are then written by the next command or the scheduler.
 */
export const afterDueFacts = (
  account: OpenedAccount,
  at: Temporal.Instant,
  calendar: BusinessCalendar | undefined,
  decide: (account: OpenedAccount) => AccountEvent[],
): AccountEvent[] => {
  const due = dueFacts(account, at, accountCalendar(account, calendar));
  const current = foldFrom<AccountEvent, AccountState>(evolveAccount, account, due) as OpenedAccount;
  const events = decide(current);
  return events.length === 0 ? [] : [...due, ...events];
};
