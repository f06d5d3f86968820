import type { WorkingWindow } from './business-calendar.js';

export const MINUTES_PER_DAY = 1440;

/** Minutes since midnight of 'HH:MM' (00:00–23:59; '24:00' too when `endOfDay` allows it), or undefined when malformed. */
export function minuteOfDay(text: unknown, endOfDay = false): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (endOfDay && hours === 24 && minutes === 0) return MINUTES_PER_DAY;
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : undefined;
}

export type MinuteRange = readonly [start: number, end: number];

/** A well-formed window as minutes of the day, or undefined. */
export function windowMinutes(window: WorkingWindow): MinuteRange | undefined {
  const start = minuteOfDay(window?.start);
  const end = minuteOfDay(window?.end, true);
  return start !== undefined && end !== undefined && end > start ? [start, end] : undefined;
}
