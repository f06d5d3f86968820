import { type BusinessCalendar, defaultCalendar } from '#calendar';
import { type Decider, DomainError, assertNever } from '#kernel';
import type { CalendarAdminCommand, ChangeCalendarOptions } from './calendar-admin.commands.js';
import {
  type CalendarAdminEvent,
  type CalendarOptions,
  DEFAULT_CALENDAR_ID,
} from './calendar-admin.events.js';
import { assertValidCalendar } from './calendar-rules.js';

export type CalendarAdminState =
  | { readonly status: 'absent' }
  | { readonly status: 'defined'; readonly calendar: BusinessCalendar };

const optionsOf = (calendar: BusinessCalendar): CalendarOptions => ({
  timeZone: calendar.timeZone,
  weeklyHours: calendar.weeklyHours,
  brazilNationalHolidays: calendar.brazilNationalHolidays,
  carnival: calendar.carnival,
  corpusChristi: calendar.corpusChristi,
});

const defined = (state: CalendarAdminState, calendarId: string): BusinessCalendar => {
  if (state.status === 'absent') {
    throw new DomainError('CALENDAR_NOT_FOUND', `Calendar ${calendarId} does not exist`, { calendarId });
  }
  return state.calendar;
};

const changedOptions = (command: ChangeCalendarOptions['data'], calendar: BusinessCalendar): CalendarOptions => {
  const current = optionsOf(calendar);
  return {
    timeZone: command.timeZone ?? current.timeZone,
    weeklyHours: command.weeklyHours ?? current.weeklyHours,
    brazilNationalHolidays: command.brazilNationalHolidays ?? current.brazilNationalHolidays,
    carnival: command.carnival ?? current.carnival,
    corpusChristi: command.corpusChristi ?? current.corpusChristi,
  };
};

const decide = (command: CalendarAdminCommand, state: CalendarAdminState): CalendarAdminEvent[] => {
  const { calendarId } = command.data;
  const at = command.data.now.toString();
  switch (command.type) {
    case 'DefineCalendar': {
      if (state.status === 'defined') {
        throw new DomainError('CALENDAR_ALREADY_DEFINED', `Calendar ${calendarId} already exists`, { calendarId });
      }
      const { now: _now, ...options } = command.data;
      assertValidCalendar({ ...options, id: calendarId, holidays: [] });
      return [{ type: 'CalendarDefined', data: { ...options, calendarId, holidays: [], definedAt: at } }];
    }
    case 'AddCalendarHoliday': {
      const calendar = defined(state, calendarId);
      const { date, name } = command.data;
      const existing = calendar.holidays.find((holiday) => holiday.date === date);
      if (existing?.name === name) return [];
      if (existing) {
        throw new DomainError('CALENDAR_HOLIDAY_DATE_TAKEN', `${date} is already ${existing.name}`, { date });
      }
      assertValidCalendar({ ...calendar, holidays: [...calendar.holidays, { date, name }] });
      return [{ type: 'CalendarHolidayAdded', data: { calendarId, date, name, addedAt: at } }];
    }
    case 'RemoveCalendarHoliday': {
      const calendar = defined(state, calendarId);
      const { date } = command.data;
      if (!calendar.holidays.some((holiday) => holiday.date === date)) {
        throw new DomainError('CALENDAR_HOLIDAY_NOT_FOUND', `No holiday added by hand on ${date}`, { date });
      }
      return [{ type: 'CalendarHolidayRemoved', data: { calendarId, date, removedAt: at } }];
    }
    case 'ChangeCalendarOptions': {
      const calendar = defined(state, calendarId);
      const options = changedOptions(command.data, calendar);
      if (JSON.stringify(options) === JSON.stringify(optionsOf(calendar))) return [];
      assertValidCalendar({ ...calendar, ...options });
      return [{ type: 'CalendarOptionsChanged', data: { ...options, calendarId, changedAt: at } }];
    }
    default:
      return assertNever(command);
  }
};

const evolve = (state: CalendarAdminState, event: CalendarAdminEvent): CalendarAdminState => {
  switch (event.type) {
    case 'CalendarDefined': {
      const { calendarId, definedAt: _at, ...rest } = event.data;
      return { status: 'defined', calendar: { ...rest, id: calendarId } };
    }
    case 'CalendarHolidayAdded': {
      const calendar = defined(state, event.data.calendarId);
      const holidays = [...calendar.holidays, { date: event.data.date, name: event.data.name }];
      return { status: 'defined', calendar: { ...calendar, holidays: holidays.sort((a, b) => a.date.localeCompare(b.date)) } };
    }
    case 'CalendarHolidayRemoved': {
      const calendar = defined(state, event.data.calendarId);
      const holidays = calendar.holidays.filter((holiday) => holiday.date !== event.data.date);
      return { status: 'defined', calendar: { ...calendar, holidays } };
    }
    case 'CalendarOptionsChanged': {
      const calendar = defined(state, event.data.calendarId);
      const { calendarId: _id, changedAt: _at, ...options } = event.data;
      return { status: 'defined', calendar: { ...calendar, ...options } };
    }
    default:
      return assertNever(event);
  }
};

/** The calendar administration decider for one calendar; `br-national` starts as the default calendar. */
export const calendarAdminDecider = (
  calendarId: string,
): Decider<CalendarAdminCommand, CalendarAdminEvent, CalendarAdminState> => ({
  initialState: () =>
    calendarId === DEFAULT_CALENDAR_ID
      ? { status: 'defined', calendar: defaultCalendar(DEFAULT_CALENDAR_ID) }
      : { status: 'absent' },
  decide,
  evolve,
});
