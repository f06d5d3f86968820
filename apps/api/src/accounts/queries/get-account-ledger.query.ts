import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { accountCodec, accountStream } from '#hour-bank';
import { DomainError } from '#kernel';
import { type Principal, canSeeAccount } from '#platform';
import { type HistoryPageDto, readHistory } from '../../api-shared/stream-history.js';

export class GetAccountLedgerQuery extends Query<HistoryPageDto> {
  constructor(
    readonly accountId: string,
    readonly caller: Principal,
    readonly page: { fromRevision: number; limit: number },
  ) {
    super();
  }
}

@QueryHandler(GetAccountLedgerQuery)
export class GetAccountLedgerHandler implements IQueryHandler<GetAccountLedgerQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ accountId, caller, page }: GetAccountLedgerQuery): Promise<HistoryPageDto> {
    const first = await readHistory(this.store, accountStream(accountId), accountCodec, { fromRevision: 0, limit: 1 });
    if (first.events.length === 0 || !canSeeAccount(caller, accountId)) {
      throw new DomainError('ACCOUNT_NOT_FOUND', `Account ${accountId} was not found`, { accountId });
    }
    return readHistory(this.store, accountStream(accountId), accountCodec, page);
  }
}
