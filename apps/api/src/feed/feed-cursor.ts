import type { EventStore } from '#eventstore';
import { ProblemError } from '#platform';
import { publishedContracts } from '#contracts';

export const MAX_FEED_LIMIT = 500;
export const DEFAULT_FEED_LIMIT = 100;

const WHOLE_NUMBER = /^\d{1,16}$/;

/** A cursor is opaque to clients: today the global position of an event they were given, 0 (or absent) for the start. */
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

/**
 * A cursor must name a record of this log (0 is the start): the `next` of a page, an event's `position` or an SSE
 * `id`, passed back unchanged. On EventStoreDB a position is a byte offset, so a number near a real one is not one.
 */
export async function assertIsPosition(cursor: number, store: Pick<EventStore, 'isPosition'>, source = 'after'): Promise<void> {
  if (cursor === 0 || (await store.isPosition(cursor))) return;
  throw new ProblemError(400, 'INVALID_CURSOR', 'The feed cursor is not valid', `${source} ${cursor} is not a position of this feed: pass back a next, an event position or an SSE id unchanged`);
}

/**
 * A stream replays at most `maxEvents` published events; farther back, paging (with its scan budget) catches up
 * first. Counted with one bounded read, so it holds on EventStoreDB too, where positions are byte offsets.
 */
export async function assertCatchUpWithin(store: Pick<EventStore, 'readAll'>, cursor: number, maxEvents: number): Promise<void> {
  let behind = 0;
  const filter = { eventTypes: [...publishedContracts.keys()] };
  for await (const _event of store.readAll({ ...(cursor > 0 && { after: cursor }), maxCount: maxEvents + 1, filter })) behind++;
  if (behind <= maxEvents) return;
  throw new ProblemError(
    409, 'FEED_CURSOR_TOO_FAR_BEHIND', 'The stream would start too far back',
    `Position ${cursor} is more than ${maxEvents} published events behind the head; a stream catches up at most ${maxEvents}. ` +
      `Page with GET /feed?after=${cursor} until caughtUp, then open the stream after its next.`,
  );
}
