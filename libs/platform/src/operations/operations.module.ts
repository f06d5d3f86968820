import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import type { Logger } from 'pino';
import { ProblemDetailsFilter } from '../errors/problem-details.filter.js';
import { HealthController } from './health.controller.js';
import { MetricsController } from './metrics.controller.js';
import { OPERATIONS_PROBE, type OperationsProbe } from './operations-probe.js';

/** What an orchestrator and a scraper read: /health/live, /health/ready, /metrics, fed by the host's probe. */
@Module({})
export class PlatformOperationsModule {
  /**
   * `standalone`: the host is not the API (the worker process, with no PlatformModule HTTP providers), so errors
   * are answered as Problem Details here.
   */
  static forRoot(
    probe: Type<OperationsProbe>,
    options: { imports?: DynamicModule['imports']; providers?: Provider[]; standalone?: { logger: Logger } } = {},
  ): DynamicModule {
    const standalone = options.standalone;
    const filter = standalone ? [{ provide: APP_FILTER, useFactory: () => new ProblemDetailsFilter(standalone.logger) }] : [];
    return {
      module: PlatformOperationsModule,
      imports: [TerminusModule.forRoot({ logger: false }), ...(options.imports ?? [])],
      controllers: [HealthController, MetricsController],
      providers: [{ provide: OPERATIONS_PROBE, useClass: probe }, ...(options.providers ?? []), ...filter],
    };
  }
}
