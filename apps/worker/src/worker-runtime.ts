import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Temporal } from 'temporal-polyfill';
import { EVENT_STORE, type EventStore } from '#eventstore';
import {
  ACCOUNT_SNAPSHOTS, type AccountSnapshotStore, deadlineDispatcher, maintenanceTicketsReactor, overtakenIn, ticketAccountReactor, accountSnapshotReactor, type SendAccountCommand,
} from '#hour-bank';
import { CLOCK, type Clock } from '#kernel';
import {
  ClaimKeeper, type Db, type DueItem, MirroredProjectionRunner, OperatorDesk, OperatorRequests, PgDueItemStore, type Projection, type ProjectionConsumer, ProjectionRunner,
  ProjectionsAdmin, type Reactor, type ReactorConsumer, ReactorPartition, ReactorRunner, Scheduler, WorkerLease, normalizeInstant,
} from '#projections';
import { ticketNumberingReactor } from '#ticketing';
import { LogNotaryHost } from './log-notary.host.js';
import { ReadModels } from './read-models.js';
import { WORKER_SETTINGS, type WorkerSettings } from './worker-settings.js';
import { workerProjections } from './worker-projections.js';
import { quiesce } from './quiesce.js';

/** How long a starting worker waits for a lease that may be stale (its holder gone without releasing it). */
const WORKER_LEASE_WAIT_MS = 16_000;

/** The instant a test clock can be moved to; the platform's TestClock satisfies it. */
export interface MovableClock extends Clock {
  advanceTo(instant: Temporal.Instant): Temporal.Instant;
}

interface Consumers {
  readonly projections: ProjectionConsumer[];
  readonly reactors: ReactorConsumer[];
  readonly scheduler: Scheduler;
  readonly keeper?: ClaimKeeper;
  /** On PostgreSQL: operator actions asked on any replica, carried out where the consumer is held. */
  readonly requests?: OperatorRequests;
  readonly desk?: OperatorDesk;
  readonly copies: Db[];
}

/**
 * Hosts the projections, reactors and scheduler of one process. Other modules may add projections with
 * `register` during their onModuleInit; everything starts at application bootstrap. Embedded, they all run here on
 * the data dir's SQLite read models; with HOURBANK_DATABASE_URL, the workers share them through PostgreSQL claims.
 */
@Injectable()
export class WorkerRuntime implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly extra: Projection[] = [];
  private readonly logger = new Logger('WorkerRuntime');
  private started = false;
  private lease: WorkerLease | undefined;
  private consumers: Consumers | undefined;
  admin!: ProjectionsAdmin;
  scheduler!: Scheduler;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WORKER_SETTINGS) readonly settings: WorkerSettings,
    private readonly readModels: ReadModels,
    @Inject(ACCOUNT_SNAPSHOTS) private readonly snapshots: AccountSnapshotStore,
    private readonly commands: CommandBus,
    private readonly notary: LogNotaryHost,
  ) {}

  register(projection: Projection): void {
    if (this.started) throw new Error(`Projection ${projection.name} registered after the worker started`);
    this.extra.push(projection);
  }

  get projections(): readonly Projection[] {
    return [...workerProjections(this.settings), ...this.extra];
  }

  /** The worker id of this process's claims on PostgreSQL (undefined when embedded). */
  get workerId(): string | undefined {
    return this.consumers?.keeper?.workerId;
  }

  /** On PostgreSQL: where an operator asks the worker holding a consumer to retry, skip or rebuild (undefined when embedded). */
  get operatorRequests(): OperatorRequests | undefined {
    return this.consumers?.requests;
  }

  async onApplicationBootstrap(): Promise<void> {
    const send: SendAccountCommand = (command) => this.commands.execute(command);
    const execute = (command: Parameters<CommandBus['execute']>[0]) => this.commands.execute(command);
    const reactors = [
      ticketAccountReactor(send, overtakenIn(this.store)), ticketNumberingReactor(execute), maintenanceTicketsReactor({ execute }),
      accountSnapshotReactor(this.store, this.snapshots, this.settings.snapshotEvery),
    ];
    const dispatch = deadlineDispatcher(this.commands);
    this.consumers = this.readModels.pool ? this.sharedConsumers(reactors, dispatch) : this.embeddedConsumers(reactors, dispatch);
    this.scheduler = this.consumers.scheduler;
    this.admin = new ProjectionsAdmin(this.store, this.consumers.projections, this.consumers.reactors, this.scheduler);
    this.started = true;
    if (this.settings.mode === 'off') return;
    // One process at a time runs the projections, reactors and scheduler of a data dir.
    this.lease = new WorkerLease(this.readModels.db, { role: 'worker', onLost: (holder) => void this.lost(holder?.role) });
    await this.lease.acquireWithin(WORKER_LEASE_WAIT_MS, undefined, (holder) =>
      this.logger.warn(`Waiting for the worker lease of ${holder.role} (pid ${holder.pid} on ${holder.host}) to be renewed or to expire at ${new Date(holder.expiresAt).toISOString()}`),
    );
    if (this.consumers.keeper) await this.consumers.keeper.start();
    else await this.admin.startAll();
    this.consumers.desk?.start();
    this.scheduler.start(this.settings.schedulerIntervalMs);
    this.notary.notary.start();
  }

  private embeddedConsumers(reactors: Reactor[], dispatch: (item: DueItem) => Promise<void>): Consumers {
    const { db } = this.readModels;
    const options = { clock: this.clock, maxLatencyMs: 5 };
    return {
      projections: this.projections.map((p) => new ProjectionRunner(p, this.store, db, options)),
      reactors: [...reactors, this.notary.notary.reactor].map((r) => new ReactorRunner(r, this.store, db, { clock: this.clock })),
      scheduler: new Scheduler(db, { clock: this.clock, dispatch }),
      copies: [],
    };
  }

  /** Every projection and reactor partition is a claim; whichever worker holds it runs it. */
  private sharedConsumers(reactors: Reactor[], dispatch: (item: DueItem) => Promise<void>): Consumers {
    const pool = this.readModels.pool!;
    const keeper = new ClaimKeeper(pool, {
      ttlMs: this.settings.claimTtlMs,
      onError: (error) => this.logger.warn(`Claims: ${String(error)}`),
    });
    const copies: Db[] = [];
    const projections = this.projections.map((p) => {
      const copy = this.readModels.openCopy(p.name);
      copies.push(copy);
      return new MirroredProjectionRunner(p, this.store, copy, pool, keeper, { clock: this.clock, maxLatencyMs: 5 });
    });
    const partitions = this.settings.reactorPartitions;
    const reactorParts = reactors.flatMap((r) =>
      Array.from({ length: partitions }, (_, i) => new ReactorPartition(r, i, partitions, this.store, pool, keeper, { clock: this.clock })));
    // The notary chains the log in its global order: one partition, so one worker at a time witnesses every event.
    reactorParts.push(new ReactorPartition(this.notary.notary.reactor, 0, 1, this.store, pool, keeper, { clock: this.clock }));
    [...projections, ...reactorParts].forEach((c) => keeper.register(c));
    const items = new PgDueItemStore(pool, { worker: keeper.workerId, claimTtlMs: Math.max(this.settings.claimTtlMs, 30_000) });
    const scheduler = new Scheduler(items, { clock: this.clock, dispatch });
    const requests = new OperatorRequests(pool);
    const desk = new OperatorDesk(requests, keeper, {
      retry: (name) => this.admin.retry(name),
      skip: (name, position, actor, reason) => this.admin.skip(name, position, actor, reason),
      rebuild: (name) => this.admin.rebuild(name),
    }, { onError: (error) => this.logger.warn(`Operator requests: ${String(error)}`) });
    return { projections, reactors: reactorParts, scheduler, keeper, requests, desk, copies };
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
    for (let next = await this.nextDue(clock, to); next; next = await this.nextDue(clock, to)) {
      clock.advanceTo(next);
      fired.push(...(await this.settle()));
    }
    clock.advanceTo(to);
    fired.push(...(await this.settle()));
    return fired;
  }

  private async nextDue(clock: Clock, to: Temporal.Instant): Promise<Temporal.Instant | undefined> {
    const next = await this.scheduler.items.nextDueAfter(normalizeInstant(clock.now().toString()), normalizeInstant(to.toString()));
    return next === undefined ? undefined : Temporal.Instant.from(next);
  }

  async onModuleDestroy(): Promise<void> {
    this.notary.notary.stop();
    if (this.started) {
      await this.scheduler.stop();
      await this.consumers?.desk?.stop();
      if (this.consumers?.keeper) await this.consumers.keeper.stop();
      await this.admin.stopAll();
    }
    this.lease?.release();
  }

  /** Another process took the lease (this one stalled past its expiry): stop writing rather than write twice. */
  private async lost(by: string | undefined): Promise<void> {
    this.logger.error(`The worker lease was taken over by ${by ?? 'another process'}: projections, reactors and scheduler stop here`);
    const { keeper, desk } = this.consumers ?? {};
    const stopping = keeper ? (desk?.stop() ?? Promise.resolve()).then(() => keeper.stop()).then(() => this.admin.stopAll()) : this.admin.stopAll();
    await stopping.catch((error: unknown) => this.logger.error(`Stopping after the lease was lost failed: ${String(error)}`));
  }

  async onApplicationShutdown(): Promise<void> {
    for (const copy of this.consumers?.copies ?? []) if (copy.open) copy.close();
    await this.readModels.close();
  }
}
