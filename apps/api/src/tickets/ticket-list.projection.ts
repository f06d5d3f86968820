import type { RecordedEvent } from '#kernel';
import { type Db, type Projection, type TableNames, prepareCached } from '#projections';
import { type TicketEvent, type TicketState, ticketCodec, ticketDecider } from '#ticketing';

/**
 * The ticket list behind GET /tickets: one row per ticket, folded with the ticket decider's own
 * `evolve` (kept as JSON in the row) so the status here is exactly the aggregate's.
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
    const row = prepareCached(db, `SELECT state FROM ${table} WHERE ticket_id = ?`).get(ticketIdOf(recorded)) as
      | { state: string }
      | undefined;
    const before: TicketState = row ? (JSON.parse(row.state) as TicketState) : ticketDecider.initialState();
    const state = ticketDecider.evolve(before, ticketCodec.decode<TicketEvent>(recorded));
    if (state.status === 'notOpened') return;
    prepareCached(db, `
      INSERT INTO ${table} (ticket_id, account_id, title, category, status, opened_at, updated_at, logged_minutes,
        estimated_minutes, state, position)
      VALUES (@ticketId, @accountId, @title, @category, @status, @openedAt, @updatedAt, @loggedMinutes, @estimatedMinutes, @state, @position)
      ON CONFLICT (ticket_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at,
        logged_minutes = excluded.logged_minutes, estimated_minutes = excluded.estimated_minutes,
        state = excluded.state, position = excluded.position
    `).run({
      ticketId: state.ticketId,
      accountId: state.accountId,
      title: state.title,
      category: state.category,
      status: state.status,
      openedAt: state.openedAt,
      updatedAt: recorded.metadata.occurredAt,
      loggedMinutes: state.loggedMinutes,
      estimatedMinutes: state.estimate?.estimatedMinutes ?? null,
      state: JSON.stringify(state),
      position: recorded.position,
    });
  },
};

const ticketIdOf = (recorded: RecordedEvent): string => recorded.stream.slice('ticket-'.length);
