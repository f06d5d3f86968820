import type { Temporal } from 'temporal-polyfill';
import type { CalendarOptions } from './calendar-admin.events.js';

export type DefineCalendar = {
  readonly type: 'DefineCalendar';
  readonly data: CalendarOptions & { readonly calendarId: string; readonly now: Temporal.Instant };
};
export type AddCalendarHoliday = {
  readonly type: 'AddCalendarHoliday';
  readonly data: { readonly calendarId: string; readonly date: string; readonly name: string; readonly now: Temporal.Instant };
};
export type RemoveCalendarHoliday = {
  readonly type: 'RemoveCalendarHoliday';
  readonly data: { readonly calendarId: string; readonly date: string; readonly now: Temporal.Instant };
};
/** Options not given keep their current value. */
export type ChangeCalendarOptions = {
  readonly type: 'ChangeCalendarOptions';
  readonly data: Partial<CalendarOptions> & { readonly calendarId: string; readonly now: Temporal.Instant };
};

export type CalendarAdminCommand = DefineCalendar | AddCalendarHoliday | RemoveCalendarHoliday | ChangeCalendarOptions;
