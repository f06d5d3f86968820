import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { BalancesController } from './balances.controller.js';
import { SlaTimersController } from './sla-timers.controller.js';
import { QueueController } from './queue.controller.js';

/** HTTP reads served from the worker's read models. */
@Module({
  imports: [AccountsModule],
  controllers: [SlaTimersController, BalancesController, QueueController],
})
export class ReadModelsHttpModule {}
