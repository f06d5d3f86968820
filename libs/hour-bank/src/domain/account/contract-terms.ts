import { Temporal } from 'temporal-polyfill';
import { type BusinessCalendar, addPeriods, periodOf, periodStart } from '#calendar';
import { DomainError } from '#kernel';
import { type PlanExtra, extrasOf, lotValidityMonths } from '../plans/plan-terms.js';
import type { ContractTerms } from './contract-events.js';
import { type AccountBook, planInForce } from './account-state.js';

/** The contract terms in force in `period`: the opening terms with every amendment from a period at or before it applied. */
export const termsFor = (book: ContractTerms & Pick<AccountBook, 'amendments'>, period: string): ContractTerms => {
  const { clientName, overageRateCentsPerHour, calendarId, timeZone } = book;
  const opening: ContractTerms = { clientName, overageRateCentsPerHour, calendarId, timeZone };
  return (book.amendments ?? []).filter((entry) => entry.from <= period).reduce<ContractTerms>((terms, { from: _from, ...change }) => ({ ...terms, ...change }), opening);
};

/** What period arithmetic needs of an account: the opening zone and the amendments (the deadlines keep just these). */
export type ZonedTerms = Pick<AccountBook, 'timeZone' | 'calendarId' | 'amendments'>;

/** One term in force in `period`: the latest amendment from a period at or before it that sets it, else the opening one. */
const termIn = <Field extends 'timeZone' | 'calendarId'>(book: ZonedTerms, field: Field, period: string): string =>
  (book.amendments ?? []).filter((entry) => entry.from <= period && entry[field] !== undefined).at(-1)?.[field] ?? book[field];

export const zoneFor = (book: ZonedTerms, period: string): string => termIn(book, 'timeZone', period);
export const calendarIdFor = (book: ZonedTerms, period: string): string => termIn(book, 'calendarId', period);

/** The first instant of a period, counted in the zone in force in that period. */
export const startOf = (book: ZonedTerms, period: string): Temporal.Instant => periodStart(period, zoneFor(book, period));

/**
 * The period an instant falls in: the one whose first instant is at or before it and whose successor's is after.
 * With amendments of the zone a period may be a few hours longer or shorter than the calendar month.
 */
export const periodAt = (book: ZonedTerms, instant: Temporal.Instant): string => {
  let period = periodOf(instant, book.timeZone);
  if (!book.amendments?.length) return period;
  for (let step = 0; step < 4; step++) {
    if (Temporal.Instant.compare(instant, startOf(book, period)) < 0) period = addPeriods(period, -1);
    else if (Temporal.Instant.compare(instant, startOf(book, addPeriods(period, 1))) >= 0) period = addPeriods(period, 1);
    else return period;
  }
  return period;
};

/** A lot credited in period P expires at the first instant of P+12 (as the zone then in force counts it, known at crediting). */
export const lotExpiryOf = (book: ZonedTerms, period: string): string => startOf(book, addPeriods(period, lotValidityMonths)).toString();

/** The business calendars a command may carry: the account's own, and any its amendments name. */
export type CalendarSet = BusinessCalendar | readonly BusinessCalendar[];

/** The calendar in force in `period`; the command must carry it (CALENDAR_IS_NOT_THE_ACCOUNTS names the one missing). */
export const calendarFor = (book: ZonedTerms, period: string, calendars: CalendarSet | undefined): BusinessCalendar => {
  const expected = calendarIdFor(book, period);
  const list: readonly BusinessCalendar[] = calendars === undefined ? [] : Array.isArray(calendars) ? calendars : [calendars as BusinessCalendar];
  const found = list.find((calendar) => calendar.id === expected);
  if (!found) {
    throw new DomainError('CALENDAR_IS_NOT_THE_ACCOUNTS', 'Use the account business calendar', { expected, given: list.map((c) => c.id).join(',') });
  }
  return found;
};

/** Every calendar the account uses (opening and amendments): what readers fetch before asking the domain. */
export const calendarIdsOf = (book: ZonedTerms): string[] =>
  [...new Set([book.calendarId, ...(book.amendments ?? []).flatMap((a) => (a.calendarId ? [a.calendarId] : []))])];

/** The first-response target of tickets opened in `period`: the plan's, or a package-only contract's own. */
export const firstResponseTargetFor = (book: AccountBook, period: string): number =>
  planInForce(book, period)?.firstResponseBusinessMinutes ?? book.packageFirstResponseBusinessMinutes ?? PACKAGE_FIRST_RESPONSE_FALLBACK;

/** A package-only account opened without a target gets the catalog's slowest (START's 4 business hours). */
export const PACKAGE_FIRST_RESPONSE_FALLBACK = 240;

/** What the contract includes beyond minutes in `period` (or any later period already agreed): a package-only period has none. */
export const extrasFrom = (book: AccountBook, period: string): readonly PlanExtra[] => {
  const plans = [planInForce(book, period), ...book.plans.filter((entry) => entry.from > period).map((entry) => entry.plan)];
  return [...new Set(plans.flatMap((plan) => (plan ? extrasOf(plan) : [])))];
};
