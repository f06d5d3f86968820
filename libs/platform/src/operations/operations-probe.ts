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

/**
 * What GET /health/ready and GET /metrics read from the process's worker runtime (projections, reactors,
 * scheduler). The API and the worker process each provide one (apps/worker/src/worker-operations-probe.ts).
 */
export interface OperationsProbe {
  consumers(): Promise<readonly ConsumerLag[]>;
  dueItems(): Promise<DueItemCounts>;
}

export const OPERATIONS_PROBE = Symbol.for('hourbank.OperationsProbe');
