import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Temporal } from 'temporal-polyfill';
import { assertMayApprove } from '#platform';
import type { TicketCommandOutcome } from '../command-outcome.js';
import { actorOf, onBehalfOfClient } from '../ticket-access.js';
import { TICKET_ACCOUNTS, type TicketAccounts } from '../ticket-accounts.port.js';
import { TicketPipeline } from '../ticket-pipeline.js';
import { TicketAction } from './ticket-action.js';

export class EstimateTicketCommand extends TicketAction<{ minutes: number; expectedDeliveryAt: string }> {}
export class ApproveEstimateCommand extends TicketAction<Record<string, never>> {}
export class RejectEstimateCommand extends TicketAction<{ reason: string }> {}

@CommandHandler(EstimateTicketCommand)
export class EstimateTicketHandler implements ICommandHandler<EstimateTicketCommand> {
  constructor(
    private readonly tickets: TicketPipeline,
    @Inject(TICKET_ACCOUNTS) private readonly accounts: TicketAccounts,
  ) {}

  async execute({ ticketId, input, caller, context }: EstimateTicketCommand): Promise<TicketCommandOutcome> {
    const account = await this.accounts.get(await this.tickets.accountIdOf(ticketId, caller));
    return this.tickets.run({ ticketId, context, caller, build: (now) => ({
      type: 'EstimateTicket',
      now,
      by: actorOf(caller),
      data: {
        estimatedMinutes: input.minutes,
        expectedDeliveryAt: Temporal.Instant.from(input.expectedDeliveryAt),
        availableMinutes: account.availableMinutes(now, ticketId),
        calendar: account.calendar,
      },
    }) });
  }
}

@CommandHandler(ApproveEstimateCommand)
export class ApproveEstimateHandler implements ICommandHandler<ApproveEstimateCommand> {
  constructor(private readonly tickets: TicketPipeline) {}

  async execute({ ticketId, caller, context }: ApproveEstimateCommand): Promise<TicketCommandOutcome> {
    const accountId = await this.tickets.accountIdOf(ticketId, caller);
    assertMayApprove(caller, accountId);
    const onBehalf = onBehalfOfClient(context, caller, accountId);
    return this.tickets.run({ ticketId, context: onBehalf, caller, build: (now) => ({ type: 'ApproveEstimate', now, by: actorOf(caller), data: {} }) });
  }
}

@CommandHandler(RejectEstimateCommand)
export class RejectEstimateHandler implements ICommandHandler<RejectEstimateCommand> {
  constructor(private readonly tickets: TicketPipeline) {}

  async execute({ ticketId, input, caller, context }: RejectEstimateCommand): Promise<TicketCommandOutcome> {
    const accountId = await this.tickets.accountIdOf(ticketId, caller);
    assertMayApprove(caller, accountId);
    const onBehalf = onBehalfOfClient(context, caller, accountId);
    return this.tickets.run({ ticketId, context: onBehalf, caller, build: (now) => ({ type: 'RejectEstimate', now, by: actorOf(caller), data: input }) });
  }
}
