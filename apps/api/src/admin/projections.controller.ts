import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '#kernel';
import { CurrentPrincipal, Roles, type HttpResponse, type Principal } from '#platform';
import type { ProjectionsStatus } from '#projections';
import { WorkerRuntime } from '../../../worker/src/worker-runtime.js';
import { ApiProblems } from '#platform';
import { RebuildQueryDto, SkipParkedEventRequestDto } from './admin.dto.js';
import { ConsumerStatusDto, ProjectionsStatusDto, RebuildStartedDto, RetriedDto, SkippedDto } from './admin.response.dto.js';

/** Operator view and actions on the projections and reactors (see docs/projections.md for the policy). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/projections')
export class ProjectionsController {
  constructor(private readonly worker: WorkerRuntime) {}

  @Get()
  @Roles('manager', 'auditor')
  @ApiProblems(403)
  @ApiOperation({ summary: 'Position, lag, state, rate and parked event (with its error) of every projection and reactor' })
  @ApiOkResponse({ type: ProjectionsStatusDto })
  status(): Promise<ProjectionsStatus> {
    return this.worker.admin.status();
  }

  @Post(':name/rebuild')
  @Roles('manager')
  @HttpCode(202)
  @ApiOperation({ summary: 'Replay the log into fresh tables and swap them in atomically (202 at once, 200 with ?wait=true)' })
  @ApiAcceptedResponse({ type: RebuildStartedDto })
  @ApiOkResponse({ type: ConsumerStatusDto, description: 'With ?wait=true: the projection once rebuilt' })
  @ApiProblems(404, 422)
  async rebuild(@Param('name') name: string, @Query() query: RebuildQueryDto, @Res({ passthrough: true }) response: HttpResponse) {
    this.projection(name);
    const done = this.worker.admin.rebuild(name);
    if (!query.wait) {
      done.catch(() => undefined);
      return { name, state: 'rebuilding' };
    }
    await done.catch((error: unknown) => {
      throw new DomainError('PROJECTION_REBUILD_FAILED', error instanceof Error ? error.message : String(error), { name });
    });
    response.status(200);
    return (await this.worker.admin.status()).consumers.find((c) => c.name === name);
  }

  @Post(':name/retry')
  @Roles('manager')
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply the parked event again after a fix; it parks again if it still fails' })
  @ApiOkResponse({ type: RetriedDto })
  @ApiProblems(404, 422)
  async retry(@Param('name') name: string) {
    this.parked(await this.consumerStatus(name));
    await this.worker.admin.retry(name);
    return { name, retried: true };
  }

  @Post(':name/skip')
  @Roles('manager')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move past the parked event at `position`; who and why are audited' })
  @ApiOkResponse({ type: SkippedDto })
  @ApiProblems(400, 404, 422)
  async skip(@Param('name') name: string, @Body() body: SkipParkedEventRequestDto, @CurrentPrincipal() caller: Principal) {
    const parked = this.parked(await this.consumerStatus(name));
    if (parked.position !== body.position) {
      throw new DomainError('PARKED_EVENT_IS_AT_ANOTHER_POSITION', `The parked event is at ${parked.position}`, { parkedAt: parked.position });
    }
    await this.worker.admin.skip(name, body.position, caller.sub, body.reason);
    return { name, skipped: body.position };
  }

  /** Rebuilds and operator actions belong to the process whose runners write the read models. */
  private hostsRunners(): void {
    if (this.worker.settings.mode === 'off') {
      throw new DomainError('WORKER_RUNS_ELSEWHERE', 'HOURBANK_WORKER=off: act on the worker process (or stop it and use the CLI)');
    }
  }

  private projection(name: string): void {
    this.hostsRunners();
    if (!this.worker.projections.some((p) => p.name === name)) throw new DomainError('PROJECTION_NOT_FOUND', `No projection named ${name}`, { name });
  }

  private async consumerStatus(name: string) {
    this.hostsRunners();
    const found = (await this.worker.admin.status()).consumers.find((c) => c.name === name);
    if (!found) throw new DomainError('PROJECTION_NOT_FOUND', `No projection or reactor named ${name}`, { name });
    return found;
  }

  private parked(status: { name: string; parked: { position: number } | null }) {
    if (!status.parked) throw new DomainError('PROJECTION_IS_NOT_PARKED', `${status.name} has no parked event`, { name: status.name });
    return status.parked;
  }
}
