import type { EventStore } from '#eventstore';
import type { RecordedEvent } from '#kernel';
import { systemCommandContext } from '#platform';
import type { Reactor } from '#projections';
import { type TicketEvent, accountFollowedTicketEvents, isFollowedByAccount, isTicketEnded, ticketCodec, ticketEventNames } from '#ticketing';
import {
  type DebitTicketCommand, ReleaseReservationCommand, ReserveForTicketCommand,
} from '../application/commands/ticket-account.handlers.js';
import type { CommandOutcome } from '../application/command-outcome.js';
import { TICKET_ACCOUNT_REACTOR, debitFor } from '../application/ticket-ends.js';

type TicketAccountCommand = ReserveForTicketCommand | ReleaseReservationCommand | DebitTicketCommand;

/** Sends a command through the ordinary handlers (the CommandBus in a Nest host). */
export type SendAccountCommand = (command: TicketAccountCommand) => Promise<CommandOutcome>;

export { TICKET_ACCOUNT_REACTOR };

/**
 * Whether a later event of the same ticket already says what its reservation is (a re-estimate, a rejection, an
 * end). The account decides with it only what it cannot order by ticket revision itself (estimates recorded
 * before gates), so what it writes never depends on how far behind this reactor is.
 */
export type IsOvertaken = (recorded: RecordedEvent) => Promise<boolean>;

export const overtakenIn = (store: EventStore): IsOvertaken => async (recorded) => {
  for await (const later of store.readStream(recorded.stream, { fromRevision: recorded.revision + 1 })) {
    if (isFollowedByAccount(later.type)) return true;
  }
  return false;
};

const commandFor = (event: TicketEvent, recorded: RecordedEvent, overtaken: boolean): TicketAccountCommand | undefined => {
  const context = systemCommandContext(`${TICKET_ACCOUNT_REACTOR}:${recorded.id}`, recorded);
  const followed = { ticketRevision: recorded.revision, overtaken };
  switch (event.type) {
    case 'TicketEstimated': {
      const { accountId, ticketId, estimatedMinutes: minutes, estimateId, estimatedAt: at } = event.data;
      return new ReserveForTicketCommand(accountId, { ticketId, minutes, at, ...followed, ...(estimateId && { estimateId }) }, context);
    }
    case 'EstimateRejected':
      return new ReleaseReservationCommand(event.data.accountId, { ticketId: event.data.ticketId, at: event.data.rejectedAt, ...followed }, context);
    case 'OverrunApprovalRequested': {
      const { accountId, ticketId, estimatedMinutes: minutes, estimateId, requestedAt: at } = event.data;
      return new ReserveForTicketCommand(accountId, { ticketId, minutes, at, ...followed, ...(estimateId && { estimateId }) }, context);
    }
    case 'OverrunRejected': {
      const { accountId, ticketId, estimatedMinutes: minutes, rejectedAt: at } = event.data;
      return new ReserveForTicketCommand(accountId, { ticketId, minutes, at, ...followed }, context);
    }
    default:
      return isTicketEnded(event) ? debitFor(event, recorded) : undefined;
  }
};

/**
 * What tickets cause on their account: an estimate reserves its minutes (settling the gate it was decided on), a
 * rejection releases them, an overrun request reserves the new total (its gate) and its rejection the approved one, and the end of a ticket (closed, cancelled, escalated) debits its logged minutes as of
 * the instant it ended, which also ends the reservation. Every command says which ticket revision it follows and
 * its id derives from the event id: a redelivered or replayed event, an overtaken estimate or a reservation for a
 * ticket already debited changes nothing, so the reactor can replay from position 0 over any history.
 */
export const ticketAccountReactor = (send: SendAccountCommand, overtaken: IsOvertaken): Reactor => ({
  name: TICKET_ACCOUNT_REACTOR,
  filter: { streamCategories: ['ticket'], eventTypes: accountFollowedTicketEvents.map((type) => ticketEventNames[type]) },
  async handle(recorded) {
    const event = ticketCodec.decode<TicketEvent>(recorded);
    const command = commandFor(event, recorded, !isTicketEnded(event) && (await overtaken(recorded)));
    if (command) await send(command);
  },
});
