import { type DueItem, DUE_ITEMS_TABLE } from './due-items.js';
import { GenerationStore } from './generations.js';
import type { Db } from './projection.js';

export interface DueItemsStatus {
  readonly pending: number;
  readonly overdue: number;
  readonly nextDueAt: string | null;
}

/** Where the scheduler finds and claims due items: the embedded read-model database, or PostgreSQL. */
export interface DueItemStore {
  /** Claims the next unfired item due at or before `now` (ISO, ms), skipping `excluded` keys; undefined when none. */
  claimNext(now: string, excluded: readonly string[]): Promise<DueItem | undefined>;
  /** Its dispatch succeeded. */
  fired(item: DueItem, at: string): Promise<void>;
  /** Its dispatch failed: the item is due again on a later tick. */
  release(item: DueItem): Promise<void>;
  status(now: string): Promise<DueItemsStatus>;
  /** The earliest unfired due time in (after, until], if any. */
  nextDueAfter(after: string, until: string): Promise<string | undefined>;
}

interface DueRow {
  key: string;
  kind: string;
  due_at: string;
  payload: string;
}

/**
 * The due items of the active `deadlines` generation in SQLite. Claiming marks `fired_at` in an IMMEDIATE
 * transaction, so two schedulers on one database never fire a key twice.
 */
export class SqliteDueItemStore implements DueItemStore {
  private readonly generations: GenerationStore;

  constructor(
    private readonly db: Db,
    private readonly projection = 'deadlines',
  ) {
    this.generations = new GenerationStore(db);
  }

  async claimNext(now: string, excluded: readonly string[]): Promise<DueItem | undefined> {
    const claim = this.db.transaction((): DueItem | undefined => {
      const table = this.table();
      if (!table) return undefined;
      const row = this.db
        .prepare(`SELECT key, kind, due_at, payload FROM ${table} WHERE fired_at IS NULL AND due_at <= ?
                  AND key NOT IN (SELECT value FROM json_each(?)) ORDER BY due_at, key LIMIT 1`)
        .get(now, JSON.stringify(excluded)) as DueRow | undefined;
      if (!row) return undefined;
      this.db.prepare(`UPDATE ${table} SET fired_at = ? WHERE key = ? AND fired_at IS NULL`).run(now, row.key);
      return { key: row.key, kind: row.kind, dueAt: row.due_at, payload: JSON.parse(row.payload) as unknown };
    });
    return claim.immediate();
  }

  async fired(): Promise<void> {}

  async release(item: DueItem): Promise<void> {
    const table = this.table();
    if (table) this.db.prepare(`UPDATE ${table} SET fired_at = NULL WHERE key = ?`).run(item.key);
  }

  async status(now: string): Promise<DueItemsStatus> {
    const table = this.table();
    if (!table) return { pending: 0, overdue: 0, nextDueAt: null };
    const count = (where: string, ...args: unknown[]) => (this.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get(...args) as { n: number }).n;
    const next = (this.db.prepare(`SELECT min(due_at) AS d FROM ${table} WHERE fired_at IS NULL`).get() as { d: string | null }).d;
    return { pending: count('fired_at IS NULL'), overdue: count('fired_at IS NULL AND due_at <= ?', now), nextDueAt: next };
  }

  async nextDueAfter(after: string, until: string): Promise<string | undefined> {
    const table = this.table();
    if (!table) return undefined;
    const row = this.db.prepare(`SELECT min(due_at) AS d FROM ${table} WHERE fired_at IS NULL AND due_at > ? AND due_at <= ?`).get(after, until) as { d: string | null };
    return row.d ?? undefined;
  }

  private table(): string | undefined {
    return this.generations.activeTable({ name: this.projection }, DUE_ITEMS_TABLE);
  }
}
