import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DownstreamModule } from '../feed/downstream.module.js';
import { HealthController } from './health.controller.js';
import { MetricsController } from './metrics.controller.js';

/** What an orchestrator and a scraper read: liveness, readiness, Prometheus metrics. */
@Module({
  imports: [TerminusModule.forRoot({ logger: false }), DownstreamModule],
  controllers: [HealthController, MetricsController],
})
export class OperationsModule {}
