import type { RecordedEvent } from '#kernel';
import type { SubscribeOptions, Subscription, SubscriptionProgress } from '../event-store.js';
import type { SqliteDatabase } from './database.js';
import { toRecordedEvent } from './rows.js';
import { filteredAfter } from './filtered-query.js';
import { concerns, type AppendNotice } from './appended-signal.js';
import type { EventRow } from './schema.js';

export interface SubscriptionSource {
  readonly db: SqliteDatabase;
  readonly pageSize: number;
  readonly pollIntervalMs: number;
  /** Calls the listener on every append in this process (with what it wrote, when known); returns the unsubscribe function. */
  onAppended(listener: (notice: AppendNotice | undefined) => void): () => void;
  isOpen(): boolean;
  closed(subscription: SqliteSubscription): void;
}

interface Page {
  readonly rows: EventRow[];
  /** Highest position this page has looked at, matching or not. */
  readonly scannedUpTo: number;
}

/**
 * One query shape from the checkpoint onwards, `position > last scanned`, both while catching up and live:
 * there is no separate live feed to merge, hence no gap and no duplicate at the switch.
 */
export class SqliteSubscription implements Subscription {
  private closed = false;
  private state: { passed?: number; caughtUp: boolean } = { caughtUp: false };
  /** The position read up to: every matching event at or before it has been yielded. */
  private after: number;
  private readonly filtered: boolean;
  private readonly wakers = new Set<() => void>();
  private readonly readPage: (after: number) => Page;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly options: SubscribeOptions,
  ) {
    this.readPage = pageReader(source.db, source.pageSize, options);
    this.after = options.after ?? 0;
    this.filtered = (options.filter?.streamCategories?.length ?? 0) + (options.filter?.eventTypes?.length ?? 0) > 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.wakers) wake();
    this.source.closed(this);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    while (this.isLive()) {
      const after = this.after;
      const page = this.readPage(after);
      for (const row of page.rows) {
        if (!this.isLive()) return;
        this.state = { caughtUp: this.state.caughtUp };
        yield toRecordedEvent(row);
      }
      const lastYielded = page.rows.at(-1)?.[0] ?? after;
      // An empty page keeps what was passed since the last event yielded (a poll must not take it back).
      const passed = page.scannedUpTo > lastYielded ? page.scannedUpTo : page.rows.length === 0 ? this.state.passed : undefined;
      this.state = { caughtUp: page.rows.length < this.source.pageSize, ...(passed !== undefined && { passed }) };
      this.after = page.scannedUpTo;
      if (page.rows.length < this.source.pageSize) await this.appendedOrPolled();
    }
  }

  /** Live once a page came back short; `passed` is the end of a page whose last rows the filter left out. */
  progress(): SubscriptionProgress {
    return this.state;
  }

  /**
   * A filtered subscription told of an append right after where it read, none of whose events it takes, moves past
   * them without a query (a consumer woken for nothing costs a catch-up query on every append otherwise).
   */
  private passesOver(notice: AppendNotice | undefined): boolean {
    if (!this.filtered || notice === undefined || notice.first !== this.after + 1 || concerns(notice, this.options.filter)) return false;
    this.after = notice.last;
    this.state = { caughtUp: this.state.caughtUp, passed: notice.last };
    return true;
  }

  private isLive(): boolean {
    return !this.closed && this.source.isOpen();
  }

  private appendedOrPolled(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.source.pollIntervalMs);
      const unsubscribe = this.source.onAppended((notice) => (this.passesOver(notice) ? undefined : done()));
      this.wakers.add(done);
      if (!this.isLive()) done();
    });
  }
}

function pageReader(db: SqliteDatabase, pageSize: number, options: SubscribeOptions): (after: number) => Page {
  const { sql, params } = filteredAfter(options.filter);
  const select = db.prepare(sql).raw();
  if (params.length === 0) {
    return (after) => {
      const rows = select.all(after, pageSize) as EventRow[];
      return { rows, scannedUpTo: rows.length > 0 ? rows[rows.length - 1]![0] : after };
    };
  }
  const head = db.prepare('SELECT coalesce(max(position), 0) FROM events').pluck();
  // One read transaction: the head is from the same snapshot, so skipping to it skips no matching event.
  return db.transaction((after: number): Page => {
    const rows = select.all(after, ...params, pageSize) as EventRow[];
    const full = rows.length === pageSize;
    return { rows, scannedUpTo: full ? rows[rows.length - 1]![0] : Math.max(after, head.get() as number) };
  });
}
