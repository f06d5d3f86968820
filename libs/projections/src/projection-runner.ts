import { Temporal } from 'temporal-polyfill';
import type { EventStore } from '#eventstore';
import type { Clock } from '#kernel';
import { commitBatch } from './commit-batch.js';
import { GenerationStore } from './generations.js';
import { ParkingLot, errorText } from './parking.js';
import type { Db, Projection } from './projection.js';
import { eventsBehind } from './lag.js';
import { RateMeter } from './rate-meter.js';
import { replay } from './replay.js';
import { type ConsumerStatus, type RebuildProgress, runnerHealth, stateOf } from './status.js';
import { type FeedBatch, SubscriptionLoop } from './subscription-loop.js';

export interface RunnerOptions {
  /** Events per transaction (default 500). */
  readonly batchSize?: number;
  /** Longest wait after a batch's first event before committing it (default 20 ms). */
  readonly maxLatencyMs?: number;
  /** First pause before resubscribing after a failure (default 1000 ms), doubling up to `maxRetryDelayMs` (30 s). */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  /** Events per transaction during a rebuild (default 5000). */
  readonly rebuildBatchSize?: number;
  /** Stamps parked and audit rows; defaults to the system clock. */
  readonly clock?: Clock;
}

export const systemClock: Clock = { now: () => Temporal.Now.instant() };

/** Keeps one projection's read model up to date from a catch-up subscription; see docs/projections.md. */
export class ProjectionRunner {
  private readonly generations: GenerationStore;
  private readonly parking: ParkingLot;
  private readonly meter = new RateMeter();
  private loop: SubscriptionLoop | undefined;
  private lastError: ConsumerStatus['lastError'] = null;
  private progress: RebuildProgress | null = null;
  private rebuilding = false;

  constructor(
    readonly projection: Projection,
    private readonly store: EventStore,
    private readonly db: Db,
    private readonly options: RunnerOptions = {},
  ) {
    this.generations = new GenerationStore(db);
    this.parking = new ParkingLot(db);
  }

  /** Prepares the tables (rebuilding when the version changed) and starts consuming unless parked. */
  private get running(): boolean {
    return this.loop?.isRunning ?? false;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.generations.dropInactive(this.projection);
    const active = this.generations.active(this.projection.name);
    if (!active) {
      this.generations.activate(this.projection, this.generations.create(this.projection).generation);
    } else if (active.version !== this.projection.version) {
      await this.rebuild();
    }
    if (!this.parked()) this.launch();
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
  }

  /** Operator action: try the parked event again (after a fix); it parks again if it still fails. */
  async retry(): Promise<void> {
    if (!this.parked()) throw new Error(`Projection ${this.projection.name} is not parked`);
    this.launch();
  }

  /** Operator action: move past the parked event at `position`, recording who skipped it and why. */
  async skip(position: number, actor: string, reason: string): Promise<void> {
    const parked = this.parked();
    if (!parked || parked.position !== position) {
      throw new Error(`Projection ${this.projection.name} is not parked at position ${position}`);
    }
    const generation = this.generations.active(this.projection.name)!.generation;
    this.db.transaction(() => {
      this.generations.savePosition(this.projection.name, generation, position);
      this.parking.resolve(parked, 'skipped', actor, reason, this.now());
    })();
    this.launch();
  }

  /** Replays everything into a new generation, swaps it in atomically, drops the old one, and goes on live. */
  async rebuild(onProgress: (progress: RebuildProgress) => void = () => {}): Promise<void> {
    if (this.rebuilding) throw new Error(`Projection ${this.projection.name} is already rebuilding`);
    this.rebuilding = true;
    const wasRunning = this.running;
    const next = this.generations.create(this.projection);
    const target = {
      db: this.db,
      store: this.store,
      generations: this.generations,
      projection: this.projection,
      generation: next.generation,
      batchSize: this.options.rebuildBatchSize ?? 5000,
    };
    const counter = { applied: 0, startedAt: performance.now(), from: 0 };
    const report = (p: RebuildProgress) => ((this.progress = p), onProgress(p));
    try {
      const createIndexes = this.generations.deferIndexes(this.projection, next.generation);
      const caughtUp = await replay(target, null, counter, report);
      createIndexes();
      await this.stop();
      await replay(target, caughtUp, counter, report);
      this.generations.activate(this.projection, next.generation);
      this.generations.dropInactive(this.projection);
      this.resolvePassedParking('rebuild');
    } catch (error) {
      this.generations.drop(this.projection, next.generation);
      throw error;
    } finally {
      this.rebuilding = false;
      this.progress = null;
      if (wasRunning && !this.parked()) this.launch();
    }
  }

  /** The checkpoint of the active generation: null before the first event. */
  position(): number | null {
    return this.generations.active(this.projection.name)?.position ?? null;
  }

  /** Reads the head and counts the lag itself; ProjectionsAdmin does both once for every consumer (`statusAt`). */
  async status(): Promise<ConsumerStatus> {
    const head = (await this.store.status()).headPosition ?? 0;
    const [lag] = await eventsBehind(this.store, [this.position()], head);
    return this.statusAt(head, lag!);
  }

  statusAt(headPosition: number, lag: number): ConsumerStatus {
    const active = this.generations.active(this.projection.name);
    const position = active?.position ?? null;
    const parked = this.parked() ?? null;
    return {
      name: this.projection.name,
      kind: 'projection',
      state: stateOf({ running: this.running, rebuilding: this.rebuilding, parked: parked !== null }, position, headPosition),
      position,
      headPosition,
      lag,
      parked,
      ...runnerHealth(this.meter, this.lastError, this.loop),
      version: active?.version ?? this.projection.version,
      generation: active?.generation,
      rebuild: this.progress,
    };
  }

  private launch(): void {
    if (this.running) return;
    const generation = this.generations.active(this.projection.name)!.generation;
    this.loop = new SubscriptionLoop(this.store, {
      checkpoint: () => this.position(),
      handle: (batch) => this.commit(generation, batch),
      onFailure: (error) => (this.lastError = { message: errorText(error), at: this.now() }),
      // Filtered by the store: a projection is not woken by, nor reads, what it would skip (the store reports the passed positions).
      ...(this.projection.filter && this.store.reportsFilteredPositions && { filter: this.projection.filter }),
      batchSize: this.options.batchSize ?? 500,
      maxLatencyMs: this.options.maxLatencyMs ?? 20,
      retryDelayMs: this.options.retryDelayMs ?? 1000,
      ...(this.options.maxRetryDelayMs !== undefined && { maxRetryDelayMs: this.options.maxRetryDelayMs }),
    });
    this.loop.start();
  }

  /** One batch, read model and checkpoint in one transaction; 'stop' when it parked a poison event. */
  private commit(generation: number, batch: FeedBatch): 'stop' | void {
    const outcome = commitBatch(this.db, this.generations, this.projection, generation, batch, (p) =>
      this.parking.park(this.projection.name, p.event, p.error, this.now()),
    );
    this.meter.record(outcome.consumed);
    this.resolvePassedParking('operator');
    if (!outcome.poison) return;
    this.lastError = { message: errorText(outcome.poison.error), at: this.now() };
    return 'stop';
  }

  /** A parked event the checkpoint has moved past (retried successfully, or replayed by a rebuild) is resolved. */
  private resolvePassedParking(actor: string): void {
    const parked = this.parking.get(this.projection.name);
    const position = this.generations.active(this.projection.name)?.position ?? null;
    if (parked && position !== null && position >= parked.position) {
      this.parking.resolve(parked, 'retried', actor, null, this.now());
    }
  }

  private parked() {
    const parked = this.parking.get(this.projection.name);
    const position = this.generations.active(this.projection.name)?.position ?? null;
    return parked && (position === null || parked.position > position) ? parked : undefined;
  }

  private now(): string {
    return (this.options.clock ?? systemClock).now().toString();
  }
}
