import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#eventstore';
import type { ReadModelReader } from '#projections';
import { reportAccountTicketsProjection } from '#reporting';
import { ReadModels } from '../../../worker/src/read-models.js';
import { WorkerRuntime } from '../../../worker/src/worker-runtime.js';

const CATCH_UP_WAIT_MS = 3000;
const POLL_MS = 10;

/**
 * Answers at which log position a report can be built now: the store's head once the worker's
 * report-account-tickets read model (in the shared read-model database) has reached it.
 */
@Injectable()
export class ReportPositions {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModels,
    private readonly worker: WorkerRuntime,
  ) {}

  get db(): ReadModelReader {
    return this.readModels.reader;
  }

  /** The head position, or (when the read model lags for longer than the wait) the position it has reached. */
  async current(): Promise<number> {
    const head = (await this.store.status()).headPosition ?? 0;
    const deadline = performance.now() + CATCH_UP_WAIT_MS;
    for (;;) {
      const reached = (await this.reached()) ?? 0;
      if (reached >= head || performance.now() > deadline) return Math.min(reached, head);
      await sleep(POLL_MS);
    }
  }

  private async reached(): Promise<number | null> {
    const { consumers } = await this.worker.admin.positions();
    return consumers.find((c) => c.name === reportAccountTicketsProjection.name)?.position ?? null;
  }
}
