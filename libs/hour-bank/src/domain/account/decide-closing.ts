import { Temporal } from 'temporal-polyfill';
import { DomainError } from '#kernel';
import type { ExpireLots, InvoiceOverage } from './account-commands.js';
import type { AccountEvent } from './account-events.js';
import type { AccountState } from './account-state.js';
import { dueFacts, invoiceDueAt } from './due-facts.js';
import { accountCalendars, opened } from './guards.js';
import { addPeriods } from '#calendar';
import { calendarFor } from './contract-terms.js';
import { assertPeriod } from './time.js';

/** Every lot whose expiry has come leaves the balance with its unused minutes (cancelled accounts too), with the facts due before. */
export const expireLots = ({ now, calendar }: ExpireLots, state: AccountState): AccountEvent[] => {
  const account = opened(state);
  return dueFacts(account, now, accountCalendars(account, now, calendar));
};

/**
 * The shortfall of a period is invoiced at the opening of the first business day of the next period (the
 * account calendar), rounded half up once for the period's total, dated then however late it is written.
 * Zero is not invoiced; a repeat finds nothing due.
 */
export const invoiceOverage = ({ data, now, calendar }: InvoiceOverage, state: AccountState): AccountEvent[] => {
  const account = opened(state);
  const period = assertPeriod(data.period);
  const own = calendarFor(account, addPeriods(period, 1), calendar);
  const dueAt = invoiceDueAt(own, period);
  if (Temporal.Instant.compare(now, dueAt) < 0) {
    throw new DomainError('OVERAGE_IS_INVOICED_FROM_THE_NEXT_FIRST_BUSINESS_DAY', 'Too early to invoice this period', {
      period,
      invoiceDay: dueAt.toZonedDateTimeISO(own.timeZone).toPlainDate().toString(),
      dueAt: dueAt.toString(),
    });
  }
  return dueFacts(account, now, calendar);
};
