import { Temporal } from 'temporal-polyfill';
import { type BusinessCalendar, addPeriods, bounds, periodOf, periodStart, startOfFirstBusinessDay } from '#calendar';
import { foldFrom, roundHalfUpDiv } from '#kernel';
import type { AccountEvent, LotExpired } from './account-events.js';
import { evolveAccount } from './account-evolve.js';
import { type AccountBook, type AccountState, type OpenedAccount, planInForce } from './account-state.js';
import { fifo } from './lots.js';
import { lotExpiry } from './time.js';

/**
 * A time-triggered fact of an account: something that happens at an instant by itself (DOMAIN.md). At one
 * instant the business order is lot expiries, then the monthly credit, then (after tickets' automatic closes,
 * which are on their own streams) the rest: the overage invoice.
 */
interface DueFact {
  readonly at: Temporal.Instant;
  readonly rank: 1 | 2 | 4;
  readonly events: AccountEvent[];
}

const instant = (iso: string) => Temporal.Instant.from(iso);
const notAfter = (a: Temporal.Instant, b: Temporal.Instant) => Temporal.Instant.compare(a, b) <= 0;

/** The instant an overage of `period` is invoiced: the opening of the first business day of the next period. */
export const invoiceDueAt = (calendar: BusinessCalendar, period: string): Temporal.Instant =>
  startOfFirstBusinessDay(calendar, addPeriods(period, 1));

/** The earliest expiry among the lots, with every lot that expires then (FIFO order). */
const nextExpiry = (book: AccountBook): DueFact | undefined => {
  const lots = fifo(book.lots);
  const [first] = lots;
  if (!first) return undefined;
  const at = instant(first.expiresAt);
  const expiring = lots.filter((lot) => Temporal.Instant.compare(instant(lot.expiresAt), at) === 0);
  const events = expiring.map((lot): LotExpired => ({
    type: 'LotExpired',
    data: { lotId: lot.lotId, minutes: lot.minutes, expiredAt: lot.expiresAt, period: periodOf(at, book.timeZone) },
  }));
  return { at, rank: 1, events };
};

const lastCredited = (book: AccountBook): string | undefined =>
  book.creditedPeriods.reduce<string | undefined>((last, period) => (last === undefined || period > last ? period : last), undefined);

/**
 * The next period to credit: the one after the last credited, from the first period on, within the accepted
 * range of periods; none once the account was cancelled before that period started.
 */
export const nextCreditPeriod = (account: OpenedAccount): string | undefined => {
  const last = lastCredited(account);
  const next = last === undefined ? account.firstPeriod : addPeriods(last, 1);
  const period = next < bounds.earliestPeriod ? bounds.earliestPeriod : next;
  if (period > bounds.latestPeriod) return undefined;
  if (account.status === 'cancelled' && !notAfter(periodStart(period, account.timeZone), instant(account.cancelledAt))) return undefined;
  return period;
};

/** The monthly credit of a period takes effect at the period's first instant, however late it is written. */
const nextCredit = (account: OpenedAccount, until: Temporal.Instant): DueFact | undefined => {
  const period = nextCreditPeriod(account);
  if (period === undefined) return undefined;
  const at = periodStart(period, account.timeZone);
  if (!notAfter(at, until)) return undefined;
  const plan = planInForce(account, period);
  const credit = { period, lotId: `plan-${period}`, minutes: plan.monthlyMinutes, plan };
  const times = { creditedAt: at.toString(), expiresAt: lotExpiry(period, account.timeZone) };
  return { at, rank: 2, events: [{ type: 'MonthlyPlanCredited', data: { ...credit, ...times } }] };
};

/** The earliest overage invoice owed: a period with a shortfall and no invoice, invoiced at its due instant. */
const nextInvoice = (book: AccountBook, calendar: BusinessCalendar): DueFact | undefined => {
  const owed = Object.entries(book.shortfalls).filter(([period, minutes]) => minutes > 0 && book.invoices[period] === undefined);
  const [period, shortfallMinutes] = owed.sort(([a], [b]) => (a < b ? -1 : 1))[0] ?? [];
  if (period === undefined || shortfallMinutes === undefined) return undefined;
  const at = invoiceDueAt(calendar, period);
  const rateCentsPerHour = book.overageRateCentsPerHour;
  const amountCents = roundHalfUpDiv(shortfallMinutes * rateCentsPerHour, 60);
  const invoice = { period, shortfallMinutes, rateCentsPerHour, amountCents, invoicedAt: at.toString() };
  return { at, rank: 4, events: [{ type: 'OverageInvoiced', data: invoice }] };
};

const earliest = (facts: readonly (DueFact | undefined)[]): DueFact | undefined =>
  facts.reduce<DueFact | undefined>((best, fact) => {
    if (!fact) return best;
    if (!best) return fact;
    const order = Temporal.Instant.compare(fact.at, best.at) || fact.rank - best.rank;
    return order < 0 ? fact : best;
  }, undefined);

/**
 * Every time-triggered fact of the account due at or before `until` and not in the stream yet, in the order
 * it happened: each takes effect at its own due instant (the business time in its payload), whichever
 * process notices it and however late. `calendar` is the account's business calendar (invoice days).
 */
export const dueFacts = (account: OpenedAccount, until: Temporal.Instant, calendar: BusinessCalendar): AccountEvent[] => {
  const events: AccountEvent[] = [];
  let current = account;
  for (;;) {
    const next = earliest([nextExpiry(current), nextCredit(current, until), nextInvoice(current, calendar)]);
    if (!next || !notAfter(next.at, until)) return events;
    events.push(...next.events);
    current = foldFrom<AccountEvent, AccountState>(evolveAccount, current, next.events) as OpenedAccount;
  }
};
