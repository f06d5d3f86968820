import { Body, Controller, Get, HttpCode, Inject, Put, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CATALOG_TIME_ZONE, PlanCatalogReader, RevisePlanCommand, catalogFor, isPlanCode, scheduledRevisions, type CommandOutcome } from '#hour-bank';
import { periodOf } from '#calendar';
import { CLOCK, type Clock, DomainError } from '#kernel';
import { ApiProblems, COMMAND_PROBLEMS, CurrentRequestContext, Roles, commandContextFrom, type RequestContext } from '#platform';
import { CommandOutcomeDto } from '../api-shared/command-outcome.dto.js';
import { IdParam } from '../api-shared/id-param.js';
import { PlanCatalogDto, PlanQueryDto, RevisePlanRequestDto } from './plans.dto.js';

/** The plan catalog: everyone reads it (clients see what they could buy); a manager revises a plan from a period on. */
@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlansController {
  constructor(
    private readonly commands: CommandBus,
    private readonly catalog: PlanCatalogReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The catalog as it applies to a period (default now), and the revisions scheduled after it' })
  @ApiOkResponse({ type: PlanCatalogDto })
  @ApiProblems(400)
  async read(@Query() query: PlanQueryDto): Promise<PlanCatalogDto> {
    const period = query.period ?? periodOf(this.clock.now(), CATALOG_TIME_ZONE);
    const { state } = await this.catalog.state();
    const catalog = catalogFor(state, period);
    return { period, version: catalog.version, plans: Object.values(catalog.plans).map((plan) => ({ ...plan, extras: [...plan.extras] })), scheduled: scheduledRevisions(state, period).map((plan) => ({ ...plan, extras: [...plan.extras] })) };
  }

  @Put(':code')
  @Roles('manager')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revise a plan from a period on (manager); existing accounts keep the terms they have' })
  @ApiOkResponse({ type: CommandOutcomeDto })
  @ApiProblems(...COMMAND_PROBLEMS)
  revise(@IdParam('code', 'PLAN_NOT_FOUND') code: string, @Body() body: RevisePlanRequestDto, @CurrentRequestContext() request: RequestContext): Promise<CommandOutcome> {
    if (!isPlanCode(code)) throw new DomainError('PLAN_NOT_FOUND', `No plan ${code}`, { code });
    return this.commands.execute(new RevisePlanCommand({ ...body, code }, commandContextFrom(request)));
  }
}
