import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { periodOf } from '#calendar';
import { CLOCK, type Clock } from '#kernel';
import type { Principal } from '#platform';
import { accountDecider, accountStream } from '../../domain/account/account-decider.js';
import { availableMinutes, balanceAsOf, lotsAsOf, shortfallOf } from '../../domain/account/account-queries.js';
import { type Lot, planInForce } from '../../domain/account/account-state.js';
import type { PlanTerms } from '../../domain/plans/plan-terms.js';
import { visibleAccount } from '../account-access.js';
import { accountCodec } from '../codecs.js';
import { StreamReader } from '../stream-reader.js';

export interface AccountView {
  readonly accountId: string;
  readonly clientName: string;
  readonly status: 'open' | 'cancelled';
  readonly plan: PlanTerms;
  readonly timeZone: string;
  readonly calendarId: string;
  readonly overageRateCentsPerHour: number;
  readonly asOf: string;
  readonly period: string;
  readonly balanceMinutes: number;
  readonly reservedMinutes: number;
  readonly availableMinutes: number;
  readonly currentShortfallMinutes: number;
  readonly lots: readonly Lot[];
  readonly revision: number;
}

export class GetAccountQuery extends Query<AccountView> {
  constructor(readonly accountId: string, readonly caller: Principal) {
    super();
  }
}

/** Folds the account stream at read time: strongly consistent, until the balance read model replaces it. */
@QueryHandler(GetAccountQuery)
export class GetAccountHandler implements IQueryHandler<GetAccountQuery> {
  constructor(
    private readonly reader: StreamReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ accountId, caller }: GetAccountQuery): Promise<AccountView> {
    const now = this.clock.now();
    const { state, revision } = await this.reader.fold(accountStream(accountId), accountDecider, accountCodec);
    const account = visibleAccount(state, accountId, caller);
    const period = periodOf(now, account.timeZone);
    const balance = balanceAsOf(account, now);
    const available = availableMinutes(account, now);
    return {
      accountId,
      clientName: account.clientName,
      status: account.status,
      plan: planInForce(account, period),
      timeZone: account.timeZone,
      calendarId: account.calendarId,
      overageRateCentsPerHour: account.overageRateCentsPerHour,
      asOf: now.toString(),
      period,
      balanceMinutes: balance,
      reservedMinutes: balance - available,
      availableMinutes: available,
      currentShortfallMinutes: shortfallOf(account, period),
      lots: lotsAsOf(account, now).map(({ creditedAt: _internal, ...lot }) => lot),
      revision,
    };
  }
}
