import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { AutoCloseTicketCommand } from '#ticketing';
import { CloseDueTicketCommand, deadlineContext } from './close-due-ticket.command.js';
import { debitFor, ticketEndOf } from '../ticket-ends.js';

/**
 * A ticket's automatic close and the debit it causes, one after the other: whether the scheduler fires it or an
 * account command finds it due first, the account takes the debit before anything dated later. Both commands are
 * the ones the scheduler and the ticket→account reactor send (same ids), so whoever comes second changes nothing.
 */
@CommandHandler(CloseDueTicketCommand)
export class CloseDueTicketHandler implements ICommandHandler<CloseDueTicketCommand> {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ close }: CloseDueTicketCommand): Promise<void> {
    await this.commands.execute(new AutoCloseTicketCommand(close.ticketId, deadlineContext(close.key, close.cause)));
    const end = await ticketEndOf(this.store, close.ticketId);
    if (end) await this.commands.execute(debitFor(end.event, end.recorded));
  }
}
