import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Gauge } from 'prom-client';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { Public } from '../auth/decorators.js';
import { PLATFORM_CONFIG, type PlatformConfig } from '../config/platform-config.js';
import { ProblemError } from '../errors/problem.js';
import { ApiPublicProblems } from '../http/api-problems.js';
import type { HttpResponse } from '../http/http-types.js';
import { PlatformMetrics } from '../metrics/platform-metrics.js';
import { OPERATIONS_PROBE, type OperationsProbe } from './operations-probe.js';

/**
 * Prometheus text at GET /metrics: the platform's HTTP and command metrics, and gauges read at scrape time
 * (projection lag in events, due items, the store's head; with HOURBANK_DATABASE_URL the shared database's state,
 * and lag and due items from the shared checkpoints and firings, so any replica reports them; a host adds its own,
 * such as the API's open feed streams). Served by the API and by the worker process (HOURBANK_WORKER_HTTP_PORT).
 * With HOURBANK_METRICS_TOKEN set, a scraper sends it as a bearer token.
 */
@ApiTags('health')
@Controller('metrics')
@Public()
@SkipThrottle()
export class MetricsController {
  constructor(
    private readonly metrics: PlatformMetrics,
    @Inject(OPERATIONS_PROBE) probe: OperationsProbe,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    const registers = [metrics.registry];
    new Gauge({
      name: 'hourbank_projection_lag_events', help: 'Events in the log after each projection or reactor checkpoint', labelNames: ['consumer', 'kind', 'state'] as const, registers,
      async collect() {
        this.reset();
        for (const c of await probe.consumers()) this.set({ consumer: c.name, kind: c.kind, state: c.state }, c.lag);
      },
    });
    new Gauge({
      name: 'hourbank_due_items', help: 'Deadlines not fired yet: pending, and overdue (due now or earlier)', labelNames: ['state'] as const, registers,
      async collect() {
        const { pending, overdue } = await probe.dueItems();
        this.set({ state: 'pending' }, pending);
        this.set({ state: 'overdue' }, overdue);
      },
    });
    const database = probe.database;
    if (database) {
      new Gauge({
        name: 'hourbank_database_up', help: 'Whether the shared PostgreSQL database (HOURBANK_DATABASE_URL) answered SELECT 1 at this scrape', registers,
        async collect() { this.set(await database.ping().then(() => 1, () => 0)); },
      });
      new Gauge({
        name: 'hourbank_database_connections', help: "This process's connections to the shared PostgreSQL database (read models, claims)", labelNames: ['state'] as const, registers,
        collect() {
          for (const [state, count] of Object.entries(database.connections())) this.set({ state }, count);
        },
      });
    }
    new Gauge({
      name: 'hourbank_event_store_head_position', help: 'Global position of the last event written', registers,
      async collect() { this.set((await store.status()).headPosition ?? 0); },
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
}
