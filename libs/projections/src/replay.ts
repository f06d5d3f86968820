import type { EventStore } from '#eventstore';
import type { RecordedEvent } from '#kernel';
import { commitBatch } from './commit-batch.js';
import type { GenerationStore } from './generations.js';
import { errorText } from './parking.js';
import type { Db, Projection } from './projection.js';
import type { RebuildProgress } from './status.js';

export class RebuildFailedError extends Error {
  readonly code = 'PROJECTION_REBUILD_FAILED';
  constructor(
    readonly projection: string,
    readonly event: RecordedEvent,
    cause: unknown,
  ) {
    super(`Rebuild of ${projection} stopped at position ${event.position} (${event.type}): ${errorText(cause)}`);
  }
}

export interface ReplayTarget {
  readonly db: Db;
  readonly store: EventStore;
  readonly generations: GenerationStore;
  readonly projection: Projection;
  readonly generation: number;
  readonly batchSize: number;
}

export interface ReplayCounter {
  /** Events handed to the projection so far. */
  applied: number;
  readonly startedAt: number;
  /** The position the rebuild started reading after (0 from the start of the log). */
  readonly from: number;
}

/**
 * Events per second are events handed to the projection; the ETA scales the time spent so far by the share of the
 * log's positions still to read, which works whatever a position counts (events on SQLite, bytes on EventStoreDB).
 */
const progressOf = (counter: ReplayCounter, head: number, position: number): RebuildProgress => {
  const seconds = (performance.now() - counter.startedAt) / 1000;
  const eventsPerSecond = seconds > 0 ? Math.round(counter.applied / seconds) : 0;
  const read = position - counter.from;
  const left = Math.max(0, head - position);
  return {
    done: position,
    total: head,
    applied: counter.applied,
    eventsPerSecond,
    etaSeconds: read > 0 && seconds > 0 ? (seconds * left) / read : null,
  };
};

/**
 * Replays every event after `after` into one generation, in batches; a poison event aborts the replay. The store
 * applies the projection's filter where it reads (`readAll({ filter })`), so the events it does not consume are
 * neither decoded nor handed over; once the read is done the checkpoint moves to the head read before it began,
 * as every event up to there has been seen. Returns the position reached.
 */
export const replay = async (
  target: ReplayTarget,
  after: number | null,
  counter: ReplayCounter,
  onProgress: (progress: RebuildProgress) => void,
): Promise<number | null> => {
  const { db, generations, projection, generation } = target;
  const head = (await target.store.status()).headPosition ?? 0;
  let position = after;
  let batch: RecordedEvent[] = [];
  const flush = () => {
    commitBatch(db, generations, projection, generation, { events: batch }, ({ event, error }) => {
      throw new RebuildFailedError(projection.name, event, error);
    });
    counter.applied += batch.length;
    position = batch.at(-1)?.position ?? position;
    batch = [];
    onProgress(progressOf(counter, Math.max(head, position ?? 0), position ?? 0));
  };
  const filter = projection.filter;
  for await (const event of target.store.readAll({ ...(after === null ? {} : { after }), ...(filter ? { filter } : {}) })) {
    batch.push(event);
    if (batch.length >= target.batchSize) flush();
  }
  if (batch.length > 0) flush();
  if (head > (position ?? 0)) {
    // The events between the last one handed over and the head did not match the filter.
    position = head;
    db.transaction(() => generations.savePosition(projection.name, generation, head))();
    onProgress(progressOf(counter, head, head));
  }
  return position;
};
