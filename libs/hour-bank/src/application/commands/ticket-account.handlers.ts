import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Temporal } from 'temporal-polyfill';
import type { CommandContext } from '#platform';
import { AccountPipeline } from '../account-pipeline.js';
import type { CommandOutcome } from '../command-outcome.js';

/** What a ticket's events cause on its account: the gate of an estimate, reservations, the debit at the end. */
abstract class TicketAccountCommand<Input> extends Command<CommandOutcome> {
  constructor(readonly accountId: string, readonly input: Input, readonly context: CommandContext) {
    super();
  }
}

/** `at` (ISO instant): when the ticket event happened; `ticketRevision`: its revision in the ticket stream. */
interface TicketFollowed {
  readonly ticketId: string;
  readonly ticketRevision?: number;
  readonly at?: string;
  /** A later event of the ticket already settles its reservation (see ReserveForTicket). */
  readonly overtaken?: boolean;
}

export class GateEstimateCommand extends TicketAccountCommand<{ ticketId: string; estimateId: string; minutes: number; ticketRevision: number }> {}
export class VoidEstimateGateCommand extends TicketAccountCommand<{ ticketId: string; estimateId: string }> {}
export class ReserveForTicketCommand extends TicketAccountCommand<TicketFollowed & { minutes: number; estimateId?: string }> {}
export class ReleaseReservationCommand extends TicketAccountCommand<TicketFollowed> {}
/** `endedAt` (ISO instant): when the ticket closed, was cancelled or escalated; the debit belongs there. */
export class DebitTicketCommand extends TicketAccountCommand<{ ticketId: string; minutes: number; endedAt: string }> {}

const instant = (iso: string | undefined) => (iso === undefined ? undefined : Temporal.Instant.from(iso));
const followed = ({ at, ticketRevision, overtaken }: TicketFollowed) => ({
  ...(at !== undefined && { at: instant(at) }), ...(ticketRevision !== undefined && { ticketRevision }), ...(overtaken && { overtaken }),
});
const about = (ticketId: string, at: string | undefined) => (at === undefined ? undefined : { ticketId, at: Temporal.Instant.from(at) });

@CommandHandler(GateEstimateCommand)
export class GateEstimateHandler implements ICommandHandler<GateEstimateCommand> {
  constructor(private readonly accounts: AccountPipeline) {}

  execute({ accountId, input, context }: GateEstimateCommand): Promise<CommandOutcome> {
    return this.accounts.run({ accountId, context, build: (now) => ({ type: 'GateEstimate', now, data: input }) });
  }
}

@CommandHandler(VoidEstimateGateCommand)
export class VoidEstimateGateHandler implements ICommandHandler<VoidEstimateGateCommand> {
  constructor(private readonly accounts: AccountPipeline) {}

  execute({ accountId, input, context }: VoidEstimateGateCommand): Promise<CommandOutcome> {
    return this.accounts.run({ accountId, context, build: (now) => ({ type: 'VoidEstimateGate', now, data: input }) });
  }
}

@CommandHandler(ReserveForTicketCommand)
export class ReserveForTicketHandler implements ICommandHandler<ReserveForTicketCommand> {
  constructor(private readonly accounts: AccountPipeline) {}

  execute({ accountId, input, context }: ReserveForTicketCommand): Promise<CommandOutcome> {
    const data = { ticketId: input.ticketId, minutes: input.minutes, ...(input.estimateId && { estimateId: input.estimateId }), ...followed(input) };
    const at = about(input.ticketId, input.at);
    return this.accounts.run({ accountId, context, ...(at && { about: at }), build: (now) => ({ type: 'ReserveForTicket', now, data }) });
  }
}

@CommandHandler(ReleaseReservationCommand)
export class ReleaseReservationHandler implements ICommandHandler<ReleaseReservationCommand> {
  constructor(private readonly accounts: AccountPipeline) {}

  execute({ accountId, input, context }: ReleaseReservationCommand): Promise<CommandOutcome> {
    const data = { ticketId: input.ticketId, ...followed(input) };
    const at = about(input.ticketId, input.at);
    return this.accounts.run({ accountId, context, ...(at && { about: at }), build: (now) => ({ type: 'ReleaseReservation', now, data }) });
  }
}

@CommandHandler(DebitTicketCommand)
export class DebitTicketHandler implements ICommandHandler<DebitTicketCommand> {
  constructor(private readonly accounts: AccountPipeline) {}

  execute({ accountId, input: { ticketId, minutes, endedAt }, context }: DebitTicketCommand): Promise<CommandOutcome> {
    const data = { ticketId, minutes, endedAt: Temporal.Instant.from(endedAt) };
    return this.accounts.run({ accountId, context, about: { ticketId, at: data.endedAt }, build: (now) => ({ type: 'DebitTicket', now, data }) });
  }
}
