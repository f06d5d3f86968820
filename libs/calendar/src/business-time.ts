import { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar } from './business-calendar.js';
import { epochDayOfDate, MS_PER_MINUTE } from './civil-days.js';
import { compile } from './compiled-calendar.js';
import { dayWindows, localEpochDayAt } from './day-windows.js';
import { ARITHMETIC_FLOOR_MS, HORIZON_MS } from './bounds.js';

const clamp = (ms: number): number => Math.min(Math.max(ms, ARITHMETIC_FLOOR_MS), HORIZON_MS);
const horizon = (): Temporal.Instant => Temporal.Instant.fromEpochMilliseconds(HORIZON_MS);

function assertMinutes(minutes: number): void {
  if (!Number.isSafeInteger(minutes) || minutes < 0) {
    throw new RangeError(`business minutes must be a non-negative whole number, got ${minutes}`);
  }
}

/**
 * The earliest instant at which `minutes` business minutes have elapsed since `from`. A window is [open, close):
 * filling a 09:00–18:00 day from 09:00 gives 18:00 that day, and 0 minutes gives `from` itself. Business time
 * is not counted past the horizon (bounds.ts): a sum that would end beyond it ends there, one from beyond it is `from`.
 */
export function addBusinessMinutes(calendar: BusinessCalendar, from: Temporal.Instant, minutes: number): Temporal.Instant {
  assertMinutes(minutes);
  if (minutes === 0) return from;
  if (from.epochMilliseconds >= HORIZON_MS) return from;
  const compiled = compile(calendar);
  const windowsOf = dayWindows(compiled);
  const fromMs = from.epochMilliseconds;
  let remaining = minutes * MS_PER_MINUTE;
  const lastDay = localEpochDayAt(compiled, HORIZON_MS);
  // Day before the local day of `from`: a window shifted by an offset change may end after midnight.
  for (let day = Math.max(localEpochDayAt(compiled, fromMs), localEpochDayAt(compiled, ARITHMETIC_FLOOR_MS)) - 1; ; day++) {
    if (day > lastDay) return horizon();
    for (const [start, end] of windowsOf(day)) {
      if (end <= fromMs) continue;
      const begin = Math.max(start, fromMs);
      if (remaining <= end - begin) {
        return begin === fromMs ? from.add({ milliseconds: remaining }) : Temporal.Instant.fromEpochMilliseconds(begin + remaining);
      }
      remaining -= end - begin;
    }
  }
}

/** Business minutes in [from, to), floored; 0 when `to` is not after `from`. None counts before 1900 or past the horizon. */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Temporal.Instant, to: Temporal.Instant): number {
  const fromMs = clamp(from.epochMilliseconds);
  const toMs = clamp(to.epochMilliseconds);
  if (toMs <= fromMs) return 0;
  const compiled = compile(calendar);
  const windowsOf = dayWindows(compiled);
  const lastDay = localEpochDayAt(compiled, toMs);
  let total = 0;
  for (let day = localEpochDayAt(compiled, fromMs) - 1; day <= lastDay; day++) {
    for (const [start, end] of windowsOf(day)) {
      const overlap = Math.min(end, toMs) - Math.max(start, fromMs);
      if (overlap > 0) total += overlap;
    }
  }
  return Math.floor(total / MS_PER_MINUTE);
}

/** Wall-clock minutes of the longest working weekday (540 for Mon–Fri 09:00–18:00). */
export function dailyBusinessMinutes(calendar: BusinessCalendar): number {
  const totals = compile(calendar).weekdayWindows.map((ranges) => ranges.reduce((sum, [start, end]) => sum + end - start, 0));
  return Math.max(...totals);
}

/** A day with working hours on its weekday that is not a holiday. */
export function isBusinessDay(calendar: BusinessCalendar, date: Temporal.PlainDate): boolean {
  return compile(calendar).windowsOn(epochDayOfDate(date)).length > 0;
}
