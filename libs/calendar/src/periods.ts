import { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar } from './business-calendar.js';
import { epochDayOf, plainDateOf } from './civil-days.js';
import { compile } from './compiled-calendar.js';
import { dayWindows } from './day-windows.js';

/** A period is a calendar month in a time zone, written 'YYYY-MM'. */
function parsePeriod(period: string): Temporal.PlainYearMonth {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (!match) throw new RangeError(`period must be YYYY-MM, got "${period}"`);
  return new Temporal.PlainYearMonth(Number(match[1]), Number(match[2]));
}

const firstEpochDay = (month: Temporal.PlainYearMonth): number => epochDayOf(month.year, month.month, 1);

/** The first day on or after the 1st of the period with working hours and no holiday (past the month if it has none). */
export function firstBusinessDayOfMonth(calendar: BusinessCalendar, period: string): Temporal.PlainDate {
  const compiled = compile(calendar);
  let day = firstEpochDay(parsePeriod(period));
  while (compiled.windowsOn(day).length === 0) day++;
  return plainDateOf(day);
}

/** The opening instant of the first business day of the period. */
export function startOfFirstBusinessDay(calendar: BusinessCalendar, period: string): Temporal.Instant {
  const windowsOf = dayWindows(compile(calendar));
  for (let day = firstEpochDay(parsePeriod(period)); ; day++) {
    const [first] = windowsOf(day);
    if (first) return Temporal.Instant.fromEpochMilliseconds(first[0]);
  }
}

export function periodOf(instant: Temporal.Instant, timeZone: string): string {
  return instant.toZonedDateTimeISO(timeZone).toPlainDate().toPlainYearMonth().toString();
}

/** The first instant of the month in that zone (local midnight, or the first existing instant after it). */
export function periodStart(period: string, timeZone: string): Temporal.Instant {
  return parsePeriod(period).toPlainDate({ day: 1 }).toZonedDateTime(timeZone).toInstant();
}

export function addPeriods(period: string, months: number): string {
  if (!Number.isSafeInteger(months)) throw new RangeError(`months must be a whole number, got ${months}`);
  return parsePeriod(period).add({ months }).toString();
}
