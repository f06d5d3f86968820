import type { RecordedEvent } from '#kernel';
import { type Db, type Projection, type TableNames, prepareCached } from '#projections';
import { TicketStateFolder } from './ticket-state-folder.js';

const folder = new TicketStateFolder();

/**
 * `ticket-list`: one row per ticket for GET /tickets, folded with the ticket decider's own `evolve` (kept as JSON
 * in the row) so the status here is exactly the aggregate's.
 */
export const ticketListProjection: Projection = {
  name: 'ticket-list',
  version: 1,
  filter: { streamCategories: ['ticket'] },
  tables: ['ticket_list'],
  migrate(db: Db, t: TableNames) {
    const table = t('ticket_list');
    db.exec(`
      CREATE TABLE ${table} (
        ticket_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, title TEXT NOT NULL, category TEXT NOT NULL,
        status TEXT NOT NULL, opened_at TEXT NOT NULL, updated_at TEXT NOT NULL, logged_minutes INTEGER NOT NULL,
        estimated_minutes INTEGER, state TEXT NOT NULL, position INTEGER NOT NULL
      );
      CREATE INDEX ${table}_account ON ${table} (account_id, opened_at);
      CREATE INDEX ${table}_status ON ${table} (status, opened_at);
    `);
  },
  apply(db: Db, recorded: RecordedEvent, t: TableNames) {
    const table = t('ticket_list');
    const { before, state } = folder.fold(db, table, recorded);
    if (state.status === 'notOpened') return;
    const changing = [state.status, recorded.metadata.occurredAt, state.loggedMinutes, state.estimate?.estimatedMinutes ?? null, JSON.stringify(state), recorded.position];
    if (before.status !== 'notOpened') {
      prepareCached(db, `UPDATE ${table} SET status = ?, updated_at = ?, logged_minutes = ?, estimated_minutes = ?, state = ?, position = ?
        WHERE ticket_id = ?`).run(...changing, state.ticketId);
      return;
    }
    prepareCached(db, `INSERT INTO ${table} (status, updated_at, logged_minutes, estimated_minutes, state, position, ticket_id, account_id,
        title, category, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(...changing, state.ticketId, state.accountId, state.title, state.category, state.openedAt);
  },
};
