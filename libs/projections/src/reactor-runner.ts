import type { EventStore, Subscription } from '#eventstore';
import type { Clock, RecordedEvent } from '#kernel';
import { BatchReader } from './batch-reader.js';
import { ParkingLot, errorText } from './parking.js';
import { type ConsumerFilter, type Db, matchesFilter } from './projection.js';
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
}

export class ReactorRunner {
  private readonly parking: ParkingLot;
  private readonly meter = new RateMeter();
  private running = false;
  private loop: Promise<void> | undefined;
  private subscription: Subscription | undefined;
  private wake: (() => void) | undefined;
  private lastError: ConsumerStatus['lastError'] = null;

  constructor(
    readonly reactor: Reactor,
    private readonly store: EventStore,
    private readonly db: Db,
    private readonly options: ReactorOptions = {},
  ) {
    this.parking = new ParkingLot(db);
  }

  async start(): Promise<void> {
    if (!this.running && !this.parked()) this.launch();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.subscription?.close();
    await this.loop;
  }

  async retry(): Promise<void> {
    if (!this.parked()) throw new Error(`Reactor ${this.reactor.name} is not parked`);
    this.launch();
  }

  async skip(position: number, actor: string, reason: string): Promise<void> {
    const parked = this.parked();
    if (!parked || parked.position !== position) {
      throw new Error(`Reactor ${this.reactor.name} is not parked at position ${position}`);
    }
    this.db.transaction(() => {
      this.saveCheckpoint(position);
      this.parking.resolve(parked, 'skipped', actor, reason, this.now());
    })();
    this.launch();
  }

  async status(headPosition?: number): Promise<ConsumerStatus> {
    const head = headPosition ?? (await this.store.status()).headPosition ?? 0;
    const position = this.checkpoint();
    const parked = this.parked() ?? null;
    const lag = lagOf(head, position);
    const state = stateOf({ running: this.running, parked: parked !== null }, lag);
    const eventsPerSecond = this.meter.perSecond();
    return { name: this.reactor.name, kind: 'reactor', state, position, headPosition: head, lag, eventsPerSecond, lastError: this.lastError, parked };
  }

  private launch(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.consume()
      .catch((error: unknown) => void (this.lastError = { message: errorText(error), at: this.now() }))
      .finally(() => (this.running = false));
  }

  private async consume(): Promise<void> {
    const after = this.checkpoint();
    const subscription = this.store.subscribeToAll(after === null ? {} : { after });
    this.subscription = subscription;
    const reader = new BatchReader(subscription[Symbol.asyncIterator](), 100, 20);
    try {
      for (let batch = await reader.next(); batch && this.running; batch = await reader.next()) {
        for (const event of batch) {
          if (!matchesFilter(event, this.reactor.filter)) continue;
          if (!(await this.deliver(event))) return;
          this.saveCheckpoint(event.position);
        }
        this.saveCheckpoint(batch.at(-1)!.position);
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
        this.resolveParking(event);
        return true;
      } catch (error) {
        this.lastError = { message: errorText(error), at: this.now() };
        if (attempt >= attempts) {
          this.parking.park(this.reactor.name, event, error, this.now(), attempts);
          return false;
        }
        await this.pause(Math.min((this.options.backoffMs ?? 100) * 2 ** (attempt - 1), this.options.maxBackoffMs ?? 30_000));
      }
    }
    return false;
  }

  private resolveParking(event: RecordedEvent): void {
    const parked = this.parking.get(this.reactor.name);
    if (parked?.position === event.position) this.parking.resolve(parked, 'retried', 'operator', null, this.now());
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => (clearTimeout(timer), resolve());
    });
  }

  private parked() {
    const parked = this.parking.get(this.reactor.name);
    const position = this.checkpoint();
    return parked && (position === null || parked.position > position) ? parked : undefined;
  }

  private checkpoint(): number | null {
    const row = this.db.prepare('SELECT position FROM reactor_checkpoints WHERE reactor = ?').get(this.reactor.name) as
      | { position: number | null }
      | undefined;
    return row?.position ?? null;
  }

  private saveCheckpoint(position: number): void {
    this.db
      .prepare('INSERT INTO reactor_checkpoints (reactor, position) VALUES (?, ?) ON CONFLICT (reactor) DO UPDATE SET position = excluded.position')
      .run(this.reactor.name, position);
  }

  private now(): string {
    return (this.options.clock ?? systemClock).now().toString();
  }
}
