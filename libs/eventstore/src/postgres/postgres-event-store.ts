import type { NewEvent, RecordedEvent } from '#kernel';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors.js';
import type {
  AppendResult, EventStore, ExpectedRevision, ReadAllOptions, ReadStreamOptions, StoreStatus, SubscribeOptions, Subscription, SubscriptionFilter,
} from '../event-store.js';
import { streamCategory } from '../event-store.js';
import { type RowRead, allRowRead, streamRowRead } from '../row-reads.js';
import type { EventRow } from '../sqlite/schema.js';
import { type PgPool, migratePostgres, openPool } from './database.js';
import { PgPagedReader } from './pg-paged-reader.js';
import { AppendListener } from './pg-listener.js';
import { PgSubscription } from './pg-subscription.js';
import { PG_EVENT_COLUMNS, POSTGRES_EVENT_STORE_MIGRATIONS } from './schema.js';

export interface PostgresEventStoreOptions {
  /** How often a live subscription polls when no commit notification arrives (default 250 ms). */
  readonly pollIntervalMs?: number;
  /** Rows fetched per query by reads and subscriptions (default 1000). */
  readonly pageSize?: number;
  /** Pool size (default 10). */
  readonly maxConnections?: number;
}

interface AppendRow {
  outcome: 'ok' | 'repeat' | 'wrong_expected' | 'duplicate';
  next_revision: number | null;
  last_position: number | null;
  actual: number | null;
}

const filterSql = (filter: SubscriptionFilter | undefined, first: number): { where: string; params: unknown[]; key: string } => {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filter?.streamCategories?.length) (params.push(filter.streamCategories), conditions.push(`category = ANY($${first + params.length - 1})`));
  if (filter?.eventTypes?.length) (params.push(filter.eventTypes), conditions.push(`type = ANY($${first + params.length - 1})`));
  return { where: conditions.map((c) => ` AND ${c}`).join(''), params, key: `${filter?.streamCategories?.length ? 'c' : ''}${filter?.eventTypes?.length ? 't' : ''}` };
};

/**
 * The server ended the connection the pool handed out (killed, restarted): a pooled client found dead only when
 * used. The append is tried again, up to once per connection the pool may hold (each dead one is dropped by the pool
 * when it fails, and a server that killed every backend leaves that many); `hb_append` answers a repeat of events it
 * already committed with 'repeat', so a lost acknowledgement is not written twice.
 */
const isConnectionLost = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === '57P01' || code === '57P02' || /Connection terminated/i.test(error instanceof Error ? error.message : '');
};

const isUniqueIdViolation = (error: unknown): boolean => {
  const e = error as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === 'events_id_key';
};

/**
 * The server event store on PostgreSQL: one table, appends through the `hb_append` function (one writer at a time,
 * so commits are visible in position order), reads in pages, live subscriptions woken by LISTEN/NOTIFY.
 */
export class PostgresEventStore implements EventStore {
  readonly reportsFilteredPositions = true;
  private open = true;
  private readonly subscriptions = new Set<PgSubscription>();
  private readonly listener: AppendListener;

  private constructor(
    readonly pool: PgPool,
    connectionString: string,
    private readonly options: Required<Omit<PostgresEventStoreOptions, 'maxConnections'>>,
  ) {
    this.listener = new AppendListener(connectionString);
  }

  /** Connects and migrates (once, even with several processes starting together). */
  static async connect(connectionString: string, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    const pool = openPool(connectionString, { max: options.maxConnections ?? 10, applicationName: 'hour-bank events' });
    try {
      await migratePostgres(pool, 'event_store_migrations', POSTGRES_EVENT_STORE_MIGRATIONS);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresEventStore(pool, connectionString, { pollIntervalMs: options.pollIntervalMs ?? 250, pageSize: options.pageSize ?? 1000 });
  }

  async append(stream: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    const payload = JSON.stringify(events.map((e) => ({ id: e.id, type: e.type, data: e.data ?? null, metadata: e.metadata })));
    let row: AppendRow;
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.pool.query<AppendRow>({
          name: 'hb_append',
          text: 'SELECT outcome, next_revision, last_position, actual FROM hb_append($1, $2, $3, $4, $5)',
          values: [stream, streamCategory(stream), String(expectedRevision), payload, new Date().toISOString()],
        });
        row = result.rows[0]!;
        break;
      } catch (error) {
        if (isUniqueIdViolation(error)) throw new DuplicateEventIdError(stream, events.map((e) => e.id));
        if (attempt <= this.pool.options.max && isConnectionLost(error)) continue;
        throw error;
      }
    }
    switch (row.outcome) {
      case 'ok':
      case 'repeat':
        return { nextExpectedRevision: row.next_revision!, position: row.last_position! };
      case 'wrong_expected':
        throw new WrongExpectedRevisionError(stream, expectedRevision, row.actual ?? 'no_stream');
      case 'duplicate':
        throw new DuplicateEventIdError(stream, events.map((e) => e.id));
    }
  }

  readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const read = streamRowRead(options);
    const text = read.backwards
      ? `SELECT ${PG_EVENT_COLUMNS} FROM events WHERE stream = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3`
      : `SELECT ${PG_EVENT_COLUMNS} FROM events WHERE stream = $1 AND revision >= $2 ORDER BY revision LIMIT $3`;
    const name = read.backwards ? 'hb_read_stream_back' : 'hb_read_stream';
    return this.paged(read, (from, limit) => this.rows(name, text, [stream, from, limit]));
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const { where, params, key } = filterSql(options.filter, 2);
    const limitParam = `$${2 + params.length}`;
    const text = `SELECT ${PG_EVENT_COLUMNS} FROM events WHERE position > $1${where} ORDER BY position LIMIT ${limitParam}`;
    return this.paged(allRowRead(options), (after, limit) => this.rows(`hb_read_all_${key}`, text, [after, ...params, limit]));
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const { where, params, key } = filterSql(options.filter, 2);
    const limitParam = `$${2 + params.length}`;
    // One statement, one snapshot: the head it reports has no matching event after the page but those it returns.
    const text = `SELECT h.head, p.* FROM (SELECT coalesce(max(position), 0) AS head FROM events) h
      LEFT JOIN LATERAL (SELECT ${PG_EVENT_COLUMNS} FROM events WHERE position > $1${where} ORDER BY position LIMIT ${limitParam}) p ON true`;
    const subscription = new PgSubscription(
      {
        pageSize: this.options.pageSize,
        pollIntervalMs: this.options.pollIntervalMs,
        readPage: async (after, limit) => {
          const result = await this.pool.query<unknown[]>({ name: `hb_subscribe_${key}`, text, values: [after, ...params, limit], rowMode: 'array' });
          const head = (result.rows[0]?.[0] as number | undefined) ?? after;
          const rows = result.rows.filter((r) => r[1] !== null).map((r) => r.slice(1) as EventRow);
          const full = rows.length === limit;
          return { rows, scannedUpTo: full ? rows[rows.length - 1]![0] : Math.max(after, head) };
        },
        onAppended: (listener) => this.listener.on(listener),
        onLost: (listener) => this.listener.onLost(listener),
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
    if (!Number.isSafeInteger(position)) return false;
    return (await this.pool.query({ name: 'hb_is_position', text: 'SELECT 1 FROM events WHERE position = $1', values: [position] })).rowCount === 1;
  }

  async status(): Promise<StoreStatus> {
    if (!this.open) return { backend: 'postgres', ok: false, detail: 'closed' };
    try {
      return { backend: 'postgres', ok: true, headPosition: await this.headPosition() };
    } catch (error) {
      return { backend: 'postgres', ok: false, detail: (error as Error).message };
    }
  }

  async headPosition(): Promise<number> {
    const result = await this.pool.query<{ head: number }>({ name: 'hb_head', text: 'SELECT coalesce(max(position), 0) AS head FROM events' });
    return result.rows[0]!.head;
  }

  async close(): Promise<void> {
    if (!this.open) return;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.open = false;
    await this.listener.close();
    await this.pool.end();
  }

  private async rows(name: string, text: string, values: unknown[]): Promise<EventRow[]> {
    this.assertOpen();
    return (await this.pool.query<EventRow>({ name, text, values, rowMode: 'array' })).rows;
  }

  private paged({ start, next, maxCount }: RowRead, read: (cursor: number, limit: number) => Promise<EventRow[]>): AsyncIterable<RecordedEvent> {
    const source = { read, next, pageSize: this.options.pageSize };
    return { [Symbol.asyncIterator]: () => new PgPagedReader(source, start, maxCount) };
  }

  private assertOpen(): void {
    if (!this.open) throw new Error('PostgresEventStore is closed');
  }
}
