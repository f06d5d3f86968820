import { Body, Controller, Get, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Temporal } from 'temporal-polyfill';
import {
  AdjustBalanceCommand, CancelAccountCommand, ChangePlanCommand, DEFAULT_CALENDAR_ID, GetAccountQuery, OpenAccountCommand,
  PurchasePackageCommand, type AccountView, type CommandOutcome,
} from '#hour-bank';
import {
  CurrentPrincipal, CurrentRequestContext, Roles, commandContextFrom, type HttpResponse, type Principal, type RequestContext,
} from '#platform';
import { ApiProblems, COMMAND_PROBLEMS } from '#platform';
import { CommandOutcomeDto } from '../api-shared/command-outcome.dto.js';
import { HistoryQueryDto } from '../api-shared/history.query.dto.js';
import { IdParam } from '../api-shared/id-param.js';
import { HistoryPageDto } from '../api-shared/stream-history.js';
import {
  AdjustBalanceRequestDto, CancelAccountRequestDto, ChangePlanRequestDto, PurchasePackageRequestDto,
} from './dto/account-changes.request.dto.js';
import { AccountResponseDto } from './dto/account.response.dto.js';
import { AccountAsOfQueryDto } from './dto/account-as-of.query.dto.js';
import { OpenAccountRequestDto } from './dto/open-account.request.dto.js';
import { GetAccountLedgerQuery } from './queries/get-account-ledger.query.js';

const AccountId = () => IdParam('id', 'ACCOUNT_NOT_FOUND');

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('manager')
  @ApiOperation({ summary: 'Open an account (manager); the id is chosen by the server' })
  @ApiCreatedResponse({ type: CommandOutcomeDto, description: 'Location: /accounts/{id}' })
  @ApiProblems(...COMMAND_PROBLEMS)
  async open(
    @Body() body: OpenAccountRequestDto,
    @CurrentRequestContext() request: RequestContext,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<CommandOutcome> {
    const accountId = request.commandId;
    const input = { ...body, timeZone: body.timeZone ?? 'America/Sao_Paulo', calendarId: body.calendarId ?? DEFAULT_CALENDAR_ID };
    const outcome = await this.commands.execute(new OpenAccountCommand(accountId, input, commandContextFrom(request)));
    response.setHeader('Location', `/accounts/${accountId}`);
    return outcome;
  }

  @Get(':id')
  @ApiOperation({ summary: 'Balance, reservations, available minutes, lots with expiry and the current shortfall, as of now or `asOf` (from the log)' })
  @ApiOkResponse({ type: AccountResponseDto })
  @ApiProblems(400, 404)
  get(@AccountId() id: string, @Query() query: AccountAsOfQueryDto, @CurrentPrincipal() caller: Principal): Promise<AccountView> {
    return this.queries.execute(new GetAccountQuery(id, caller, query.asOf ? Temporal.Instant.from(query.asOf) : undefined));
  }

  @Get(':id/ledger')
  @ApiOperation({ summary: 'Every event of the account with who, on whose behalf, when, correlation and causation' })
  @ApiOkResponse({ type: HistoryPageDto })
  @ApiProblems(400, 404)
  ledger(@AccountId() id: string, @Query() query: HistoryQueryDto, @CurrentPrincipal() caller: Principal): Promise<HistoryPageDto> {
    return this.queries.execute(new GetAccountLedgerQuery(id, caller, { fromRevision: query.fromRevision ?? 0, limit: query.limit ?? 100 }));
  }

  @Post(':id/packages')
  @Roles('manager')
  @ApiOperation({ summary: 'Sell a single package of minutes, at its price (manager)' })
  @ApiCreatedResponse({ type: CommandOutcomeDto })
  @ApiProblems(...COMMAND_PROBLEMS)
  purchase(@AccountId() id: string, @Body() body: PurchasePackageRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext) {
    return this.commands.execute(new PurchasePackageCommand(id, body, caller, commandContextFrom(request)));
  }

  @Post(':id/adjustments')
  @Roles('manager')
  @ApiOperation({ summary: 'Credit or debit minutes by hand, with a reason (manager)' })
  @ApiCreatedResponse({ type: CommandOutcomeDto })
  @ApiProblems(...COMMAND_PROBLEMS)
  adjust(@AccountId() id: string, @Body() body: AdjustBalanceRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext) {
    return this.commands.execute(new AdjustBalanceCommand(id, body, caller, commandContextFrom(request)));
  }

  @Put(':id/plan')
  @Roles('manager')
  @ApiOperation({ summary: 'Change the plan from the next period, or make the contract package-only then (manager)' })
  @ApiOkResponse({ type: CommandOutcomeDto })
  @ApiProblems(...COMMAND_PROBLEMS)
  changePlan(@AccountId() id: string, @Body() body: ChangePlanRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext) {
    return this.commands.execute(new ChangePlanCommand(id, body, caller, commandContextFrom(request)));
  }

  @Post(':id/cancellation')
  @Roles('manager')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel the account: no more credits; open tickets can still close (manager)' })
  @ApiOkResponse({ type: CommandOutcomeDto })
  @ApiProblems(...COMMAND_PROBLEMS)
  cancel(@AccountId() id: string, @Body() body: CancelAccountRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext) {
    return this.commands.execute(new CancelAccountCommand(id, body, caller, commandContextFrom(request)));
  }
}
