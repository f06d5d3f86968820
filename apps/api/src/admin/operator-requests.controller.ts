import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '#kernel';
import { ApiProblems, Roles } from '#platform';
import type { OperatorRequestOutcome } from '#projections';
import { WorkerRuntime } from '../../../worker/src/worker-runtime.js';
import { OperatorRequestDto } from './admin.response.dto.js';

/** Where an operator follows a retry, skip or rebuild asked on PostgreSQL (see ProjectionsController). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/operator-requests')
export class OperatorRequestsController {
  constructor(private readonly worker: WorkerRuntime) {}

  @Get(':id')
  @Roles('manager', 'auditor')
  @ApiOperation({ summary: 'On PostgreSQL: an operator request and its outcome (pending, running, done or failed, by which worker)' })
  @ApiOkResponse({ type: OperatorRequestDto })
  @ApiProblems(400, 403, 404, 422)
  async request(@Param('id', ParseIntPipe) id: number): Promise<OperatorRequestOutcome> {
    const requests = this.worker.operatorRequests;
    if (!requests) throw new DomainError('OPERATOR_REQUESTS_NEED_POSTGRES', 'Operator requests exist with HOURBANK_DATABASE_URL only: embedded, actions run at once');
    const found = await requests.get(id);
    if (!found) throw new DomainError('OPERATOR_REQUEST_NOT_FOUND', `No operator request ${id}`, { id });
    return found;
  }
}
