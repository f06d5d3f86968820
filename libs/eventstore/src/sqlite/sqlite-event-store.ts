import type { Statement } from 'better-sqlite3';
import type { NewEvent, RecordedEvent } from '#kernel';
import type {
  AppendResult, EventStore, ExpectedRevision, ReadAllOptions, ReadStreamOptions, StoreStatus, SubscribeOptions, Subscription,
} from '../event-store.js';
import { streamCategory } from '../event-store.js';
import { type RowRead, allRowRead, streamRowRead } from '../row-reads.js';
import { publishCommit } from '../commit-channel.js';
import { encodeEvents } from './append.js';
import { appendedSignal, type AppendNotice } from './appended-signal.js';
import { migrate, openDatabase, type SqliteDatabase } from './database.js';
import { PagedReader } from './paged-reader.js';
import { filteredAfter } from './filtered-query.js';
import { EVENT_COLUMNS, EVENT_STORE_MIGRATIONS, type EventRow } from './schema.js';
import { SqliteSubscription } from './sqlite-subscription.js';
import { InlineSqliteWriter, ThreadSqliteWriter, type SqliteWriter } from './sqlite-writer.js';

export interface SqliteEventStoreOptions {
  /** How often a live subscription looks for appends made by other processes. */
  readonly pollIntervalMs?: number;
  readonly busyTimeoutMs?: number;
  /** Rows fetched per query by reads and subscriptions. */
  readonly pageSize?: number;
  /**
   * `thread` (the default for a file): appends are committed on a writer thread, concurrent ones together (group
   * commit); `inline`: on the calling thread, one transaction each (always so for `:memory:`).
   */
  readonly writer?: 'thread' | 'inline';
}

/**
 * The embedded event store: one SQLite file, WAL, synchronous=FULL, one writer at a time (BEGIN IMMEDIATE). Reads
 * run on the caller's connection; appends on the writer's, and an append resolves once its COMMIT returned.
 */
export class SqliteEventStore implements EventStore {
  readonly reportsFilteredPositions = true;
  private open = true;
  private readonly writer: SqliteWriter;
  private readonly signalKey: string;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly statements;
  private readonly filtered = new Map<string, Statement>();

  private constructor(
    readonly db: SqliteDatabase,
    readonly filePath: string,
    private readonly options: Required<SqliteEventStoreOptions>,
  ) {
    this.writer = options.writer === 'thread' && filePath !== ':memory:' ? new ThreadSqliteWriter(filePath, options.busyTimeoutMs) : new InlineSqliteWriter(db);
    this.signalKey = appendedSignal.key(filePath);
    this.statements = {
      forwards: db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`).raw(),
      backwards: db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`).raw(),
      all: db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`).raw(),
      head: db.prepare('SELECT coalesce(max(position), 0) FROM events').pluck(),
      isPosition: db.prepare('SELECT 1 FROM events WHERE position = ?').pluck(),
    };
  }

  /** Opens (creating and migrating when needed) the store in `filePath`. Synchronous; awaiting it is harmless. */
  static open(filePath: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    const resolved = {
      pollIntervalMs: options.pollIntervalMs ?? 50,
      busyTimeoutMs: options.busyTimeoutMs ?? 5000,
      pageSize: options.pageSize ?? 1000,
      writer: options.writer ?? 'thread',
    };
    const db = openDatabase(filePath, { synchronous: 'FULL', busyTimeoutMs: resolved.busyTimeoutMs });
    try {
      migrate(db, EVENT_STORE_MIGRATIONS);
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteEventStore(db, filePath, resolved);
  }

  async append(stream: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    const { result, commitMs, appends, insertedFrom } = await this.writer.append(stream, encodeEvents(events), expectedRevision);
    publishCommit({ ms: commitMs, appends });
    if (events.length > 0) appendedSignal.emit(this.signalKey, noticeOf(stream, events, result, insertedFrom));
    return result;
  }

  readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const read = streamRowRead(options);
    const statement = read.backwards ? this.statements.backwards : this.statements.forwards;
    return this.paged(read, (from, limit) => statement.all(stream, from, limit) as EventRow[]);
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const { sql, params } = filteredAfter(options.filter);
    const statement = params.length === 0 ? this.statements.all : this.filteredStatement(sql);
    return this.paged(allRowRead(options), (after, limit) => statement.all(after, ...params, limit) as EventRow[]);
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const subscription = new SqliteSubscription(
      {
        db: this.db,
        pageSize: this.options.pageSize,
        pollIntervalMs: this.options.pollIntervalMs,
        onAppended: (listener) => appendedSignal.on(this.signalKey, listener),
        isOpen: () => this.open,
        closed: (done) => this.subscriptions.delete(done),
      },
      options,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async isPosition(position: number): Promise<boolean> {
    this.assertOpen();
    return Number.isSafeInteger(position) && this.statements.isPosition.get(position) !== undefined;
  }

  async status(): Promise<StoreStatus> {
    if (!this.open) return { backend: 'sqlite', ok: false, detail: 'closed' };
    try {
      return { backend: 'sqlite', ok: true, headPosition: this.headPosition(), detail: this.filePath };
    } catch (error) {
      return { backend: 'sqlite', ok: false, detail: (error as Error).message };
    }
  }

  headPosition(): number {
    return this.statements.head.get() as number;
  }

  async close(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    await this.writer.close();
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.db.close();
  }

  /** One prepared statement per filter shape (the number of categories and types), bounded by the filters in use. */
  private filteredStatement(sql: string): Statement {
    let statement = this.filtered.get(sql);
    if (!statement) this.filtered.set(sql, (statement = this.db.prepare(sql).raw()));
    return statement;
  }

  private paged({ start, next, maxCount }: RowRead, read: (cursor: number, limit: number) => EventRow[]): AsyncIterable<RecordedEvent> {
    const source = { read, next, pageSize: this.options.pageSize, assertOpen: () => this.assertOpen() };
    return { [Symbol.asyncIterator]: () => new PagedReader(source, start, maxCount) };
  }

  private assertOpen(): void {
    if (!this.open) throw new Error(`SqliteEventStore ${this.filePath} is closed`);
  }
}

/** What an append inserted now, as one run of positions; nothing to tell for a repeat (or inside a caller's transaction). */
function noticeOf(stream: string, events: readonly NewEvent[], result: AppendResult, insertedFrom: number | undefined): AppendNotice | undefined {
  if (insertedFrom === undefined || result.position - insertedFrom + 1 !== events.length) return undefined;
  return { first: insertedFrom, last: result.position, category: streamCategory(stream), types: events.map((event) => event.type) };
}
