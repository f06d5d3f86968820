import { assertNever } from '#kernel';
import type { TicketEvent, TicketOpened } from './events.js';
import type { DeliveryPromiseFacts, OpenedTicket, TicketState } from './state.js';
import { endFirstResponse, endPromise, startPromise, startWait, stopWait } from './evolve-sla.js';

const opened = ({ data }: TicketOpened): OpenedTicket => ({
  status: 'open', ticketId: data.ticketId, accountId: data.accountId, title: data.title,
  category: data.category, participants: data.participants, openedAt: data.openedAt, openedBy: data.openedBy,
  entries: {}, corrections: {}, loggedMinutes: 0,
  sla: {
    firstResponse: { startedAt: data.openedAt, targetMinutes: data.firstResponseBusinessMinutes },
    breaches: {},
  },
});

const withPromise = (state: OpenedTicket, change: (promise: DeliveryPromiseFacts) => DeliveryPromiseFacts) =>
  state.sla.deliveryPromise && !state.sla.deliveryPromise.end
    ? { ...state, sla: { ...state.sla, deliveryPromise: change(state.sla.deliveryPromise) } }
    : state;

export const evolve = (state: TicketState, event: TicketEvent): TicketState => {
  if (event.type === 'TicketOpened') return opened(event);
  if (state.status === 'notOpened') return state;
  return evolveOpened(state, event);
};

const evolveOpened = (state: OpenedTicket, event: Exclude<TicketEvent, TicketOpened>): OpenedTicket => {
  switch (event.type) {
    case 'ClarificationRequested': {
      const resumeTo = state.status === 'inProgress' ? 'inProgress' : 'open';
      const asked = endFirstResponse(state, event.data.requestedAt, 'responded');
      return withPromise({ ...asked, status: 'awaitingClarification', resumeTo }, startWait(event.data.requestedAt));
    }
    case 'ClarificationProvided': {
      const { resumeTo, ...rest } = state;
      return withPromise({ ...rest, status: resumeTo ?? 'open' }, stopWait(event.data.providedAt));
    }
    case 'TicketEstimated': {
      const { estimatedMinutes, expectedDeliveryAt, estimatedAt, approvalRequired } = event.data;
      const estimated: OpenedTicket = {
        ...endFirstResponse(state, estimatedAt, 'responded'),
        status: approvalRequired ? 'awaitingApproval' : 'inProgress',
        estimate: { estimatedMinutes, expectedDeliveryAt, estimatedAt },
      };
      return state.firstDeliveredAt ? estimated : startPromise(estimated, event.data);
    }
    case 'EstimateApproved':
      return withPromise({ ...state, status: 'inProgress' }, stopWait(event.data.approvedAt));
    case 'EstimateRejected':
      return withPromise({ ...state, status: 'rejected' }, endPromise(event.data.rejectedAt, 'stopped'));
    case 'TimeLogged': {
      const { entryId, minutes, activity, performedOn, note } = event.data;
      const entries = { ...state.entries, [entryId]: { minutes, activity, performedOn, note } };
      return { ...state, entries, loggedMinutes: state.loggedMinutes + minutes };
    }
    case 'TimeEntryCorrected': {
      const { correctionId, entryId, minutesDelta, reason } = event.data;
      const corrections = { ...state.corrections, [correctionId]: { entryId, minutesDelta, reason } };
      return { ...state, corrections, loggedMinutes: state.loggedMinutes + minutesDelta };
    }
    case 'TicketDelivered': {
      const at = event.data.deliveredAt;
      const delivered = { ...state, status: 'delivered' as const, deliveredAt: at, firstDeliveredAt: state.firstDeliveredAt ?? at };
      return withPromise(delivered, endPromise(at, 'delivered'));
    }
    case 'RevisionRequested': {
      const { deliveredAt: _cancelledAutoClose, ...rest } = state;
      return { ...rest, status: 'inProgress' };
    }
    case 'TicketClosed':
      return { ...state, status: 'closed' };
    case 'TicketCancelled': {
      const at = event.data.cancelledAt;
      const cancelled = endFirstResponse(state, at, event.data.cancelledBy === 'client' ? 'clientCancelled' : 'responded');
      return withPromise({ ...cancelled, status: 'cancelled' }, endPromise(at, 'stopped'));
    }
    case 'TicketEscalated': {
      const at = event.data.escalatedAt;
      const escalated = endFirstResponse(state, at, 'responded');
      return withPromise({ ...escalated, status: 'escalated' }, endPromise(at, 'stopped'));
    }
    case 'ProjectOfferRecorded':
      return { ...state, projectOffer: { expectedMinutes: event.data.expectedMinutes, priceCents: event.data.priceCents } };
    case 'SlaBreached':
      return { ...state, sla: { ...state.sla, breaches: { ...state.sla.breaches, [event.data.kind]: event.data.dueAt } } };
    default:
      return assertNever(event);
  }
};
