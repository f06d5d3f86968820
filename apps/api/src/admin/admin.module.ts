import { Module } from '@nestjs/common';
import { ProjectionsController } from './projections.controller.js';
import { SchedulerController } from './scheduler.controller.js';

/** Projection and scheduler administration; WorkerModule (global) provides the runtime. */
@Module({ controllers: [ProjectionsController, SchedulerController] })
export class AdminModule {}
