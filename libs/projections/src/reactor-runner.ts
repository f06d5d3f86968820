import type { EventStore } from '#eventstore';
import type { Clock, RecordedEvent } from '#kernel';
import { errorText } from './parking.js';
import { type ConsumerFilter, type Db, matchesFilter } from './projection.js';
import { systemClock } from './projection-runner.js';
import { eventsBehind } from './lag.js';
import { RateMeter } from './rate-meter.js';
import { type ReactorStorage, SqliteReactorStorage } from './reactor-storage.js';
import { type ConsumerStatus, runnerHealth, stateOf } from './status.js';
import { type FeedBatch, SubscriptionLoop } from './subscription-loop.js';

/**
 * Turns events into actions (usually commands). Delivery is at-least-once: the checkpoint moves only after
 * `handle` succeeds, so `handle` must be idempotent (commands with ids derived from the event id).
 */
export interface Reactor {
  readonly name: string;
  readonly filter?: ConsumerFilter;
  handle(event: RecordedEvent): Promise<void>;
}

export interface ReactorOptions {
  /** Attempts per event before it is parked (default 5). */
  readonly maxAttempts?: number;
  /** First pause between attempts, doubled each time up to `maxBackoffMs` (defaults 100 ms and 30 s). */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  /** First pause before resubscribing after a dropped subscription (default 1000 ms), doubling up to 30 s. */
  readonly retryDelayMs?: number;
  readonly clock?: Clock;
  /** Where the checkpoint and parked event live (default: the `db` given, SQLite). */
  readonly storage?: ReactorStorage;
  /** The name shown in the status and used for parking (default: the reactor's; one per partition on PostgreSQL). */
  readonly name?: string;
  /** Only the events of this runner's partition (default: all); the others move the checkpoint without delivery. */
  readonly owns?: (event: RecordedEvent) => boolean;
}

/** An event no retry can help (its payload cannot be decoded) is parked at the first failure. */
const hopeless = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 'UNDECODABLE_EVENT';

export class ReactorRunner {
  readonly name: string;
  private readonly storage: ReactorStorage;
  private readonly meter = new RateMeter();
  private loop: SubscriptionLoop | undefined;
  private wake: (() => void) | undefined;
  private lastError: ConsumerStatus['lastError'] = null;
  /** The checkpoint as this runner last read or saved it: where its loop subscribes again after a failure. */
  private known: number | null = null;

  constructor(
    readonly reactor: Reactor,
    private readonly store: EventStore,
    db: Db | undefined,
    private readonly options: ReactorOptions = {},
  ) {
    this.name = options.name ?? reactor.name;
    if (!options.storage && !db) throw new Error(`Reactor ${this.name} needs a database or a storage`);
    this.storage = options.storage ?? new SqliteReactorStorage(db!, this.name);
  }

  private get running(): boolean {
    return this.loop?.isRunning ?? false;
  }

  async start(): Promise<void> {
    if (!this.running && !(await this.parked())) await this.launch();
  }

  async stop(): Promise<void> {
    const stopping = this.loop?.stop();
    this.wake?.();
    await stopping;
  }

  async retry(): Promise<void> {
    if (!(await this.parked())) throw new Error(`Reactor ${this.name} is not parked`);
    await this.launch();
  }

  async skip(position: number, actor: string, reason: string): Promise<void> {
    const parked = await this.parked();
    if (!parked || parked.position !== position) {
      throw new Error(`Reactor ${this.name} is not parked at position ${position}`);
    }
    await this.storage.skip(parked, actor, reason, this.now());
    await this.launch();
  }

  position(): Promise<number | null> {
    return this.storage.checkpoint();
  }

  async status(): Promise<ConsumerStatus> {
    const head = (await this.store.status()).headPosition ?? 0;
    const [lag] = await eventsBehind(this.store, [await this.position()], head);
    return this.statusAt(head, lag!);
  }

  /** `running` overrides what this process knows (on PostgreSQL, another worker may be the one running it). */
  async statusAt(headPosition: number, lag: number, running = this.running): Promise<ConsumerStatus> {
    const position = await this.storage.checkpoint();
    const parked = (await this.parked()) ?? null;
    const state = stateOf({ running, parked: parked !== null }, position, headPosition);
    return { name: this.name, kind: 'reactor', state, position, headPosition, lag, parked, ...runnerHealth(this.meter, this.lastError, this.loop) };
  }

  private async launch(): Promise<void> {
    if (this.running) return;
    this.known = await this.storage.checkpoint();
    this.loop = new SubscriptionLoop(this.store, {
      checkpoint: () => this.known,
      handle: (batch) => this.handleBatch(batch),
      onFailure: (error) => (this.lastError = { message: errorText(error), at: this.now() }),
      // Filtered by the store: a reactor is not woken by, nor reads, what it would skip (the store reports the passed positions).
      ...(this.reactor.filter && this.store.reportsFilteredPositions && { filter: this.reactor.filter }),
      batchSize: 100,
      maxLatencyMs: 20,
      retryDelayMs: this.options.retryDelayMs ?? 1000,
    });
    this.loop.start();
  }

  /** Each event is handled and checkpointed in turn; 'stop' when one was parked, the checkpoint is no longer ours, or the runner is stopping. */
  private async handleBatch(batch: FeedBatch): Promise<'stop' | void> {
    for (const event of batch.events) {
      if (!matchesFilter(event, this.reactor.filter) || !(this.options.owns?.(event) ?? true)) continue;
      if (!(await this.deliver(event))) return 'stop';
      if (!(await this.save(event.position))) return 'stop';
    }
    if (!(await this.save(batch.checkpoint))) return 'stop';
    this.meter.record(batch.events.length);
  }

  private async save(position: number): Promise<boolean> {
    if (!(await this.storage.saveCheckpoint(position))) return false;
    this.known = position;
    return true;
  }

  /** Handles one event with retries and backoff; false when it was parked or the runner stopped meanwhile. */
  private async deliver(event: RecordedEvent): Promise<boolean> {
    const attempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; this.running; attempt++) {
      try {
        await this.reactor.handle(event);
        await this.resolveParking(event);
        return true;
      } catch (error) {
        this.lastError = { message: errorText(error), at: this.now() };
        if (attempt >= attempts || hopeless(error)) {
          await this.storage.park(event, error, this.now(), attempt);
          return false;
        }
        await this.pause(Math.min((this.options.backoffMs ?? 100) * 2 ** (attempt - 1), this.options.maxBackoffMs ?? 30_000));
      }
    }
    return false;
  }

  private async resolveParking(event: RecordedEvent): Promise<void> {
    const parked = await this.storage.parked();
    if (parked?.position === event.position) await this.storage.resolve(parked, 'retried', 'operator', null, this.now());
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => (clearTimeout(timer), resolve());
    });
  }

  private async parked() {
    const parked = await this.storage.parked();
    const position = await this.storage.checkpoint();
    return parked && (position === null || parked.position > position) ? parked : undefined;
  }

  private now(): string {
    return (this.options.clock ?? systemClock).now().toString();
  }
}
