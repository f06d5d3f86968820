import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { PlatformModule, type PlatformConfig } from '#platform';
import { AccountsModule } from '../../api/src/accounts/accounts.module.js';
import { openEventStore } from '../../api/src/event-store.js';
import { TicketsModule } from '../../api/src/tickets/tickets.module.js';
import { WorkerModule } from './worker.module.js';

/** The worker as its own process: no HTTP, the same command handlers as the API, the worker module. */
@Module({})
export class WorkerAppModule {
  static forRoot(config: PlatformConfig, logger: Logger): DynamicModule {
    return {
      module: WorkerAppModule,
      imports: [PlatformModule.forRoot({ config, logger, openEventStore, http: false }), AccountsModule, TicketsModule, WorkerModule.forRoot({ mode: 'embedded' })],
    };
  }
}
