import { Module } from '@nestjs/common';
import { LogIntegrityController } from './log-integrity.controller.js';
import { OperatorRequestsController } from './operator-requests.controller.js';
import { ProjectionsController } from './projections.controller.js';
import { SchedulerController } from './scheduler.controller.js';

/** Projection, operator-request, scheduler and log-notary administration; WorkerModule (global) provides the runtime. */
@Module({ controllers: [ProjectionsController, OperatorRequestsController, SchedulerController, LogIntegrityController] })
export class AdminModule {}
