import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentRequestContext, Roles, commandContextFrom, type HttpResponse, type Principal, type RequestContext } from '#platform';
import { GetTicketQuery, OpenTicketCommand, type TicketCommandOutcome, type TicketView } from '#ticketing';
import { ApiProblems, COMMAND_PROBLEMS } from '#platform';
import { CommandOutcomeDto } from '../api-shared/command-outcome.dto.js';
import { HistoryQueryDto } from '../api-shared/history.query.dto.js';
import { IdParam } from '../api-shared/id-param.js';
import { refuseOffsetWithCursor } from '../api-shared/keyset-cursor.js';
import { HistoryPageDto } from '../api-shared/stream-history.js';
import { ListTicketsQueryDto } from './dto/list-tickets.query.dto.js';
import { OpenTicketRequestDto } from './dto/open-ticket.request.dto.js';
import { TicketListPageDto, TicketResponseDto } from './dto/ticket.response.dto.js';
import { GetTicketHistoryQuery } from './queries/get-ticket-history.query.js';
import { ListTicketsQuery, type TicketListPage } from './queries/list-tickets.query.js';
import { ReadModelFreshness } from '../../../worker/src/read-model-freshness.js';

export const TicketId = () => IdParam('id', 'TICKET_NOT_FOUND');

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets')
export class TicketsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly freshness: ReadModelFreshness,
  ) {}

  @Post()
  @Roles('client', 'agent')
  @ApiOperation({ summary: 'Open a ticket on an account (a client only on its own); the first-response SLA starts' })
  @ApiCreatedResponse({ type: CommandOutcomeDto, description: 'Location: /tickets/{id}' })
  @ApiProblems(...COMMAND_PROBLEMS)
  async open(
    @Body() body: OpenTicketRequestDto,
    @CurrentPrincipal() caller: Principal,
    @CurrentRequestContext() request: RequestContext,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<TicketCommandOutcome> {
    const ticketId = request.commandId;
    const outcome = await this.commands.execute(new OpenTicketCommand(ticketId, body, caller, commandContextFrom(request)));
    response.setHeader('Location', `/tickets/${ticketId}`);
    return outcome;
  }

  @Get()
  @ApiOperation({
    summary: 'List tickets (a client sees only its own accounts), newest first; waits up to 2 s for the list to reach the log\'s head',
    description: 'Pages by offset (`page`, with `total`) or by keyset (`after` = the `next` of the page before; the cost of a page does not grow with its depth).',
  })
  @ApiOkResponse({ type: TicketListPageDto })
  @ApiProblems(400)
  async list(@Query() query: ListTicketsQueryDto, @CurrentPrincipal() caller: Principal): Promise<TicketListPage> {
    const { page, after, size = 20, ...filter } = query;
    refuseOffsetWithCursor(page, after);
    await this.freshness.caughtUp(['ticket-list']);
    return this.queries.execute(new ListTicketsQuery(caller, filter, after !== undefined ? { after } : { page: page ?? 1 }, size));
  }

  @Get(':id')
  @ApiOperation({ summary: 'The ticket now, with its SLA timers (strongly consistent)' })
  @ApiOkResponse({ type: TicketResponseDto })
  @ApiProblems(404)
  get(@TicketId() id: string, @CurrentPrincipal() caller: Principal): Promise<TicketView> {
    return this.queries.execute(new GetTicketQuery(id, caller));
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every event of the ticket with who, on whose behalf, when, correlation and causation' })
  @ApiOkResponse({ type: HistoryPageDto })
  @ApiProblems(400, 404)
  history(@TicketId() id: string, @Query() query: HistoryQueryDto, @CurrentPrincipal() caller: Principal): Promise<HistoryPageDto> {
    return this.queries.execute(new GetTicketHistoryQuery(id, caller, { fromRevision: query.fromRevision ?? 0, limit: query.limit ?? 100 }));
  }
}
