import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { TicketCommandOutcome } from '../command-outcome.js';
import { actorOf } from '../ticket-access.js';
import { TicketPipeline } from '../ticket-pipeline.js';
import { TicketAction } from './ticket-action.js';

export class RequestRevisionCommand extends TicketAction<{ reason: string }> {}
export class AcceptDeliveryCommand extends TicketAction<Record<string, never>> {}
export class CancelTicketCommand extends TicketAction<{ reason: string }> {}
export class EscalateToProjectCommand extends TicketAction<{ reason: string }> {}
export class RecordProjectOfferCommand extends TicketAction<{ expectedMinutes: number; priceCents: number }> {}

@CommandHandler(RequestRevisionCommand)
export class RequestRevisionHandler implements ICommandHandler<RequestRevisionCommand> {
  constructor(private readonly tickets: TicketPipeline) {}

  execute({ ticketId, input, caller, context }: RequestRevisionCommand): Promise<TicketCommandOutcome> {
    return this.tickets.run({ ticketId, context, caller, build: (now) => ({ type: 'RequestRevision', now, by: actorOf(caller), data: input }) });
  }
}

@CommandHandler(AcceptDeliveryCommand)
export class AcceptDeliveryHandler implements ICommandHandler<AcceptDeliveryCommand> {
  constructor(private readonly tickets: TicketPipeline) {}

  execute({ ticketId, caller, context }: AcceptDeliveryCommand): Promise<TicketCommandOutcome> {
    return this.tickets.run({ ticketId, context, caller, build: (now) => ({ type: 'AcceptDelivery', now, by: actorOf(caller), data: {} }) });
  }
}

@CommandHandler(CancelTicketCommand)
export class CancelTicketHandler implements ICommandHandler<CancelTicketCommand> {
  constructor(private readonly tickets: TicketPipeline) {}

  execute({ ticketId, input, caller, context }: CancelTicketCommand): Promise<TicketCommandOutcome> {
    return this.tickets.run({ ticketId, context, caller, build: (now) => ({ type: 'CancelTicket', now, by: actorOf(caller), data: input }) });
  }
}

@CommandHandler(EscalateToProjectCommand)
export class EscalateToProjectHandler implements ICommandHandler<EscalateToProjectCommand> {
  constructor(private readonly tickets: TicketPipeline) {}

  execute({ ticketId, input, caller, context }: EscalateToProjectCommand): Promise<TicketCommandOutcome> {
    return this.tickets.run({ ticketId, context, caller, build: (now) => ({ type: 'EscalateToProject', now, by: actorOf(caller), data: input }) });
  }
}

@CommandHandler(RecordProjectOfferCommand)
export class RecordProjectOfferHandler implements ICommandHandler<RecordProjectOfferCommand> {
  constructor(private readonly tickets: TicketPipeline) {}

  execute({ ticketId, input, caller, context }: RecordProjectOfferCommand): Promise<TicketCommandOutcome> {
    const data = { ...input, offerId: context.commandId };
    return this.tickets.run({ ticketId, context, caller, build: (now) => ({ type: 'RecordProjectOffer', now, by: actorOf(caller), data }) });
  }
}
