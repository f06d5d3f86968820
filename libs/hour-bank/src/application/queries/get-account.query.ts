import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { Temporal } from 'temporal-polyfill';
import { CLOCK, type Clock } from '#kernel';
import { type Principal, assertCanSeeAccount } from '#platform';
import { accountDecider, accountStream } from '../../domain/account/account-decider.js';
import { withDueFacts } from '../../domain/account/as-of.js';
import { visibleAccount } from '../account-access.js';
import { AccountCalendars } from '../account-calendars.js';
import { AccountHistory } from '../account-history.js';
import { type AccountView, accountViewOf } from '../account-view.js';
import { accountCodec } from '../codecs.js';
import { StreamReader } from '../stream-reader.js';

export type { AccountView } from '../account-view.js';

export class GetAccountQuery extends Query<AccountView> {
  constructor(readonly accountId: string, readonly caller: Principal, readonly asOf?: Temporal.Instant) {
    super();
  }
}

/**
 * Folds the account stream at read time (strongly consistent), with the facts due by the instant asked for
 * applied whether written or not. As of a past instant it counts only the events that had taken effect then.
 */
@QueryHandler(GetAccountQuery)
export class GetAccountHandler implements IQueryHandler<GetAccountQuery> {
  constructor(
    private readonly reader: StreamReader,
    private readonly calendars: AccountCalendars,
    private readonly history: AccountHistory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ accountId, caller, asOf }: GetAccountQuery): Promise<AccountView> {
    assertCanSeeAccount(caller, accountId);
    if (asOf) return (await this.history.asOf(accountId, asOf)).view;
    const now = this.clock.now();
    const { state, revision } = await this.reader.fold(accountStream(accountId), accountDecider, accountCodec);
    const account = visibleAccount(state, accountId, caller);
    const calendars = await this.calendars.forAccount(account);
    return accountViewOf(visibleAccount(withDueFacts(account, now, calendars), accountId), now, revision);
  }
}
