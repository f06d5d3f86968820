import type { RecordedEvent } from '#kernel';
import { type Db, type Projection, type TableNames, prepareCached } from '#projections';
import { TicketStateFolder } from './ticket-state-folder.js';

const folder = new TicketStateFolder({ extraOf: () => undefined });

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
    folder.fold(db, t('ticket_list'), recorded);
  },
  /** Each ticket the batch touched is written once, as its last event left it. */
  flush(db: Db, t: TableNames) {
    const table = t('ticket_list');
    const upsert = prepareCached(db, `INSERT INTO ${table} (status, updated_at, logged_minutes, estimated_minutes, state, position, ticket_id,
        account_id, title, category, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (ticket_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at,
        logged_minutes = excluded.logged_minutes, estimated_minutes = excluded.estimated_minutes, state = excluded.state,
        position = excluded.position`);
    folder.flush(db, table, ({ state, recorded }) => {
      if (state.status === 'notOpened') return;
      upsert.run(state.status, recorded.metadata.occurredAt, state.loggedMinutes, state.estimate?.estimatedMinutes ?? null,
        JSON.stringify(state), recorded.position, state.ticketId, state.accountId, state.title, state.category, state.openedAt);
    });
  },
  discard: (db: Db, t: TableNames) => folder.discard(db, t('ticket_list')),
};
