import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertCanSeeAccount } from '#platform';
import type { TicketCategory } from '../../domain/ticket/events.js';
import type { TicketPriority } from '../../domain/ticket/service-events.js';
import type { TicketCommandOutcome } from '../command-outcome.js';
import { actorOf } from '../ticket-access.js';
import { TICKET_ACCOUNTS, type TicketAccounts } from '../ticket-accounts.port.js';
import { TicketPipeline } from '../ticket-pipeline.js';
import { TicketAction } from './ticket-action.js';

export interface OpenTicketInput {
  readonly accountId: string;
  readonly title: string;
  readonly description: string;
  readonly category: TicketCategory;
  readonly participants?: readonly string[];
  readonly priority?: TicketPriority;
}

/** `ticketId` is chosen by the caller of the bus (the API derives it from the command id). */
export class OpenTicketCommand extends TicketAction<OpenTicketInput> {}

@CommandHandler(OpenTicketCommand)
export class OpenTicketHandler implements ICommandHandler<OpenTicketCommand> {
  constructor(
    private readonly tickets: TicketPipeline,
    @Inject(TICKET_ACCOUNTS) private readonly accounts: TicketAccounts,
  ) {}

  async execute({ ticketId, input, caller, context }: OpenTicketCommand): Promise<TicketCommandOutcome> {
    assertCanSeeAccount(caller, input.accountId);
    const account = await this.accounts.get(input.accountId);
    return this.tickets.open(ticketId, account, context, (now, calendarId) => ({
      type: 'OpenTicket',
      now,
      by: actorOf(caller),
      data: { ticketId, ...input, firstResponseBusinessMinutes: account.firstResponseBusinessMinutes(now), accountStatus: account.status, calendarId },
    }));
  }
}
