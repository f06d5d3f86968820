import type { EventStore } from '#eventstore';
import type { RecordedEvent } from '#kernel';
import { systemCommandContext } from '#platform';
import { type TicketEndedEvent, type TicketEvent, isTicketEnded, ticketCodec, ticketStream } from '#ticketing';
import { DebitTicketCommand } from './commands/ticket-account.handlers.js';

export const TICKET_ACCOUNT_REACTOR = 'ticket-account';

/** The instant the ticket ended, from the event itself (the store's time if an old event lacks it), not when this runs. */
const endedAtOf = (event: TicketEndedEvent, recorded: RecordedEvent): string => {
  const data: { closedAt?: string; cancelledAt?: string; escalatedAt?: string } = event.data;
  return data.closedAt ?? data.cancelledAt ?? data.escalatedAt ?? recorded.metadata.occurredAt;
};

/**
 * The debit a ticket's end causes: its logged minutes, as of the instant it ended. The command id derives from the
 * ending event, so the reactor and an account that noticed the close first send the same command.
 */
export const debitFor = (event: TicketEndedEvent, recorded: RecordedEvent): DebitTicketCommand =>
  new DebitTicketCommand(
    event.data.accountId,
    { ticketId: event.data.ticketId, minutes: event.data.loggedMinutes, endedAt: endedAtOf(event, recorded) },
    systemCommandContext(`${TICKET_ACCOUNT_REACTOR}:${recorded.id}`, recorded),
  );

/** The event that ended the ticket (closed, cancelled, escalated), if it has ended. */
export async function ticketEndOf(store: EventStore, ticketId: string): Promise<{ event: TicketEndedEvent; recorded: RecordedEvent } | undefined> {
  for await (const recorded of store.readStream(ticketStream(ticketId))) {
    const event = ticketCodec.decode<TicketEvent>(recorded);
    if (isTicketEnded(event)) return { event, recorded };
  }
  return undefined;
}
