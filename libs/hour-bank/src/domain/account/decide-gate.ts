import { DomainError } from '#kernel';
import type { GateEstimate, VoidEstimateGate } from './account-commands.js';
import type { AccountEvent } from './account-events.js';
import { availableMinutes } from './account-queries.js';
import type { AccountState } from './account-state.js';
import { afterDueFacts, opened, positiveMinutes, requiredText } from './guards.js';

/**
 * The approval gate, on the account stream: concurrent estimates are decided one after the other (each append
 * expects the revision it read), so each sees the minutes the others hold. The estimate is compared with what is
 * available as of now, after the facts already due; equal is authorized. Allowed on a cancelled account.
 */
export const gateEstimate = ({ data, now, calendar }: GateEstimate, state: AccountState): AccountEvent[] => {
  const account = opened(state);
  const ticketId = requiredText(data.ticketId, 'TICKET_ID_IS_REQUIRED', 'The ticket id');
  const estimateId = requiredText(data.estimateId, 'ESTIMATE_ID_IS_REQUIRED', 'The estimate id');
  const minutes = positiveMinutes(data.minutes);
  if (account.debitedTickets[ticketId] !== undefined) {
    throw new DomainError('TICKET_ALREADY_DEBITED', 'A debited ticket reserves nothing more', { ticketId });
  }
  if ((account.heldEstimates?.[ticketId] ?? []).some((held) => held.estimateId === estimateId)) return [];
  return afterDueFacts(account, now, calendar, (current) => {
    const available = availableMinutes(current, now, ticketId);
    const gate = { ticketId, estimateId, minutes, availableMinutes: available, approvalRequired: minutes > available };
    return [{ type: 'EstimateGated', data: { ...gate, ticketRevision: data.ticketRevision, gatedAt: now.toString() } }];
  });
};

/** The compensation: a gate whose estimate the ticket could not record frees its minutes; an unknown one does nothing. */
export const voidEstimateGate = ({ data, now, calendar }: VoidEstimateGate, state: AccountState): AccountEvent[] => {
  const account = opened(state);
  const held = (account.heldEstimates?.[data.ticketId] ?? []).find((entry) => entry.estimateId === data.estimateId);
  if (!held) return [];
  return afterDueFacts(account, now, calendar, () => [
    { type: 'EstimateGateVoided', data: { ticketId: data.ticketId, estimateId: data.estimateId, minutes: held.minutes, voidedAt: now.toString() } },
  ]);
};
