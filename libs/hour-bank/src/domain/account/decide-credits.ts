import { Temporal } from 'temporal-polyfill';
import { DomainError } from '#kernel';
import type { AdjustBalance, CreditMonthlyPlan, PurchasePackage } from './account-commands.js';
import type { AccountEvent } from './account-events.js';
import type { AccountState } from './account-state.js';
import { dueFacts } from './due-facts.js';
import { accountCalendars, afterDueFacts, isRepeat, notCancelled, opened, positiveMinutes, requiredText } from './guards.js';
import { isWholeCents } from '../plans/plan-terms.js';
import { lotExpiryOf, periodAt, startOf } from './contract-terms.js';
import { drawFifo, unexpiredBalance, unexpiredLots } from './lots.js';
import { assertPeriod } from './time.js';

/**
 * The scheduler's nudge at a period start: the credit takes effect at the period's first instant, with every
 * fact due before it (a late nudge credits the periods it missed, each as of its own start). A repeat, or a
 * period a cancelled account is no longer owed, finds nothing due.
 */
export const creditMonthlyPlan = ({ data, now, calendar }: CreditMonthlyPlan, state: AccountState): AccountEvent[] => {
  const account = opened(state);
  const period = assertPeriod(data.period);
  if (period < account.firstPeriod) {
    throw new DomainError('PERIOD_IS_BEFORE_THE_FIRST_PERIOD', 'Credits start with the first period', {
      period,
      firstPeriod: account.firstPeriod,
    });
  }
  const start = startOf(account, period);
  if (Temporal.Instant.compare(start, now) > 0) {
    throw new DomainError('PERIOD_HAS_NOT_STARTED', 'A period is credited at its start, not before', {
      period,
      startsAt: start.toString(),
    });
  }
  return dueFacts(account, now, accountCalendars(account, now, calendar));
};

/** A single package: its minutes are a lot of the period it is sold in, with the price the client pays. */
export const purchasePackage = ({ data, now, calendar }: PurchasePackage, state: AccountState): AccountEvent[] => {
  const account = notCancelled(state);
  const packageId = requiredText(data.packageId, 'PACKAGE_ID_IS_REQUIRED', 'The package id');
  const minutes = positiveMinutes(data.minutes);
  if (data.priceCents !== undefined && !isWholeCents(data.priceCents)) {
    throw new DomainError('PACKAGE_PRICE_MUST_BE_WHOLE_CENTS', 'A package price is whole cents, zero or more', { priceCents: data.priceCents });
  }
  if (isRepeat(account.packages, packageId, minutes)) return [];
  const period = periodAt(account, now);
  const price = data.priceCents === undefined ? {} : { priceCents: data.priceCents };
  return afterDueFacts(account, now, calendar, (current) => [
    {
      type: 'PackagePurchased',
      data: { packageId, lotId: `package-${packageId}`, minutes, ...price, period, purchasedAt: now.toString(), expiresAt: lotExpiryOf(current, period) },
    },
  ]);
};

const adjustmentMinutes = (minutes: unknown): number => {
  if (typeof minutes !== 'number' || !Number.isSafeInteger(minutes) || minutes === 0) {
    throw new DomainError('ADJUSTMENT_MUST_BE_A_NONZERO_WHOLE_NUMBER_OF_MINUTES', 'Adjust by whole minutes, not zero');
  }
  return minutes;
};

export const adjustBalance = ({ data, now, calendar }: AdjustBalance, state: AccountState): AccountEvent[] => {
  const account = opened(state);
  const adjustmentId = requiredText(data.adjustmentId, 'ADJUSTMENT_ID_IS_REQUIRED', 'The adjustment id');
  const reason = requiredText(data.reason, 'ADJUSTMENT_REQUIRES_A_REASON', 'A reason for the adjustment');
  const minutes = adjustmentMinutes(data.minutes);
  if (isRepeat(account.adjustments, adjustmentId, minutes)) return [];
  if (minutes > 0) notCancelled(state);
  const period = periodAt(account, now);
  const base = { adjustmentId, reason, period, adjustedAt: now.toString() };
  return afterDueFacts(account, now, calendar, (current): AccountEvent[] => {
    if (minutes > 0) {
      const lot = { lotId: `adjustment-${adjustmentId}`, minutes, expiresAt: lotExpiryOf(current, period) };
      return [{ type: 'AdjustmentCredited', data: { ...base, ...lot } }];
    }
    const balance = unexpiredBalance(current, now);
    if (-minutes > balance) {
      throw new DomainError('NEGATIVE_ADJUSTMENT_EXCEEDS_BALANCE', 'A negative adjustment cannot exceed the balance', {
        minutes,
        balance,
      });
    }
    const { paidBy } = drawFifo(unexpiredLots(current, now), -minutes);
    return [{ type: 'AdjustmentDebited', data: { ...base, minutes: -minutes, paidBy } }];
  });
};
