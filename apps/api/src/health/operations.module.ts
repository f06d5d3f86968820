import { Module } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { PlatformMetrics, PlatformOperationsModule } from '#platform';
import { WorkerOperationsProbe } from '../../../worker/src/worker-operations-probe.js';
import { DownstreamModule } from '../feed/downstream.module.js';
import { FeedStreams } from '../feed/event-stream.js';

const FEED_STREAMS_GAUGE = Symbol.for('hourbank.FeedStreamsGauge');

/** What an orchestrator and a scraper read: liveness, readiness, Prometheus metrics, and the API's open feed streams. */
@Module({
  imports: [
    PlatformOperationsModule.forRoot(WorkerOperationsProbe, {
      imports: [DownstreamModule],
      providers: [{
        provide: FEED_STREAMS_GAUGE,
        inject: [PlatformMetrics, FeedStreams],
        useFactory: (metrics: PlatformMetrics, streams: FeedStreams) =>
          new Gauge({ name: 'hourbank_feed_streams_open', help: 'Open SSE feed streams', registers: [metrics.registry], collect() { this.set(streams.count); } }),
      }],
    }),
  ],
})
export class OperationsModule {}
