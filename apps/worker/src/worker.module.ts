import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import { ACCOUNT_SNAPSHOTS, AccountSnapshots, PostgresAccountSnapshots } from '#hour-bank';
import { PLATFORM_CONFIG, type PlatformConfig } from '#platform';
import { TICKET_RULE_SETTINGS } from '#ticketing';
import { ReadModels } from './read-models.js';
import { WORKER_SETTINGS, type WorkerSettings } from './worker-settings.js';
import { WorkerRuntime } from './worker-runtime.js';
import { LogNotaryHost } from './log-notary.host.js';
import { ReadModelFreshness } from './read-model-freshness.js';

/**
 * Projections, reactors and the scheduler, hosted in the API process (embedded, the default) or alone
 * (apps/worker/src/main.ts). Global: the read-model database, the account snapshots (used by the account
 * pipeline) and the runtime are visible to every module. The command handlers come from the host's modules.
 */
@Global()
@Module({})
export class WorkerModule {
  static forRoot(overrides: Partial<WorkerSettings> = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CqrsModule],
      providers: [
        {
          provide: WORKER_SETTINGS,
          useFactory: (config: ConfigService<PlatformConfig, true>): WorkerSettings => ({ ...config.get('worker', { infer: true }), ...overrides }),
          inject: [ConfigService],
        },
        { provide: ReadModels, useFactory: (config: PlatformConfig) => ReadModels.open(config), inject: [PLATFORM_CONFIG] },
        {
          provide: ACCOUNT_SNAPSHOTS,
          useFactory: (readModels: ReadModels) => (readModels.pool ? new PostgresAccountSnapshots(readModels.pool) : new AccountSnapshots(readModels.db)),
          inject: [ReadModels],
        },
        {
          provide: TICKET_RULE_SETTINGS,
          useFactory: (settings: WorkerSettings, config: ConfigService<PlatformConfig, true>) =>
            ({ autoCloseBusinessDays: settings.autoCloseBusinessDays, overrunMarginPercent: config.get('tickets', { infer: true }).overrunMarginPercent }),
          inject: [WORKER_SETTINGS, ConfigService],
        },
        LogNotaryHost,
        WorkerRuntime,
        ReadModelFreshness,
      ],
      exports: [WORKER_SETTINGS, ReadModels, ACCOUNT_SNAPSHOTS, TICKET_RULE_SETTINGS, LogNotaryHost, WorkerRuntime, ReadModelFreshness],
    };
  }
}
