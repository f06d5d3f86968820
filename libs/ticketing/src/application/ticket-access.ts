import { DomainError } from '#kernel';
import { type CommandContext, type Principal, canSeeAccount } from '#platform';
import type { Actor } from '../domain/ticket/commands.js';
import type { OpenedTicket, TicketState } from '../domain/ticket/state.js';

/** Missing and foreign tickets are the same 404: a client learns nothing about other tenants. */
export function visibleTicket(state: TicketState, ticketId: string, caller?: Principal): OpenedTicket {
  if (state.status === 'notOpened') return ticketNotFound(ticketId);
  visibleTicketAccount(state.accountId, ticketId, caller);
  return state;
}

export function visibleTicketAccount(accountId: string | undefined, ticketId: string, caller?: Principal): string {
  if (accountId === undefined || (caller && !canSeeAccount(caller, accountId))) return ticketNotFound(ticketId);
  return accountId;
}

function ticketNotFound(ticketId: string): never {
  throw new DomainError('TICKET_NOT_FOUND', `Ticket ${ticketId} was not found`, { ticketId });
}

export function actorOf(caller: Principal): Actor {
  if (caller.role === 'auditor') throw new DomainError('AUDITOR_CHANGES_NOTHING', 'An auditor reads everything and changes nothing');
  return { role: caller.role, actorId: caller.sub };
}

/** A manager deciding for a client acts on the client's behalf; the audit trail says so. */
export const onBehalfOfClient = (context: CommandContext, caller: Principal, accountId: string): CommandContext =>
  caller.role === 'manager' ? { ...context, onBehalfOf: `account:${accountId}` } : context;
