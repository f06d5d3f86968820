import { registerDecorator, type ValidationOptions } from 'class-validator';
import { Temporal } from 'temporal-polyfill';
import { bounds, isDateInRange, isPeriodInRange } from '#calendar';
import { INSTANT_RANGE_TEXT, isInstant } from '#platform';

const parses = (parse: (value: string) => unknown) => (value: unknown): boolean => {
  if (typeof value !== 'string' || value.length > 64) return false;
  try {
    parse(value);
    return true;
  } catch {
    return false;
  }
};

const temporalRule = (name: string, test: (value: unknown) => boolean, message: string) =>
  (options?: ValidationOptions): PropertyDecorator =>
    (target, propertyName) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: String(propertyName),
        options: { message: `$property ${message}`, ...options },
        validator: { validate: test },
      });

/** An exact instant with its UTC offset, e.g. 2026-11-03T12:00:00Z, within the accepted range. */
export const IsInstant = temporalRule(
  'isInstant',
  (value) => isInstant(value),
  `must be an ISO-8601 instant with an offset, e.g. 2026-11-03T12:00:00Z, ${INSTANT_RANGE_TEXT}`,
);

/** A calendar date without time, e.g. 2026-11-03, within the accepted range. */
export const IsPlainDate = temporalRule(
  'isPlainDate',
  (value) => typeof value === 'string' && isDateInRange(value),
  `must be a calendar date YYYY-MM-DD from ${bounds.earliestDate} to ${bounds.latestDate}`,
);

/** A period (calendar month) YYYY-MM within the accepted range. */
export const IsPeriod = temporalRule(
  'isPeriod',
  (value) => typeof value === 'string' && isPeriodInRange(value),
  `must be a period YYYY-MM from ${bounds.earliestPeriod} to ${bounds.latestPeriod}`,
);

/** An IANA time zone name, e.g. America/Sao_Paulo. */
export const IsTimeZone = temporalRule(
  'isTimeZone',
  parses((value) => {
    if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(value)) throw new RangeError('not an IANA name');
    return Temporal.ZonedDateTime.from({ year: 2000, month: 1, day: 1, timeZone: value });
  }),
  'must be an IANA time zone, e.g. America/Sao_Paulo',
);

/** A wall-clock time HH:MM. */
export const IsWallTime = temporalRule(
  'isWallTime',
  parses((value) => {
    if (!/^\d{2}:\d{2}$/.test(value)) throw new RangeError('not HH:MM');
    return Temporal.PlainTime.from(value, { overflow: 'reject' });
  }),
  'must be a time HH:MM',
);
