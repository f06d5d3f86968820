import { Temporal } from 'temporal-polyfill';
import { DomainError } from '#kernel';
import { addPeriods, assertPeriodInRange, periodOf } from '#calendar';
import { assertPlanTerms, samePlanTerms } from '../plans/plan-terms.js';
import type { CancelAccount, ChangePlan, OpenAccount } from './account-commands.js';
import type { AccountEvent } from './account-events.js';
import { type AccountState, planInForce } from './account-state.js';
import { afterDueFacts, notCancelled, opened, requiredText } from './guards.js';
import { assertPeriod } from './time.js';

const assertTimeZone = (timeZone: unknown, now: Temporal.Instant): string => {
  try {
    if (typeof timeZone !== 'string' || timeZone === '') throw new RangeError('no time zone');
    now.toZonedDateTimeISO(timeZone);
    return timeZone;
  } catch {
    throw new DomainError('TIME_ZONE_IS_UNKNOWN', 'The time zone is not a known IANA zone', { timeZone });
  }
};

export const openAccount = ({ data, now }: OpenAccount, state: AccountState): AccountEvent[] => {
  if (state.status !== 'unopened') throw new DomainError('ACCOUNT_ALREADY_OPENED', 'The account is already open');
  const rate = data.overageRateCentsPerHour;
  if (typeof rate !== 'number' || !Number.isSafeInteger(rate) || rate <= 0) {
    throw new DomainError('OVERAGE_RATE_MUST_BE_POSITIVE_WHOLE_CENTS', 'The overage rate is whole cents an hour above zero');
  }
  const opening = {
    accountId: requiredText(data.accountId, 'ACCOUNT_ID_IS_REQUIRED', 'The account id'),
    clientName: requiredText(data.clientName, 'CLIENT_NAME_IS_REQUIRED', 'The client name'),
    plan: assertPlanTerms(data.plan),
    firstPeriod: assertPeriodInRange(assertPeriod(data.firstPeriod), 'firstPeriod'),
    timeZone: assertTimeZone(data.timeZone, now),
    calendarId: requiredText(data.calendarId, 'CALENDAR_IS_REQUIRED', 'The business calendar'),
    overageRateCentsPerHour: rate,
  };
  return [{ type: 'AccountOpened', data: { ...opening, openedAt: now.toString() } }];
};

/** A change applies from the next period (never before the first one); within one period the last change wins. */
export const changePlan = ({ data, now, calendar }: ChangePlan, state: AccountState): AccountEvent[] => {
  const account = notCancelled(state);
  const plan = assertPlanTerms(data.plan);
  const nextPeriod = addPeriods(periodOf(now, account.timeZone), 1);
  const effectiveFrom = nextPeriod < account.firstPeriod ? account.firstPeriod : nextPeriod;
  return afterDueFacts(account, now, calendar, (current) =>
    samePlanTerms(planInForce(current, effectiveFrom), plan) ? [] : [{ type: 'PlanChanged', data: { plan, effectiveFrom, changedAt: now.toString() } }]);
};

export const cancelAccount = ({ data, now, calendar }: CancelAccount, state: AccountState): AccountEvent[] => {
  const account = opened(state);
  const reason = requiredText(data.reason, 'CANCELLATION_REQUIRES_A_REASON', 'A cancellation reason');
  if (account.status === 'cancelled') return [];
  return afterDueFacts(account, now, calendar, () => [{ type: 'AccountCancelled', data: { reason, cancelledAt: now.toString() } }]);
};
