import type { Projection } from '#projections';
import { ticketRowProjection } from './ticket-row-projection.js';

/**
 * `ticket-list`: one row per ticket for GET /tickets, folded with the ticket decider's own `evolve` (kept as JSON
 * in the row) so the status here is exactly the aggregate's. Each filter of the list (none, account, account and status,
 * status, category, assignee, assignee and status) has an index in the list's order, so a page reads its own rows
 * (keyset) and sorts nothing.
 */
export const ticketListProjection: Projection = ticketRowProjection({
  name: 'ticket-list',
  // 4: every filter's index in the list's order (opened_at DESC, ticket_id), for keyset pages (3: assignee, priority).
  version: 4,
  filter: { streamCategories: ['ticket'] },
  table: 'ticket_list',
  migrate: (db, table) => db.exec(`
      CREATE TABLE ${table} (
        ticket_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, title TEXT NOT NULL, category TEXT NOT NULL,
        status TEXT NOT NULL, opened_at TEXT NOT NULL, updated_at TEXT NOT NULL, logged_minutes INTEGER NOT NULL,
        estimated_minutes INTEGER, number INTEGER, state TEXT NOT NULL, position INTEGER NOT NULL,
        assignee_id TEXT, priority TEXT NOT NULL DEFAULT 'normal'
      );
      CREATE INDEX ${table}_assignee ON ${table} (assignee_id, opened_at DESC, ticket_id);
      CREATE INDEX ${table}_assignee_status ON ${table} (assignee_id, status, opened_at DESC, ticket_id);
      CREATE INDEX ${table}_number ON ${table} (number);
      CREATE INDEX ${table}_opened ON ${table} (opened_at DESC, ticket_id);
      CREATE INDEX ${table}_account ON ${table} (account_id, opened_at DESC, ticket_id);
      CREATE INDEX ${table}_account_status ON ${table} (account_id, status, opened_at DESC, ticket_id);
      CREATE INDEX ${table}_status ON ${table} (status, opened_at DESC, ticket_id);
      CREATE INDEX ${table}_category ON ${table} (category, opened_at DESC, ticket_id);
    `),
  upsert: (table) => `INSERT INTO ${table} (status, updated_at, logged_minutes, estimated_minutes, number, state, position, assignee_id, priority,
        ticket_id, account_id, title, category, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (ticket_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at,
        logged_minutes = excluded.logged_minutes, estimated_minutes = excluded.estimated_minutes, number = excluded.number,
        state = excluded.state, position = excluded.position, assignee_id = excluded.assignee_id, priority = excluded.priority`,
  row: (state, recorded) => [state.status, recorded.metadata.occurredAt, state.loggedMinutes, state.estimate?.estimatedMinutes ?? null,
    state.number ?? null, JSON.stringify(state), recorded.position, state.assignee?.userId ?? null, state.priority ?? 'normal',
    state.ticketId, state.accountId, state.title, state.category, state.openedAt],
});
