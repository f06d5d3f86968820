import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { HttpRequest, HttpResponse } from '../http/http-types.js';

type Next = (error?: unknown) => void;

/** A request that matched no route is counted under this one label, so unknown paths cannot grow the series. */
const UNMATCHED = 'unmatched';

/**
 * The process's Prometheus registry (one per application, so tests may run several) with what the platform
 * itself measures: HTTP latency by route template, and command outcomes. Hosts add their own gauges.
 */
export class PlatformMetrics {
  readonly registry = new Registry();
  private readonly httpDuration = new Histogram({
    name: 'hourbank_http_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status (SSE streams are not in it)',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly commands = new Counter({
    name: 'hourbank_commands_total',
    help: 'Commands through the pipeline by type and outcome (appended, unchanged, replayed, rejected with its code, conflict, error)',
    labelNames: ['command', 'outcome', 'code'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'hourbank_' });
  }

  readonly httpMiddleware = (request: HttpRequest, response: HttpResponse, next: Next) => {
    const end = this.httpDuration.startTimer();
    response.on('finish', () => {
      if (String(response.getHeader('content-type') ?? '').startsWith('text/event-stream')) return;
      end({ method: request.method, route: request.route?.path ?? UNMATCHED, status: String(response.statusCode) });
    });
    next();
  };
}
