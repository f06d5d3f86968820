/** A working window on a weekday, wall-clock 'HH:MM' in the calendar's zone, half-open [start, end). */
export interface WorkingWindow {
  readonly start: string;
  readonly end: string;
}

/** A day with no business hours: a national holiday, a local holiday or a closure. `date` is 'YYYY-MM-DD'. */
export interface Holiday {
  readonly date: string;
  readonly name: string;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface BusinessCalendar {
  readonly id: string;
  readonly timeZone: string;
  readonly weeklyHours: Readonly<Partial<Record<IsoWeekday, readonly WorkingWindow[]>>>;
  readonly brazilNationalHolidays: boolean;
  /** Carnival Monday and Tuesday. */
  readonly carnival: boolean;
  readonly corpusChristi: boolean;
  /** Local holidays and closures, added by hand. */
  readonly holidays: readonly Holiday[];
}

const officeHours: readonly WorkingWindow[] = [{ start: '09:00', end: '18:00' }];

export function defaultCalendar(id = 'default'): BusinessCalendar {
  return {
    id,
    timeZone: 'America/Sao_Paulo',
    weeklyHours: { 1: officeHours, 2: officeHours, 3: officeHours, 4: officeHours, 5: officeHours },
    brazilNationalHolidays: true,
    carnival: false,
    corpusChristi: false,
    holidays: [],
  };
}
