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

/** Events to apply and, when they are all applied, the checkpoint to save (at or after the last of them). */
export interface Batch {
  readonly events: readonly RecordedEvent[];
  readonly checkpoint?: number;
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
  batch: Batch,
  onPoison: (poison: Poison) => void,
): BatchOutcome => {
  const t = tableNames(projection, generation);
  const transaction = db.transaction((slice: readonly RecordedEvent[], checkpoint: number | undefined, poison?: Poison) => {
    slice.forEach((event, index) => {
      if (!matchesFilter(event, projection.filter)) return;
      try {
        projection.apply(db, event, t);
      } catch (error) {
        throw new ApplyFailed(index, error);
      }
    });
    projection.flush?.(db, t);
    if (checkpoint !== undefined) generations.savePosition(projection.name, generation, checkpoint);
    if (poison) onPoison(poison);
  });
  const commit = (slice: readonly RecordedEvent[], checkpoint: number | undefined, poison?: Poison) => {
    try {
      transaction(slice, checkpoint, poison);
    } catch (error) {
      projection.discard?.(db, t);
      throw error;
    }
  };
  const { events } = batch;
  try {
    const checkpoint = batch.checkpoint ?? events.at(-1)?.position;
    commit(events, checkpoint);
    return { consumed: events.length, position: checkpoint ?? null };
  } catch (error) {
    if (!(error instanceof ApplyFailed)) throw error;
    const good = events.slice(0, error.index);
    const poison = { event: events[error.index]!, error: error.cause };
    commit(good, good.at(-1)?.position, poison);
    return { consumed: good.length, position: good.at(-1)?.position ?? null, poison };
  }
};
