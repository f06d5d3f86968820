import { expect } from 'chai';
import { Temporal } from 'temporal-polyfill';
import { fold } from '#kernel';
import { DeciderSpecification } from '#testing';
import type { CalendarAdminEvent } from './calendar-admin.events.js';
import { calendarAdminDecider } from './calendar-admin.decider.js';

const now = Temporal.Instant.from('2026-11-03T12:00:00Z');
const at = now.toString();
const office = [{ start: '09:00', end: '18:00' }];
const options = {
  timeZone: 'America/Recife',
  weeklyHours: { 1: office, 2: office, 3: office, 4: office, 5: office },
  brazilNationalHolidays: true,
  carnival: true,
  corpusChristi: false,
};
const defined: CalendarAdminEvent = {
  type: 'CalendarDefined',
  data: { ...options, calendarId: 'recife', holidays: [], definedAt: at },
};

describe('calendar administration', () => {
  const recife = DeciderSpecification.for(calendarAdminDecider('recife'));
  const national = DeciderSpecification.for(calendarAdminDecider('br-national'));

  it('defines a new calendar', () =>
    recife([]).when({ type: 'DefineCalendar', data: { ...options, calendarId: 'recife', now } }).then([defined]));

  it('refuses to define a calendar twice', () =>
    recife([defined])
      .when({ type: 'DefineCalendar', data: { ...options, calendarId: 'recife', now } })
      .thenThrows('CALENDAR_ALREADY_DEFINED'));

  it('refuses an invalid time zone', () =>
    recife([])
      .when({ type: 'DefineCalendar', data: { ...options, timeZone: 'Mars/Olympus', calendarId: 'recife', now } })
      .thenThrows('CALENDAR_IS_NOT_VALID'));

  it('edits an undefined calendar only when it is the implicit national one', () => {
    const add = { type: 'AddCalendarHoliday', data: { calendarId: 'br-national', date: '2026-12-24', name: 'Véspera', now } } as const;
    national([]).when(add).then([{ type: 'CalendarHolidayAdded', data: { calendarId: 'br-national', date: '2026-12-24', name: 'Véspera', addedAt: at } }]);
    recife([]).when({ ...add, data: { ...add.data, calendarId: 'recife' } }).thenThrows('CALENDAR_NOT_FOUND');
  });

  it('adds the same holiday twice as one, and refuses another name on that date', () => {
    const added: CalendarAdminEvent = { type: 'CalendarHolidayAdded', data: { calendarId: 'recife', date: '2026-06-24', name: 'São João', addedAt: at } };
    recife([defined, added]).when({ type: 'AddCalendarHoliday', data: { calendarId: 'recife', date: '2026-06-24', name: 'São João', now } }).thenNothingHappens();
    recife([defined, added]).when({ type: 'AddCalendarHoliday', data: { calendarId: 'recife', date: '2026-06-24', name: 'Other', now } }).thenThrows('CALENDAR_HOLIDAY_DATE_TAKEN');
  });

  it('removes only a holiday added by hand', () => {
    recife([defined]).when({ type: 'RemoveCalendarHoliday', data: { calendarId: 'recife', date: '2026-06-24', now } }).thenThrows('CALENDAR_HOLIDAY_NOT_FOUND');
  });

  it('changes options, keeping the ones not given, and ignores a change to the same values', () => {
    recife([defined]).when({ type: 'ChangeCalendarOptions', data: { calendarId: 'recife', corpusChristi: true, now } })
      .then([{ type: 'CalendarOptionsChanged', data: { ...options, corpusChristi: true, calendarId: 'recife', changedAt: at } }]);
    recife([defined]).when({ type: 'ChangeCalendarOptions', data: { calendarId: 'recife', carnival: true, now } }).thenNothingHappens();
  });

  it('folds to the business calendar the rest of the system uses', () => {
    const decider = calendarAdminDecider('recife');
    const state = fold(decider, [
      defined,
      { type: 'CalendarHolidayAdded', data: { calendarId: 'recife', date: '2026-06-24', name: 'São João', addedAt: at } },
      { type: 'CalendarOptionsChanged', data: { ...options, corpusChristi: true, calendarId: 'recife', changedAt: at } },
    ]);
    expect(state).to.deep.equal({
      status: 'defined',
      calendar: { ...options, corpusChristi: true, id: 'recife', holidays: [{ date: '2026-06-24', name: 'São João' }] },
    });
  });
});
