import type { EventStore } from '#eventstore';
import { LAG_COUNT_LIMIT } from './status.js';

/**
 * How many events of the log lie after each checkpoint, up to `head`: one forward read from the earliest
 * checkpoint, at most LAG_COUNT_LIMIT events, whatever a position counts in this store (events on SQLite,
 * bytes on EventStoreDB). A count that reaches the limit means "at least that many".
 */
export async function eventsBehind(store: EventStore, checkpoints: readonly (number | null)[], head: number): Promise<number[]> {
  const behind = checkpoints.filter((c) => (c ?? 0) < head);
  if (behind.length === 0) return checkpoints.map(() => 0);
  const earliest = Math.min(...behind.map((c) => c ?? 0));
  const positions: number[] = [];
  for await (const event of store.readAll({ ...(earliest > 0 && { after: earliest }), maxCount: LAG_COUNT_LIMIT })) {
    if (event.position > head) break;
    positions.push(event.position);
  }
  return checkpoints.map((checkpoint) => {
    if ((checkpoint ?? 0) >= head) return 0;
    const first = positions.findIndex((p) => p > (checkpoint ?? 0));
    return first < 0 ? 0 : positions.length - first;
  });
}
