import type { Projection } from '#projections';
import { ticketEventNames } from '../domain/ticket/events.js';
import { type OpenedTicket, isFinished } from '../domain/ticket/state.js';
import { ticketRowProjection } from './ticket-row-projection.js';

/** Time entries, offers, numbers, assignment and the consultative notes touch no SLA fact: the kept state leaves them out. */
const notSla = [
  'TimeLogged', 'TimeEntryCorrected', 'ProjectOfferRecorded', 'TicketNumbered', 'TicketAssigned', 'TicketUnassigned', 'TicketPriorityChanged',
  'ExecutionPlanAgreed', 'PendingQuestionRecorded', 'PendingQuestionAnswered', 'ProjectOfferAccepted', 'ProjectOfferDeclined',
];
const slaEventTypes = Object.entries(ticketEventNames).filter(([type]) => !notSla.includes(type)).map(([, stored]) => stored);

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
export const slaTimersProjection: Projection = ticketRowProjection({
  name: 'sla-timers',
  // 2: an index per filter (none, account, unsettled, account and unsettled) in the list's order, for keyset pages.
  version: 2,
  filter: { streamCategories: ['ticket'], eventTypes: slaEventTypes },
  table: 'sla_timers',
  migrate: (db, table) => db.exec(`
      CREATE TABLE ${table} (
        ticket_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, ticket_status TEXT NOT NULL, settled INTEGER NOT NULL,
        opened_at TEXT NOT NULL, state TEXT NOT NULL, position INTEGER NOT NULL
      );
      CREATE INDEX ${table}_opened ON ${table} (opened_at DESC, ticket_id);
      CREATE INDEX ${table}_account ON ${table} (account_id, opened_at DESC, ticket_id);
      CREATE INDEX ${table}_settled ON ${table} (settled, opened_at DESC, ticket_id);
      CREATE INDEX ${table}_account_settled ON ${table} (account_id, settled, opened_at DESC, ticket_id);
    `),
  upsert: (table) => `INSERT INTO ${table} (ticket_status, settled, state, position, ticket_id, account_id, opened_at)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ticket_id) DO UPDATE SET ticket_status = excluded.ticket_status,
        settled = excluded.settled, state = excluded.state, position = excluded.position`,
  row: (state, recorded) =>
    [state.status, slaSettled(state) ? 1 : 0, JSON.stringify(state), recorded.position, state.ticketId, state.accountId, state.openedAt],
});
