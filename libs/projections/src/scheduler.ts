import type { Clock } from '#kernel';
import { type DueItem, DUE_ITEMS_TABLE } from './due-items.js';
import { GenerationStore } from './generations.js';
import { errorText } from './parking.js';
import type { Db } from './projection.js';

export interface SchedulerOptions {
  readonly clock: Clock;
  /** Carries out an item, usually by sending an idempotent command; a rejection leaves it due for the next tick. */
  readonly dispatch: (item: DueItem) => Promise<void>;
  /** Name of the deadlines projection whose active due-items table is fired (default 'deadlines'). */
  readonly projection?: string;
}

export interface SchedulerStatus {
  readonly pending: number;
  readonly overdue: number;
  readonly nextDueAt: string | null;
  readonly lastTickAt: string | null;
  readonly lastError: { readonly key: string; readonly message: string; readonly at: string } | null;
}

interface DueRow {
  key: string;
  kind: string;
  due_at: string;
  payload: string;
}

/**
 * Fires every due item with due_at ≤ now, in due-time order. Claiming is `UPDATE … WHERE fired_at IS NULL` in an
 * IMMEDIATE transaction, so a key fires once even with several schedulers on one database.
 */
export class Scheduler {
  private readonly generations: GenerationStore;
  private running: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private lastTickAt: string | null = null;
  private lastError: SchedulerStatus['lastError'] = null;

  constructor(
    private readonly db: Db,
    private readonly options: SchedulerOptions,
  ) {
    this.generations = new GenerationStore(db);
  }

  /** Fires what is due now; ticks never overlap. Resolves with the items fired, in order. */
  tick(): Promise<DueItem[]> {
    const next = this.running.then(() => this.fireDue());
    this.running = next.catch(() => undefined);
    return next;
  }

  /** Ticks at once (catching up after downtime), then every `intervalMs`. */
  start(intervalMs = 1000): void {
    if (this.timer) return;
    const safeTick = () => void this.tick().catch((e: unknown) => (this.lastError = { key: '', message: errorText(e), at: this.now() }));
    safeTick();
    this.timer = setInterval(safeTick, intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  status(): SchedulerStatus {
    const table = this.table();
    const count = (where: string, ...args: unknown[]) =>
      table ? (this.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get(...args) as { n: number }).n : 0;
    const next = table
      ? (this.db.prepare(`SELECT min(due_at) AS d FROM ${table} WHERE fired_at IS NULL`).get() as { d: string | null }).d
      : null;
    const now = this.now();
    return { pending: count('fired_at IS NULL'), overdue: count('fired_at IS NULL AND due_at <= ?', now), nextDueAt: next, lastTickAt: this.lastTickAt, lastError: this.lastError };
  }

  private async fireDue(): Promise<DueItem[]> {
    const now = this.now();
    this.lastTickAt = now;
    const fired: DueItem[] = [];
    const failed: string[] = [];
    for (let item = this.claimNext(now, failed); item; item = this.claimNext(now, failed)) {
      try {
        await this.options.dispatch(item);
        fired.push(item);
      } catch (error) {
        this.release(item.key);
        failed.push(item.key);
        this.lastError = { key: item.key, message: errorText(error), at: this.now() };
      }
    }
    return fired;
  }

  private claimNext(now: string, excluded: readonly string[]): DueItem | undefined {
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

  private release(key: string): void {
    const table = this.table();
    if (table) this.db.prepare(`UPDATE ${table} SET fired_at = NULL WHERE key = ?`).run(key);
  }

  private table(): string | undefined {
    return this.generations.activeTable({ name: this.options.projection ?? 'deadlines' }, DUE_ITEMS_TABLE);
  }

  private now(): string {
    return this.options.clock.now().toString({ fractionalSecondDigits: 3 });
  }
}
