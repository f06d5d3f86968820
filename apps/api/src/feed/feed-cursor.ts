import { ProblemError } from '#platform';

export const MAX_FEED_LIMIT = 500;
export const DEFAULT_FEED_LIMIT = 100;

const WHOLE_NUMBER = /^\d{1,16}$/;

/** A cursor is a global position the caller has seen: a whole number, 0 (or absent) for the very start. */
export function parseCursor(raw: string | undefined, source = 'after'): number {
  if (raw === undefined || raw === '') return 0;
  const value = Number(raw);
  if (!WHOLE_NUMBER.test(raw.trim()) || !Number.isSafeInteger(value)) {
    throw new ProblemError(400, 'INVALID_CURSOR', 'The feed cursor is not valid', `${source} must be a whole-number position from this feed, got "${raw}"`);
  }
  return value;
}

export function parseLimit(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_FEED_LIMIT;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > MAX_FEED_LIMIT) {
    throw new ProblemError(400, 'INVALID_LIMIT', 'The page size is not valid', `limit must be a whole number from 1 to ${MAX_FEED_LIMIT}, got "${raw}"`);
  }
  return value;
}

export function assertNotAhead(cursor: number, headPosition: number | undefined): void {
  if (headPosition === undefined || cursor <= headPosition) return;
  throw new ProblemError(400, 'INVALID_CURSOR', 'The feed cursor is not valid', `Position ${cursor} is beyond the end of the log (${headPosition})`);
}

/** A stream replays at most `maxEvents` from the log; farther back, paging (with its scan budget) catches up first. */
export function assertWithinCatchUp(cursor: number, headPosition: number, maxEvents: number): void {
  if (headPosition - cursor <= maxEvents) return;
  throw new ProblemError(
    409, 'FEED_CURSOR_TOO_FAR_BEHIND', 'The stream would start too far back',
    `Position ${cursor} is ${headPosition - cursor} events behind the head; a stream catches up at most ${maxEvents}. ` +
      `Page with GET /feed?after=${cursor} until caughtUp, then open the stream after its next.`,
  );
}
