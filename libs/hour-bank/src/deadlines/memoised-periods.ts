import type { BusinessCalendar } from '#calendar';
import { type PeriodInstants, periodInstants } from './account-deadlines.js';

/** Enough for every (zone, period) a rebuild meets at once; beyond it the memory starts over. */
const LIMIT = 4096;

const remembered = (memory: Map<string, string>, key: string, compute: () => string): string => {
  let value = memory.get(key);
  if (value === undefined) {
    if (memory.size >= LIMIT) memory.clear();
    memory.set(key, (value = compute()));
  }
  return value;
};

/**
 * The period arithmetic of account deadlines, each result computed once: every account of a zone starts its
 * periods at the same instants. A calendar is an immutable value (a change yields a new object), so its results
 * are kept per object.
 */
export const memoisedPeriods = (): PeriodInstants => {
  const starts = new Map<string, string>();
  const nexts = new Map<string, string>();
  const openings = new WeakMap<BusinessCalendar, Map<string, string>>();
  return {
    start: (period, timeZone) => remembered(starts, `${timeZone} ${period}`, () => periodInstants.start(period, timeZone)),
    next: (period) => remembered(nexts, period, () => periodInstants.next(period)),
    firstBusinessOpening(calendar, period) {
      let memory = openings.get(calendar);
      if (!memory) openings.set(calendar, (memory = new Map()));
      return remembered(memory, period, () => periodInstants.firstBusinessOpening(calendar, period));
    },
  };
};
