import { Module } from '@nestjs/common';
import { OperatorRequestsController } from './operator-requests.controller.js';
import { ProjectionsController } from './projections.controller.js';
import { SchedulerController } from './scheduler.controller.js';

/** Projection and scheduler administration; WorkerModule (global) provides the runtime. */
@Module({ controllers: [ProjectionsController, OperatorRequestsController, SchedulerController] })
export class AdminModule {}
