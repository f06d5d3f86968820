import { assertNever, type Draft } from '#kernel';
import type { ServiceEvent } from './service-events.js';
import type { DeliveryPromiseFacts, OpenedTicket } from './state.js';
import { startWait, stopWait } from './evolve-sla.js';

const withPromise = (state: OpenedTicket, change: (promise: DeliveryPromiseFacts) => DeliveryPromiseFacts): OpenedTicket =>
  state.sla.deliveryPromise && !state.sla.deliveryPromise.end
    ? { ...state, sla: { ...state.sla, deliveryPromise: change(state.sla.deliveryPromise) } }
    : state;

const withoutOverrun = ({ pendingOverrun: _decided, ...state }: OpenedTicket): OpenedTicket => state;

const overrunDecided = (state: OpenedTicket, at: string, estimatedMinutes: number): OpenedTicket => {
  const estimate = state.estimate && { ...state.estimate, estimatedMinutes };
  return withPromise({ ...withoutOverrun(state), status: 'inProgress', ...(estimate && { estimate }) }, stopWait(at));
};

const offerDecided = (state: OpenedTicket, decision: 'accepted' | 'declined'): OpenedTicket =>
  state.projectOffer ? { ...state, projectOffer: { ...state.projectOffer, decision } } : state;

/** Assignment, priority, the consultative facts, project-offer decisions, overruns and SLA risk. */
export const evolveService = (state: OpenedTicket, event: ServiceEvent, draft: Draft): OpenedTicket => {
  switch (event.type) {
    case 'TicketAssigned': return { ...state, assignee: { userId: event.data.assigneeId, name: event.data.assigneeName } };
    case 'TicketUnassigned': {
      const { assignee: _removed, ...rest } = state;
      return rest;
    }
    case 'TicketPriorityChanged': return { ...state, priority: event.data.priority };
    case 'ExecutionPlanAgreed': return { ...state, executionPlan: { plan: event.data.plan, executedBy: event.data.executedBy } };
    case 'PendingQuestionRecorded': {
      const { questionId, question, recordedAt } = event.data;
      return { ...state, pendingQuestions: draft.set(state.pendingQuestions ?? {}, questionId, { question, recordedAt }) };
    }
    case 'PendingQuestionAnswered': {
      const { questionId, answer, answeredAt } = event.data;
      const asked = state.pendingQuestions?.[questionId];
      return asked ? { ...state, pendingQuestions: draft.set(state.pendingQuestions ?? {}, questionId, { ...asked, answer, answeredAt }) } : state;
    }
    case 'TicketMarkedOutOfScope': return { ...state, outOfScope: { reason: event.data.reason, note: event.data.note } };
    case 'ProjectOfferAccepted': return offerDecided(state, 'accepted');
    case 'ProjectOfferDeclined': return offerDecided(state, 'declined');
    case 'OverrunApprovalRequested': {
      const { previousEstimatedMinutes, estimatedMinutes, requestedAt } = event.data;
      const waiting = { ...state, status: 'awaitingApproval' as const, pendingOverrun: { previousEstimatedMinutes, estimatedMinutes, requestedAt } };
      return withPromise(waiting, startWait(requestedAt));
    }
    case 'OverrunApproved': return overrunDecided(state, event.data.approvedAt, event.data.estimatedMinutes);
    case 'OverrunRejected': return overrunDecided(state, event.data.rejectedAt, event.data.estimatedMinutes);
    case 'SlaAtRisk': {
      const key = event.data.kind === 'firstResponse' ? state.sla.firstResponse.startedAt : state.sla.deliveryPromise?.estimatedAt ?? '';
      return { ...state, sla: { ...state.sla, atRisk: { ...state.sla.atRisk, [event.data.kind]: key } } };
    }
    default: return assertNever(event);
  }
};
