import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CalendarBook } from '#hour-bank';
import { CLOCK, type Clock } from '#kernel';
import { ApiProblems, CurrentPrincipal, type Principal } from '#platform';
import { queryQueue, type QueueItem, type TicketPriority } from '#ticketing';
import { ReadModels } from '../../../worker/src/read-models.js';
import { ID_PATTERN } from '../api-shared/limits.js';
import { ReadModelFreshness } from '../../../worker/src/read-model-freshness.js';
import { accountScope, calendarOfTicket } from './sla-timers.controller.js';
import { TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES } from '../tickets/ticket-vocabulary.js';
import { ASSIGNEE_DESCRIPTION, assigneeFilter } from '../tickets/assignee-filter.js';
import { SlaTimerDto, TicketAssigneeDto } from '../tickets/dto/ticket.response.dto.js';

export class QueueQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN) accountId?: string;
  @ApiPropertyOptional({ enum: TICKET_STATUSES, description: 'Absent: every ticket not closed, cancelled or escalated' })
  @IsOptional() @IsIn(TICKET_STATUSES) status?: string;
  @ApiPropertyOptional({ enum: TICKET_CATEGORIES }) @IsOptional() @IsIn(TICKET_CATEGORIES) category?: string;
  @ApiPropertyOptional({ description: ASSIGNEE_DESCRIPTION }) @IsOptional() @Matches(ID_PATTERN) assignee?: string;
  @ApiPropertyOptional({ enum: TICKET_PRIORITIES }) @IsOptional() @IsIn(TICKET_PRIORITIES) priority?: TicketPriority;
  @ApiPropertyOptional({ enum: ['sla', 'priority'], default: 'sla', description: 'sla: by urgency and due time; priority: urgent first, then by SLA' })
  @IsOptional() @IsIn(['sla', 'priority']) order?: 'sla' | 'priority';
}

export class QueueItemDto {
  @ApiProperty() ticketId!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The human ticket number (null until the numbering reactor gave it one)' }) number!: number | null;
  @ApiProperty() accountId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: TICKET_CATEGORIES }) category!: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status!: string;
  @ApiProperty() openedAt!: string;
  @ApiProperty({ type: 'integer' }) loggedMinutes!: number;
  @ApiProperty({ type: 'integer', nullable: true }) estimatedMinutes!: number | null;
  @ApiProperty({ enum: ['breached', 'atRisk', 'running', 'waiting', 'done'] }) urgency!: string;
  @ApiProperty({ type: SlaTimerDto, nullable: true, description: 'The timer the ticket is ordered by' }) sla!: SlaTimerDto | null;
  @ApiProperty({ enum: TICKET_PRIORITIES }) priority!: TicketPriority;
  @ApiProperty({ type: TicketAssigneeDto, nullable: true, description: 'Null: nobody is assigned' }) assignee!: TicketAssigneeDto | null;
}

export class QueuePageDto {
  @ApiProperty({ description: 'The instant the SLA timers were computed at' }) asOf!: string;
  @ApiProperty({ type: [QueueItemDto] }) items!: QueueItemDto[];
}

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('queue')
export class QueueController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly calendars: CalendarBook,
    private readonly freshness: ReadModelFreshness,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ApiOkResponse({ type: QueuePageDto })
  @Get()
  @ApiOperation({ summary: 'Tickets ordered by SLA due time: breached first, then at risk, running, waiting on the client (a client: its own)' })
  @ApiProblems(400)
  async list(@Query() query: QueueQueryDto, @CurrentPrincipal() caller: Principal): Promise<{ asOf: string; items: QueueItem[] }> {
    await this.freshness.caughtUp(['ticket-list', 'account-balance']);
    const now = this.clock.now();
    const accountIds = accountScope(caller, query.accountId);
    const calendarOf = calendarOfTicket(this.readModels, this.calendars, now);
    const { status, category, priority, order } = query;
    const assigneeId = assigneeFilter(caller, query.assignee);
    const filter = {
      ...(accountIds && { accountIds }), ...(status && { status }), ...(category && { category }), ...(priority && { priority }), ...(order && { order }),
      ...(assigneeId !== undefined && { assigneeId }),
    };
    const items = await queryQueue(this.readModels.reader, filter, calendarOf, now);
    return { asOf: now.toString(), items };
  }
}
