import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Temporal } from 'temporal-polyfill';
import { EVENT_STORE, type EventStore } from '#eventstore';
import {
  AccountSnapshots, deadlineDispatcher, maintenanceTicketsReactor, overtakenIn, ticketAccountReactor, accountSnapshotReactor, type SendAccountCommand,
} from '#hour-bank';
import { CLOCK, type Clock } from '#kernel';
import { ticketNumberingReactor } from '#ticketing';
import { type DueItem, type Projection, ProjectionRunner, ProjectionsAdmin, ReactorRunner, Scheduler, WorkerLease } from '#projections';
import { ReadModels } from './read-models.js';
import { WORKER_SETTINGS, type WorkerSettings } from './worker-settings.js';
import { workerProjections } from './worker-projections.js';
import { quiesce, nextDueAfter } from './quiesce.js';

/** How long a starting worker waits for a lease that may be stale (its holder gone without releasing it). */
const WORKER_LEASE_WAIT_MS = 16_000;

/** The instant a test clock can be moved to; the platform's TestClock satisfies it. */
export interface MovableClock extends Clock {
  advanceTo(instant: Temporal.Instant): Temporal.Instant;
}

/**
 * Hosts the projections, reactors and scheduler of one process. Other modules may add projections with
 * `register` during their onModuleInit; everything starts at application bootstrap.
 */
@Injectable()
export class WorkerRuntime implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly extra: Projection[] = [];
  private readonly logger = new Logger('WorkerRuntime');
  private started = false;
  private lease: WorkerLease | undefined;
  admin!: ProjectionsAdmin;
  scheduler!: Scheduler;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WORKER_SETTINGS) readonly settings: WorkerSettings,
    private readonly readModels: ReadModels,
    private readonly snapshots: AccountSnapshots,
    private readonly commands: CommandBus,
  ) {}

  register(projection: Projection): void {
    if (this.started) throw new Error(`Projection ${projection.name} registered after the worker started`);
    this.extra.push(projection);
  }

  get projections(): readonly Projection[] {
    return [...workerProjections(this.settings), ...this.extra];
  }

  async onApplicationBootstrap(): Promise<void> {
    const { db } = this.readModels;
    const options = { clock: this.clock, maxLatencyMs: 5 };
    const projections = this.projections.map((p) => new ProjectionRunner(p, this.store, db, options));
    const send: SendAccountCommand = (command) => this.commands.execute(command);
    const execute = (command: Parameters<CommandBus['execute']>[0]) => this.commands.execute(command);
    const reactors = [
      ticketAccountReactor(send, overtakenIn(this.store)), ticketNumberingReactor(execute), maintenanceTicketsReactor({ execute }),
      accountSnapshotReactor(this.store, this.snapshots, this.settings.snapshotEvery),
    ]
      .map((r) => new ReactorRunner(r, this.store, db, { clock: this.clock }));
    const dispatch = deadlineDispatcher(this.commands);
    this.scheduler = new Scheduler(db, { clock: this.clock, dispatch });
    this.admin = new ProjectionsAdmin(this.store, projections, reactors, this.scheduler);
    this.started = true;
    if (this.settings.mode === 'off') return;
    // One process at a time runs the projections, reactors and scheduler of a data dir.
    this.lease = new WorkerLease(db, { role: 'worker', onLost: (holder) => void this.lost(holder?.role) });
    await this.lease.acquireWithin(WORKER_LEASE_WAIT_MS, undefined, (holder) =>
      this.logger.warn(`Waiting for the worker lease of ${holder.role} (pid ${holder.pid} on ${holder.host}) to be renewed or to expire at ${new Date(holder.expiresAt).toISOString()}`),
    );
    await this.admin.startAll();
    this.scheduler.start(this.settings.schedulerIntervalMs);
  }

  /**
   * Waits until every consumer has seen the whole log, fires what is due, and repeats until a tick fires nothing and
   * the log did not move meanwhile: the background tick may have fired an item first (ticks are queued one after
   * another), and what its command appended must be consumed before the books are settled.
   */
  async settle(timeoutMs = 30_000): Promise<DueItem[]> {
    const fired: DueItem[] = [];
    for (;;) {
      await quiesce(this.store, this.admin, timeoutMs);
      const head = (await this.store.status()).headPosition;
      const now = await this.scheduler.tick();
      if (now.length === 0 && (await this.store.status()).headPosition === head) return fired;
      fired.push(...now);
    }
  }

  /**
   * Test clock only: moves time to `to` through every due instant on the way, settling at each, so what the
   * deadlines cause is dated when it would have happened.
   */
  async advanceTo(clock: MovableClock, to: Temporal.Instant): Promise<DueItem[]> {
    const fired = await this.settle();
    for (let next = nextDueAfter(this.readModels.db, clock.now(), to); next; next = nextDueAfter(this.readModels.db, clock.now(), to)) {
      clock.advanceTo(next);
      fired.push(...(await this.settle()));
    }
    clock.advanceTo(to);
    fired.push(...(await this.settle()));
    return fired;
  }

  async onModuleDestroy(): Promise<void> {
    if (this.started) await this.admin.stopAll();
    this.lease?.release();
  }

  /** Another process took the lease (this one stalled past its expiry): stop writing rather than write twice. */
  private async lost(by: string | undefined): Promise<void> {
    this.logger.error(`The worker lease was taken over by ${by ?? 'another process'}: projections, reactors and scheduler stop here`);
    await this.admin.stopAll().catch((error: unknown) => this.logger.error(`Stopping after the lease was lost failed: ${String(error)}`));
  }

  onApplicationShutdown(): void {
    this.readModels.close();
  }
}
