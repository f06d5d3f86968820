import type { RecordedEvent } from '#kernel';
import type { SubscribeOptions, Subscription, SubscriptionProgress } from '../event-store.js';
import { toRecordedEvent } from '../sqlite/rows.js';
import type { EventRow } from '../sqlite/schema.js';

export interface PgSubscriptionSource {
  readonly pageSize: number;
  readonly pollIntervalMs: number;
  /** Matching rows after the position, and the highest position the page has looked at (one snapshot). */
  readPage(after: number, limit: number): Promise<{ rows: EventRow[]; scannedUpTo: number }>;
  onAppended(listener: () => void): () => void;
  /** Called when the connection that wakes live subscriptions is lost. */
  onLost(listener: (error: Error) => void): () => void;
  isOpen(): boolean;
  closed(subscription: PgSubscription): void;
}

/**
 * One query shape from the checkpoint onwards, `position > last scanned`, catching up and live alike: no gap and
 * no duplicate at the switch. Live, it waits for a commit notification or the poll interval.
 */
export class PgSubscription implements Subscription {
  private closed = false;
  private failure: Error | undefined;
  private state: SubscriptionProgress = { caughtUp: false };
  private readonly wakers = new Set<() => void>();
  private readonly unlisten: () => void;

  constructor(
    private readonly source: PgSubscriptionSource,
    private readonly options: SubscribeOptions,
  ) {
    this.unlisten = source.onLost((error) => {
      this.failure = error;
      for (const wake of this.wakers) wake();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unlisten();
    for (const wake of this.wakers) wake();
    this.source.closed(this);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    let after = this.options.after ?? 0;
    try {
      while (this.isLive()) {
        const waiting = this.nextSignal();
        const page = await this.source.readPage(after, this.source.pageSize);
        for (const row of page.rows) {
          if (!this.isLive()) return waiting.cancel();
          this.state = { caughtUp: this.state.caughtUp ?? false };
          yield toRecordedEvent(row);
        }
        const lastYielded = page.rows.at(-1)?.[0] ?? after;
        // An empty page keeps what was passed since the last event yielded (a poll must not take it back).
        const passed = page.scannedUpTo > lastYielded ? page.scannedUpTo : page.rows.length === 0 ? this.state.passed : undefined;
        this.state = { caughtUp: page.rows.length < this.source.pageSize, ...(passed !== undefined && { passed }) };
        after = page.scannedUpTo;
        if (page.rows.length < this.source.pageSize) await waiting.promise;
        waiting.cancel();
        if (this.failure && !this.closed) throw this.failure;
      }
    } finally {
      this.unlisten();
    }
  }

  /** Live once a page came back short; `passed` is the end of a page whose last rows the filter left out. */
  progress(): SubscriptionProgress {
    return this.state;
  }

  private isLive(): boolean {
    return !this.closed && this.source.isOpen();
  }

  /** Armed before the page is read, so a commit between the read and the wait is not missed. */
  private nextSignal(): { promise: Promise<void>; cancel: () => void } {
    let done = () => undefined as void;
    const promise = new Promise<void>((resolve) => {
      const timer = setTimeout(() => done(), this.source.pollIntervalMs);
      const unsubscribe = this.source.onAppended(() => done());
      done = () => {
        clearTimeout(timer);
        unsubscribe();
        this.wakers.delete(done);
        resolve();
      };
      this.wakers.add(done);
      if (!this.isLive()) done();
    });
    return { promise, cancel: () => done() };
  }
}
