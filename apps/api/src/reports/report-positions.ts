import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { LOG_NOTARY } from '#integrity';
import type { Db } from '#projections';
import { reportAccountTicketsProjection } from '#reporting';
import { LogNotaryHost } from '../../../worker/src/log-notary.host.js';
import { ReadModels } from '../../../worker/src/read-models.js';
import { WorkerRuntime } from '../../../worker/src/worker-runtime.js';

const CATCH_UP_WAIT_MS = 3000;
const POLL_MS = 10;
const WAITED_FOR = [reportAccountTicketsProjection.name, LOG_NOTARY];

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

  get db(): Db {
    return this.readModels.db;
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

  private async reached(): Promise<[number, number]> {
    const { consumers } = await this.worker.admin.positions();
    const at = (name: string) => consumers.find((c) => c.name === name)?.position ?? 0;
    return WAITED_FOR.map(at) as [number, number];
  }
}
