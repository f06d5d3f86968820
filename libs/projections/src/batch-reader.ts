import type { RecordedEvent } from '#kernel';

const TIMEOUT = Symbol('timeout');

/**
 * Groups a subscription into batches: a batch closes when it holds `size` events or `maxLatencyMs` after its
 * first event, whichever comes first, so a quiet live stream still commits promptly.
 */
export class BatchReader {
  private pending: Promise<IteratorResult<RecordedEvent>> | undefined;
  private finished = false;

  constructor(
    private readonly iterator: AsyncIterator<RecordedEvent>,
    private readonly size: number,
    private readonly maxLatencyMs: number,
  ) {}

  /** The next non-empty batch, or null when the subscription has ended. */
  async next(): Promise<RecordedEvent[] | null> {
    if (this.finished) return null;
    const first = await this.pull();
    if (first.done) return this.end();
    const batch = [first.value];
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof TIMEOUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMEOUT), this.maxLatencyMs);
    });
    try {
      while (batch.length < this.size) {
        const result = await Promise.race([this.peek(), deadline]);
        if (result === TIMEOUT) break;
        this.pending = undefined;
        if (result.done) {
          this.finished = true;
          break;
        }
        batch.push(result.value);
      }
    } finally {
      clearTimeout(timer);
    }
    return batch;
  }

  private peek(): Promise<IteratorResult<RecordedEvent>> {
    this.pending ??= this.iterator.next();
    return this.pending;
  }

  private async pull(): Promise<IteratorResult<RecordedEvent>> {
    const result = await this.peek();
    this.pending = undefined;
    return result;
  }

  private end(): null {
    this.finished = true;
    return null;
  }
}
