import { DomainError } from '#kernel';
import { BoundedMemo } from './bounded-memo.js';
import type { BusinessCalendar, IsoWeekday } from './business-calendar.js';
import { civilOf, epochDayOf, isoWeekdayOf } from './civil-days.js';
import { holidaysIn } from './holidays.js';
import { validateCalendar } from './validate-calendar.js';
import { windowMinutes, type MinuteRange } from './wall-clock.js';

/** A validated calendar in the shape the arithmetic needs: windows as minutes of the day, holidays as epoch days. */
export interface CompiledCalendar {
  readonly timeZone: string;
  readonly weekdayWindows: ReadonlyArray<readonly MinuteRange[]>; // index = ISO weekday
  windowsOn(epochDay: number): readonly MinuteRange[];
}

// Keyed by the calendar object itself, and by its content: a calendar read again from its stream (a new object on
// every command) finds the one compiled before, with its holidays and time-zone spans. Different options never share.
const compiled = new WeakMap<BusinessCalendar, CompiledCalendar>();
const compiledByContent = new BoundedMemo<string, CompiledCalendar>(256);

const sortedWindows = (calendar: BusinessCalendar, weekday: IsoWeekday): MinuteRange[] =>
  (calendar.weeklyHours[weekday] ?? [])
    .map(windowMinutes)
    .filter((range): range is MinuteRange => range !== undefined)
    .sort((a, b) => a[0] - b[0]);

function holidayLookup(calendar: BusinessCalendar): (epochDay: number) => boolean {
  const byYear = new Map<number, ReadonlySet<number>>();
  return (epochDay) => {
    const { year } = civilOf(epochDay);
    let days = byYear.get(year);
    if (!days) {
      days = new Set(holidaysIn(calendar, year).map(({ date }) => epochDayOf(+date.slice(0, 4), +date.slice(5, 7), +date.slice(8, 10))));
      byYear.set(year, days);
    }
    return days.has(epochDay);
  };
}

/** Compiles a calendar without any cache (what `compile` remembers); throws like it. */
export function compileAnew(calendar: BusinessCalendar): CompiledCalendar {
  const problems = validateCalendar(calendar);
  if (problems.length > 0) {
    throw new DomainError('BUSINESS_CALENDAR_MUST_BE_VALID', `Business calendar "${calendar.id}" is invalid: ${problems.join('; ')}`, {
      calendarId: calendar.id,
      problems,
    });
  }
  const weekdayWindows = [[], ...([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => sortedWindows(calendar, weekday))];
  const isHoliday = holidayLookup(calendar);
  return {
    timeZone: calendar.timeZone,
    weekdayWindows,
    windowsOn: (epochDay) => {
      const windows = weekdayWindows[isoWeekdayOf(epochDay)];
      return windows.length === 0 || isHoliday(epochDay) ? [] : windows;
    },
  };
}

const contentKey = (calendar: BusinessCalendar): string =>
  JSON.stringify([calendar.id, calendar.timeZone, calendar.weeklyHours, calendar.brazilNationalHolidays, calendar.carnival, calendar.corpusChristi, calendar.holidays]);

/** Validates once per calendar object; throws BUSINESS_CALENDAR_MUST_BE_VALID for an invalid one. */
export function compile(calendar: BusinessCalendar): CompiledCalendar {
  let result = compiled.get(calendar);
  if (!result) {
    result = compiledByContent.get(contentKey(calendar), () => compileAnew(calendar));
    compiled.set(calendar, result);
  }
  return result;
}
