import type { Decider, DomainEvent } from '#kernel';
import type { AssignTicketNumber } from './commands.js';
import { fail, requireOpened } from './errors.js';
import type { TicketNumbered } from './events.js';
import type { TicketState } from './state.js';

/**
 * Human ticket numbers, per installation: 1, 2, 3… The installation's sequence stream holds one
 * `TicketNumberAssigned` per ticket and the event at revision r is number r + 1, so numbers are gapless by
 * construction; it is appended at its exact revision, so two writers never take one number. A number is only
 * assigned to a ticket that was opened, and the ticket then records it in its own stream (`TicketNumbered`).
 */
export type TicketNumberAssigned = DomainEvent<'TicketNumberAssigned', { ticketId: string; number: number }>;
export const ticketNumberEventNames: Readonly<Record<TicketNumberAssigned['type'], string>> = {
  TicketNumberAssigned: 'hourbank.ticket-number.assigned.v1',
};
export const TICKET_NUMBER_STREAM = 'ticketnumber-installation';

export interface TicketNumberSequence {
  /** The last number given (0: none yet). */
  readonly last: number;
}

export interface AssignNextNumber {
  readonly type: 'AssignNextNumber';
  readonly data: { readonly ticketId: string };
}

export const ticketNumberSequenceDecider: Decider<AssignNextNumber, TicketNumberAssigned, TicketNumberSequence> = {
  initialState: () => ({ last: 0 }),
  decide: ({ data }, state) => [{ type: 'TicketNumberAssigned', data: { ticketId: data.ticketId, number: state.last + 1 } }],
  evolve: (_state, event) => ({ last: event.data.number }),
};

/** A ticket takes one number, once; the same number again does nothing, another one is refused. */
export const assignTicketNumber = ({ data }: AssignTicketNumber, state: TicketState): TicketNumbered[] => {
  requireOpened(state);
  if (state.number === data.number) return [];
  if (state.number !== undefined) fail('TICKET_ALREADY_NUMBERED', `This ticket is #${state.number}.`, { number: state.number });
  if (!Number.isSafeInteger(data.number) || data.number < 1) fail('TICKET_NUMBER_MUST_BE_POSITIVE', 'A ticket number is a whole number from 1.');
  return [{ type: 'TicketNumbered', data: { ticketId: state.ticketId, number: data.number } }];
};
