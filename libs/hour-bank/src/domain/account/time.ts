import { Temporal } from 'temporal-polyfill';
import { DomainError } from '#kernel';
import { addPeriods, periodStart } from '#calendar';
import { lotValidityMonths } from '../plans/plan-terms.js';

const periodPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

export const assertPeriod = (period: unknown): string => {
  if (typeof period !== 'string' || !periodPattern.test(period)) {
    throw new DomainError('PERIOD_MUST_BE_A_YEAR_AND_MONTH', 'A period is written YYYY-MM', { period });
  }
  return period;
};

/** ISO instants of different precision do not sort as text, so compare them as instants. */
export const compareInstants = (a: string, b: string): number =>
  Temporal.Instant.compare(Temporal.Instant.from(a), Temporal.Instant.from(b));

/** A lot credited in period P expires at the first instant of P+12 in the account's time zone. */
export const lotExpiry = (period: string, timeZone: string): string =>
  periodStart(addPeriods(period, lotValidityMonths), timeZone).toString();
