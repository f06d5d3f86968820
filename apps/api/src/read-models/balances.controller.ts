import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BalanceWithInvoicesDto, BalancesPageDto } from './read-models.response.dto.js';
import { Temporal } from 'temporal-polyfill';
import { AccountHistory, type AccountAsOf, accountIdsPage } from '#hour-bank';
import { CLOCK, type Clock } from '#kernel';
import { CurrentPrincipal, assertCanSeeAccount, type Principal } from '#platform';
import { ReadModels } from '../../../worker/src/read-models.js';
import { ReadModelFreshness } from '../../../worker/src/read-model-freshness.js';
import { ApiProblems } from '#platform';
import { BalanceQueryDto, BalancesQueryDto } from '../admin/admin.dto.js';
import { accountScope } from './sla-timers.controller.js';

const balanceOf = ({ view, invoices, position }: AccountAsOf) => {
  const { overageRateCentsPerHour: _rate, revision: _revision, ...figures } = view;
  return { ...figures, lastInvoice: invoices.at(-1) ?? null, position, invoices };
};

/**
 * Balances as of now or `asOf`, computed from each account's log as it stood then (the list of accounts comes
 * from the account-balance read model). GET /accounts/:id answers the same figures.
 */
@ApiTags('accounts')
@ApiBearerAuth()
@Controller('balances')
export class BalancesController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly history: AccountHistory,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly freshness: ReadModelFreshness,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Balances of every account (a client: its own), as of now or `asOf`, from the log' })
  @ApiOkResponse({ type: BalancesPageDto })
  @ApiProblems(400)
  async list(@Query() query: BalancesQueryDto, @CurrentPrincipal() caller: Principal) {
    await this.freshness.caughtUp(['account-balance']);
    const { page = 1, size = 20 } = query;
    const asOf = query.asOf ? Temporal.Instant.from(query.asOf) : this.clock.now();
    const { ids, total } = await accountIdsPage(this.readModels.reader, accountScope(caller), page, size);
    const items = await Promise.all(ids.map(async (id) => {
      const { invoices: _all, ...balance } = balanceOf(await this.history.asOf(id, asOf));
      return balance;
    }));
    return { items, page, size, total };
  }

  @Get(':accountId')
  @ApiOperation({ summary: 'Balance, reserved, available, lots with expiry, current shortfall and invoices, as of now or `asOf`, from the log' })
  @ApiOkResponse({ type: BalanceWithInvoicesDto })
  @ApiProblems(400, 404)
  async get(@Param('accountId') accountId: string, @Query() query: BalanceQueryDto, @CurrentPrincipal() caller: Principal) {
    assertCanSeeAccount(caller, accountId);
    const asOf = query.asOf ? Temporal.Instant.from(query.asOf) : this.clock.now();
    return balanceOf(await this.history.asOf(accountId, asOf));
  }
}
