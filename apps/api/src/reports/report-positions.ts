import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { CLOCK, type Clock } from '#kernel';
import { PLATFORM_CONFIG, type PlatformConfig } from '#platform';
import { type Db, ProjectionRunner, openReadModelDatabase } from '#projections';
import { reportAccountTicketsProjection } from '#reporting';

const CATCH_UP_WAIT_MS = 3000;
const POLL_MS = 10;

/**
 * Hosts the report-account-tickets read model (its own SQLite file, rebuildable) and answers at which log
 * position a report can be built now: the store's head once the read model has reached it.
 */
@Injectable()
export class ReportPositions implements OnModuleInit, OnApplicationShutdown {
  db!: Db;
  private runner!: ProjectionRunner;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    this.db = openReadModelDatabase(join(this.config.dataDir, 'reports.sqlite'));
    this.runner = new ProjectionRunner(reportAccountTicketsProjection, this.store, this.db, { clock: this.clock, maxLatencyMs: 5 });
    await this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
    if (this.db?.open) this.db.close();
  }

  /** The head position, or (when the read model lags for longer than the wait) the position it has reached. */
  async current(): Promise<number> {
    const head = (await this.store.status()).headPosition ?? 0;
    const deadline = performance.now() + CATCH_UP_WAIT_MS;
    for (;;) {
      const reached = (await this.runner.status(head)).position ?? 0;
      if (reached >= head || performance.now() > deadline) return Math.min(reached, head);
      await sleep(POLL_MS);
    }
  }
}
