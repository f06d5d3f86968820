import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#eventstore';
import type { ReadModelReader } from '#projections';
import { reportAccountTicketsProjection } from '#reporting';
import { LogNotaryHost } from '../../../worker/src/log-notary.host.js';
import { ReadModels } from '../../../worker/src/read-models.js';
import { WorkerRuntime } from '../../../worker/src/worker-runtime.js';

const CATCH_UP_WAIT_MS = 3000;
const POLL_MS = 10;

/**
 * Answers at which log position a report can be built now: the store's head once the worker's
 * report-account-tickets read model and the log notary (in the shared read-model database) have reached it.
 */
@Injectable()
export class ReportPositions {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModels,
    private readonly worker: WorkerRuntime,
    private readonly notary: LogNotaryHost,
  ) {}

  get db(): ReadModelReader {
    return this.readModels.reader;
  }

  /** The head position, or (when the read model lags for longer than the wait) the position it has reached. */
  async current(): Promise<number> {
    const head = (await this.store.status()).headPosition ?? 0;
    const deadline = performance.now() + CATCH_UP_WAIT_MS;
    for (;;) {
      const [tickets, notary] = await this.reached();
      if ((tickets >= head && notary >= head) || performance.now() > deadline) return Math.min(tickets, head);
      await sleep(POLL_MS);
    }
  }

  /** The global chain's head after the last event at or before `position`, once the notary has witnessed that far. */
  async chainAt(position: number): Promise<{ chainHead: string | null; events: number | null }> {
    const witness = this.notary.witness;
    if ((await witness.head()).position < position) return { chainHead: null, events: null };
    const head = await witness.headAt(position);
    return { chainHead: head.chain, events: head.events };
  }

  /** Where the read model is, and where the notary's record ends (shared by every replica on PostgreSQL). */
  private async reached(): Promise<[number, number]> {
    const { consumers } = await this.worker.admin.positions();
    const tickets = consumers.find((c) => c.name === reportAccountTicketsProjection.name)?.position ?? 0;
    return [tickets, (await this.notary.witness.head()).position];
  }
}
