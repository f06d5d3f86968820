import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Temporal } from 'temporal-polyfill';
import { Roles } from '../auth/decorators.js';
import { ApiProblems } from '../http/api-problems.js';
import { IsInstant } from '../http/is-instant.js';
import { TestClock } from './test-clock.js';

export const TEST_CLOCK = Symbol.for('hourbank.TestClock');

export class MoveClockRequest {
  @ApiProperty({ example: '2025-03-01T12:00:00Z', description: 'The new instant; never earlier than the current one' })
  @IsInstant()
  now!: string;
}

export class ClockResponse {
  @ApiProperty({ example: '2025-03-01T12:00:00Z' })
  now!: string;
}

/** Mounted only when HOURBANK_TEST_CLOCK=on; otherwise the routes do not exist (404). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/clock')
export class ClockController {
  constructor(@Inject(TEST_CLOCK) private readonly clock: TestClock) {}

  @Get()
  @ApiOperation({ summary: 'The test clock’s instant' })
  @ApiOkResponse({ type: ClockResponse })
  @Roles('manager', 'agent', 'auditor')
  @ApiProblems(403, 404)
  current(): ClockResponse {
    return { now: this.clock.now().toString() };
  }

  @Post()
  @ApiOperation({ summary: 'Move the test clock forward (never back)' })
  @ApiOkResponse({ type: ClockResponse })
  @HttpCode(200)
  @Roles('manager')
  @ApiProblems(400, 403, 404, 422)
  move(@Body() request: MoveClockRequest): ClockResponse {
    return { now: this.clock.advanceTo(Temporal.Instant.from(request.now)).toString() };
  }
}
