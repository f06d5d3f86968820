import { Temporal } from 'temporal-polyfill';
import { DomainError } from '#kernel';

/**
 * The range the back office accepts: instants from 2000-01-01T00:00:00Z up to, not including,
 * 2101-01-01T00:00:00Z; dates 2000-01-01 … 2100-12-31; periods 2000-01 … 2100-12. Instants derived from
 * accepted ones (a lot expiring twelve months after its period, a due time moved by business days) may pass
 * the end a little; business-time arithmetic never looks past the horizon, so no stored instant can keep
 * it counting days for ever.
 */
export const bounds = {
  earliestInstant: '2000-01-01T00:00:00Z',
  endOfInstants: '2101-01-01T00:00:00Z',
  earliestDate: '2000-01-01',
  latestDate: '2100-12-31',
  earliestPeriod: '2000-01',
  latestPeriod: '2100-12',
  horizon: '2102-01-01T00:00:00Z',
} as const;

const msOf = (iso: string): number => Temporal.Instant.from(iso).epochMilliseconds;
const EARLIEST_MS = msOf(bounds.earliestInstant);
const END_MS = msOf(bounds.endOfInstants);
/** Business time is not counted before 1900 nor after the horizon. */
export const ARITHMETIC_FLOOR_MS = msOf('1900-01-01T00:00:00Z');
export const HORIZON_MS = msOf(bounds.horizon);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

export const isInstantInRange = (instant: Temporal.Instant): boolean =>
  instant.epochMilliseconds >= EARLIEST_MS && instant.epochMilliseconds < END_MS;

/** A real calendar date `YYYY-MM-DD` within the range. */
export const isDateInRange = (date: string): boolean => {
  if (!DATE.test(date) || date < bounds.earliestDate || date > bounds.latestDate) return false;
  try {
    return Temporal.PlainDate.from(date, { overflow: 'reject' }).toString() === date;
  } catch {
    return false;
  }
};

/** A period `YYYY-MM` within the range (four-digit periods compare as text in time order). */
export const isPeriodInRange = (period: string): boolean =>
  PERIOD.test(period) && period >= bounds.earliestPeriod && period <= bounds.latestPeriod;

const rangeText = `${bounds.earliestInstant} … ${bounds.endOfInstants} (excluded)`;

/** For deciders: an instant a person gave (an expected delivery) must be within the range. */
export const assertInstantInRange = (instant: Temporal.Instant, field: string): Temporal.Instant => {
  if (isInstantInRange(instant)) return instant;
  throw new DomainError('INSTANT_OUT_OF_RANGE', `${field} must be within ${rangeText}`, { field, value: instant.toString() });
};

export const assertDateInRange = (date: string, field: string): string => {
  if (isDateInRange(date)) return date;
  throw new DomainError('DATE_OUT_OF_RANGE', `${field} must be a date from ${bounds.earliestDate} to ${bounds.latestDate}`, { field, value: date });
};

export const assertPeriodInRange = (period: string, field: string): string => {
  if (isPeriodInRange(period)) return period;
  throw new DomainError('PERIOD_OUT_OF_RANGE', `${field} must be a period from ${bounds.earliestPeriod} to ${bounds.latestPeriod}`, {
    field, value: period,
  });
};
