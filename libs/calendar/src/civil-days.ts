import { Temporal } from 'temporal-polyfill';
import type { IsoWeekday } from './business-calendar.js';

/** Day arithmetic on "epoch days" (days since 1970-01-01, proleptic Gregorian), so stepping a day is `+ 1`. */
export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

const DAYS_PER_ERA = 146_097;
const EPOCH_SHIFT = 719_468; // days from 0000-03-01 to 1970-01-01

export function epochDayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * DAYS_PER_ERA + dayOfEra - EPOCH_SHIFT;
}

export function civilOf(epochDay: number): { year: number; month: number; day: number } {
  const shifted = epochDay + EPOCH_SHIFT;
  const era = Math.floor(shifted / DAYS_PER_ERA);
  const dayOfEra = shifted - era * DAYS_PER_ERA;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isoWeekdayOf(epochDay: number): IsoWeekday {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1 as IsoWeekday; // 1970-01-01 was a Thursday
}

export const epochDayOfDate = (date: Temporal.PlainDate): number => epochDayOf(date.year, date.month, date.day);

export const plainDateOf = (epochDay: number): Temporal.PlainDate => Temporal.PlainDate.from(civilOf(epochDay));
