import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Temporal } from 'temporal-polyfill';
import type { Executor, OverrunApprovalRequested } from '../../domain/ticket/service-events.js';
import { decideGated } from '../gated-decision.js';
import type { TicketCommandOutcome } from '../command-outcome.js';
import { actorOf } from '../ticket-access.js';
import { TICKET_ACCOUNTS, type TicketAccounts } from '../ticket-accounts.port.js';
import { TicketPipeline } from '../ticket-pipeline.js';
import { TicketAction } from './ticket-action.js';

export class EstimateTicketCommand extends TicketAction<{
  minutes: number; expectedDeliveryAt: string; executionPlan?: { plan: string; executedBy: Executor };
}> {}
export class RequestOverrunApprovalCommand extends TicketAction<{ additionalMinutes: number; reason: string }> {}
export class ApproveEstimateCommand extends TicketAction<Record<string, never>> {}
export class RejectEstimateCommand extends TicketAction<{ reason: string }> {}

/** The estimate is gated on the account (see decideGated); its execution plan travels with it. */
@CommandHandler(EstimateTicketCommand)
export class EstimateTicketHandler implements ICommandHandler<EstimateTicketCommand> {
  constructor(
    private readonly tickets: TicketPipeline,
    @Inject(TICKET_ACCOUNTS) private readonly accounts: TicketAccounts,
  ) {}

  execute({ ticketId, input, caller, context }: EstimateTicketCommand): Promise<TicketCommandOutcome> {
    const { minutes, expectedDeliveryAt, executionPlan } = input;
    const at = Temporal.Instant.from(expectedDeliveryAt);
    return decideGated(this.tickets, this.accounts, {
      ticketId, caller, context, minutesOf: () => minutes,
      build: (now, availableMinutes, estimateId) => ({
        type: 'EstimateTicket', now, by: actorOf(caller),
        data: { estimatedMinutes: minutes, expectedDeliveryAt: at, availableMinutes, ...(estimateId && { estimateId }), ...(executionPlan && { executionPlan }) },
      }),
    });
  }
}

/** More minutes than the client approved: gated on the account like an estimate, for the new total; the client decides. */
@CommandHandler(RequestOverrunApprovalCommand)
export class RequestOverrunApprovalHandler implements ICommandHandler<RequestOverrunApprovalCommand> {
  constructor(
    private readonly tickets: TicketPipeline,
    @Inject(TICKET_ACCOUNTS) private readonly accounts: TicketAccounts,
  ) {}

  execute({ ticketId, input, caller, context }: RequestOverrunApprovalCommand): Promise<TicketCommandOutcome> {
    return decideGated(this.tickets, this.accounts, {
      ticketId, caller, context,
      minutesOf: (events) => events.find((event): event is OverrunApprovalRequested => event.type === 'OverrunApprovalRequested')?.data.estimatedMinutes ?? input.additionalMinutes,
      build: (now, availableMinutes, estimateId) => ({
        type: 'RequestOverrunApproval', now, by: actorOf(caller), data: { ...input, availableMinutes, ...(estimateId && { estimateId }) },
      }),
    });
  }
}

@CommandHandler(ApproveEstimateCommand)
export class ApproveEstimateHandler implements ICommandHandler<ApproveEstimateCommand> {
  constructor(private readonly tickets: TicketPipeline) {}

  execute({ ticketId, caller, context }: ApproveEstimateCommand): Promise<TicketCommandOutcome> {
    return this.tickets.runAsApprover({ ticketId, context, caller, build: (now) => ({ type: 'ApproveEstimate', now, by: actorOf(caller), data: {} }) });
  }
}

@CommandHandler(RejectEstimateCommand)
export class RejectEstimateHandler implements ICommandHandler<RejectEstimateCommand> {
  constructor(private readonly tickets: TicketPipeline) {}

  execute({ ticketId, input, caller, context }: RejectEstimateCommand): Promise<TicketCommandOutcome> {
    return this.tickets.runAsApprover({ ticketId, context, caller, build: (now) => ({ type: 'RejectEstimate', now, by: actorOf(caller), data: input }) });
  }
}
