import { Body, Controller, HttpCode, Inject, Optional, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Temporal } from 'temporal-polyfill';
import { DomainError } from '#kernel';
import { Roles, TEST_CLOCK, type TestClock } from '#platform';
import type { DueItem } from '#projections';
import { WorkerRuntime } from '../../../worker/src/worker-runtime.js';
import { ApiProblems } from '#platform';
import { AdvanceClockRequestDto } from './admin.dto.js';
import { SchedulerRunDto } from './admin.response.dto.js';

const fired = (items: readonly DueItem[]) => ({ fired: items.map(({ key, kind, dueAt }) => ({ key, kind, dueAt })) });

/** Makes time-driven work deterministic: settle now, or walk the test clock through every due instant. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/scheduler')
export class SchedulerController {
  constructor(
    private readonly worker: WorkerRuntime,
    @Optional() @Inject(TEST_CLOCK) private readonly testClock?: TestClock,
  ) {}

  @Post('tick')
  @Roles('manager')
  @ApiProblems(403)
  @HttpCode(200)
  @ApiOperation({ summary: 'Wait for every consumer, fire what is due now, repeat until nothing fires' })
  @ApiOkResponse({ type: SchedulerRunDto })
  async tick() {
    return { now: this.testClock?.now().toString() ?? Temporal.Now.instant().toString(), ...fired(await this.worker.settle()) };
  }

  @Post('advance')
  @Roles('manager')
  @HttpCode(200)
  @ApiOperation({ summary: 'Test clock only: move to `to`, stopping at each due instant on the way to fire and settle' })
  @ApiOkResponse({ type: SchedulerRunDto })
  @ApiProblems(400, 404, 422)
  async advance(@Body() body: AdvanceClockRequestDto) {
    if (!this.testClock) throw new DomainError('TEST_CLOCK_NOT_FOUND', 'The test clock is off');
    const items = await this.worker.advanceTo(this.testClock, Temporal.Instant.from(body.to));
    return { now: this.testClock.now().toString(), ...fired(items) };
  }
}
