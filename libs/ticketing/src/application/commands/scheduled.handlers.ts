import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '#platform';
import type { SlaKind } from '../../domain/ticket/events.js';
import type { TicketCommandOutcome } from '../command-outcome.js';
import { TicketPipeline } from '../ticket-pipeline.js';

/** Fired by the scheduler from a deadline (or by an account noticing it is due); the context names its cause. */
export class AutoCloseTicketCommand extends Command<TicketCommandOutcome> {
  constructor(readonly ticketId: string, readonly context: CommandContext) {
    super();
  }
}

export class RecordSlaBreachCommand extends Command<TicketCommandOutcome> {
  constructor(readonly ticketId: string, readonly kind: SlaKind, readonly context: CommandContext) {
    super();
  }
}

@CommandHandler(AutoCloseTicketCommand)
export class AutoCloseTicketHandler implements ICommandHandler<AutoCloseTicketCommand> {
  constructor(private readonly tickets: TicketPipeline) {}

  execute({ ticketId, context }: AutoCloseTicketCommand): Promise<TicketCommandOutcome> {
    return this.tickets.run({ ticketId, context, build: (now) => ({ type: 'AutoCloseTicket', now, data: {} }) });
  }
}

@CommandHandler(RecordSlaBreachCommand)
export class RecordSlaBreachHandler implements ICommandHandler<RecordSlaBreachCommand> {
  constructor(private readonly tickets: TicketPipeline) {}

  execute({ ticketId, kind, context }: RecordSlaBreachCommand): Promise<TicketCommandOutcome> {
    return this.tickets.run({ ticketId, context, build: (now) => ({ type: 'RecordSlaBreach', now, data: { kind } }) });
  }
}
