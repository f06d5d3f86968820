import type { ReadAllOptions, ReadStreamOptions } from './event-store.js';
import type { EventRow } from './sqlite/schema.js';

/** A read of the log's rows a page at a time, as the SQL stores run it: the first cursor, and the one after a row. */
export interface RowRead {
  readonly start: number;
  readonly next: (row: EventRow) => number;
  readonly maxCount: number;
}

/** A stream read: from `fromRevision` (inclusive) up, or backwards from it (default: the last revision). */
export const streamRowRead = (options: ReadStreamOptions): RowRead & { readonly backwards: boolean } => {
  const backwards = options.direction === 'backwards';
  return {
    backwards,
    start: options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0),
    next: backwards ? (row) => row[3] - 1 : (row) => row[3] + 1,
    maxCount: options.maxCount ?? Number.POSITIVE_INFINITY,
  };
};

/** A read of the whole log strictly after a global position. */
export const allRowRead = (options: ReadAllOptions): RowRead => ({
  start: options.after ?? 0,
  next: (row) => row[0],
  maxCount: options.maxCount ?? Number.POSITIVE_INFINITY,
});
