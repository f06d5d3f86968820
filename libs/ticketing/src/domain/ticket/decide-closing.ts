import { Temporal } from 'temporal-polyfill';
import { autoCloseDueAt } from '../sla/sla-deadlines.js';
import type { AcceptDelivery, AutoCloseTicket, CancelTicket, EscalateToProject, RecordProjectOffer, RequestRevision } from './commands.js';
import { dueTicketFacts, timeSpent } from './due-facts.js';
import type { ProjectOfferRecorded, RevisionRequested, TicketCancelled, TicketClosed, TicketEscalated, TicketEvent } from './events.js';
import { fail, requireNotFinished, requireOpened, requirePositiveMinutes, requireRole, requireStatus, requireText } from './errors.js';
import type { TicketState } from './state.js';

export const requestRevision = (command: RequestRevision, state: TicketState): RevisionRequested[] => {
  requireOpened(state);
  requireNotFinished(state);
  requireRole(command.by, ['client'], 'ONLY_CLIENT_MAY_REQUEST_REVISION');
  requireStatus(state, ['delivered'], 'TICKET_NOT_DELIVERED');
  const reason = requireText(command.data.reason, 'REVISION_REASON_REQUIRED');
  return [{ type: 'RevisionRequested', data: { ticketId: state.ticketId, reason, requestedAt: command.now.toString() } }];
};

export const acceptDelivery = (command: AcceptDelivery, state: TicketState): TicketClosed[] => {
  requireOpened(state);
  requireNotFinished(state);
  requireRole(command.by, ['client'], 'ONLY_CLIENT_MAY_ACCEPT_DELIVERY');
  requireStatus(state, ['delivered'], 'TICKET_NOT_DELIVERED');
  return [{ type: 'TicketClosed', data: { ...timeSpent(state), how: 'accepted', closedAt: command.now.toString() } }];
};

/**
 * Sent by the scheduler: the close takes effect at its due instant (with any breach due before it), however late
 * this runs; a ticket no longer waiting on acceptance (closed, revised) is left alone.
 */
export const autoClose = ({ now, rules }: AutoCloseTicket, state: TicketState): TicketEvent[] => {
  const { calendar, autoCloseBusinessDays } = rules;
  if (!Number.isSafeInteger(autoCloseBusinessDays) || autoCloseBusinessDays <= 0) {
    fail('AUTO_CLOSE_DAYS_MUST_BE_POSITIVE', 'Business days must be positive.');
  }
  requireOpened(state);
  const due = autoCloseDueAt(state, calendar, autoCloseBusinessDays);
  if (due && Temporal.Instant.compare(now, due) < 0) fail('AUTO_CLOSE_NOT_DUE', 'The client still has time to answer.', { dueAt: due.toString() });
  return dueTicketFacts(state, now, rules);
};

export const cancel = (command: CancelTicket, state: TicketState): TicketCancelled[] => {
  requireOpened(state);
  requireNotFinished(state);
  if (command.by.role === 'client' && Object.keys(state.entries).length > 0) {
    fail('CLIENT_MAY_CANCEL_ONLY_BEFORE_WORK_STARTS', 'Time has been logged on this ticket; ask the agent to cancel it.');
  }
  const reason = requireText(command.data.reason, 'CANCELLATION_REASON_REQUIRED');
  return [{
    type: 'TicketCancelled',
    data: { ...timeSpent(state), reason, cancelledBy: command.by.role, cancelledAt: command.now.toString() },
  }];
};

export const escalate = (command: EscalateToProject, state: TicketState): TicketEscalated[] => {
  requireOpened(state);
  requireNotFinished(state);
  requireRole(command.by, ['agent'], 'ONLY_AGENT_MAY_ESCALATE');
  const reason = requireText(command.data.reason, 'ESCALATION_REASON_REQUIRED');
  return [{ type: 'TicketEscalated', data: { ...timeSpent(state), reason, escalatedAt: command.now.toString() } }];
};

/** Customer Success record (or revise) the project offer; the same offer again changes nothing. */
export const recordProjectOffer = (command: RecordProjectOffer, state: TicketState): ProjectOfferRecorded[] => {
  requireOpened(state);
  requireRole(command.by, ['agent', 'manager'], 'ONLY_STAFF_MAY_RECORD_PROJECT_OFFER');
  requireStatus(state, ['escalated'], 'PROJECT_OFFER_NEEDS_ESCALATED_TICKET');
  const expectedMinutes = requirePositiveMinutes(command.data.expectedMinutes, 'PROJECT_OFFER_MUST_BE_POSITIVE');
  const priceCents = requirePositiveMinutes(command.data.priceCents, 'PROJECT_OFFER_MUST_BE_POSITIVE');
  const offer = state.projectOffer;
  if (offer && offer.expectedMinutes === expectedMinutes && offer.priceCents === priceCents) return [];
  return [{
    type: 'ProjectOfferRecorded',
    data: { ticketId: state.ticketId, accountId: state.accountId, expectedMinutes, priceCents, recordedAt: command.now.toString() },
  }];
};
