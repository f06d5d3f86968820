import { DEFAULT_OVERRUN_MARGIN_PERCENT, type RequestOverrunApproval, type TicketTimeRules } from './commands.js';
import type { OverrunApprovalRequested } from './service-events.js';
import { fail, requireNotFinished, requireOpened, requirePositiveMinutes, requireRole, requireStatus, requireText } from './errors.js';
import type { OpenedTicket, TicketState } from './state.js';

/** The most a ticket's logged minutes may reach without a new approval: its estimate plus the margin (rounded down). */
export const overrunCeiling = (state: OpenedTicket, rules: TicketTimeRules): number | undefined => {
  const estimate = state.estimate?.estimatedMinutes;
  if (estimate === undefined) return undefined;
  const margin = rules.overrunMarginPercent ?? DEFAULT_OVERRUN_MARGIN_PERCENT;
  return estimate + Math.floor((estimate * margin) / 100);
};

/** Time that would take the total past the ceiling is not logged: the agent asks the client first. */
export const requireWithinApprovedEstimate = (state: OpenedTicket, rules: TicketTimeRules, addedMinutes: number): void => {
  const ceiling = overrunCeiling(state, rules);
  if (ceiling === undefined || addedMinutes <= 0 || state.loggedMinutes + addedMinutes <= ceiling) return;
  fail('TIME_BEYOND_APPROVED_ESTIMATE_NEEDS_APPROVAL', 'This time goes past the approved estimate and its margin: ask the client to approve more.', {
    estimatedMinutes: state.estimate?.estimatedMinutes, loggedMinutes: state.loggedMinutes, ceilingMinutes: ceiling, minutes: addedMinutes,
  });
};

/**
 * More minutes than the client approved: the estimate would grow by `additionalMinutes`, and the client decides
 * (always: it is beyond what they approved). The account's gate has already held the new total; the ticket waits.
 */
export const requestOverrunApproval = (command: RequestOverrunApproval, state: TicketState): OverrunApprovalRequested[] => {
  const { data, now, by } = command;
  requireOpened(state);
  requireNotFinished(state);
  requireRole(by, ['agent'], 'ONLY_AGENT_MAY_REQUEST_OVERRUN_APPROVAL');
  requireStatus(state, ['inProgress'], 'OVERRUN_APPROVAL_ONLY_DURING_WORK');
  const additionalMinutes = requirePositiveMinutes(data.additionalMinutes, 'OVERRUN_MINUTES_MUST_BE_POSITIVE');
  if (!Number.isSafeInteger(data.availableMinutes)) fail('AVAILABLE_MINUTES_MUST_BE_WHOLE', 'Available minutes must be whole.');
  const previousEstimatedMinutes = state.estimate!.estimatedMinutes;
  return [{
    type: 'OverrunApprovalRequested',
    data: {
      ticketId: state.ticketId, accountId: state.accountId, additionalMinutes, previousEstimatedMinutes,
      estimatedMinutes: previousEstimatedMinutes + additionalMinutes, reason: requireText(data.reason, 'OVERRUN_REASON_REQUIRED'),
      availableMinutes: data.availableMinutes, ...(data.estimateId !== undefined && { estimateId: data.estimateId }), requestedAt: now.toString(),
    },
  }];
};
