import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Temporal } from 'temporal-polyfill';
import type { CommandContext } from '#platform';
import type { TicketCommandOutcome } from '../command-outcome.js';
import { TICKET_ACCOUNTS, type TicketAccounts } from '../ticket-accounts.port.js';
import { TicketPipeline } from '../ticket-pipeline.js';

/** A recurring maintenance occurrence the account found due: its ticket is opened as of `dueAt` (ISO instant). */
export interface ScheduledTicket {
  readonly ticketId: string;
  readonly accountId: string;
  readonly title: string;
  readonly description: string;
  readonly dueAt: string;
  readonly maintenance: { readonly scheduleId: string; readonly occurrence: string; readonly kind: string };
}

export class OpenScheduledTicketCommand extends Command<TicketCommandOutcome> {
  constructor(readonly ticket: ScheduledTicket, readonly context: CommandContext) {
    super();
  }
}

/** Opened by the system with the SLA target and calendar in force at the due instant, however late this runs. */
@CommandHandler(OpenScheduledTicketCommand)
export class OpenScheduledTicketHandler implements ICommandHandler<OpenScheduledTicketCommand> {
  constructor(private readonly tickets: TicketPipeline, @Inject(TICKET_ACCOUNTS) private readonly accounts: TicketAccounts) {}

  async execute({ ticket, context }: OpenScheduledTicketCommand): Promise<TicketCommandOutcome> {
    const account = await this.accounts.get(ticket.accountId);
    const at = Temporal.Instant.from(ticket.dueAt);
    const { dueAt: _dueAt, ...data } = ticket;
    return this.tickets.open(ticket.ticketId, account, context, (now, calendarId) => ({
      type: 'OpenScheduledTicket', now, data: { ...data, at, firstResponseBusinessMinutes: account.firstResponseBusinessMinutes(at), calendarId },
    }), at);
  }
}
