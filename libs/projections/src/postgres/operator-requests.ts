import type { PgPool } from '#eventstore';

export const OPERATOR_ACTIONS = ['retry', 'skip', 'rebuild'] as const;
export type OperatorAction = (typeof OPERATOR_ACTIONS)[number];

export interface OperatorRequestInput {
  /** A projection name, or a reactor partition (`ticket-account/2`). */
  readonly consumer: string;
  readonly action: OperatorAction;
  /** skip: the parked event's position. */
  readonly position?: number;
  readonly actor: string;
  readonly reason?: string;
}

export interface OperatorRequest extends OperatorRequestInput {
  readonly id: number;
}

export type OperatorRequestState = 'pending' | 'running' | 'done' | 'failed';

export interface OperatorRequestOutcome extends OperatorRequest {
  readonly state: OperatorRequestState;
  readonly requestedAt: string;
  /** The worker that carried it out (or is carrying it out). */
  readonly worker: string | null;
  readonly error: string | null;
  readonly finishedAt: string | null;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const COLUMNS = `id, consumer, action, position, actor, reason, state, requested_at::text AS "requestedAt", worker, error,
  finished_at::text AS "finishedAt"`;

const outcomeOf = (row: Record<string, unknown>): OperatorRequestOutcome => {
  const { position, reason, ...rest } = row as unknown as OperatorRequestOutcome & { position: number | null; reason: string | null };
  return { ...rest, ...(position !== null && { position }), ...(reason !== null && { reason }) };
};

/**
 * Operator actions asked on any API replica and carried out by the worker that holds the consumer's claim (only it
 * may move that checkpoint), through `operator_requests` in the shared database: the API inserts a request and waits
 * for its outcome; each worker takes the pending requests of the consumers it holds (`FOR UPDATE SKIP LOCKED`),
 * carries them out and records the outcome. A request a worker took and did not finish (it died) is taken again
 * once that worker's heartbeat has expired.
 */
export class OperatorRequests {
  constructor(private readonly pool: PgPool) {}

  async request(input: OperatorRequestInput): Promise<number> {
    const { rows } = await this.pool.query<{ id: number }>(
      `INSERT INTO operator_requests (consumer, action, position, actor, reason) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [input.consumer, input.action, input.position ?? null, input.actor, input.reason ?? null],
    );
    return rows[0]!.id;
  }

  async get(id: number): Promise<OperatorRequestOutcome | undefined> {
    const { rows } = await this.pool.query(`SELECT ${COLUMNS} FROM operator_requests WHERE id = $1`, [id]);
    return rows[0] && outcomeOf(rows[0] as Record<string, unknown>);
  }

  /** The request once done or failed, or as it stands when `timeoutMs` has passed. */
  async waitFor(id: number, timeoutMs: number, pollMs = 100): Promise<OperatorRequestOutcome> {
    const until = performance.now() + timeoutMs;
    for (;;) {
      const outcome = await this.get(id);
      if (!outcome) throw new Error(`No operator request ${id}`);
      if (outcome.state === 'done' || outcome.state === 'failed' || performance.now() >= until) return outcome;
      await sleep(pollMs);
    }
  }

  /** Worker side: takes the waiting requests of these consumers, oldest first. */
  async take(consumers: readonly string[], worker: string): Promise<OperatorRequest[]> {
    if (consumers.length === 0) return [];
    const { rows } = await this.pool.query(
      `UPDATE operator_requests r SET state = 'running', worker = $2, started_at = now()
       WHERE r.id IN (
         SELECT q.id FROM operator_requests q
         WHERE q.consumer = ANY($1::text[])
           AND (q.state = 'pending'
             OR (q.state = 'running' AND NOT EXISTS (SELECT 1 FROM worker_heartbeats h WHERE h.worker = q.worker AND h.expires_at > now())))
         ORDER BY q.id FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS}`,
      [consumers, worker],
    );
    return rows.map((row) => outcomeOf(row as Record<string, unknown>)).sort((a, b) => a.id - b.id);
  }

  async finish(id: number, worker: string, error?: string): Promise<void> {
    await this.pool.query(
      `UPDATE operator_requests SET state = $3, error = $4, finished_at = now() WHERE id = $1 AND worker = $2 AND state = 'running'`,
      [id, worker, error === undefined ? 'done' : 'failed', error ?? null],
    );
  }
}
