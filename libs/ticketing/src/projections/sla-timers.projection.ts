import type { RecordedEvent } from '#kernel';
import { type Db, type Projection, type TableNames, prepareCached } from '#projections';
import { type OpenedTicket, isFinished } from '../domain/ticket/state.js';
import { TicketStateFolder } from './ticket-state-folder.js';

const folder = new TicketStateFolder();

/** No timer of the ticket can change any more: both have ended, or the ticket has. */
export const slaSettled = (state: OpenedTicket): boolean => {
  const { firstResponse, deliveryPromise } = state.sla;
  return isFinished(state) || (firstResponse.endedAt !== undefined && deliveryPromise?.endedAt !== undefined);
};

/**
 * `sla-timers`: the inputs of each ticket's SLA timers (the decider's SLA facts, inside the ticket state) as the
 * events left them. Due, elapsed, remaining, at risk and breached depend on "now" and the business calendar,
 * so they are computed when asked (see querySlaTimers), never stored.
 */
export const slaTimersProjection: Projection = {
  name: 'sla-timers',
  version: 1,
  filter: { streamCategories: ['ticket'] },
  tables: ['sla_timers'],
  migrate(db: Db, t: TableNames) {
    const table = t('sla_timers');
    db.exec(`
      CREATE TABLE ${table} (
        ticket_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, ticket_status TEXT NOT NULL, settled INTEGER NOT NULL,
        opened_at TEXT NOT NULL, state TEXT NOT NULL, position INTEGER NOT NULL
      );
      CREATE INDEX ${table}_account ON ${table} (account_id, settled);
      CREATE INDEX ${table}_settled ON ${table} (settled, opened_at);
    `);
  },
  apply(db: Db, recorded: RecordedEvent, t: TableNames) {
    const table = t('sla_timers');
    const { state } = folder.fold(db, table, recorded);
    if (state.status === 'notOpened') return;
    prepareCached(db, `
      INSERT INTO ${table} (ticket_id, account_id, ticket_status, settled, opened_at, state, position)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (ticket_id) DO UPDATE SET ticket_status = excluded.ticket_status, settled = excluded.settled,
        state = excluded.state, position = excluded.position
    `).run(state.ticketId, state.accountId, state.status, slaSettled(state) ? 1 : 0, state.openedAt, JSON.stringify(state), recorded.position);
  },
};
