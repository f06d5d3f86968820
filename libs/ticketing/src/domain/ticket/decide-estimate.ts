import { Temporal } from 'temporal-polyfill';
import { assertInstantInRange } from '#calendar';
import { unrecordedBreach } from '../sla/record-breach.js';
import type { ApproveEstimate, EstimateTicket, RejectEstimate } from './commands.js';
import type { EstimateApproved, EstimateRejected, SlaBreached, TicketEstimated } from './events.js';
import { fail, requireNotFinished, requireOpened, requirePositiveMinutes, requireRole, requireStatus } from './errors.js';
import type { OpenedTicket, TicketState } from './state.js';

const requireEstimable = (state: OpenedTicket): void => {
  if (state.status === 'awaitingClarification') fail('TICKET_AWAITS_CLARIFICATION', 'The client has not answered yet.');
  requireStatus(state, ['open', 'awaitingApproval', 'rejected', 'inProgress'], 'ESTIMATE_ONLY_BEFORE_DELIVERY');
};

/** A re-estimate replaces the delivery promise; one already broken is recorded before it is replaced. */
const breachOfReplacedPromise = (command: EstimateTicket, state: OpenedTicket): SlaBreached[] =>
  state.firstDeliveredAt ? [] : unrecordedBreach(state, 'deliveryPromise', command.rules.calendar, command.now);

export const estimate = (command: EstimateTicket, state: TicketState): Array<SlaBreached | TicketEstimated> => {
  const { data, now, by } = command;
  requireOpened(state);
  requireNotFinished(state);
  requireRole(by, ['agent'], 'ONLY_AGENT_MAY_ESTIMATE');
  requireEstimable(state);
  const estimatedMinutes = requirePositiveMinutes(data.estimatedMinutes, 'ESTIMATED_MINUTES_MUST_BE_POSITIVE');
  if (!Number.isSafeInteger(data.availableMinutes)) fail('AVAILABLE_MINUTES_MUST_BE_WHOLE', 'Available minutes must be whole.');
  assertInstantInRange(data.expectedDeliveryAt, 'expectedDeliveryAt');
  if (Temporal.Instant.compare(data.expectedDeliveryAt, now) <= 0) {
    fail('EXPECTED_DELIVERY_MUST_BE_AFTER_ESTIMATE', 'The expected delivery must be in the future.');
  }
  return [...breachOfReplacedPromise(command, state), {
    type: 'TicketEstimated',
    data: {
      ticketId: state.ticketId, accountId: state.accountId, estimatedMinutes,
      expectedDeliveryAt: data.expectedDeliveryAt.toString(), availableMinutes: data.availableMinutes,
      approvalRequired: estimatedMinutes > data.availableMinutes, estimatedAt: now.toString(),
      ...(data.estimateId !== undefined && { estimateId: data.estimateId }),
    },
  }];
};

const requireAwaitingApproval = (command: ApproveEstimate | RejectEstimate, state: TicketState): OpenedTicket => {
  requireOpened(state);
  requireNotFinished(state);
  requireRole(command.by, ['client', 'manager'], 'ONLY_CLIENT_OR_MANAGER_MAY_DECIDE_ON_ESTIMATE');
  requireStatus(state, ['awaitingApproval'], 'ESTIMATE_NOT_AWAITING_APPROVAL');
  return state;
};

export const approveEstimate = (command: ApproveEstimate, state: TicketState): EstimateApproved[] => {
  const ticket = requireAwaitingApproval(command, state);
  return [{
    type: 'EstimateApproved',
    data: {
      ticketId: ticket.ticketId, accountId: ticket.accountId, estimatedMinutes: ticket.estimate?.estimatedMinutes ?? 0,
      approvedBy: command.by.role, approvedAt: command.now.toString(),
    },
  }];
};

export const rejectEstimate = (command: RejectEstimate, state: TicketState): EstimateRejected[] => {
  const ticket = requireAwaitingApproval(command, state);
  return [{
    type: 'EstimateRejected',
    data: {
      ticketId: ticket.ticketId, accountId: ticket.accountId, reason: (command.data.reason ?? '').trim(),
      rejectedBy: command.by.role, rejectedAt: command.now.toString(),
    },
  }];
};
