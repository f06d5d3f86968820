import { Temporal } from 'temporal-polyfill';
import { DomainError, roundHalfUpDiv } from '#kernel';
import { addPeriods, firstBusinessDayOfMonth } from '#calendar';
import type { ExpireLots, InvoiceOverage } from './account-commands.js';
import type { AccountEvent } from './account-events.js';
import type { AccountState } from './account-state.js';
import { opened } from './guards.js';
import { dueExpiries } from './lots.js';
import { assertPeriod } from './time.js';

/** Every lot whose expiry has come leaves the balance with its unused minutes; cancelled accounts too. */
export const expireLots = ({ now }: ExpireLots, state: AccountState): AccountEvent[] => dueExpiries(opened(state), now);

/**
 * The shortfall of a period is invoiced from the first business day of the next period (a whole
 * day in the calendar's zone), rounded half up once for the period's total. Zero is not invoiced.
 */
export const invoiceOverage = ({ data, now }: InvoiceOverage, state: AccountState): AccountEvent[] => {
  const account = opened(state);
  const period = assertPeriod(data.period);
  const { calendar } = data;
  if (calendar?.id !== account.calendarId) {
    throw new DomainError('CALENDAR_IS_NOT_THE_ACCOUNTS', 'Use the account business calendar', {
      expected: account.calendarId,
      given: calendar?.id,
    });
  }
  const invoiceDay = firstBusinessDayOfMonth(calendar, addPeriods(period, 1));
  const today = now.toZonedDateTimeISO(calendar.timeZone).toPlainDate();
  if (Temporal.PlainDate.compare(today, invoiceDay) < 0) {
    throw new DomainError('OVERAGE_IS_INVOICED_FROM_THE_NEXT_FIRST_BUSINESS_DAY', 'Too early to invoice this period', {
      period,
      invoiceDay: invoiceDay.toString(),
    });
  }
  const shortfallMinutes = account.shortfalls[period] ?? 0;
  if (shortfallMinutes === 0 || account.invoices[period] !== undefined) return [];
  const rateCentsPerHour = account.overageRateCentsPerHour;
  const amountCents = roundHalfUpDiv(shortfallMinutes * rateCentsPerHour, 60);
  const invoice = { period, shortfallMinutes, rateCentsPerHour, amountCents, invoicedAt: now.toString() };
  return [{ type: 'OverageInvoiced', data: invoice }];
};
