import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '#kernel';
import type { ConsumerLag, DueItemCounts, OperationsProbe, SharedDatabaseProbe } from '#platform';
import { normalizeInstant } from '#projections';
import { ReadModels } from './read-models.js';
import { WorkerRuntime } from './worker-runtime.js';

/**
 * Projection lag, due items and (with HOURBANK_DATABASE_URL) the shared database of this process's worker runtime,
 * for /health/ready and /metrics, in the API and in the worker process.
 */
@Injectable()
export class WorkerOperationsProbe implements OperationsProbe {
  readonly database?: SharedDatabaseProbe;

  constructor(private readonly worker: WorkerRuntime, readModels: ReadModels, @Inject(CLOCK) private readonly clock: Clock) {
    const pool = readModels.pool;
    if (pool) {
      this.database = {
        ping: async () => void (await pool.query('SELECT 1')),
        connections: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      };
    }
  }

  async consumers(): Promise<readonly ConsumerLag[]> {
    return (await this.worker.admin.status()).consumers;
  }

  async dueItems(): Promise<DueItemCounts> {
    const { pending, overdue } = await this.worker.scheduler.items.status(normalizeInstant(this.clock.now().toString()));
    return { pending, overdue };
  }
}
