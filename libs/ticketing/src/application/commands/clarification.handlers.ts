import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { TicketCommandOutcome } from '../command-outcome.js';
import { actorOf } from '../ticket-access.js';
import { TicketPipeline } from '../ticket-pipeline.js';
import { TicketAction } from './ticket-action.js';

export class RequestClarificationCommand extends TicketAction<{ question: string }> {}
export class ProvideClarificationCommand extends TicketAction<{ answer: string }> {}

@CommandHandler(RequestClarificationCommand)
export class RequestClarificationHandler implements ICommandHandler<RequestClarificationCommand> {
  constructor(private readonly tickets: TicketPipeline) {}

  execute({ ticketId, input, caller, context }: RequestClarificationCommand): Promise<TicketCommandOutcome> {
    return this.tickets.run({ ticketId, context, caller, build: (now) => ({ type: 'RequestClarification', now, by: actorOf(caller), data: input }) });
  }
}

@CommandHandler(ProvideClarificationCommand)
export class ProvideClarificationHandler implements ICommandHandler<ProvideClarificationCommand> {
  constructor(private readonly tickets: TicketPipeline) {}

  execute({ ticketId, input, caller, context }: ProvideClarificationCommand): Promise<TicketCommandOutcome> {
    return this.tickets.run({ ticketId, context, caller, build: (now) => ({ type: 'ProvideClarification', now, by: actorOf(caller), data: input }) });
  }
}
