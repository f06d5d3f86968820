export { defaultCalendar, type BusinessCalendar, type Holiday, type IsoWeekday, type WorkingWindow } from './business-calendar.js';
export { validateCalendar } from './validate-calendar.js';
export { brazilNationalHolidays, type BrazilHolidayOptions } from './brazil-holidays.js';
export { holidaysIn } from './holidays.js';
export { addBusinessMinutes, businessMinutesBetween, dailyBusinessMinutes, isBusinessDay } from './business-time.js';
export { addPeriods, firstBusinessDayOfMonth, periodOf, periodStart, startOfFirstBusinessDay } from './periods.js';
export {
  bounds, isInstantInRange, isDateInRange, isPeriodInRange, assertInstantInRange, assertDateInRange, assertPeriodInRange,
} from './bounds.js';
