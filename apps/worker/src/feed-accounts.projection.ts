import { UndecodableEventError, streamCategory } from '#eventstore';
import type { RecordedEvent } from '#kernel';
import { type Db, type Projection, TableMemory, type TableNames, prepareCached } from '#projections';
import { publishedContracts } from '#contracts';

export const FEED_ACCOUNTS_PROJECTION = 'feed-accounts';

/** The published types a client may be shown (audience `account`): the only events a client's feed can hold. */
const clientVisibleTypes = [...publishedContracts.values()].filter((c) => c.audience !== 'staff').map((c) => c.type);

/**
 * What the projection keeps between events, per database and generation: the last position it indexed (the next
 * event's `previous`), the last position it saw, and the accounts of the ticket streams it met, so an event costs one
 * insert and no query. An event at or before the last one seen (events replayed) or a rolled-back batch drops it all.
 */
interface Memory {
  lastSeen: number;
  /** The greatest indexed position; undefined: not known, ask the table. */
  lastIndexed: number | undefined;
  readonly tickets: Map<string, string>;
}

const TICKETS_KEPT = 20_000;
const memories = new TableMemory<Memory>(() => ({ lastSeen: -1, lastIndexed: undefined, tickets: new Map() }));

const memoryFor = (db: Db, t: TableNames, position: number): Memory => {
  let memory = memories.get(db, t('feed_events'));
  if (memory.lastSeen >= position) {
    memories.forget(db, t('feed_events'));
    memory = memories.get(db, t('feed_events'));
  }
  memory.lastSeen = position;
  return memory;
};

const remember = (memory: Memory, stream: string, accountId: string): string => {
  memory.tickets.set(stream, accountId);
  if (memory.tickets.size > TICKETS_KEPT) memory.tickets.delete(memory.tickets.keys().next().value!);
  return accountId;
};

/**
 * The account of an event as the feed decides it (apps/api/src/feed/event-accounts.ts): named in its payload, by
 * its account stream, or, for a ticket's later events, by the ticket's opening event (revision 0, which names it).
 */
const accountOf = (db: Db, recorded: RecordedEvent, t: TableNames, memory: Memory): string | undefined => {
  let named: unknown;
  try {
    named = (recorded.data as { accountId?: unknown } | null)?.accountId;
  } catch (error) {
    if (error instanceof UndecodableEventError) return undefined; // left out of the feed, so out of its index
    throw error;
  }
  const category = streamCategory(recorded.stream);
  if (category === 'ticket' && recorded.revision === 0 && typeof named === 'string' && !memory.tickets.has(recorded.stream)) {
    prepareCached(db, `INSERT INTO ${t('feed_tickets')} (stream, account_id) VALUES (?, ?) ON CONFLICT (stream) DO NOTHING`).run(recorded.stream, named);
    // The first opening stored wins (DO NOTHING): remember what the table holds.
    remember(memory, recorded.stream, prepareCached(db, `SELECT account_id FROM ${t('feed_tickets')} WHERE stream = ?`).pluck().get(recorded.stream) as string);
  }
  if (typeof named === 'string') return named;
  if (category === 'account') return recorded.stream.slice(category.length + 1);
  if (category === 'ticket') {
    const known = memory.tickets.get(recorded.stream);
    if (known !== undefined) return known;
    const stored = prepareCached(db, `SELECT account_id FROM ${t('feed_tickets')} WHERE stream = ?`).pluck().get(recorded.stream) as string | undefined;
    return stored === undefined ? undefined : remember(memory, recorded.stream, stored);
  }
  return undefined;
};

/**
 * `feed-accounts`: which account each client-visible published event belongs to, by position, so a client's
 * `GET /feed` finds where its next event is from an index (account_id, position) and jumps over the stretches of the
 * log that hold none of its events, instead of scanning them. Up to this projection's checkpoint; after it, it scans.
 */
export const feedAccountsProjection: Projection = {
  name: FEED_ACCOUNTS_PROJECTION,
  version: 1,
  filter: { eventTypes: clientVisibleTypes },
  tables: ['feed_events', 'feed_tickets'],
  // Its apply reads by primary key only (position, stream); the (account_id, position) index serves the feed.
  indexesAfterBulkLoad: true,
  migrate: (db, t) => db.exec(`
    CREATE TABLE ${t('feed_events')} (position INTEGER PRIMARY KEY, account_id TEXT NOT NULL, previous INTEGER NOT NULL);
    CREATE INDEX ${t('feed_events')}_account ON ${t('feed_events')} (account_id, position, previous);
    CREATE TABLE ${t('feed_tickets')} (stream TEXT PRIMARY KEY, account_id TEXT NOT NULL);
  `),
  apply: (db, recorded, t) => {
    const memory = memoryFor(db, t, recorded.position);
    const accountId = accountOf(db, recorded, t, memory);
    if (accountId === undefined) return;
    // `previous`: the indexed event before this one (0 for the first). No client sees anything between the two, so a
    // client's feed may jump from there to this event; it is a position of the log, so a cursor to resume after.
    const previous = memory.lastIndexed
      ?? (prepareCached(db, `SELECT coalesce(max(position), 0) FROM ${t('feed_events')} WHERE position < ?`).pluck().get(recorded.position) as number);
    prepareCached(db, `INSERT INTO ${t('feed_events')} (position, account_id, previous) VALUES (?, ?, ?) ON CONFLICT (position) DO NOTHING`)
      .run(recorded.position, accountId, previous);
    memory.lastIndexed = recorded.position;
  },
  discard: (db, t) => memories.forget(db, t('feed_events')),
};
