import type { EventStore, Subscription, SubscriptionFilter } from '#eventstore';
import { BatchReader, type FeedBatch } from './batch-reader.js';

export type { FeedBatch };

export interface SubscriptionLoopOptions {
  /** Where to (re)subscribe after: read at every subscription, it is what the consumer has durably handled. */
  readonly checkpoint: () => number | null;
  /** Handles one batch. 'stop' ends the loop (a parked event); a throw resubscribes from the checkpoint after a pause. */
  readonly handle: (batch: FeedBatch) => Promise<'stop' | void> | 'stop' | void;
  /** Told about every failure (a dropped subscription, a failed batch) and the pause before resubscribing. */
  readonly onFailure?: (error: unknown, retryInMs: number) => void;
  readonly filter?: SubscriptionFilter;
  /** Events per batch (default 500). */
  readonly batchSize?: number;
  /** Longest wait after a batch's first event before handing it over (default 20 ms). */
  readonly maxLatencyMs?: number;
  /** First pause before resubscribing (default 1 s), doubled after each failure in a row up to `maxRetryDelayMs` (30 s). */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
}

export interface SubscriptionLoopStatus {
  readonly state: 'streaming' | 'waiting-to-resubscribe' | 'stopped';
  /** Subscriptions started after a failure since the loop started. */
  readonly resubscriptions: number;
  /** The store's caught-up signal for the current subscription; null when it gives none. */
  readonly caughtUp: boolean | null;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * THE resubscribe-with-backoff loop every consumer of the log runs on (projections, reactors, the SSE feed): it
 * subscribes after the consumer's checkpoint, hands over batches, and when the subscription fails (a lost
 * connection, a node restart, a leader change) or a batch fails, it pauses and subscribes again after the
 * checkpoint as it then stands, for as long as the consumer runs. Delivery is therefore at least once.
 */
export class SubscriptionLoop {
  private running = false;
  private loop: Promise<void> | undefined;
  private subscription: Subscription | undefined;
  private wake: (() => void) | undefined;
  private failures = 0;
  private resubscriptions = 0;
  private waiting = false;

  constructor(
    private readonly store: EventStore,
    private readonly options: SubscriptionLoopOptions,
  ) {}

  get isRunning(): boolean {
    return this.running;
  }

  /** Starts the loop; `finished` resolves when it stops (by `stop()` or when `handle` says 'stop'). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run().finally(() => (this.running = false));
  }

  get finished(): Promise<void> {
    return this.loop ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.subscription?.close();
    await this.loop;
  }

  status(): SubscriptionLoopStatus {
    const state = !this.running ? 'stopped' : this.waiting ? 'waiting-to-resubscribe' : 'streaming';
    return { state, resubscriptions: this.resubscriptions, caughtUp: this.subscription?.progress?.().caughtUp ?? null };
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if ((await this.consume()) === 'stop') return;
        if (this.running) throw new Error('The subscription ended');
      } catch (error) {
        if (!this.running) return;
        const delay = this.delay(++this.failures);
        this.options.onFailure?.(error, delay);
        await this.pause(delay);
        this.resubscriptions++;
      }
    }
  }

  private async consume(): Promise<'stop' | void> {
    const after = this.options.checkpoint();
    const subscription = this.store.subscribeToAll({ ...(after !== null && { after }), ...(this.options.filter && { filter: this.options.filter }) });
    this.subscription = subscription;
    try {
      const reader = new BatchReader(subscription, this.options.batchSize ?? 500, this.options.maxLatencyMs ?? 20, after);
      for (let batch = await reader.next(); batch && this.running; batch = await reader.next()) {
        if ((await this.options.handle(batch)) === 'stop') return 'stop';
        this.failures = 0;
        // A store read synchronously (SQLite) hands over batch after batch in microtasks alone: catching up on a long
        // log would then hold the event loop until the head, with no request served meanwhile (an API whose read
        // models were behind did not even listen until they caught up). One turn of the loop per batch lets I/O in.
        await yieldToEventLoop();
      }
    } finally {
      await subscription.close();
    }
  }

  /** Doubling, capped, with the upper half jittered so that consumers dropped together do not return together. */
  private delay(failures: number): number {
    const base = Math.min(this.options.maxRetryDelayMs ?? 30_000, (this.options.retryDelayMs ?? 1000) * 2 ** (failures - 1));
    return Math.round(base / 2 + (Math.random() * base) / 2);
  }

  private pause(ms: number): Promise<void> {
    this.waiting = true;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.waiting = false;
        resolve();
      }
      this.wake = done;
    });
  }
}
