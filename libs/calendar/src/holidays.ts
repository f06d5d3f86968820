import type { BusinessCalendar, Holiday } from './business-calendar.js';
import { brazilNationalHolidays, byDateThenName } from './brazil-holidays.js';

/** Every day off of a calendar in a year: national holidays (if on) and the ones added by hand, sorted by date. */
export function holidaysIn(calendar: BusinessCalendar, year: number): Holiday[] {
  const national = calendar.brazilNationalHolidays
    ? brazilNationalHolidays(year, { carnival: calendar.carnival, corpusChristi: calendar.corpusChristi })
    : [];
  const prefix = `${String(year).padStart(4, '0')}-`;
  const local = calendar.holidays.filter((holiday) => holiday.date.startsWith(prefix));
  const all = [...national, ...local].sort(byDateThenName);
  return all.filter((holiday, i) => i === 0 || holiday.date !== all[i - 1].date || holiday.name !== all[i - 1].name);
}
