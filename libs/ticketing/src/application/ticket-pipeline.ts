import { Inject, Injectable } from '@nestjs/common';
import type { Temporal } from 'temporal-polyfill';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { CommandPipeline, type CommandContext, type Principal, loadStream } from '#platform';
import type { TicketCommand } from '../domain/ticket/commands.js';
import type { TicketEvent } from '../domain/ticket/events.js';
import { ticketDecider, ticketStream } from '../domain/ticket/ticket-decider.js';
import type { OpenedTicket, TicketState } from '../domain/ticket/state.js';
import { ticketCodec } from './codecs.js';
import type { TicketCommandOutcome } from './command-outcome.js';
import { visibleTicket, visibleTicketAccount } from './ticket-access.js';

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

  /**
   * The ticket's account, from its opening event alone (the pipeline folds the stream itself): handlers
   * look the account up before deciding. Missing and foreign tickets are the same TICKET_NOT_FOUND.
   */
  async accountIdOf(ticketId: string, caller?: Principal): Promise<string> {
    for await (const recorded of this.store.readStream(ticketStream(ticketId), { maxCount: 1 })) {
      const opening = ticketCodec.decode<TicketEvent>(recorded);
      if (opening.type === 'TicketOpened') return visibleTicketAccount(opening.data.accountId, ticketId, caller);
    }
    return visibleTicketAccount(undefined, ticketId, caller);
  }

  /** The ticket as it is now, for queries that show it. */
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
