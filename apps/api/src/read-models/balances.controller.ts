import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Temporal } from 'temporal-polyfill';
import { accountBalanceAsOf, accountIdsPage, overageInvoices } from '#hour-bank';
import { CLOCK, type Clock, DomainError } from '#kernel';
import { CurrentPrincipal, canSeeAccount, type Principal } from '#platform';
import { ReadModels } from '../../../worker/src/read-models.js';
import { ReadModelFreshness } from '../../../worker/src/read-model-freshness.js';
import { ApiProblems } from '#platform';
import { BalanceQueryDto, BalancesQueryDto } from '../admin/admin.dto.js';
import { accountScope } from './sla-timers.controller.js';

/** The account-balance read model (eventually consistent); GET /accounts/:id folds the stream instead. */
@ApiTags('accounts')
@ApiBearerAuth()
@Controller('balances')
export class BalancesController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly freshness: ReadModelFreshness,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Balances of every account (a client: its own), as of now or `asOf`' })
  @ApiProblems(400)
  async list(@Query() query: BalancesQueryDto, @CurrentPrincipal() caller: Principal) {
    await this.freshness.caughtUp(['account-balance']);
    const { page = 1, size = 20 } = query;
    const asOf = query.asOf ? Temporal.Instant.from(query.asOf) : this.clock.now();
    const { ids, total } = await accountIdsPage(this.readModels.reader, accountScope(caller), page, size);
    return { items: await Promise.all(ids.map((id) => accountBalanceAsOf(this.readModels.reader, id, asOf))), page, size, total };
  }

  @Get(':accountId')
  @ApiOperation({ summary: 'Balance, reserved, available, lots with expiry, current shortfall and invoices, as of now or `asOf`' })
  @ApiProblems(400, 404)
  async get(@Param('accountId') accountId: string, @Query() query: BalanceQueryDto, @CurrentPrincipal() caller: Principal) {
    const asOf = query.asOf ? Temporal.Instant.from(query.asOf) : this.clock.now();
    const view = canSeeAccount(caller, accountId) ? await accountBalanceAsOf(this.readModels.reader, accountId, asOf) : undefined;
    if (!view) throw new DomainError('ACCOUNT_NOT_FOUND', `Account ${accountId} was not found`, { accountId });
    return { ...view, invoices: await overageInvoices(this.readModels.reader, accountId) };
  }
}
