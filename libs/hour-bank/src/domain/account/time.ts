import { Temporal } from 'temporal-polyfill';
import { DomainError } from '#kernel';

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

/** A known IANA time zone (checked by using it at `now`). */
export const assertTimeZone = (timeZone: unknown, now: Temporal.Instant): string => {
  try {
    if (typeof timeZone !== 'string' || timeZone === '') throw new RangeError('no time zone');
    now.toZonedDateTimeISO(timeZone);
    return timeZone;
  } catch {
    throw new DomainError('TIME_ZONE_IS_UNKNOWN', 'The time zone is not a known IANA zone', { timeZone });
  }
};
