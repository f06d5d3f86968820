import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { DomainError } from '#kernel';
import { type Principal, canSeeAccount } from '#platform';
import { ticketCodec, ticketStream } from '#ticketing';
import { type HistoryPageDto, readHistory } from '../../api-shared/stream-history.js';

export class GetTicketHistoryQuery extends Query<HistoryPageDto> {
  constructor(
    readonly ticketId: string,
    readonly caller: Principal,
    readonly page: { fromRevision: number; limit: number },
  ) {
    super();
  }
}

const accountOf = (page: HistoryPageDto): string | undefined => {
  const data = page.events[0]?.data as { accountId?: unknown } | undefined;
  return typeof data?.accountId === 'string' ? data.accountId : undefined;
};

@QueryHandler(GetTicketHistoryQuery)
export class GetTicketHistoryHandler implements IQueryHandler<GetTicketHistoryQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ ticketId, caller, page }: GetTicketHistoryQuery): Promise<HistoryPageDto> {
    const stream = ticketStream(ticketId);
    const accountId = accountOf(await readHistory(this.store, stream, ticketCodec, { fromRevision: 0, limit: 1 }));
    if (accountId === undefined || !canSeeAccount(caller, accountId)) {
      throw new DomainError('TICKET_NOT_FOUND', `Ticket ${ticketId} was not found`, { ticketId });
    }
    return readHistory(this.store, stream, ticketCodec, page);
  }
}
