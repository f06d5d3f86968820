import { Temporal } from 'temporal-polyfill';
import type { RecordedEvent } from '#kernel';
import { type Db, type Projection, type ReadModelReader, type TableNames, prepareCached } from '#projections';
import { ticketEventNames } from '#ticketing';

const endings: Readonly<Record<string, string>> = {
  [ticketEventNames.TicketClosed]: 'closedAt',
  [ticketEventNames.TicketCancelled]: 'cancelledAt',
  [ticketEventNames.TicketEscalated]: 'escalatedAt',
};

/**
 * Which tickets belong to which account, and when each opened and ended: all a report needs to know
 * which ticket streams to read. The report then reads those streams itself, up to its log position.
 */
export const reportAccountTicketsProjection: Projection = {
  name: 'report-account-tickets',
  version: 1,
  filter: { streamCategories: ['ticket'], eventTypes: [ticketEventNames.TicketOpened, ...Object.keys(endings)] },
  tables: ['report_account_tickets'],
  migrate(db: Db, t: TableNames) {
    const table = t('report_account_tickets');
    db.exec(`
      CREATE TABLE ${table} (
        ticket_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, opened_at TEXT NOT NULL, ended_at TEXT
      );
      CREATE INDEX ${table}_account ON ${table} (account_id);
    `);
  },
  apply(db: Db, event: RecordedEvent, t: TableNames) {
    const table = t('report_account_tickets');
    const data = event.data as Record<string, string>;
    if (event.type === ticketEventNames.TicketOpened) {
      prepareCached(db, `INSERT OR IGNORE INTO ${table} (ticket_id, account_id, opened_at) VALUES (?, ?, ?)`)
        .run(data.ticketId, data.accountId, data.openedAt);
      return;
    }
    const endedAt = data[endings[event.type]!];
    prepareCached(db, `UPDATE ${table} SET ended_at = ? WHERE ticket_id = ? AND ended_at IS NULL`).run(endedAt, data.ticketId);
  },
};

/**
 * The account's tickets that can count in a period: opened before it ended, not ended before it began.
 * Instants are compared as instants (ISO text of different precision does not sort).
 */
export const ticketsForPeriod = async (db: ReadModelReader, accountId: string, start: string, end: string): Promise<string[]> => {
  const rows = await db.all<{ ticketId: string; openedAt: string; endedAt: string | null }>(
    'SELECT ticket_id AS "ticketId", opened_at AS "openedAt", ended_at AS "endedAt" FROM report_account_tickets WHERE account_id = ?', [accountId]);
  const compare = (a: string, b: string) => Temporal.Instant.compare(Temporal.Instant.from(a), Temporal.Instant.from(b));
  return rows
    .filter((row) => compare(row.openedAt, end) < 0 && (row.endedAt === null || compare(row.endedAt, start) >= 0))
    .map((row) => row.ticketId)
    .sort();
};
