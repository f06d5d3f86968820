/** One projection or reactor as the health and metrics routes see it. */
export interface ConsumerLag {
  readonly name: string;
  readonly kind: string;
  readonly state: string;
  /** Events in the log after its checkpoint. */
  readonly lag: number;
}

export interface DueItemCounts {
  readonly pending: number;
  readonly overdue: number;
}

/** The shared PostgreSQL database (HOURBANK_DATABASE_URL) of read models, checkpoints, claims and keys. */
export interface SharedDatabaseProbe {
  /** Resolves when the database answers `SELECT 1`. */
  ping(): Promise<void>;
  /** This process's pooled connections. */
  connections(): { readonly total: number; readonly idle: number; readonly waiting: number };
}

/**
 * What GET /health/ready and GET /metrics read from the process's worker runtime (projections, reactors,
 * scheduler). The API and the worker process each provide one (apps/worker/src/worker-operations-probe.ts).
 */
export interface OperationsProbe {
  consumers(): Promise<readonly ConsumerLag[]>;
  dueItems(): Promise<DueItemCounts>;
  /** Absent without HOURBANK_DATABASE_URL. */
  readonly database?: SharedDatabaseProbe;
}

export const OPERATIONS_PROBE = Symbol.for('hourbank.OperationsProbe');
