import { Command } from '@nestjs/cqrs';
import type { CommandContext, Principal } from '#platform';
import type { TicketCommandOutcome } from '../command-outcome.js';

/** A person's command on an existing ticket. */
export abstract class TicketAction<Input> extends Command<TicketCommandOutcome> {
  constructor(
    readonly ticketId: string,
    readonly input: Input,
    readonly caller: Principal,
    readonly context: CommandContext,
  ) {
    super();
  }
}
