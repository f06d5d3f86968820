import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Temporal } from 'temporal-polyfill';
import type { CommandContext } from '#platform';
import { AccountPipeline } from '../account-pipeline.js';
import type { CommandOutcome } from '../command-outcome.js';

/** What a ticket's events cause on its account: reservations for estimates, the debit at the end. */
abstract class TicketAccountCommand<Input> extends Command<CommandOutcome> {
  constructor(readonly accountId: string, readonly input: Input, readonly context: CommandContext) {
    super();
  }
}

export class ReserveForTicketCommand extends TicketAccountCommand<{ ticketId: string; minutes: number }> {}
export class ReleaseReservationCommand extends TicketAccountCommand<{ ticketId: string }> {}
/** `endedAt` (ISO instant): when the ticket closed, was cancelled or escalated; the debit belongs there. */
export class DebitTicketCommand extends TicketAccountCommand<{ ticketId: string; minutes: number; endedAt: string }> {}

@CommandHandler(ReserveForTicketCommand)
export class ReserveForTicketHandler implements ICommandHandler<ReserveForTicketCommand> {
  constructor(private readonly accounts: AccountPipeline) {}

  execute({ accountId, input, context }: ReserveForTicketCommand): Promise<CommandOutcome> {
    return this.accounts.run({ accountId, context, build: (now) => ({ type: 'ReserveForTicket', now, data: input }) });
  }
}

@CommandHandler(ReleaseReservationCommand)
export class ReleaseReservationHandler implements ICommandHandler<ReleaseReservationCommand> {
  constructor(private readonly accounts: AccountPipeline) {}

  execute({ accountId, input, context }: ReleaseReservationCommand): Promise<CommandOutcome> {
    return this.accounts.run({ accountId, context, build: (now) => ({ type: 'ReleaseReservation', now, data: input }) });
  }
}

@CommandHandler(DebitTicketCommand)
export class DebitTicketHandler implements ICommandHandler<DebitTicketCommand> {
  constructor(private readonly accounts: AccountPipeline) {}

  execute({ accountId, input: { ticketId, minutes, endedAt }, context }: DebitTicketCommand): Promise<CommandOutcome> {
    const data = { ticketId, minutes, endedAt: Temporal.Instant.from(endedAt) };
    return this.accounts.run({ accountId, context, build: (now) => ({ type: 'DebitTicket', now, data }) });
  }
}
