import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '#kernel';
import type { Principal } from '#platform';
import { type SlaTimers, slaTimers } from '../../domain/sla/sla-timers.js';
import type { OpenedTicket } from '../../domain/ticket/state.js';
import { TicketPipeline } from '../ticket-pipeline.js';

export type TicketView = Omit<OpenedTicket, 'sla'> & {
  readonly sla: SlaTimers;
  readonly asOf: string;
  readonly revision: number;
};

export class GetTicketQuery extends Query<TicketView> {
  constructor(readonly ticketId: string, readonly caller: Principal) {
    super();
  }
}

/**
 * Folds the ticket stream at read time (strongly consistent), with the facts due by now applied (a ticket whose
 * automatic close is due shows closed before the scheduler writes it) and its SLA timers as of now.
 */
@QueryHandler(GetTicketQuery)
export class GetTicketHandler implements IQueryHandler<GetTicketQuery> {
  constructor(
    private readonly tickets: TicketPipeline,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ ticketId, caller }: GetTicketQuery): Promise<TicketView> {
    const now = this.clock.now();
    const { ticket, revision, rules } = await this.tickets.load(ticketId, caller, now);
    const { sla: _facts, ...rest } = ticket;
    return { ...rest, sla: slaTimers(ticket, rules.calendar, now), asOf: now.toString(), revision };
  }
}
