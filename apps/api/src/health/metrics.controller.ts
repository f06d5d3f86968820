import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Gauge } from 'prom-client';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { ApiPublicProblems, PLATFORM_CONFIG, PlatformMetrics, ProblemError, Public, type HttpResponse, type PlatformConfig } from '#platform';
import { CLOCK, type Clock } from '#kernel';
import { normalizeInstant } from '#projections';
import { FeedStreams } from '../feed/event-stream.js';
import { ReadModels } from '../../../worker/src/read-models.js';
import { WorkerRuntime } from '../../../worker/src/worker-runtime.js';

/**
 * Prometheus text at GET /metrics: the platform's HTTP and command metrics, and gauges read at scrape time
 * (projection lag in events, due items, open feed streams, the store's head). With HOURBANK_METRICS_TOKEN set,
 * a scraper sends it as a bearer token.
 */
@ApiTags('health')
@Controller('metrics')
@Public()
@SkipThrottle()
export class MetricsController {
  constructor(
    private readonly metrics: PlatformMetrics,
    private readonly worker: WorkerRuntime,
    private readonly readModels: ReadModels,
    private readonly streams: FeedStreams,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    const registers = [metrics.registry];
    const self = this;
    new Gauge({
      name: 'hourbank_projection_lag_events', help: 'Events in the log after each projection or reactor checkpoint', labelNames: ['consumer', 'kind', 'state'] as const, registers,
      async collect() {
        this.reset();
        for (const c of (await self.worker.admin.status()).consumers) this.set({ consumer: c.name, kind: c.kind, state: c.state }, c.lag);
      },
    });
    new Gauge({
      name: 'hourbank_due_items', help: 'Deadlines not fired yet: pending, and overdue (due now or earlier)', labelNames: ['state'] as const, registers,
      collect() {
        const { pending, overdue } = self.dueItems();
        this.set({ state: 'pending' }, pending);
        this.set({ state: 'overdue' }, overdue);
      },
    });
    new Gauge({ name: 'hourbank_feed_streams_open', help: 'Open SSE feed streams', registers, collect() { this.set(self.streams.count); } });
    new Gauge({
      name: 'hourbank_event_store_head_position', help: 'Global position of the last event written', registers,
      async collect() { this.set((await self.store.status()).headPosition ?? 0); },
    });
  }

  @Get()
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format 0.0.4)' })
  @ApiOkResponse({ description: 'Prometheus text', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiPublicProblems(400, 401)
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() response: HttpResponse): Promise<void> {
    const token = this.config.metricsToken;
    if (token !== undefined && authorization !== `Bearer ${token}`) {
      throw new ProblemError(401, 'UNAUTHENTICATED', 'Authentication required', 'GET /metrics wants the HOURBANK_METRICS_TOKEN as a bearer token');
    }
    const body = await this.metrics.registry.metrics();
    response.setHeader('Content-Type', this.metrics.registry.contentType);
    response.status(200).end(body);
  }

  private dueItems(): { pending: number; overdue: number } {
    const db = this.readModels.db;
    const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'due_items'`).get();
    if (!exists) return { pending: 0, overdue: 0 };
    const now = normalizeInstant(this.clock.now().toString());
    const row = db.prepare('SELECT count(*) AS pending, coalesce(sum(due_at <= ?), 0) AS overdue FROM due_items WHERE fired_at IS NULL').get(now) as { pending: number; overdue: number };
    return row;
  }
}
