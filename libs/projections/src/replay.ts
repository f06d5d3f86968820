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
  done: number;
  readonly startedAt: number;
}

const progressOf = (counter: ReplayCounter, head: number, position: number): RebuildProgress => {
  const seconds = (performance.now() - counter.startedAt) / 1000;
  const eventsPerSecond = seconds > 0 ? Math.round(counter.done / seconds) : 0;
  const left = Math.max(0, head - position);
  return { done: counter.done, total: head, eventsPerSecond, etaSeconds: eventsPerSecond > 0 ? left / eventsPerSecond : null };
};

/** Replays every event after `after` into one generation, in batches; a poison event aborts the replay. */
export const replay = async (
  target: ReplayTarget,
  after: number | null,
  counter: ReplayCounter,
  onProgress: (progress: RebuildProgress) => void,
): Promise<number | null> => {
  const head = (await target.store.status()).headPosition ?? 0;
  let position = after;
  let batch: RecordedEvent[] = [];
  const flush = () => {
    const { db, generations, projection, generation } = target;
    commitBatch(db, generations, projection, generation, batch, ({ event, error }) => {
      throw new RebuildFailedError(projection.name, event, error);
    });
    counter.done += batch.length;
    position = batch.at(-1)?.position ?? position;
    batch = [];
    onProgress(progressOf(counter, Math.max(head, position ?? 0), position ?? 0));
  };
  for await (const event of target.store.readAll(after === null ? {} : { after })) {
    batch.push(event);
    if (batch.length >= target.batchSize) flush();
  }
  if (batch.length > 0) flush();
  return position;
};
