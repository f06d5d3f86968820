import { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar } from './business-calendar.js';
import { epochDayOfDate, MS_PER_MINUTE } from './civil-days.js';
import { BoundedMemo } from './bounded-memo.js';
import { compile, type CompiledCalendar } from './compiled-calendar.js';
import { dayWindows, localEpochDayAt } from './day-windows.js';
import { ARITHMETIC_FLOOR_MS, HORIZON_MS } from './bounds.js';

const clamp = (ms: number): number => Math.min(Math.max(ms, ARITHMETIC_FLOOR_MS), HORIZON_MS);

function assertMinutes(minutes: number): void {
  if (!Number.isSafeInteger(minutes) || minutes < 0) {
    throw new RangeError(`business minutes must be a non-negative whole number, got ${minutes}`);
  }
}

/**
 * Where a sum of business minutes ends, as epoch ms: `within` when it ends inside the window `from` lies in (the
 * answer is then `from` plus that many ms, keeping `from`'s sub-millisecond part), else the instant itself.
 */
type SumEnd = { readonly within: number } | { readonly at: number };

// Per calendar, the sums and counts asked for before: a command asks the same SLA questions of its ticket each time.
const memos = new WeakMap<CompiledCalendar, { sums: BoundedMemo<string, SumEnd>; counts: BoundedMemo<string, number> }>();
const MEMO_LIMIT = 4096;

function memoOf(compiled: CompiledCalendar) {
  let memo = memos.get(compiled);
  if (!memo) {
    memo = { sums: new BoundedMemo(MEMO_LIMIT), counts: new BoundedMemo(MEMO_LIMIT) };
    memos.set(compiled, memo);
  }
  return memo;
}

/**
 * The earliest instant at which `minutes` business minutes have elapsed since `from`. A window is [open, close):
 * filling a 09:00–18:00 day from 09:00 gives 18:00 that day, and 0 minutes gives `from` itself. Business time
 * is not counted past the horizon (bounds.ts): a sum that would end beyond it ends there, one from beyond it is `from`.
 */
export function addBusinessMinutes(calendar: BusinessCalendar, from: Temporal.Instant, minutes: number): Temporal.Instant {
  assertMinutes(minutes);
  if (minutes === 0) return from;
  const fromMs = from.epochMilliseconds;
  if (fromMs >= HORIZON_MS) return from;
  const compiled = compile(calendar);
  const end = memoOf(compiled).sums.get(`${fromMs}+${minutes}`, () => sumEnd(compiled, fromMs, minutes));
  return 'within' in end ? from.add({ milliseconds: end.within }) : Temporal.Instant.fromEpochMilliseconds(end.at);
}

/** The uncached arithmetic of `addBusinessMinutes`, from `fromMs` (before the horizon) and `minutes` > 0. */
export function sumEnd(compiled: CompiledCalendar, fromMs: number, minutes: number): SumEnd {
  const windowsOf = dayWindows(compiled);
  let remaining = minutes * MS_PER_MINUTE;
  const lastDay = localEpochDayAt(compiled, HORIZON_MS);
  // Day before the local day of `from`: a window shifted by an offset change may end after midnight.
  for (let day = Math.max(localEpochDayAt(compiled, fromMs), localEpochDayAt(compiled, ARITHMETIC_FLOOR_MS)) - 1; ; day++) {
    if (day > lastDay) return { at: HORIZON_MS };
    for (const [start, end] of windowsOf(day)) {
      if (end <= fromMs) continue;
      const begin = Math.max(start, fromMs);
      if (remaining <= end - begin) return begin === fromMs ? { within: remaining } : { at: begin + remaining };
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
  return memoOf(compiled).counts.get(`${fromMs}-${toMs}`, () => minutesBetween(compiled, fromMs, toMs));
}

/** The uncached arithmetic of `businessMinutesBetween`, for clamped `fromMs` < `toMs`. */
export function minutesBetween(compiled: CompiledCalendar, fromMs: number, toMs: number): number {
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
