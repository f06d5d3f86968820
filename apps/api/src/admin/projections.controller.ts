import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '#kernel';
import { CurrentPrincipal, Roles, type HttpResponse, type Principal } from '#platform';
import type { OperatorRequestInput, OperatorRequestOutcome, OperatorRequests, ProjectionsStatus } from '#projections';
import { WorkerRuntime } from '../../../worker/src/worker-runtime.js';
import { ApiProblems } from '#platform';
import { RebuildQueryDto, SkipParkedEventRequestDto } from './admin.dto.js';
import { ConsumerStatusDto, OperatorRequestDto, ProjectionsStatusDto, RebuildStartedDto, RetriedDto, SkippedDto } from './admin.response.dto.js';

/** How long a rebuild with ?wait=true waits for it (a rebuild of millions of events takes minutes). */
const REBUILD_WAIT_MS = 30 * 60_000;

/**
 * Operator view and actions on the projections and reactors (see docs/projections.md for the policy). Embedded, the
 * actions run here, on the runners of this process. On PostgreSQL any replica takes them: they become operator
 * requests, carried out by the worker holding the consumer's claim, whose outcome is the answer.
 */
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
  async rebuild(@Param('name') name: string, @Query() query: RebuildQueryDto, @Res({ passthrough: true }) response: HttpResponse, @CurrentPrincipal() caller: Principal) {
    this.projection(name);
    const requests = this.worker.operatorRequests;
    if (requests) {
      const id = await requests.request({ consumer: name, action: 'rebuild', actor: caller.sub });
      if (!query.wait) return { name, state: 'rebuilding', requestId: id };
      const outcome = await requests.waitFor(id, REBUILD_WAIT_MS);
      if (outcome.state === 'failed') throw new DomainError('PROJECTION_REBUILD_FAILED', outcome.error ?? 'failed', { name, requestId: id });
      if (outcome.state !== 'done') return { name, state: 'rebuilding', requestId: id };
    } else {
      const done = this.worker.admin.rebuild(name);
      if (!query.wait) {
        done.catch(() => undefined);
        return { name, state: 'rebuilding' };
      }
      await done.catch((error: unknown) => {
        throw new DomainError('PROJECTION_REBUILD_FAILED', error instanceof Error ? error.message : String(error), { name });
      });
    }
    response.status(200);
    return (await this.worker.admin.status()).consumers.find((c) => c.name === name);
  }

  @Post(':name/retry')
  @Roles('manager')
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply the parked event again after a fix; it parks again if it still fails' })
  @ApiOkResponse({ type: RetriedDto })
  @ApiAcceptedResponse({ type: OperatorRequestDto, description: 'On PostgreSQL, when the holding worker has not carried it out within HOURBANK_OPERATOR_WAIT_SECONDS: the request, still pending or running (Location: where to follow it)' })
  @ApiProblems(404, 422)
  async retry(@Param('name') name: string, @CurrentPrincipal() caller: Principal, @Res({ passthrough: true }) response: HttpResponse) {
    this.parked(await this.consumerStatus(name));
    if (!this.worker.operatorRequests) {
      await this.worker.admin.retry(name);
      return { name, retried: true };
    }
    const outcome = await this.ask({ consumer: name, action: 'retry', actor: caller.sub });
    if (outcome.state !== 'done') return this.stillWaiting(outcome, response);
    return { name, retried: true, requestId: outcome.id };
  }

  @Post(':name/skip')
  @Roles('manager')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move past the parked event at `position`; who and why are audited' })
  @ApiOkResponse({ type: SkippedDto })
  @ApiAcceptedResponse({ type: OperatorRequestDto, description: 'On PostgreSQL, when the holding worker has not carried it out within HOURBANK_OPERATOR_WAIT_SECONDS: the request, still pending or running (Location: where to follow it)' })
  @ApiProblems(400, 404, 422)
  async skip(@Param('name') name: string, @Body() body: SkipParkedEventRequestDto, @CurrentPrincipal() caller: Principal, @Res({ passthrough: true }) response: HttpResponse) {
    const parked = this.parked(await this.consumerStatus(name));
    if (parked.position !== body.position) {
      throw new DomainError('PARKED_EVENT_IS_AT_ANOTHER_POSITION', `The parked event is at ${parked.position}`, { parkedAt: parked.position });
    }
    if (!this.worker.operatorRequests) {
      await this.worker.admin.skip(name, body.position, caller.sub, body.reason);
      return { name, skipped: body.position };
    }
    const outcome = await this.ask({ consumer: name, action: 'skip', position: body.position, actor: caller.sub, reason: body.reason });
    if (outcome.state !== 'done') return this.stillWaiting(outcome, response);
    return { name, skipped: body.position, requestId: outcome.id };
  }

  /** On PostgreSQL: the request, and its outcome once the holding worker carried it out (a failure is a 422). */
  private async ask(input: OperatorRequestInput): Promise<OperatorRequestOutcome> {
    const requests = this.requests(input.action);
    const outcome = await requests.waitFor(await requests.request(input), this.worker.settings.operatorWaitMs);
    if (outcome.state === 'failed') {
      throw new DomainError('OPERATOR_REQUEST_FAILED', outcome.error ?? 'failed', { requestId: outcome.id, worker: outcome.worker });
    }
    return outcome;
  }

  private stillWaiting(outcome: OperatorRequestOutcome, response: HttpResponse): OperatorRequestOutcome {
    response.status(202);
    response.setHeader('Location', `/admin/operator-requests/${outcome.id}`);
    return outcome;
  }

  private requests(what: string): OperatorRequests {
    const requests = this.worker.operatorRequests;
    if (!requests) throw new DomainError('OPERATOR_REQUESTS_NEED_POSTGRES', `Operator requests (${what}) exist with HOURBANK_DATABASE_URL only: embedded, actions run at once`);
    return requests;
  }

  /** Embedded, rebuilds and operator actions belong to the process whose runners write the read models. */
  private hostsRunners(): void {
    if (this.worker.settings.mode === 'off' && !this.worker.operatorRequests) {
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
