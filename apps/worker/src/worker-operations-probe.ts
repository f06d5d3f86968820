import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '#kernel';
import type { ConsumerLag, DueItemCounts, OperationsProbe } from '#platform';
import { normalizeInstant } from '#projections';
import { ReadModels } from './read-models.js';
import { WorkerRuntime } from './worker-runtime.js';

/** Projection lag and due items of this process's worker runtime, for /health/ready and /metrics (API and worker). */
@Injectable()
export class WorkerOperationsProbe implements OperationsProbe {
  constructor(private readonly worker: WorkerRuntime, private readonly readModels: ReadModels, @Inject(CLOCK) private readonly clock: Clock) {}

  async consumers(): Promise<readonly ConsumerLag[]> {
    return (await this.worker.admin.status()).consumers;
  }

  async dueItems(): Promise<DueItemCounts> {
    const db = this.readModels.db;
    const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'due_items'`).get();
    if (!exists) return { pending: 0, overdue: 0 };
    const now = normalizeInstant(this.clock.now().toString());
    return db.prepare('SELECT count(*) AS pending, coalesce(sum(due_at <= ?), 0) AS overdue FROM due_items WHERE fired_at IS NULL').get(now) as DueItemCounts;
  }
}
