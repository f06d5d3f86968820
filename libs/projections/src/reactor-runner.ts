import type { EventStore, Subscription } from '#eventstore';
import type { Clock, RecordedEvent } from '#kernel';
import { BatchReader } from './batch-reader.js';
import { errorText } from './parking.js';
import { type ConsumerFilter, type Db, matchesFilter } from './projection.js';
import { type ReactorStorage, SqliteReactorStorage } from './reactor-storage.js';
import { systemClock } from './projection-runner.js';
import { RateMeter } from './rate-meter.js';
import { type ConsumerStatus, lagOf, stateOf } from './status.js';

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
  readonly clock?: Clock;
  /** Where the checkpoint and parked event live (default: the `db` given, SQLite). */
  readonly storage?: ReactorStorage;
  /** The name shown in the status and used for parking (default: the reactor's; one per partition on PostgreSQL). */
  readonly name?: string;
  /** Only the events of this runner's partition (default: all); the others move the checkpoint without delivery. */
  readonly owns?: (event: RecordedEvent) => boolean;
}

export class ReactorRunner {
  readonly name: string;
  private readonly storage: ReactorStorage;
  private readonly meter = new RateMeter();
  private running = false;
  private loop: Promise<void> | undefined;
  private subscription: Subscription | undefined;
  private wake: (() => void) | undefined;
  private lastError: ConsumerStatus['lastError'] = null;

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

  async start(): Promise<void> {
    if (!this.running && !(await this.parked())) this.launch();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.subscription?.close();
    await this.loop;
  }

  async retry(): Promise<void> {
    if (!(await this.parked())) throw new Error(`Reactor ${this.name} is not parked`);
    this.launch();
  }

  async skip(position: number, actor: string, reason: string): Promise<void> {
    const parked = await this.parked();
    if (!parked || parked.position !== position) {
      throw new Error(`Reactor ${this.name} is not parked at position ${position}`);
    }
    await this.storage.skip(parked, actor, reason, this.now());
    this.launch();
  }

  /** `running` overrides what this process knows (on PostgreSQL, another worker may be the one running it). */
  async status(headPosition?: number, running = this.running): Promise<ConsumerStatus> {
    const head = headPosition ?? (await this.store.status()).headPosition ?? 0;
    const position = await this.storage.checkpoint();
    const parked = (await this.parked()) ?? null;
    const lag = lagOf(head, position);
    const state = stateOf({ running, parked: parked !== null }, lag);
    const eventsPerSecond = this.meter.perSecond();
    return { name: this.name, kind: 'reactor', state, position, headPosition: head, lag, eventsPerSecond, lastError: this.lastError, parked };
  }

  private launch(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.consume()
      .catch((error: unknown) => void (this.lastError = { message: errorText(error), at: this.now() }))
      .finally(() => (this.running = false));
  }

  private async consume(): Promise<void> {
    const after = await this.storage.checkpoint();
    const subscription = this.store.subscribeToAll(after === null ? {} : { after });
    this.subscription = subscription;
    const reader = new BatchReader(subscription[Symbol.asyncIterator](), 100, 20);
    try {
      for (let batch = await reader.next(); batch && this.running; batch = await reader.next()) {
        for (const event of batch) {
          if (!matchesFilter(event, this.reactor.filter) || !(this.options.owns?.(event) ?? true)) continue;
          if (!(await this.deliver(event))) return;
          if (!(await this.storage.saveCheckpoint(event.position))) return;
        }
        if (!(await this.storage.saveCheckpoint(batch.at(-1)!.position))) return;
        this.meter.record(batch.length);
      }
    } finally {
      this.subscription = undefined;
      await subscription.close();
    }
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
        if (attempt >= attempts) {
          await this.storage.park(event, error, this.now(), attempts);
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
