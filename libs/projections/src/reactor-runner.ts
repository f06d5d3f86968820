import type { EventStore } from '#eventstore';
import type { Clock, RecordedEvent } from '#kernel';
import { ParkingLot, errorText } from './parking.js';
import { type ConsumerFilter, type Db, matchesFilter } from './projection.js';
import { systemClock } from './projection-runner.js';
import { eventsBehind } from './lag.js';
import { RateMeter } from './rate-meter.js';
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
}

/** An event no retry can help (its payload cannot be decoded) is parked at the first failure. */
const hopeless = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 'UNDECODABLE_EVENT';

export class ReactorRunner {
  private readonly parking: ParkingLot;
  private readonly meter = new RateMeter();
  private loop: SubscriptionLoop | undefined;
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

  private get running(): boolean {
    return this.loop?.isRunning ?? false;
  }

  async start(): Promise<void> {
    if (!this.running && !this.parked()) this.launch();
  }

  async stop(): Promise<void> {
    const stopping = this.loop?.stop();
    this.wake?.();
    await stopping;
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

  position(): number | null {
    return this.checkpoint();
  }

  async status(): Promise<ConsumerStatus> {
    const head = (await this.store.status()).headPosition ?? 0;
    const [lag] = await eventsBehind(this.store, [this.position()], head);
    return this.statusAt(head, lag!);
  }

  statusAt(headPosition: number, lag: number): ConsumerStatus {
    const position = this.checkpoint();
    const parked = this.parked() ?? null;
    const state = stateOf({ running: this.running, parked: parked !== null }, position, headPosition);
    return { name: this.reactor.name, kind: 'reactor', state, position, headPosition, lag, parked, ...runnerHealth(this.meter, this.lastError, this.loop) };
  }

  private launch(): void {
    if (this.running) return;
    this.loop = new SubscriptionLoop(this.store, {
      checkpoint: () => this.checkpoint(),
      handle: (batch) => this.handleBatch(batch),
      onFailure: (error) => (this.lastError = { message: errorText(error), at: this.now() }),
      batchSize: 100,
      maxLatencyMs: 20,
      retryDelayMs: this.options.retryDelayMs ?? 1000,
    });
    this.loop.start();
  }

  /** Each event is handled and checkpointed in turn; 'stop' when one was parked or the runner is stopping. */
  private async handleBatch(batch: FeedBatch): Promise<'stop' | void> {
    for (const event of batch.events) {
      if (!matchesFilter(event, this.reactor.filter)) continue;
      if (!(await this.deliver(event))) return 'stop';
      this.saveCheckpoint(event.position);
    }
    this.saveCheckpoint(batch.checkpoint);
    this.meter.record(batch.events.length);
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
        if (attempt >= attempts || hopeless(error)) {
          this.parking.park(this.reactor.name, event, error, this.now(), attempt);
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
