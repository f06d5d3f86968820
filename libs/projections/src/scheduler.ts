import type { Clock } from '#kernel';
import { type DueItemStore, SqliteDueItemStore } from './due-item-store.js';
import type { DueItem } from './due-items.js';
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

/**
 * Fires every due item with due_at ≤ now, in due-time order. Each item is claimed before its dispatch (see the
 * DueItemStore: in SQLite an IMMEDIATE transaction, in PostgreSQL SKIP LOCKED with a claim expiry), so a key fires
 * once even with several schedulers.
 */
export class Scheduler {
  readonly items: DueItemStore;
  private running: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private lastTickAt: string | null = null;
  private lastError: SchedulerStatus['lastError'] = null;

  constructor(
    storage: Db | DueItemStore,
    private readonly options: SchedulerOptions,
  ) {
    this.items = 'claimNext' in storage ? storage : new SqliteDueItemStore(storage, options.projection ?? 'deadlines');
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

  async status(): Promise<SchedulerStatus> {
    const items = await this.items.status(this.now());
    return { ...items, lastTickAt: this.lastTickAt, lastError: this.lastError };
  }

  private async fireDue(): Promise<DueItem[]> {
    const now = this.now();
    this.lastTickAt = now;
    const fired: DueItem[] = [];
    const failed: string[] = [];
    for (let item = await this.items.claimNext(now, failed); item; item = await this.items.claimNext(now, failed)) {
      try {
        await this.options.dispatch(item);
        await this.items.fired(item, this.now());
        fired.push(item);
      } catch (error) {
        await this.items.release(item);
        failed.push(item.key);
        this.lastError = { key: item.key, message: errorText(error), at: this.now() };
      }
    }
    return fired;
  }

  private now(): string {
    return this.options.clock.now().toString({ fractionalSecondDigits: 3 });
  }
}
