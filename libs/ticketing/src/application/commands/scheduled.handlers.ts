import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '#platform';
import type { SlaKind } from '../../domain/ticket/events.js';
import type { TicketCommandOutcome } from '../command-outcome.js';
import { TicketNumbers } from '../ticket-numbers.js';
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

export class RecordSlaAtRiskCommand extends Command<TicketCommandOutcome> {
  constructor(readonly ticketId: string, readonly kind: SlaKind, readonly context: CommandContext) {
    super();
  }
}

@CommandHandler(RecordSlaAtRiskCommand)
export class RecordSlaAtRiskHandler implements ICommandHandler<RecordSlaAtRiskCommand> {
  constructor(private readonly tickets: TicketPipeline) {}

  execute({ ticketId, kind, context }: RecordSlaAtRiskCommand): Promise<TicketCommandOutcome> {
    return this.tickets.run({ ticketId, context, build: (now) => ({ type: 'RecordSlaAtRisk', now, data: { kind } }) });
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

/** Sent by the numbering reactor for each opened ticket; `openedAt` is the opening event's log position. */
export class AssignTicketNumberCommand extends Command<TicketCommandOutcome> {
  constructor(readonly ticketId: string, readonly openedAt: number, readonly context: CommandContext) {
    super();
  }
}

@CommandHandler(AssignTicketNumberCommand)
export class AssignTicketNumberHandler implements ICommandHandler<AssignTicketNumberCommand> {
  constructor(private readonly tickets: TicketPipeline, private readonly numbers: TicketNumbers) {}

  async execute({ ticketId, openedAt, context }: AssignTicketNumberCommand): Promise<TicketCommandOutcome> {
    const { ticket } = await this.tickets.load(ticketId);
    if (ticket.number !== undefined) return { id: ticketId, revision: -1, events: [] };
    const number = await this.numbers.numberFor(ticketId, openedAt, context);
    return this.tickets.run({ ticketId, context, build: (now) => ({ type: 'AssignTicketNumber', now, data: { number } }) });
  }
}
