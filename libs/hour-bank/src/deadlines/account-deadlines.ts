import { type BusinessCalendar, addPeriods, periodStart, startOfFirstBusinessDay } from '#calendar';
import type { DueItem, DueItemChange } from '#projections';
import { assertNever } from '#kernel';
import type { AccountEvent } from '../domain/account/account-events.js';

/**
 * Deadline kinds of an account. Keys start with a rank so that items due at one instant fire in the order the
 * business fixed: lot expiries (1), then the monthly credit (2), then automatic closes (3), then the rest (4).
 */
export const accountDeadlineKinds = {
  lotExpiry: 'account.lot-expiry',
  periodStart: 'account.period-start',
  overageInvoice: 'account.overage-invoice',
} as const;

export interface AccountDeadlinePayload {
  readonly accountId: string;
  readonly period?: string;
  readonly lotId?: string;
  /** The event that set the deadline: the command it fires is caused by it. */
  readonly cause: { readonly id: string; readonly correlationId: string };
}

export interface AccountFacts {
  readonly accountId: string;
  readonly timeZone: string;
}

type Cause = AccountDeadlinePayload['cause'];

/** The period arithmetic deadlines use, as ISO instants; a caller may pass a memoised one (same results). */
export interface PeriodInstants {
  readonly start: (period: string, timeZone: string) => string;
  readonly firstBusinessOpening: (calendar: BusinessCalendar, period: string) => string;
  readonly next: (period: string) => string;
}

export const periodInstants: PeriodInstants = {
  start: (period, timeZone) => periodStart(period, timeZone).toString(),
  firstBusinessOpening: (calendar, period) => startOfFirstBusinessDay(calendar, period).toString(),
  next: (period) => addPeriods(period, 1),
};

const item = (key: string, kind: string, dueAt: string, payload: AccountDeadlinePayload): DueItemChange => ({
  upsert: { key, kind, dueAt, payload } satisfies DueItem,
});

const lotExpiryKey = (accountId: string, lotId: string) => `1:lot-expiry:${accountId}:${lotId}`;
const invoiceKey = (accountId: string, period: string) => `4:overage-invoice:${accountId}:${period}`;

const periodStartItem = (account: AccountFacts, period: string, cause: Cause, periods: PeriodInstants): DueItemChange =>
  item(`2:period-start:${account.accountId}:${period}`, accountDeadlineKinds.periodStart, periods.start(period, account.timeZone), {
    accountId: account.accountId,
    period,
    cause,
  });

const lotExpiryItem = (account: AccountFacts, lotId: string, expiresAt: string, cause: Cause): DueItemChange =>
  item(lotExpiryKey(account.accountId, lotId), accountDeadlineKinds.lotExpiry, expiresAt, { accountId: account.accountId, lotId, cause });

/** The account events that set or cancel a deadline; no other account event changes one (reservations, plan changes…). */
export const accountDeadlineEvents = [
  'AccountOpened', 'MonthlyPlanCredited', 'PackagePurchased', 'AdjustmentCredited', 'LotExpired', 'TicketDebited', 'OverageInvoiced',
] as const satisfies readonly AccountEvent['type'][];

export type AccountDeadlineEvent = Extract<AccountEvent, { type: (typeof accountDeadlineEvents)[number] }>;

/**
 * What an account event does to the account's deadlines: the next period's start after each credit, each lot's
 * expiry, and the overage invoice on the opening of the first business day after a period with a shortfall.
 */
export const accountDeadlines = (
  event: AccountDeadlineEvent,
  account: AccountFacts,
  calendar: BusinessCalendar,
  cause: Cause,
  periods: PeriodInstants = periodInstants,
): DueItemChange[] => {
  const { accountId } = account;
  switch (event.type) {
    case 'AccountOpened':
      return [periodStartItem(account, event.data.firstPeriod, cause, periods)];
    case 'MonthlyPlanCredited':
      return [
        periodStartItem(account, periods.next(event.data.period), cause, periods),
        lotExpiryItem(account, event.data.lotId, event.data.expiresAt, cause),
      ];
    case 'PackagePurchased':
    case 'AdjustmentCredited':
      return [lotExpiryItem(account, event.data.lotId, event.data.expiresAt, cause)];
    case 'LotExpired':
      return [{ cancel: lotExpiryKey(accountId, event.data.lotId) }];
    case 'TicketDebited': {
      const { shortfall, period } = event.data;
      if (shortfall === 0) return [];
      const dueAt = periods.firstBusinessOpening(calendar, periods.next(period));
      return [item(invoiceKey(accountId, period), accountDeadlineKinds.overageInvoice, dueAt, { accountId, period, cause })];
    }
    case 'OverageInvoiced':
      return [{ cancel: invoiceKey(accountId, event.data.period) }];
    default:
      return assertNever(event);
  }
};
