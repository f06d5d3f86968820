import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Temporal } from 'temporal-polyfill';
import { isWrongExpectedRevision } from '#eventstore';
import { MAX_CONFLICT_RETRIES, assertMayApprove, type CommandContext, type Principal } from '#platform';
import type { TicketCommandOutcome } from '../command-outcome.js';
import { actorOf, onBehalfOfClient } from '../ticket-access.js';
import { TICKET_ACCOUNTS, type TicketAccounts } from '../ticket-accounts.port.js';
import { TicketPipeline } from '../ticket-pipeline.js';
import { TicketAction } from './ticket-action.js';

export class EstimateTicketCommand extends TicketAction<{ minutes: number; expectedDeliveryAt: string }> {}
export class ApproveEstimateCommand extends TicketAction<Record<string, never>> {}
export class RejectEstimateCommand extends TicketAction<{ reason: string }> {}

/** Each attempt is its own gate on the account; the ticket's events keep the request's command id. */
const attemptContext = (context: CommandContext, attempt: number, step: 'gate' | 'void'): CommandContext =>
  ({ ...context, causationId: context.causationId ?? context.commandId, commandId: `${context.commandId}:${step}:${attempt}` });

/**
 * The estimate is gated where the balance lives: the ticket is checked first (a refused estimate writes nothing),
 * the account decides approval against its available minutes, serialised with every other estimate of the account,
 * then the ticket records that decision on exactly the revision the gate was decided on. If the ticket moved in
 * between, the gate is voided (the compensation) and the estimate tried again; a refusal voids it and stands.
 */
@CommandHandler(EstimateTicketCommand)
export class EstimateTicketHandler implements ICommandHandler<EstimateTicketCommand> {
  constructor(
    private readonly tickets: TicketPipeline,
    @Inject(TICKET_ACCOUNTS) private readonly accounts: TicketAccounts,
  ) {}

  async execute({ ticketId, input, caller, context }: EstimateTicketCommand): Promise<TicketCommandOutcome> {
    const accountId = await this.tickets.accountIdOf(ticketId, caller);
    for (let attempt = 0; ; attempt++) {
      const checked = await this.tickets.decideOnly(this.run(ticketId, input, caller, context, 0));
      if (checked.done) return checked.done;
      const gateContext = attemptContext(context, attempt, 'gate');
      const gate = { ticketId, estimateId: gateContext.commandId, minutes: input.minutes, ticketRevision: checked.revision };
      const decision = await this.accounts.gateEstimate(accountId, gate, gateContext);
      try {
        return await this.tickets.run({ ...this.run(ticketId, input, caller, context, decision.availableMinutes, gate.estimateId), expectedRevision: decision.ticketRevision });
      } catch (error) {
        await this.accounts.voidEstimateGate(accountId, gate, attemptContext(context, attempt, 'void'));
        if (!isWrongExpectedRevision(error) || attempt >= MAX_CONFLICT_RETRIES) throw error;
      }
    }
  }

  private run(ticketId: string, input: EstimateTicketCommand['input'], caller: Principal, context: CommandContext, availableMinutes: number, estimateId?: string) {
    const data = {
      estimatedMinutes: input.minutes, expectedDeliveryAt: Temporal.Instant.from(input.expectedDeliveryAt), availableMinutes,
      ...(estimateId !== undefined && { estimateId }),
    };
    return { ticketId, context, caller, build: (now: Temporal.Instant) => ({ type: 'EstimateTicket' as const, now, by: actorOf(caller), data }) };
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
