import { ValidateBy, type ValidationOptions } from 'class-validator';
import { Temporal } from 'temporal-polyfill';
import { bounds, isInstantInRange } from '#calendar';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export const isInstant = (value: unknown): value is string => {
  if (typeof value !== 'string' || !INSTANT.test(value)) return false;
  try {
    return isInstantInRange(Temporal.Instant.from(value));
  } catch {
    return false;
  }
};

export const INSTANT_RANGE_TEXT = `from ${bounds.earliestInstant} up to, not including, ${bounds.endOfInstants}`;

/** An ISO-8601 date-time with a Z or an explicit offset (an instant, never a local time), within the accepted range. */
export const IsInstant = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    { name: 'isInstant', validator: { validate: isInstant, defaultMessage: (args) => `${args?.property ?? "value"} must be an ISO-8601 instant with Z or an offset, ${INSTANT_RANGE_TEXT}` } },
    options,
  );
