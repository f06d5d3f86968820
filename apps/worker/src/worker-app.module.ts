import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { PlatformModule, PlatformOperationsModule, type PlatformConfig } from '#platform';
import { AccountsModule } from '../../api/src/accounts/accounts.module.js';
import { openEventStore } from '../../api/src/event-store.js';
import { TicketsModule } from '../../api/src/tickets/tickets.module.js';
import { WorkerModule } from './worker.module.js';
import { WorkerOperationsProbe } from './worker-operations-probe.js';

/**
 * The worker as its own process: the same command handlers as the API, the worker module, and with
 * HOURBANK_WORKER_HTTP_PORT set only the health and metrics routes over HTTP.
 */
@Module({})
export class WorkerAppModule {
  static forRoot(config: PlatformConfig, logger: Logger): DynamicModule {
    return {
      module: WorkerAppModule,
      imports: [PlatformModule.forRoot({ config, logger, openEventStore, http: false }), AccountsModule, TicketsModule, WorkerModule.forRoot({ mode: 'embedded' }),
        ...(config.workerHttp ? [PlatformOperationsModule.forRoot(WorkerOperationsProbe, { standalone: { logger } })] : [])],
    };
  }
}
