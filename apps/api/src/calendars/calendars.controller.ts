import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Put, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiCreatedResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CommandOutcome } from '#hour-bank';
import { DomainError } from '#kernel';
import { isPeriodInRange } from '#calendar';
import { CurrentRequestContext, ProblemError, Roles, commandContextFrom, type RequestContext } from '#platform';
import { ApiProblems, COMMAND_PROBLEMS } from '#platform';
import { CommandOutcomeDto } from '../api-shared/command-outcome.dto.js';
import { IdParam } from '../api-shared/id-param.js';
import {
  AddCalendarHolidayCommand, ChangeCalendarOptionsCommand, DefineCalendarCommand, RemoveCalendarHolidayCommand,
} from './calendar.handlers.js';
import { AddHolidayRequestDto, CalendarOptionsRequestDto } from './dto/calendar.request.dto.js';
import { CalendarResponseDto } from './dto/calendar.response.dto.js';
import { type CalendarView, GetCalendarQuery } from './get-calendar.query.js';
import { defineInput } from './define-input.js';

const CalendarId = () => IdParam('id', 'CALENDAR_NOT_FOUND');

const yearOf = (raw?: string): number | undefined => {
  if (raw === undefined) return undefined;
  if (!/^\d{4}$/.test(raw)) throw new DomainError('YEAR_IS_NOT_VALID', 'year must be four digits');
  if (!isPeriodInRange(`${raw}-01`)) throw new ProblemError(400, 'YEAR_OUT_OF_RANGE', 'Year out of range', 'year must be from 2000 to 2100');
  return Number(raw);
};

/** Business calendars: everyone reads, a manager edits. `br-national` exists before anyone edits it. */
@ApiTags('calendars')
@ApiBearerAuth()
@Controller('calendars')
export class CalendarsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'A calendar with its options, hand-added holidays and every day off of a year' })
  @ApiQuery({ name: 'year', required: false, example: '2026' })
  @ApiOkResponse({ type: CalendarResponseDto })
  @ApiProblems(404, 422)
  get(@CalendarId() id: string, @Query('year') year?: string): Promise<CalendarView> {
    return this.queries.execute(new GetCalendarQuery(id, yearOf(year)));
  }

  @Put(':id')
  @Roles('manager')
  @ApiOperation({ summary: 'Define a new calendar (options not given take the defaults: Mon–Fri 09:00–18:00, São Paulo)' })
  @ApiOkResponse({ type: CommandOutcomeDto })
  @ApiProblems(...COMMAND_PROBLEMS)
  define(@CalendarId() id: string, @Body() body: CalendarOptionsRequestDto, @CurrentRequestContext() request: RequestContext): Promise<CommandOutcome> {
    return this.commands.execute(new DefineCalendarCommand(id, defineInput(id, body), commandContextFrom(request)));
  }

  @Patch(':id/options')
  @Roles('manager')
  @ApiOperation({ summary: 'Change time zone, weekly hours, national holidays, Carnival, Corpus Christi' })
  @ApiOkResponse({ type: CommandOutcomeDto })
  @ApiProblems(...COMMAND_PROBLEMS)
  changeOptions(@CalendarId() id: string, @Body() body: CalendarOptionsRequestDto, @CurrentRequestContext() request: RequestContext): Promise<CommandOutcome> {
    return this.commands.execute(new ChangeCalendarOptionsCommand(id, body, commandContextFrom(request)));
  }

  @Post(':id/holidays')
  @Roles('manager')
  @ApiOperation({ summary: 'Add a local holiday or closure' })
  @ApiCreatedResponse({ type: CommandOutcomeDto })
  @ApiProblems(...COMMAND_PROBLEMS)
  addHoliday(@CalendarId() id: string, @Body() body: AddHolidayRequestDto, @CurrentRequestContext() request: RequestContext): Promise<CommandOutcome> {
    return this.commands.execute(new AddCalendarHolidayCommand(id, body, commandContextFrom(request)));
  }

  @Delete(':id/holidays/:date')
  @Roles('manager')
  @HttpCode(200)
  @ApiOperation({ summary: 'Remove a holiday added by hand' })
  @ApiOkResponse({ type: CommandOutcomeDto })
  @ApiProblems(...COMMAND_PROBLEMS)
  removeHoliday(@CalendarId() id: string, @Param('date') date: string, @CurrentRequestContext() request: RequestContext): Promise<CommandOutcome> {
    return this.commands.execute(new RemoveCalendarHolidayCommand(id, { date }, commandContextFrom(request)));
  }
}
