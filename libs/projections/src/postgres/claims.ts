import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { PgPool } from '#eventstore';

export interface ClaimRow {
  readonly position: number | null;
  readonly version: number | null;
  readonly copyId: string | null;
}

/** A consumer partition a worker can hold: a projection (partition 0) or one partition of a reactor. */
export interface Claimable {
  readonly consumer: string;
  readonly partition: number;
  readonly kind: 'projection' | 'reactor';
  /** This worker holds it now: start consuming (not awaited by the keeper). */
  claimed(row: ClaimRow): void;
  /** The claim is gone (taken over after expiry, or given up): stop at once, write nothing more. */
  lost(): Promise<void>;
}

export interface ClaimKeeperOptions {
  /** How long a claim lasts without renewal (default 15 s); renewed every third of that. */
  readonly ttlMs?: number;
  readonly role?: string;
  readonly onError?: (error: unknown) => void;
}

/**
 * Shares the consumers among the live workers: each worker heartbeats, holds at most its fair share
 * (ceil(partitions / live workers)) of consumer partitions, renews them, and gives one back per round when it holds
 * more. Claims are row updates guarded by `FOR UPDATE SKIP LOCKED`, so two workers never take the same one; a claim
 * not renewed within its ttl (a dead or stalled worker) is taken over.
 */
export class ClaimKeeper {
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly ttlMs: number;
  private readonly claimables: Claimable[] = [];
  private readonly held = new Set<Claimable>();
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly pool: PgPool,
    private readonly options: ClaimKeeperOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 15_000;
  }

  register(claimable: Claimable): void {
    this.claimables.push(claimable);
  }

  holds(claimable: Claimable): boolean {
    return this.held.has(claimable);
  }

  /** The claims this worker holds now. */
  heldClaims(): readonly Claimable[] {
    return [...this.held];
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.pool.query(
      `INSERT INTO consumer_claims (consumer, partition, kind) SELECT * FROM unnest($1::text[], $2::int[], $3::text[]) ON CONFLICT DO NOTHING`,
      [this.claimables.map((c) => c.consumer), this.claimables.map((c) => c.partition), this.claimables.map((c) => c.kind)],
    );
    await this.tick();
    this.timer = setInterval(() => void this.tick(), Math.max(50, Math.floor(this.ttlMs / 3)));
  }

  /** Stops every held consumer and gives its claim back, so another worker takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.round;
    for (const claimable of [...this.held]) await this.giveBack(claimable);
    await this.pool.query('DELETE FROM worker_heartbeats WHERE worker = $1', [this.workerId]).catch(() => undefined);
  }

  tick(): Promise<void> {
    const next = this.round.then(() => this.runRound()).catch((error: unknown) => this.options.onError?.(error));
    this.round = next;
    return next;
  }

  private async runRound(): Promise<void> {
    if (this.stopped) return;
    const share = await this.heartbeat();
    for (const claimable of [...this.held]) {
      if (!(await this.renew(claimable))) {
        this.held.delete(claimable);
        await claimable.lost();
      }
    }
    if (this.held.size > share) {
      const extra = [...this.held].at(-1)!;
      await this.giveBack(extra);
      return;
    }
    const free = this.claimables.filter((c) => !this.held.has(c)).sort(() => Math.random() - 0.5);
    for (const claimable of free) {
      if (this.held.size >= share || this.stopped) break;
      const row = await this.claim(claimable);
      if (!row) continue;
      this.held.add(claimable);
      claimable.claimed(row);
    }
  }

  /** Records this worker as alive and answers its fair share of the consumer partitions. */
  private async heartbeat(): Promise<number> {
    const { rows } = await this.pool.query<{ workers: number; partitions: number }>(
      `WITH beat AS (
         INSERT INTO worker_heartbeats (worker, role, pid, host, expires_at) VALUES ($1, $2, $3, $4, now() + $5 * interval '1 millisecond')
         ON CONFLICT (worker) DO UPDATE SET expires_at = excluded.expires_at)
       SELECT (SELECT count(*) FROM worker_heartbeats WHERE expires_at > now() AND worker <> $1) + 1 AS workers,
              (SELECT count(*) FROM consumer_claims) AS partitions`,
      [this.workerId, this.options.role ?? 'worker', process.pid, hostname(), this.ttlMs],
    );
    const { workers, partitions } = rows[0]!;
    return Math.ceil(partitions / Math.max(1, workers));
  }

  private async claim(claimable: Claimable): Promise<ClaimRow | undefined> {
    const { rows } = await this.pool.query<{ position: number | null; version: number | null; copy_id: string | null }>(
      `UPDATE consumer_claims SET holder = $3, expires_at = now() + $4 * interval '1 millisecond'
       WHERE (consumer, partition) IN (
         SELECT consumer, partition FROM consumer_claims
         WHERE consumer = $1 AND partition = $2 AND (holder IS NULL OR holder = $3 OR expires_at < now())
         FOR UPDATE SKIP LOCKED)
       RETURNING position, version, copy_id`,
      [claimable.consumer, claimable.partition, this.workerId, this.ttlMs],
    );
    const row = rows[0];
    return row && { position: row.position, version: row.version, copyId: row.copy_id };
  }

  private async renew(claimable: Claimable): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE consumer_claims SET expires_at = now() + $4 * interval '1 millisecond' WHERE consumer = $1 AND partition = $2 AND holder = $3`,
      [claimable.consumer, claimable.partition, this.workerId, this.ttlMs],
    );
    return rowCount === 1;
  }

  private async giveBack(claimable: Claimable): Promise<void> {
    this.held.delete(claimable);
    await claimable.lost();
    await this.pool.query(
      'UPDATE consumer_claims SET holder = NULL, expires_at = NULL WHERE consumer = $1 AND partition = $2 AND holder = $3',
      [claimable.consumer, claimable.partition, this.workerId],
    );
  }
}
