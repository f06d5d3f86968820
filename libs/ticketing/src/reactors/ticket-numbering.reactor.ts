import { systemCommandContext } from '#platform';
import type { Reactor } from '#projections';
import { AssignTicketNumberCommand } from '../application/commands/scheduled.handlers.js';
import type { TicketCommandOutcome } from '../application/command-outcome.js';
import { ticketEventNames } from '../domain/ticket/events.js';

export const TICKET_NUMBERING_REACTOR = 'ticket-numbering';

export type SendTicketCommand = (command: AssignTicketNumberCommand) => Promise<TicketCommandOutcome>;

/**
 * Numbers every opened ticket, in the order of the log. A new installation (or one that had tickets before numbers
 * existed) numbers them all from the start of the log; a redelivered event finds its number already taken.
 */
export const ticketNumberingReactor = (send: SendTicketCommand): Reactor => ({
  name: TICKET_NUMBERING_REACTOR,
  filter: { streamCategories: ['ticket'], eventTypes: [ticketEventNames.TicketOpened] },
  async handle(recorded) {
    const ticketId = recorded.stream.slice('ticket-'.length);
    await send(new AssignTicketNumberCommand(ticketId, recorded.position, systemCommandContext(`${TICKET_NUMBERING_REACTOR}:${recorded.id}`, recorded)));
  },
});
