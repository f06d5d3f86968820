import type { RecordedEvent } from '#kernel';
import type { GenerationStore } from './generations.js';
import { type Db, type Projection, matchesFilter, tableNames } from './projection.js';

export interface Poison {
  readonly event: RecordedEvent;
  readonly error: unknown;
}

export interface BatchOutcome {
  /** Events consumed (committed), matching the filter or not. */
  readonly consumed: number;
  readonly position: number | null;
  readonly poison?: Poison;
}

class ApplyFailed extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super('apply failed');
  }
}

/**
 * Applies a batch to one generation, flushes the projection's batch state and saves its checkpoint in ONE
 * transaction; a rollback tells the projection to discard that state. When an event's apply throws,
 * the transaction rolls back, the events before it are committed again, and `onPoison` runs in that same
 * transaction (to park it); the events after it are not consumed.
 */
export const commitBatch = (
  db: Db,
  generations: GenerationStore,
  projection: Projection,
  generation: number,
  events: readonly RecordedEvent[],
  onPoison: (poison: Poison) => void,
): BatchOutcome => {
  const t = tableNames(projection, generation);
  const transaction = db.transaction((slice: readonly RecordedEvent[], poison?: Poison) => {
    slice.forEach((event, index) => {
      if (!matchesFilter(event, projection.filter)) return;
      try {
        projection.apply(db, event, t);
      } catch (error) {
        throw new ApplyFailed(index, error);
      }
    });
    projection.flush?.(db, t);
    const last = slice.at(-1);
    if (last) generations.savePosition(projection.name, generation, last.position);
    if (poison) onPoison(poison);
  });
  const commit = (slice: readonly RecordedEvent[], poison?: Poison) => {
    try {
      transaction(slice, poison);
    } catch (error) {
      projection.discard?.(db, t);
      throw error;
    }
  };
  try {
    commit(events);
    return { consumed: events.length, position: events.at(-1)?.position ?? null };
  } catch (error) {
    if (!(error instanceof ApplyFailed)) throw error;
    const good = events.slice(0, error.index);
    const poison = { event: events[error.index]!, error: error.cause };
    commit(good, poison);
    return { consumed: good.length, position: good.at(-1)?.position ?? null, poison };
  }
};
