import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { TimeActivity } from '../../domain/ticket/events.js';
import type { TicketCommandOutcome } from '../command-outcome.js';
import { actorOf } from '../ticket-access.js';
import { TicketPipeline } from '../ticket-pipeline.js';
import { TicketAction } from './ticket-action.js';

export class LogTimeCommand extends TicketAction<{ minutes: number; activity: TimeActivity; performedOn: string; note?: string }> {}
export class CorrectTimeEntryCommand extends TicketAction<{ entryId: string; minutes: number; reason: string }> {}
export class DeliverTicketCommand extends TicketAction<{ summary: string }> {}

/** The entry id is the command id: a retried request logs the same entry, never a second one. */
@CommandHandler(LogTimeCommand)
export class LogTimeHandler implements ICommandHandler<LogTimeCommand> {
  constructor(private readonly tickets: TicketPipeline) {}

  execute({ ticketId, input, caller, context }: LogTimeCommand): Promise<TicketCommandOutcome> {
    const data = { ...input, entryId: context.commandId, note: input.note ?? '' };
    return this.tickets.run({ ticketId, context, caller, build: (now) => ({ type: 'LogTime', now, by: actorOf(caller), data }) });
  }
}

@CommandHandler(CorrectTimeEntryCommand)
export class CorrectTimeEntryHandler implements ICommandHandler<CorrectTimeEntryCommand> {
  constructor(private readonly tickets: TicketPipeline) {}

  execute({ ticketId, input, caller, context }: CorrectTimeEntryCommand): Promise<TicketCommandOutcome> {
    const data = { correctionId: context.commandId, entryId: input.entryId, minutesDelta: input.minutes, reason: input.reason };
    return this.tickets.run({ ticketId, context, caller, build: (now) => ({ type: 'CorrectTimeEntry', now, by: actorOf(caller), data }) });
  }
}

@CommandHandler(DeliverTicketCommand)
export class DeliverTicketHandler implements ICommandHandler<DeliverTicketCommand> {
  constructor(private readonly tickets: TicketPipeline) {}

  execute({ ticketId, input, caller, context }: DeliverTicketCommand): Promise<TicketCommandOutcome> {
    return this.tickets.run({ ticketId, context, caller, build: (now) => ({ type: 'DeliverTicket', now, by: actorOf(caller), data: input }) });
  }
}
