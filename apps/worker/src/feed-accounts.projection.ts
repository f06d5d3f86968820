import { UndecodableEventError, streamCategory } from '#eventstore';
import type { RecordedEvent } from '#kernel';
import { type Db, type Projection, type TableNames, prepareCached } from '#projections';
import { publishedContracts } from '#contracts';

export const FEED_ACCOUNTS_PROJECTION = 'feed-accounts';

/** The published types a client may be shown (audience `account`): the only events a client's feed can hold. */
const clientVisibleTypes = [...publishedContracts.values()].filter((c) => c.audience !== 'staff').map((c) => c.type);

/**
 * The account of an event as the feed decides it (apps/api/src/feed/event-accounts.ts): named in its payload, by
 * its account stream, or, for a ticket's later events, by the ticket's opening event (revision 0, which names it).
 */
const accountOf = (db: Db, recorded: RecordedEvent, t: TableNames): string | undefined => {
  let named: unknown;
  try {
    named = (recorded.data as { accountId?: unknown } | null)?.accountId;
  } catch (error) {
    if (error instanceof UndecodableEventError) return undefined; // left out of the feed, so out of its index
    throw error;
  }
  const category = streamCategory(recorded.stream);
  if (category === 'ticket' && recorded.revision === 0 && typeof named === 'string') {
    prepareCached(db, `INSERT INTO ${t('feed_tickets')} (stream, account_id) VALUES (?, ?) ON CONFLICT (stream) DO NOTHING`).run(recorded.stream, named);
  }
  if (typeof named === 'string') return named;
  if (category === 'account') return recorded.stream.slice(category.length + 1);
  if (category === 'ticket') {
    return prepareCached(db, `SELECT account_id FROM ${t('feed_tickets')} WHERE stream = ?`).pluck().get(recorded.stream) as string | undefined;
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
  migrate: (db, t) => db.exec(`
    CREATE TABLE ${t('feed_events')} (position INTEGER PRIMARY KEY, account_id TEXT NOT NULL, previous INTEGER NOT NULL);
    CREATE INDEX ${t('feed_events')}_account ON ${t('feed_events')} (account_id, position, previous);
    CREATE TABLE ${t('feed_tickets')} (stream TEXT PRIMARY KEY, account_id TEXT NOT NULL);
  `),
  apply: (db, recorded, t) => {
    const accountId = accountOf(db, recorded, t);
    if (accountId === undefined) return;
    // `previous`: the indexed event before this one (0 for the first). No client sees anything between the two, so a
    // client's feed may jump from there to this event; it is a position of the log, so a cursor to resume after.
    const previous = prepareCached(db, `SELECT coalesce(max(position), 0) FROM ${t('feed_events')} WHERE position < ?`).pluck().get(recorded.position) as number;
    prepareCached(db, `INSERT INTO ${t('feed_events')} (position, account_id, previous) VALUES (?, ?, ?) ON CONFLICT (position) DO NOTHING`)
      .run(recorded.position, accountId, previous);
  },
};
