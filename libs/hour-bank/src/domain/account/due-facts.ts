import { Temporal } from 'temporal-polyfill';
import { type BusinessCalendar, addPeriods, bounds, startOfFirstBusinessDay } from '#calendar';
import { foldFrom, roundHalfUpDiv } from '#kernel';
import type { AccountEvent, LotExpired } from './account-events.js';
import { evolveAccount } from './account-evolve.js';
import { type AccountBook, type AccountState, type OpenedAccount, planInForce } from './account-state.js';
import { type CalendarSet, calendarFor, lotExpiryOf, periodAt, startOf, termsFor } from './contract-terms.js';
import { lowBalanceAlert, nextExpiryAlert } from './due-alerts.js';
import { nextMaintenance } from './due-maintenance.js';
import { fifo } from './lots.js';

/**
 * A time-triggered fact of an account: something that happens at an instant by itself (DOMAIN.md). At one
 * instant the business order is lot expiries, then the monthly credit, then (after tickets' automatic closes,
 * which are on their own streams) the rest: the overage invoice, expiry alerts, maintenance tickets.
 */
interface DueFact {
  readonly at: Temporal.Instant;
  readonly rank: 1 | 2 | 4 | 5 | 6;
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
  const period = periodAt(book, at);
  const events = expiring.map((lot): LotExpired => ({
    type: 'LotExpired',
    data: { lotId: lot.lotId, minutes: lot.minutes, expiredAt: lot.expiresAt, period },
  }));
  return { at, rank: 1, events };
};

const lastCredited = (book: AccountBook): string | undefined =>
  book.creditedPeriods.reduce<string | undefined>((last, period) => (last === undefined || period > last ? period : last), undefined);

/** From `period` on, the first period a plan is in force (a package-only stretch has no credit); none past the range. */
const firstPlanPeriod = (book: AccountBook, period: string): string | undefined => {
  if (planInForce(book, period)) return period;
  return book.plans.find((entry) => entry.from > period && entry.plan !== null)?.from;
};

/**
 * The next period to credit: the one after the last credited, from the first period on, in which a plan is in force,
 * within the accepted range of periods; none once the account was cancelled before that period started.
 */
export const nextCreditPeriod = (account: OpenedAccount): string | undefined => {
  const last = lastCredited(account);
  const next = last === undefined ? account.firstPeriod : addPeriods(last, 1);
  const period = firstPlanPeriod(account, next < bounds.earliestPeriod ? bounds.earliestPeriod : next);
  if (period === undefined || period > bounds.latestPeriod) return undefined;
  if (account.status === 'cancelled' && !notAfter(startOf(account, period), instant(account.cancelledAt))) return undefined;
  return period;
};

/** The monthly credit of a period takes effect at the period's first instant, however late it is written. */
const nextCredit = (account: OpenedAccount, until: Temporal.Instant): DueFact | undefined => {
  const period = nextCreditPeriod(account);
  if (period === undefined) return undefined;
  const at = startOf(account, period);
  if (!notAfter(at, until)) return undefined;
  const plan = planInForce(account, period)!;
  const credit = { period, lotId: `plan-${period}`, minutes: plan.monthlyMinutes, plan };
  const times = { creditedAt: at.toString(), expiresAt: lotExpiryOf(account, period) };
  return { at, rank: 2, events: [{ type: 'MonthlyPlanCredited', data: { ...credit, ...times } }] };
};

/**
 * The earliest overage invoice owed: a period with a shortfall and no invoice, at the rate in force in that period,
 * invoiced at its due instant (the first business day of the next period, on the calendar in force then).
 */
const nextInvoice = (book: AccountBook, calendars: CalendarSet): DueFact | undefined => {
  const owed = Object.entries(book.shortfalls).filter(([period, minutes]) => minutes > 0 && book.invoices[period] === undefined);
  const [period, shortfallMinutes] = owed.sort(([a], [b]) => (a < b ? -1 : 1))[0] ?? [];
  if (period === undefined || shortfallMinutes === undefined) return undefined;
  const at = invoiceDueAt(calendarFor(book, addPeriods(period, 1), calendars), period);
  const rateCentsPerHour = termsFor(book, period).overageRateCentsPerHour;
  const amountCents = roundHalfUpDiv(shortfallMinutes * rateCentsPerHour, 60);
  const invoice = { period, shortfallMinutes, rateCentsPerHour, amountCents, invoicedAt: at.toString() };
  return { at, rank: 4, events: [{ type: 'OverageInvoiced', data: invoice }] };
};

const expiryAlertFact = (book: AccountBook): DueFact | undefined => {
  const next = nextExpiryAlert(book);
  return next && { at: next.at, rank: 5, events: [next.event] };
};

const maintenanceFact = (account: OpenedAccount): DueFact | undefined => {
  const next = nextMaintenance(account);
  return next && { at: next.at, rank: 6, events: [next.event] };
};

const earliest = (facts: readonly (DueFact | undefined)[]): DueFact | undefined =>
  facts.reduce<DueFact | undefined>((best, fact) => {
    if (!fact) return best;
    if (!best) return fact;
    const order = Temporal.Instant.compare(fact.at, best.at) || fact.rank - best.rank;
    return order < 0 ? fact : best;
  }, undefined);

const nextFact = (account: OpenedAccount, until: Temporal.Instant, calendars: CalendarSet): DueFact | undefined =>
  earliest([nextExpiry(account), nextCredit(account, until), nextInvoice(account, calendars), expiryAlertFact(account), maintenanceFact(account)]);

const apply = (account: OpenedAccount, events: readonly AccountEvent[]): OpenedAccount =>
  foldFrom<AccountEvent, AccountState>(evolveAccount, account, events) as OpenedAccount;

/**
 * Every time-triggered fact of the account due at or before `until` and not in the stream yet, in the order
 * it happened: each takes effect at its own due instant (the business time in its payload), whichever
 * process notices it and however late. After the facts of each instant, a balance left under the alert threshold
 * is alerted at that instant. `calendars` holds the account's business calendars (invoice days).
 */
export const dueFacts = (account: OpenedAccount, until: Temporal.Instant, calendars: CalendarSet): AccountEvent[] => {
  const events: AccountEvent[] = [];
  let current = account;
  for (let next = nextFact(current, until, calendars); next && notAfter(next.at, until); ) {
    const at = next.at;
    for (; next && Temporal.Instant.compare(next.at, at) === 0; next = nextFact(current, until, calendars)) {
      events.push(...next.events);
      current = apply(current, next.events);
    }
    const alert = lowBalanceAlert(current, at);
    events.push(...alert);
    current = apply(current, alert);
  }
  return events;
};
