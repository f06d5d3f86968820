import { DomainError } from '#kernel';
import type { Actor, TicketAccountStatus } from './commands.js';
import type { ActorRole } from './events.js';
import { isFinished, type OpenedTicket, type OpenTicketStatus, type TicketState } from './state.js';

export const fail = (code: string, message: string, details: Record<string, unknown> = {}): never => {
  throw new DomainError(code, message, details);
};

export function requireOpened(state: TicketState): asserts state is OpenedTicket {
  if (state.status === 'notOpened') fail('TICKET_NOT_FOUND', 'There is no such ticket.');
}

export const requireNotFinished = (state: OpenedTicket): void => {
  if (isFinished(state)) {
    const closed = state.closed && { how: state.closed.how, closedAt: state.closed.at };
    fail('TICKET_IS_CLOSED', `The ticket is ${state.status}.`, { status: state.status, ...closed });
  }
};

export const requireRole = (by: Actor, allowed: readonly ActorRole[], code: string): void => {
  if (!allowed.includes(by.role)) fail(code, `A ${by.role} may not do this.`, { role: by.role, allowed });
};

/** A cancelled account, or one whose contract ended, takes no new tickets; those already open can still close. */
export const requireAccountOpen = (accountId: string, status: TicketAccountStatus): void => {
  if (status === 'ended') fail('CONTRACT_HAS_ENDED', 'The contract has ended: it accepts no new tickets.', { accountId, status });
  if (status !== 'open') fail('ACCOUNT_IS_CANCELLED', 'A cancelled account accepts no new tickets.', { accountId, status });
};

export const requireStatus = (state: OpenedTicket, allowed: readonly OpenTicketStatus[], code: string): void => {
  if (!allowed.includes(state.status)) fail(code, `Not allowed while the ticket is ${state.status}.`, { status: state.status, allowed });
};

export const requireText = (value: string, code: string): string => {
  const text = typeof value === 'string' ? value.trim() : '';
  return text.length > 0 ? text : fail(code, 'A non-empty text is required.');
};

export const requirePositiveMinutes = (value: number, code: string): number =>
  Number.isSafeInteger(value) && value > 0 ? value : fail(code, 'A whole, positive number is required.', { value });
