import type { TicketEstimated } from './events.js';
import type { DeliveryPromiseFacts, FirstResponseFacts, OpenedTicket } from './state.js';

/** Only the first stopping event counts. */
export const endFirstResponse = (state: OpenedTicket, at: string, end: NonNullable<FirstResponseFacts['end']>): OpenedTicket =>
  state.sla.firstResponse.end
    ? state
    : { ...state, sla: { ...state.sla, firstResponse: { ...state.sla.firstResponse, endedAt: at, end } } };

/** The latest estimate before the first delivery replaces the promise; waiting counts only from it. */
export const startPromise = (state: OpenedTicket, data: TicketEstimated['data']): OpenedTicket => {
  const waits = data.approvalRequired ? [{ from: data.estimatedAt }] : [];
  const deliveryPromise = { estimatedAt: data.estimatedAt, expectedDeliveryAt: data.expectedDeliveryAt, waits };
  return { ...state, sla: { ...state.sla, deliveryPromise } };
};

export const startWait = (at: string) => (promise: DeliveryPromiseFacts): DeliveryPromiseFacts =>
  ({ ...promise, waits: [...promise.waits, { from: at }] });

export const stopWait = (at: string) => (promise: DeliveryPromiseFacts): DeliveryPromiseFacts =>
  ({ ...promise, waits: promise.waits.map((wait) => (wait.until ? wait : { ...wait, until: at })) });

export const endPromise = (at: string, end: NonNullable<DeliveryPromiseFacts['end']>) =>
  (promise: DeliveryPromiseFacts): DeliveryPromiseFacts => ({ ...stopWait(at)(promise), endedAt: at, end });
