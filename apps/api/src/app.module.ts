import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type PlatformModuleOptions } from '#platform';
import { OperationsModule } from './health/operations.module.js';
import { AccountsModule } from './accounts/accounts.module.js';
import { TicketsModule } from './tickets/tickets.module.js';
import { CalendarsModule } from './calendars/calendars.module.js';
import { WorkerModule } from '../../worker/src/worker.module.js';
import { AdminModule } from './admin/admin.module.js';
import { ReadModelsHttpModule } from './read-models/read-models.module.js';
import { DownstreamModule } from './feed/downstream.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { StreamsController } from './streams/streams.controller.js';

@Module({})
export class AppModule {
  static forRoot(platform: PlatformModuleOptions, features: DynamicModule['imports'] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(platform), AccountsModule, TicketsModule, CalendarsModule, DownstreamModule, WorkerModule.forRoot(), AdminModule, ReadModelsHttpModule, ReportsModule, IdentityModule, OperationsModule, ...features],
      controllers: [StreamsController],
    };
  }
}
