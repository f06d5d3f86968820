import { assertNever, Draft } from '#kernel';
import type {
  ClarificationRequested, TicketCancelled, TicketDelivered, TicketEscalated, TicketEstimated, TicketEvent,
  TicketOpened, TimeEntryCorrected, TimeLogged,
} from './events.js';
import type { DeliveryPromiseFacts, OpenedTicket, TicketState } from './state.js';
import { endFirstResponse, endPromise, startPromise, startWait, stopWait } from './evolve-sla.js';
import { evolveService } from './evolve-service.js';
import { serviceEventNames, type ServiceEvent } from './service-events.js';

const opened = ({ data }: TicketOpened): OpenedTicket => ({
  status: 'open', ticketId: data.ticketId, accountId: data.accountId, title: data.title,
  category: data.category, participants: data.participants, openedAt: data.openedAt, openedBy: data.openedBy,
  entries: {}, corrections: {}, loggedMinutes: 0,
  sla: { firstResponse: { startedAt: data.openedAt, targetMinutes: data.firstResponseBusinessMinutes }, breaches: {} },
  ...(data.calendarId !== undefined && { calendarId: data.calendarId }),
  ...(data.maintenance !== undefined && { maintenance: data.maintenance }),
});

const isServiceEvent = (event: TicketEvent): event is ServiceEvent => event.type in serviceEventNames;

const withPromise = (state: OpenedTicket, change: (promise: DeliveryPromiseFacts) => DeliveryPromiseFacts) =>
  state.sla.deliveryPromise && !state.sla.deliveryPromise.end
    ? { ...state, sla: { ...state.sla, deliveryPromise: change(state.sla.deliveryPromise) } }
    : state;

const clarificationRequested = (state: OpenedTicket, { data }: ClarificationRequested): OpenedTicket => {
  const resumeTo = state.status === 'inProgress' ? 'inProgress' : 'open';
  const asked = endFirstResponse(state, data.requestedAt, 'responded');
  return withPromise({ ...asked, status: 'awaitingClarification', resumeTo }, startWait(data.requestedAt));
};

const clarificationProvided = (state: OpenedTicket, providedAt: string): OpenedTicket => {
  const { resumeTo, ...rest } = state;
  return withPromise({ ...rest, status: resumeTo ?? 'open' }, stopWait(providedAt));
};

const ticketEstimated = (state: OpenedTicket, { data }: TicketEstimated): OpenedTicket => {
  const { estimatedMinutes, expectedDeliveryAt, estimatedAt, approvalRequired } = data;
  const { pendingOverrun: _replaced, ...current } = state;
  const estimated: OpenedTicket = {
    ...endFirstResponse(current, estimatedAt, 'responded'),
    status: approvalRequired ? 'awaitingApproval' : 'inProgress',
    estimate: { estimatedMinutes, expectedDeliveryAt, estimatedAt },
  };
  return state.firstDeliveredAt ? estimated : startPromise(estimated, data);
};

const timeLogged = (state: OpenedTicket, { data }: TimeLogged, draft: Draft): OpenedTicket => {
  const { entryId, minutes, activity, performedOn, note } = data;
  const entries = draft.set(state.entries, entryId, { minutes, activity, performedOn, note });
  return { ...state, entries, loggedMinutes: state.loggedMinutes + minutes };
};

const timeEntryCorrected = (state: OpenedTicket, { data }: TimeEntryCorrected, draft: Draft): OpenedTicket => {
  const { correctionId, entryId, minutesDelta, reason } = data;
  const corrections = draft.set(state.corrections, correctionId, { entryId, minutesDelta, reason });
  return { ...state, corrections, loggedMinutes: state.loggedMinutes + minutesDelta };
};

const ticketDelivered = (state: OpenedTicket, { data: { deliveredAt } }: TicketDelivered): OpenedTicket => {
  const delivered = { ...state, status: 'delivered' as const, deliveredAt, firstDeliveredAt: state.firstDeliveredAt ?? deliveredAt };
  return withPromise(delivered, endPromise(deliveredAt, 'delivered'));
};

const revisionRequested = (state: OpenedTicket): OpenedTicket => {
  const { deliveredAt: _autoCloseCancelled, ...rest } = state;
  return { ...rest, status: 'inProgress' };
};

/** Cancellation and escalation stop both timers; only a client's own cancellation leaves the first response unmet. */
const ended = (state: OpenedTicket, event: TicketCancelled | TicketEscalated): OpenedTicket => {
  const cancelled = event.type === 'TicketCancelled';
  const at = cancelled ? event.data.cancelledAt : event.data.escalatedAt;
  const byClient = cancelled && event.data.cancelledBy === 'client';
  const stopped = endFirstResponse(state, at, byClient ? 'clientCancelled' : 'responded');
  return withPromise({ ...stopped, status: cancelled ? 'cancelled' : 'escalated' }, endPromise(at, 'stopped'));
};

/** Pure: `state` is never changed; a `draft` shared by a whole fold (`foldFrom`) keeps the fold linear. */
export const evolve = (state: TicketState, event: TicketEvent, draft = Draft.copying): TicketState => {
  if (event.type === 'TicketOpened') return opened(event);
  if (state.status === 'notOpened') return state;
  return evolveOpened(state, event, draft);
};

const evolveOpened = (state: OpenedTicket, event: Exclude<TicketEvent, TicketOpened>, draft: Draft): OpenedTicket => {
  if (isServiceEvent(event)) return evolveService(state, event, draft);
  return evolveCore(state, event, draft);
};

const evolveCore = (state: OpenedTicket, event: Exclude<TicketEvent, TicketOpened | ServiceEvent>, draft: Draft): OpenedTicket => {
  switch (event.type) {
    case 'ClarificationRequested': return clarificationRequested(state, event);
    case 'ClarificationProvided': return clarificationProvided(state, event.data.providedAt);
    case 'TicketEstimated': return ticketEstimated(state, event);
    case 'EstimateApproved': return withPromise({ ...state, status: 'inProgress' }, stopWait(event.data.approvedAt));
    case 'EstimateRejected': return withPromise({ ...state, status: 'rejected' }, endPromise(event.data.rejectedAt, 'stopped'));
    case 'TimeLogged': return timeLogged(state, event, draft);
    case 'TimeEntryCorrected': return timeEntryCorrected(state, event, draft);
    case 'TicketDelivered': return ticketDelivered(state, event);
    case 'RevisionRequested': return revisionRequested(state);
    case 'TicketClosed': return { ...state, status: 'closed', closed: { how: event.data.how, at: event.data.closedAt } };
    case 'TicketCancelled': return ended(state, event);
    case 'TicketEscalated': return ended(state, event);
    case 'ProjectOfferRecorded': {
      const { expectedMinutes, priceCents, offerId, recordedAt } = event.data;
      return { ...state, projectOffer: { expectedMinutes, priceCents, recordedAt, ...(offerId !== undefined && { offerId }) } };
    }
    case 'SlaBreached':
      return { ...state, sla: { ...state.sla, breaches: { ...state.sla.breaches, [event.data.kind]: event.data.dueAt } } };
    case 'TicketNumbered': return { ...state, number: event.data.number };
    default: return assertNever(event);
  }
};
