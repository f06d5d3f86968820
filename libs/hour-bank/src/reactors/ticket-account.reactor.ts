import type { RecordedEvent } from '#kernel';
import { systemCommandContext } from '#platform';
import type { Reactor } from '#projections';
import { type TicketEvent, ticketCodec, ticketEventNames } from '#ticketing';
import {
  DebitTicketCommand, ReleaseReservationCommand, ReserveForTicketCommand,
} from '../application/commands/ticket-account.handlers.js';
import type { CommandOutcome } from '../application/command-outcome.js';

type TicketAccountCommand = ReserveForTicketCommand | ReleaseReservationCommand | DebitTicketCommand;

/** Sends a command through the ordinary handlers (the CommandBus in a Nest host). */
export type SendAccountCommand = (command: TicketAccountCommand) => Promise<CommandOutcome>;

export const TICKET_ACCOUNT_REACTOR = 'ticket-account';

const reacting = ['TicketEstimated', 'EstimateRejected', 'TicketClosed', 'TicketCancelled', 'TicketEscalated'] as const;

type TicketEnd = Extract<TicketEvent, { type: 'TicketClosed' | 'TicketCancelled' | 'TicketEscalated' }>;

/** The instant the ticket ended, from the event itself (the store's time if an old event lacks it), not when this runs. */
const endedAtOf = (event: TicketEnd, recorded: RecordedEvent): string => {
  const data: { closedAt?: string; cancelledAt?: string; escalatedAt?: string } = event.data;
  return data.closedAt ?? data.cancelledAt ?? data.escalatedAt ?? recorded.metadata.occurredAt;
};

const debitOf = (event: TicketEnd, recorded: RecordedEvent) => ({
  ticketId: event.data.ticketId,
  minutes: event.data.loggedMinutes,
  endedAt: endedAtOf(event, recorded),
});

const commandFor = (event: TicketEvent, recorded: RecordedEvent): TicketAccountCommand | undefined => {
  const context = systemCommandContext(`${TICKET_ACCOUNT_REACTOR}:${recorded.id}`, recorded);
  switch (event.type) {
    case 'TicketEstimated':
      return new ReserveForTicketCommand(event.data.accountId, { ticketId: event.data.ticketId, minutes: event.data.estimatedMinutes }, context);
    case 'EstimateRejected':
      return new ReleaseReservationCommand(event.data.accountId, { ticketId: event.data.ticketId }, context);
    case 'TicketClosed':
    case 'TicketCancelled':
    case 'TicketEscalated':
      return new DebitTicketCommand(event.data.accountId, debitOf(event, recorded), context);
    default:
      return undefined;
  }
};

/**
 * What tickets cause on their account: an estimate reserves its minutes, a rejection releases them, and the end
 * of a ticket (closed, cancelled, escalated) debits its logged minutes as of the instant it ended, which also ends
 * the reservation. The command id derives from the event id, so a redelivered event changes nothing.
 */
export const ticketAccountReactor = (send: SendAccountCommand): Reactor => ({
  name: TICKET_ACCOUNT_REACTOR,
  filter: { streamCategories: ['ticket'], eventTypes: reacting.map((type) => ticketEventNames[type]) },
  async handle(recorded) {
    const command = commandFor(ticketCodec.decode<TicketEvent>(recorded), recorded);
    if (command) await send(command);
  },
});
