import { Inject, Injectable } from '@nestjs/common';
import type { Temporal } from 'temporal-polyfill';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { CommandPipeline, type CommandContext, type Principal, loadStream } from '#platform';
import type { TicketCommand } from '../domain/ticket/commands.js';
import { ticketDecider, ticketStream } from '../domain/ticket/ticket-decider.js';
import type { OpenedTicket, TicketState } from '../domain/ticket/state.js';
import { ticketCodec } from './codecs.js';
import type { TicketCommandOutcome } from './command-outcome.js';
import { visibleTicket } from './ticket-access.js';

export interface TicketCommandRun {
  readonly ticketId: string;
  readonly context: CommandContext;
  /** Absent for the system; otherwise a client reaches only its own accounts' tickets. */
  readonly caller?: Principal;
  readonly build: (now: Temporal.Instant, ticket: OpenedTicket) => TicketCommand;
}

/** The ticket stream's use of the CommandPipeline, with the tenant check before the decider. */
@Injectable()
export class TicketPipeline {
  constructor(
    private readonly pipeline: CommandPipeline,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  run({ ticketId, context, caller, build }: TicketCommandRun): Promise<TicketCommandOutcome> {
    return this.execute(ticketId, context, (now, state) => build(now, visibleTicket(state, ticketId, caller)));
  }

  open(ticketId: string, context: CommandContext, build: (now: Temporal.Instant) => TicketCommand): Promise<TicketCommandOutcome> {
    return this.execute(ticketId, context, (now) => build(now));
  }

  /** The ticket as it is now, for handlers that must look up its account before deciding. */
  async load(ticketId: string, caller?: Principal): Promise<{ ticket: OpenedTicket; revision: number }> {
    const { state, revision } = await loadStream(this.store, ticketStream(ticketId), ticketDecider, ticketCodec, '');
    return { ticket: visibleTicket(state, ticketId, caller), revision };
  }

  private async execute(
    ticketId: string,
    context: CommandContext,
    command: (now: Temporal.Instant, state: TicketState) => TicketCommand,
  ): Promise<TicketCommandOutcome> {
    const result = await this.pipeline.execute({ stream: ticketStream(ticketId), decider: ticketDecider, codec: ticketCodec, context, command });
    const events = result.events.map(({ type, data }) => ({ type, data }));
    return { id: ticketId, revision: result.nextExpectedRevision, events };
  }
}
