import type { Subscription } from '#eventstore';
import type { RecordedEvent } from '#kernel';

const TIMEOUT = Symbol('timeout');

/** Events to handle, and the checkpoint the consumer may store once it has handled them. */
export interface FeedBatch {
  /** In global order; empty when the store only read past records it does not show. */
  readonly events: readonly RecordedEvent[];
  /** The last event's position, or a later record the store read past without showing it (a system record). */
  readonly checkpoint: number;
}

/**
 * Groups a subscription into batches: a batch closes when it holds `size` events or `maxLatencyMs` after its
 * first event, whichever comes first, so a quiet live stream still commits promptly. While no event comes, it
 * looks every `idleCheckMs` whether the store read past records it does not show, and hands that position over
 * as an empty batch, so a checkpoint reaches a head made of system records.
 */
export class BatchReader {
  private readonly iterator: AsyncIterator<RecordedEvent>;
  private pending: Promise<IteratorResult<RecordedEvent>> | undefined;
  private finished = false;

  constructor(
    private readonly subscription: Subscription,
    private readonly size: number,
    private readonly maxLatencyMs: number,
    private lastCheckpoint: number | null,
    private readonly idleCheckMs = 100,
  ) {
    this.iterator = subscription[Symbol.asyncIterator]();
  }

  /** The next batch, or null when the subscription has ended. */
  async next(): Promise<FeedBatch | null> {
    if (this.finished) return null;
    const first = await this.firstOrPassed();
    if (typeof first === 'number') return this.checkpointed([], first);
    if (first.done) return this.end();
    const batch = [first.value];
    const deadline = this.timer(this.maxLatencyMs);
    try {
      while (batch.length < this.size) {
        const result = await Promise.race([this.peek(), deadline.fired]);
        if (result === TIMEOUT) break;
        this.pending = undefined;
        if (result.done) {
          this.finished = true;
          break;
        }
        batch.push(result.value);
      }
    } finally {
      deadline.clear();
    }
    return this.checkpointed(batch, batch.at(-1)!.position);
  }

  /** The first event of a batch, or the position of records passed over while waiting for one. */
  private async firstOrPassed(): Promise<IteratorResult<RecordedEvent> | number> {
    for (;;) {
      const idle = this.timer(this.idleCheckMs);
      try {
        const result = await Promise.race([this.peek(), idle.fired]);
        if (result !== TIMEOUT) {
          this.pending = undefined;
          return result;
        }
      } finally {
        idle.clear();
      }
      const passed = this.passed();
      if (passed !== undefined) return passed;
    }
  }

  /** Every event yielded so far is in hand here, so a position the store passed after them is safe to store. */
  private checkpointed(events: RecordedEvent[], last: number): FeedBatch {
    const checkpoint = Math.max(last, this.passed() ?? last);
    this.lastCheckpoint = checkpoint;
    return { events, checkpoint };
  }

  private passed(): number | undefined {
    const passed = this.subscription.progress?.().passed;
    return passed !== undefined && (this.lastCheckpoint === null || passed > this.lastCheckpoint) ? passed : undefined;
  }

  private timer(ms: number): { fired: Promise<typeof TIMEOUT>; clear(): void } {
    let timer: NodeJS.Timeout | undefined;
    const fired = new Promise<typeof TIMEOUT>((resolve) => (timer = setTimeout(() => resolve(TIMEOUT), ms)));
    return { fired, clear: () => clearTimeout(timer) };
  }

  private peek(): Promise<IteratorResult<RecordedEvent>> {
    this.pending ??= this.iterator.next();
    return this.pending;
  }

  private end(): null {
    this.finished = true;
    return null;
  }
}
