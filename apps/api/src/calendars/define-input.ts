import { defaultCalendar } from '#calendar';
import type { CalendarOptions } from '#hour-bank';
import type { CalendarOptionsRequestDto } from './dto/calendar.request.dto.js';

/** A new calendar starts from the default office calendar; what the body gives replaces it. */
export function defineInput(calendarId: string, body: CalendarOptionsRequestDto): CalendarOptions {
  const base = defaultCalendar(calendarId);
  return {
    timeZone: body.timeZone ?? base.timeZone,
    weeklyHours: (body.weeklyHours as CalendarOptions['weeklyHours'] | undefined) ?? base.weeklyHours,
    brazilNationalHolidays: body.brazilNationalHolidays ?? base.brazilNationalHolidays,
    carnival: body.carnival ?? base.carnival,
    corpusChristi: body.corpusChristi ?? base.corpusChristi,
  };
}
