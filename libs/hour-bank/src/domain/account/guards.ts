import type { Temporal } from 'temporal-polyfill';
import { foldFrom, DomainError } from '#kernel';
import type { AccountEvent } from './account-events.js';
import { evolveAccount } from './account-evolve.js';
import type { AccountState, OpenAccountState, OpenedAccount } from './account-state.js';
import { type CalendarSet, calendarFor, periodAt } from './contract-terms.js';
import { lowBalanceAlert } from './due-alerts.js';
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

/** The calendars a command carries must hold the account's own in force now: invoice days come from them. */
export const accountCalendars = (account: OpenedAccount, at: Temporal.Instant, calendars: CalendarSet | undefined): CalendarSet => {
  calendarFor(account, periodAt(account, at), calendars);
  return calendars!;
};

/**
 * What was due by `at` comes before a decision taken at `at`: the decision first writes the facts already due
 * (expiries, credits, invoices, in their order), then decides on the account as it is after them. A decision
 * that does nothing writes nothing: the facts are then written by the next command or the scheduler. A decision that
 * leaves the balance under the alert threshold is followed by the alert.
 */
export const afterDueFacts = (
  account: OpenedAccount,
  at: Temporal.Instant,
  calendars: CalendarSet | undefined,
  decide: (account: OpenedAccount) => AccountEvent[],
): AccountEvent[] => {
  const due = dueFacts(account, at, accountCalendars(account, at, calendars));
  const current = foldFrom<AccountEvent, AccountState>(evolveAccount, account, due) as OpenedAccount;
  const events = decide(current);
  if (events.length === 0) return [];
  const after = foldFrom<AccountEvent, AccountState>(evolveAccount, current, events) as OpenedAccount;
  return [...due, ...events, ...lowBalanceAlert(after, at)];
};
