import type { DomainEvent } from '#kernel';
import type { Holiday, WorkingWindow } from '#calendar';

/** The calendar's editable options: everything except its id and hand-added holidays. */
export interface CalendarOptions {
  readonly timeZone: string;
  readonly weeklyHours: Readonly<Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, readonly WorkingWindow[]>>>;
  readonly brazilNationalHolidays: boolean;
  readonly carnival: boolean;
  readonly corpusChristi: boolean;
}

export type CalendarDefined = DomainEvent<
  'CalendarDefined',
  CalendarOptions & { readonly calendarId: string; readonly holidays: readonly Holiday[]; readonly definedAt: string }
>;
export type CalendarHolidayAdded = DomainEvent<
  'CalendarHolidayAdded',
  { readonly calendarId: string; readonly date: string; readonly name: string; readonly addedAt: string }
>;
export type CalendarHolidayRemoved = DomainEvent<
  'CalendarHolidayRemoved',
  { readonly calendarId: string; readonly date: string; readonly removedAt: string }
>;
export type CalendarOptionsChanged = DomainEvent<
  'CalendarOptionsChanged',
  CalendarOptions & { readonly calendarId: string; readonly changedAt: string }
>;

export type CalendarAdminEvent = CalendarDefined | CalendarHolidayAdded | CalendarHolidayRemoved | CalendarOptionsChanged;

/** Stored, versioned names: a contract, never derived from the type names. */
export const calendarAdminEventNames = {
  CalendarDefined: 'hourbank.calendar.defined.v1',
  CalendarHolidayAdded: 'hourbank.calendar.holiday-added.v1',
  CalendarHolidayRemoved: 'hourbank.calendar.holiday-removed.v1',
  CalendarOptionsChanged: 'hourbank.calendar.options-changed.v1',
} as const satisfies Record<CalendarAdminEvent['type'], string>;

export const calendarStream = (calendarId: string): string => `calendar-${calendarId}`;

/** The calendar every account gets unless told otherwise; it exists before anyone edits it. */
export const DEFAULT_CALENDAR_ID = 'br-national';
