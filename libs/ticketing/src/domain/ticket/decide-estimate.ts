import { Temporal } from 'temporal-polyfill';
import { assertInstantInRange } from '#calendar';
import { unrecordedBreach } from '../sla/record-breach.js';
import type { ApproveEstimate, EstimateTicket, RejectEstimate } from './commands.js';
import { consultativeCategories, type SlaBreached, type TicketEstimated, type TicketEvent } from './events.js';
import { executors, type ExecutionPlanAgreed } from './service-events.js';
import { fail, requireNotFinished, requireOpened, requirePositiveMinutes, requireRole, requireStatus } from './errors.js';
import type { OpenedTicket, TicketState } from './state.js';

const requireEstimable = (state: OpenedTicket): void => {
  if (state.status === 'awaitingClarification') fail('TICKET_AWAITS_CLARIFICATION', 'The client has not answered yet.');
  requireStatus(state, ['open', 'awaitingApproval', 'rejected', 'inProgress'], 'ESTIMATE_ONLY_BEFORE_DELIVERY');
};

/** A re-estimate replaces the delivery promise; one already broken is recorded before it is replaced. */
const breachOfReplacedPromise = (command: EstimateTicket, state: OpenedTicket): SlaBreached[] =>
  state.firstDeliveredAt ? [] : unrecordedBreach(state, 'deliveryPromise', command.rules.calendar, command.now);

/**
 * The plan agreed with the client: required on a consultative ticket until one is agreed; recorded when it differs
 * from the plan already agreed.
 */
const executionPlanOf = (command: EstimateTicket, state: OpenedTicket): ExecutionPlanAgreed[] => {
  const given = command.data.executionPlan;
  if (!given) {
    if (consultativeCategories.includes(state.category) && !state.executionPlan) {
      fail('CONSULTATIVE_ESTIMATE_NEEDS_AN_EXECUTION_PLAN', 'Agree the execution plan and who executes it with the client.');
    }
    return [];
  }
  const plan = typeof given.plan === 'string' ? given.plan.trim() : '';
  if (plan === '') fail('EXECUTION_PLAN_REQUIRED', 'The execution plan needs its steps.');
  if (!executors.includes(given.executedBy)) fail('UNKNOWN_EXECUTOR', 'The technician, or the client assisted.', { executedBy: given.executedBy });
  if (state.executionPlan?.plan === plan && state.executionPlan.executedBy === given.executedBy) return [];
  return [{ type: 'ExecutionPlanAgreed', data: { ticketId: state.ticketId, plan, executedBy: given.executedBy, agreedAt: command.now.toString() } }];
};

export const estimate = (command: EstimateTicket, state: TicketState): TicketEvent[] => {
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
  const plan = executionPlanOf(command, state);
  return [...breachOfReplacedPromise(command, state), {
    type: 'TicketEstimated',
    data: {
      ticketId: state.ticketId, accountId: state.accountId, estimatedMinutes,
      expectedDeliveryAt: data.expectedDeliveryAt.toString(), availableMinutes: data.availableMinutes,
      approvalRequired: estimatedMinutes > data.availableMinutes, estimatedAt: now.toString(),
      ...(data.estimateId !== undefined && { estimateId: data.estimateId }),
    },
  } satisfies TicketEstimated, ...plan];
};

const requireAwaitingApproval = (command: ApproveEstimate | RejectEstimate, state: TicketState): OpenedTicket => {
  requireOpened(state);
  requireNotFinished(state);
  requireRole(command.by, ['client', 'manager'], 'ONLY_CLIENT_OR_MANAGER_MAY_DECIDE_ON_ESTIMATE');
  requireStatus(state, ['awaitingApproval'], 'ESTIMATE_NOT_AWAITING_APPROVAL');
  return state;
};

export const approveEstimate = (command: ApproveEstimate, state: TicketState): TicketEvent[] => {
  const ticket = requireAwaitingApproval(command, state);
  const overrun = ticket.pendingOverrun;
  if (overrun) {
    const data = { ticketId: ticket.ticketId, accountId: ticket.accountId, estimatedMinutes: overrun.estimatedMinutes, approvedBy: command.by.role, approvedAt: command.now.toString() };
    return [{ type: 'OverrunApproved', data }];
  }
  return [{
    type: 'EstimateApproved',
    data: {
      ticketId: ticket.ticketId, accountId: ticket.accountId, estimatedMinutes: ticket.estimate?.estimatedMinutes ?? 0,
      approvedBy: command.by.role, approvedAt: command.now.toString(),
    },
  }];
};

/** A rejected overrun leaves the approved estimate as it was: work goes on within it. */
export const rejectEstimate = (command: RejectEstimate, state: TicketState): TicketEvent[] => {
  const ticket = requireAwaitingApproval(command, state);
  const overrun = ticket.pendingOverrun;
  if (overrun) {
    const data = {
      ticketId: ticket.ticketId, accountId: ticket.accountId, estimatedMinutes: overrun.previousEstimatedMinutes,
      reason: (command.data.reason ?? '').trim(), rejectedBy: command.by.role, rejectedAt: command.now.toString(),
    };
    return [{ type: 'OverrunRejected', data }];
  }
  return [{
    type: 'EstimateRejected',
    data: {
      ticketId: ticket.ticketId, accountId: ticket.accountId, reason: (command.data.reason ?? '').trim(),
      rejectedBy: command.by.role, rejectedAt: command.now.toString(),
    },
  }];
};
