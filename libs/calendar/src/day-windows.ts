import { Temporal } from 'temporal-polyfill';
import { MS_PER_DAY, MS_PER_MINUTE, plainDateOf } from './civil-days.js';
import type { CompiledCalendar } from './compiled-calendar.js';
import { MINUTES_PER_DAY, type MinuteRange } from './wall-clock.js';

/** Working windows of one local day as epoch-millisecond intervals [start, end), ascending and disjoint. */
export type Interval = readonly [start: number, end: number];

/** Instants [startMs, endMs) over which the zone's UTC offset stays offsetMs. */
interface OffsetSpan {
  readonly startMs: number;
  readonly endMs: number;
  readonly offsetMs: number;
}

function spanFromStartOf(timeZone: string, epochDay: number): OffsetSpan {
  const start = plainDateOf(epochDay).toZonedDateTime(timeZone);
  const next = start.getTimeZoneTransition('next');
  return {
    startMs: start.epochMilliseconds,
    endMs: next ? next.epochMilliseconds : Number.POSITIVE_INFINITY,
    offsetMs: start.offsetNanoseconds / 1_000_000,
  };
}

const coversDay = (span: OffsetSpan, epochDay: number): boolean =>
  span.startMs <= epochDay * MS_PER_DAY - span.offsetMs && (epochDay + 1) * MS_PER_DAY - span.offsetMs < span.endMs;

/** Wall-clock to instant as Temporal's 'compatible' rule does: a time in a gap moves later, a repeated one takes the first. */
function wallClockInstantMs(timeZone: string, epochDay: number, minute: number): number {
  if (minute === MINUTES_PER_DAY) return plainDateOf(epochDay + 1).toZonedDateTime(timeZone).epochMilliseconds;
  const plainTime = new Temporal.PlainTime(Math.floor(minute / 60), minute % 60);
  return plainDateOf(epochDay).toZonedDateTime({ timeZone, plainTime }).epochMilliseconds;
}

// On a day with an offset change, wall-clock windows can shift into each other; keep them disjoint and ordered.
function transitionDayWindows(timeZone: string, epochDay: number, ranges: readonly MinuteRange[]): Interval[] {
  const intervals: Interval[] = [];
  let previousEnd = Number.NEGATIVE_INFINITY;
  for (const [start, end] of ranges) {
    const startMs = Math.max(previousEnd, wallClockInstantMs(timeZone, epochDay, start));
    const endMs = wallClockInstantMs(timeZone, epochDay, end);
    if (endMs > startMs) intervals.push([startMs, endMs]);
    previousEnd = Math.max(previousEnd, endMs);
  }
  return intervals;
}

/**
 * Returns a function giving the working intervals of a local day. Days of constant offset (nearly all) are plain
 * arithmetic; Temporal is asked only at the start and at offset transitions, so walk days in ascending order.
 */
export function dayWindows(calendar: CompiledCalendar): (epochDay: number) => readonly Interval[] {
  let span: OffsetSpan | undefined;
  return (epochDay) => {
    const ranges = calendar.windowsOn(epochDay);
    if (ranges.length === 0) return [];
    if (!span || !coversDay(span, epochDay)) span = spanFromStartOf(calendar.timeZone, epochDay);
    if (!coversDay(span, epochDay)) return transitionDayWindows(calendar.timeZone, epochDay, ranges);
    const base = epochDay * MS_PER_DAY - span.offsetMs;
    return ranges.map(([start, end]) => [base + start * MS_PER_MINUTE, base + end * MS_PER_MINUTE] as const);
  };
}
