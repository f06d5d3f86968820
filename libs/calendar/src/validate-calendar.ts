import { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar, Holiday, WorkingWindow } from './business-calendar.js';
import { minuteOfDay, windowMinutes, type MinuteRange } from './wall-clock.js';

const weekdayNames = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function isValidTimeZone(timeZone: unknown): boolean {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') return false;
  try {
    Temporal.PlainDate.from('2000-01-01').toZonedDateTime(timeZone);
    return true;
  } catch {
    return false;
  }
}

function windowProblems(dayName: string, windows: readonly WorkingWindow[]): string[] {
  const problems: string[] = [];
  const ranges: MinuteRange[] = [];
  windows.forEach((window, i) => {
    const label = `${dayName} window ${i + 1}`;
    const start = minuteOfDay(window?.start);
    const end = minuteOfDay(window?.end, true);
    if (start === undefined) problems.push(`${label}: start "${window?.start}" is not a time HH:MM (00:00–23:59)`);
    if (end === undefined) problems.push(`${label}: end "${window?.end}" is not a time HH:MM (00:00–24:00)`);
    if (start !== undefined && end !== undefined && end <= start) {
      problems.push(`${label}: end ${window.end} is not after start ${window.start}`);
    }
    const range = windowMinutes(window);
    if (range) ranges.push(range);
  });
  ranges.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i][0] < ranges[i - 1][1]) problems.push(`${dayName}: working windows overlap`);
  }
  return problems;
}

function weeklyHoursProblems(weeklyHours: BusinessCalendar['weeklyHours']): string[] {
  if (typeof weeklyHours !== 'object' || weeklyHours === null) return ['weekly hours are missing'];
  const problems: string[] = [];
  let working = false;
  for (const [key, windows] of Object.entries(weeklyHours)) {
    if (!/^[1-7]$/.test(key)) {
      problems.push(`weekday "${key}" is not an ISO weekday (1 = Monday … 7 = Sunday)`);
    } else if (!Array.isArray(windows)) {
      problems.push(`${weekdayNames[Number(key)]}: working windows must be a list`);
    } else {
      problems.push(...windowProblems(weekdayNames[Number(key)], windows));
      working ||= windows.some((window) => windowMinutes(window) !== undefined);
    }
  }
  return working ? problems : [...problems, 'the calendar has no working hours on any weekday'];
}

function isValidIsoDate(date: unknown): boolean {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  try {
    Temporal.PlainDate.from(date, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

function holidayProblems(holidays: readonly Holiday[]): string[] {
  if (!Array.isArray(holidays)) return ['holidays must be a list'];
  return holidays.flatMap((holiday, i) => [
    ...(isValidIsoDate(holiday?.date) ? [] : [`holiday ${i + 1}: date "${holiday?.date}" is not a date YYYY-MM-DD`]),
    ...(typeof holiday?.name === 'string' && holiday.name.trim() !== '' ? [] : [`holiday ${i + 1}: name is empty`]),
  ]);
}

/** Human-readable problems of a calendar; [] when it is valid. */
export function validateCalendar(calendar: BusinessCalendar): string[] {
  return [
    ...(typeof calendar.id === 'string' && calendar.id.trim() !== '' ? [] : ['the calendar id is empty']),
    ...(isValidTimeZone(calendar.timeZone) ? [] : [`time zone "${calendar.timeZone}" is not a valid IANA time zone`]),
    ...weeklyHoursProblems(calendar.weeklyHours),
    ...holidayProblems(calendar.holidays),
  ];
}
