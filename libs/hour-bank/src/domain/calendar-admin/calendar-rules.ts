import { type BusinessCalendar, validateCalendar } from '#calendar';
import { DomainError } from '#kernel';

export function assertValidCalendar(calendar: BusinessCalendar): void {
  const problems = validateCalendar(calendar);
  if (problems.length > 0) {
    throw new DomainError('CALENDAR_IS_NOT_VALID', problems.join('; '), { problems });
  }
}
