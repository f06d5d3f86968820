import type { PgPool } from '#eventstore';
import type { DueItem } from '../due-items.js';
import type { DueItemStore, DueItemsStatus } from '../due-item-store.js';

export interface PgDueItemStoreOptions {
  /** Who claims (a worker id); recorded with every dispatch. */
  readonly worker: string;
  /** How long a claimed item stays claimed without being fired (default 60 s): a dead worker's items fire again after it. */
  readonly claimTtlMs?: number;
}

/**
 * The scheduler's side of the shared `due_items` (kept by the deadlines projection): firings live in
 * `due_item_firings`, claimed with `FOR UPDATE SKIP LOCKED` and a claim expiry, so several workers' schedulers never
 * dispatch one item at once, and an item whose claimer died mid-dispatch is dispatched again once its claim
 * expires (its commands are idempotent by command id, so the repeat changes nothing). Every claim is logged in
 * `due_item_dispatches` with its outcome.
 */
export class PgDueItemStore implements DueItemStore {
  private readonly claimTtlMs: number;
  private readonly dispatches = new Map<string, number>();

  constructor(
    private readonly pool: PgPool,
    private readonly options: PgDueItemStoreOptions,
  ) {
    this.claimTtlMs = options.claimTtlMs ?? 60_000;
  }

  async claimNext(now: string, excluded: readonly string[]): Promise<DueItem | undefined> {
    if (!(await this.hasItems())) return undefined;
    if (excluded.length === 0) await this.notice(now);
    const { rows } = await this.pool.query<{ key: string; kind: string; due_at: string; payload: string; dispatch: number }>(
      `WITH claimed AS (
         UPDATE due_item_firings f SET claimed_by = $2, claim_expires_at = now() + $3 * interval '1 millisecond', attempts = attempts + 1
         WHERE f.key = (
           SELECT c.key FROM due_item_firings c JOIN due_items d ON d.key = c.key
           WHERE c.fired_at IS NULL AND d.due_at <= $1 AND (c.claim_expires_at IS NULL OR c.claim_expires_at < now())
             AND NOT (c.key = ANY($4::text[]))
           ORDER BY d.due_at, c.key LIMIT 1
           FOR UPDATE OF c SKIP LOCKED)
         RETURNING f.key),
       logged AS (INSERT INTO due_item_dispatches (key, worker) SELECT key, $2 FROM claimed RETURNING id, key)
       SELECT d.key, d.kind, d.due_at, d.payload, l.id AS dispatch FROM logged l JOIN due_items d ON d.key = l.key`,
      [now, this.options.worker, this.claimTtlMs, excluded],
    );
    const row = rows[0];
    if (!row) return undefined;
    this.dispatches.set(row.key, row.dispatch);
    return { key: row.key, kind: row.kind, dueAt: row.due_at, payload: JSON.parse(row.payload) as unknown };
  }

  async fired(item: DueItem, at: string): Promise<void> {
    await this.pool.query(
      `WITH done AS (UPDATE due_item_firings SET fired_at = $3, claimed_by = NULL, claim_expires_at = NULL
                     WHERE key = $1 AND claimed_by = $2 AND fired_at IS NULL RETURNING key)
       UPDATE due_item_dispatches SET outcome = CASE WHEN EXISTS (SELECT 1 FROM done) THEN 'fired' ELSE 'fired-after-claim-expired' END
       WHERE id = $4`,
      [item.key, this.options.worker, at, this.dispatches.get(item.key) ?? null],
    );
    this.dispatches.delete(item.key);
  }

  async release(item: DueItem): Promise<void> {
    await this.pool.query(
      `WITH freed AS (UPDATE due_item_firings SET claimed_by = NULL, claim_expires_at = NULL WHERE key = $1 AND claimed_by = $2 RETURNING key)
       UPDATE due_item_dispatches SET outcome = 'failed' WHERE id = $3`,
      [item.key, this.options.worker, this.dispatches.get(item.key) ?? null],
    );
    this.dispatches.delete(item.key);
  }

  async status(now: string): Promise<DueItemsStatus> {
    if (!(await this.hasItems())) return { pending: 0, overdue: 0, nextDueAt: null };
    const { rows } = await this.pool.query<DueItemsStatus>(
      `SELECT count(*) AS pending, count(*) FILTER (WHERE d.due_at <= $1) AS overdue, min(d.due_at) AS "nextDueAt"
       FROM due_items d LEFT JOIN due_item_firings f ON f.key = d.key WHERE f.fired_at IS NULL`,
      [now],
    );
    return rows[0]!;
  }

  async nextDueAfter(after: string, until: string): Promise<string | undefined> {
    if (!(await this.hasItems())) return undefined;
    const { rows } = await this.pool.query<{ d: string | null }>(
      `SELECT min(d.due_at) AS d FROM due_items d LEFT JOIN due_item_firings f ON f.key = d.key
       WHERE f.fired_at IS NULL AND d.due_at > $1 AND d.due_at <= $2`,
      [after, until],
    );
    return rows[0]?.d ?? undefined;
  }

  /** Items that came due get a firing row (once), which is what claims lock. */
  private async notice(now: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO due_item_firings (key, due_at) SELECT d.key, d.due_at FROM due_items d
       WHERE d.due_at <= $1 AND NOT EXISTS (SELECT 1 FROM due_item_firings f WHERE f.key = d.key) ON CONFLICT DO NOTHING`,
      [now],
    );
  }

  /** The deadlines projection creates `due_items` when a worker first takes it. */
  private async hasItems(): Promise<boolean> {
    const { rows } = await this.pool.query<{ t: string | null }>(`SELECT to_regclass('due_items')::text AS t`);
    return rows[0]?.t !== null;
  }
}
