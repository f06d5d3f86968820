import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { WorkerRuntime } from './worker-runtime.js';

const WAIT_MS = 2000;

/**
 * Read-your-writes for lists served from read models: waits (a little) until the named projections have
 * reached the store's head, so a list asked for right after a change shows it.
 */
@Injectable()
export class ReadModelFreshness {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly worker: WorkerRuntime) {}

  async caughtUp(names: readonly string[]): Promise<void> {
    const head = (await this.store.status()).headPosition ?? 0;
    const deadline = performance.now() + WAIT_MS;
    while (performance.now() < deadline) {
      const { consumers } = await this.worker.admin.status();
      const behind = consumers.filter((c) => names.includes(c.name) && c.state !== 'parked' && (c.position ?? 0) < head);
      if (behind.length === 0) return;
      await sleep(10);
    }
  }
}
