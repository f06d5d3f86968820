import { Temporal } from 'temporal-polyfill';
import { MS_PER_DAY, MS_PER_MINUTE } from './civil-days.js';
import type { CompiledCalendar } from './compiled-calendar.js';
import type { MinuteRange } from './wall-clock.js';

/** Working time of one local day as epoch-millisecond intervals [start, end), ascending and disjoint. */
export type Interval = readonly [start: number, end: number];

/** Instants [startMs, endMs) over which the zone's UTC offset stays offsetMs. */
interface OffsetSpan {
  readonly startMs: number;
  readonly endMs: number;
  readonly offsetMs: number;
}

const HOUR = 3_600_000;
const WIDEST_OFFSET = 15 * HOUR; // UTC offsets stay within −12:00…+14:00
const LARGEST_SHIFT = 3 * HOUR; // no zone moves its clocks by more at once

function spanAt(timeZone: string, instantMs: number): OffsetSpan {
  const zoned = Temporal.Instant.fromEpochMilliseconds(instantMs).toZonedDateTimeISO(timeZone);
  const next = zoned.getTimeZoneTransition('next');
  return {
    startMs: instantMs,
    endMs: next ? next.epochMilliseconds : Number.POSITIVE_INFINITY,
    offsetMs: zoned.offsetNanoseconds / 1_000_000,
  };
}

// The last offset span seen per calendar: consecutive calls about nearby instants skip the time-zone lookup.
const lastSpans = new WeakMap<CompiledCalendar, OffsetSpan>();

function rememberedSpanAt(calendar: CompiledCalendar, instantMs: number): OffsetSpan {
  const last = lastSpans.get(calendar);
  if (last && last.startMs <= instantMs && instantMs < last.endMs) return last;
  const span = spanAt(calendar.timeZone, instantMs);
  lastSpans.set(calendar, span);
  return span;
}

/** The epoch day of the calendar's wall-clock date at an instant. */
export function localEpochDayAt(calendar: CompiledCalendar, instantMs: number): number {
  const { offsetMs } = rememberedSpanAt(calendar, instantMs);
  return Math.floor((instantMs + offsetMs) / MS_PER_DAY);
}

/** True when the day's wall clock maps to instants with one offset and no neighbouring offset reaches the day. */
const coversDay = ({ startMs, endMs, offsetMs }: OffsetSpan, epochDay: number): boolean =>
  startMs <= epochDay * MS_PER_DAY - offsetMs - LARGEST_SHIFT &&
  (epochDay + 1) * MS_PER_DAY - offsetMs + LARGEST_SHIFT <= endMs;

function intervalsIn(span: OffsetSpan, epochDay: number, ranges: readonly MinuteRange[]): Interval[] {
  const base = epochDay * MS_PER_DAY - span.offsetMs;
  const intervals: Interval[] = [];
  for (const [start, end] of ranges) {
    const startMs = Math.max(base + start * MS_PER_MINUTE, span.startMs);
    const endMs = Math.min(base + end * MS_PER_MINUTE, span.endMs);
    if (endMs > startMs) intervals.push([startMs, endMs]);
  }
  return intervals;
}

function merge(intervals: Interval[]): Interval[] {
  intervals.sort((a, b) => a[0] - b[0]);
  const merged: Interval[] = [];
  for (const interval of intervals) {
    const last = merged[merged.length - 1];
    if (last && interval[0] <= last[1]) merged[merged.length - 1] = [last[0], Math.max(last[1], interval[1])];
    else merged.push(interval);
  }
  return merged;
}

// A day touched by an offset change: every instant whose wall clock reads a working time counts, so a skipped
// hour counts nothing and a repeated hour counts twice.
function transitionDay(timeZone: string, epochDay: number, ranges: readonly MinuteRange[]): Interval[] {
  const intervals: Interval[] = [];
  const endMs = (epochDay + 1) * MS_PER_DAY + WIDEST_OFFSET;
  for (let cursor = epochDay * MS_PER_DAY - WIDEST_OFFSET; cursor < endMs; ) {
    const span = spanAt(timeZone, cursor);
    intervals.push(...intervalsIn(span, epochDay, ranges));
    cursor = span.endMs;
  }
  return merge(intervals);
}

/**
 * The working intervals of a local day. Days of constant offset (nearly all) are plain arithmetic; Temporal is
 * asked only when the walk starts and near offset changes, so ask for days in ascending order.
 */
export function dayWindows(calendar: CompiledCalendar): (epochDay: number) => readonly Interval[] {
  let span: OffsetSpan | undefined;
  return (epochDay) => {
    const ranges = calendar.windowsOn(epochDay);
    if (ranges.length === 0) return [];
    if (!span || !coversDay(span, epochDay)) span = rememberedSpanAt(calendar, epochDay * MS_PER_DAY - WIDEST_OFFSET);
    return coversDay(span, epochDay) ? intervalsIn(span, epochDay, ranges) : transitionDay(calendar.timeZone, epochDay, ranges);
  };
}
