import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { timePhaseAsync } from '../http/server-timing.js';
import { ValidationFailedError, type FieldError } from './problem.js';

export function flattenValidationErrors(errors: readonly ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** class-validator on every DTO (its time is the request's `validation` phase). */
class TimedValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return timePhaseAsync('validation', () => super.transform(value, metadata));
  }
}

export const createValidationPipe = (): ValidationPipe =>
  new TimedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(flattenValidationErrors(errors)),
  });
