import { Temporal } from 'temporal-polyfill';
import { autoCloseDueAt } from '../sla/sla-deadlines.js';
import type {
  AcceptDelivery, AcceptProjectOffer, AutoCloseTicket, CancelTicket, DeclineProjectOffer, EscalateToProject, MarkOutOfScope, RecordProjectOffer,
  RequestRevision,
} from './commands.js';
import { outOfScopeReasons } from './service-events.js';
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

/**
 * Customer Success record (or revise) the project offer; the same offer again changes nothing. An offer the client
 * accepted is final; a declined one may be followed by a new offer.
 */
export const recordProjectOffer = (command: RecordProjectOffer, state: TicketState): ProjectOfferRecorded[] => {
  requireOpened(state);
  requireRole(command.by, ['agent', 'manager'], 'ONLY_STAFF_MAY_RECORD_PROJECT_OFFER');
  requireStatus(state, ['escalated'], 'PROJECT_OFFER_NEEDS_ESCALATED_TICKET');
  const expectedMinutes = requirePositiveMinutes(command.data.expectedMinutes, 'PROJECT_OFFER_MUST_BE_POSITIVE');
  const priceCents = requirePositiveMinutes(command.data.priceCents, 'PROJECT_OFFER_MUST_BE_POSITIVE');
  const offer = state.projectOffer;
  if (offer?.decision === 'accepted') fail('PROJECT_OFFER_ALREADY_ACCEPTED', 'The client accepted the offer: it can no longer change.');
  if (offer && !offer.decision && offer.expectedMinutes === expectedMinutes && offer.priceCents === priceCents) return [];
  const offerId = command.data.offerId;
  return [{
    type: 'ProjectOfferRecorded',
    data: { ticketId: state.ticketId, accountId: state.accountId, expectedMinutes, priceCents, recordedAt: command.now.toString(), ...(offerId && { offerId }) },
  }];
};

/** The offer the client decides on must be the current, undecided one (named by its id). */
const requireOpenOffer = (state: TicketState, offerId: string, by: AcceptProjectOffer['by']) => {
  requireOpened(state);
  requireRole(by, ['client', 'manager'], 'ONLY_CLIENT_OR_MANAGER_MAY_DECIDE_ON_PROJECT_OFFER');
  const offer = state.projectOffer;
  if (!offer) fail('NO_PROJECT_OFFER', 'There is no project offer to decide on.');
  if (offer!.offerId !== offerId) fail('PROJECT_OFFER_CHANGED', 'The offer was revised: look at the current one.', { offerId: offer!.offerId });
  return { ticket: state, offer: offer! };
};

export const acceptProjectOffer = (command: AcceptProjectOffer, state: TicketState): TicketEvent[] => {
  const { ticket, offer } = requireOpenOffer(state, command.data.offerId, command.by);
  if (offer.decision === 'accepted') return [];
  if (offer.decision === 'declined') fail('PROJECT_OFFER_ALREADY_DECLINED', 'The offer was declined; wait for a new one.');
  return [{ type: 'ProjectOfferAccepted', data: { ticketId: ticket.ticketId, accountId: ticket.accountId, offerId: command.data.offerId, acceptedBy: command.by.role, acceptedAt: command.now.toString() } }];
};

export const declineProjectOffer = (command: DeclineProjectOffer, state: TicketState): TicketEvent[] => {
  const { ticket, offer } = requireOpenOffer(state, command.data.offerId, command.by);
  if (offer.decision === 'declined') return [];
  if (offer.decision === 'accepted') fail('PROJECT_OFFER_ALREADY_ACCEPTED', 'The client accepted the offer: it can no longer change.');
  const data = {
    ticketId: ticket.ticketId, accountId: ticket.accountId, offerId: command.data.offerId, reason: (command.data.reason ?? '').trim(),
    declinedBy: command.by.role, declinedAt: command.now.toString(),
  };
  return [{ type: 'ProjectOfferDeclined', data }];
};

/**
 * The demand is outside what the service covers (seed 000): refused (it ends like a staff cancellation, logged time
 * debited) or escalated to a project for Customer Success to make an offer.
 */
export const markOutOfScope = (command: MarkOutOfScope, state: TicketState): TicketEvent[] => {
  requireOpened(state);
  requireNotFinished(state);
  requireRole(command.by, ['agent'], 'ONLY_AGENT_MAY_MARK_OUT_OF_SCOPE');
  const { reason, resolution } = command.data;
  if (!outOfScopeReasons.includes(reason)) fail('UNKNOWN_OUT_OF_SCOPE_REASON', 'Unknown out-of-scope reason.', { reason });
  if (resolution !== 'refuse' && resolution !== 'escalate') fail('UNKNOWN_OUT_OF_SCOPE_RESOLUTION', 'Refuse or escalate.', { resolution });
  const note = requireText(command.data.note, 'OUT_OF_SCOPE_NOTE_REQUIRED');
  const at = command.now.toString();
  const marked: TicketEvent = { type: 'TicketMarkedOutOfScope', data: { ticketId: state.ticketId, reason, note, resolution, markedAt: at } };
  const ending: TicketEvent = resolution === 'refuse'
    ? { type: 'TicketCancelled', data: { ...timeSpent(state), reason: note, cancelledBy: command.by.role, cancelledAt: at } }
    : { type: 'TicketEscalated', data: { ...timeSpent(state), reason: note, escalatedAt: at } };
  return [marked, ending];
};
