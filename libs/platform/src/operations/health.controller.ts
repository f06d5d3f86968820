import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { Public } from '../auth/decorators.js';
import { PLATFORM_CONFIG, type PlatformConfig } from '../config/platform-config.js';
import { ProblemError } from '../errors/problem.js';
import { ApiPublicProblems } from '../http/api-problems.js';
import { GracefulShutdown } from '../http/graceful-shutdown.js';
import { OPERATIONS_PROBE, type OperationsProbe, type SharedDatabaseProbe } from './operations-probe.js';

/** A check that does not answer within this is down: readiness must answer fast even when a server hangs. */
const CHECK_TIMEOUT_MS = 3000;

const withinTimeout = <T>(promise: Promise<T>, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};

export class HealthResponse {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Each check with status up and its data' }) info?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) error?: Record<string, unknown>;
  @ApiPropertyOptional({
    type: 'object', additionalProperties: true,
    description: 'store: backend, headPosition; database (with HOURBANK_DATABASE_URL): backend, connections; projections: maxLagEvents, lagging, parked',
  }) details?: Record<string, unknown>;
}

/**
 * Liveness (the process answers) and readiness (the store answers, the shared PostgreSQL database answers when
 * HOURBANK_DATABASE_URL is set, the read models are within HOURBANK_READINESS_MAX_LAG_EVENTS of the head, the
 * instance is not draining), with @nestjs/terminus. On PostgreSQL the lag is that of the shared checkpoints,
 * whichever worker holds them, so an API replica with HOURBANK_WORKER=off reports it too. Served by the API and
 * by the worker process (HOURBANK_WORKER_HTTP_PORT); the worker has no drain.
 */
@ApiTags('health')
@Controller('health')
@Public()
@SkipThrottle()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(OPERATIONS_PROBE) private readonly probe: OperationsProbe,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Optional() private readonly shutdown?: GracefulShutdown,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process serves requests (restart it when this fails)' })
  @ApiOkResponse({ type: HealthResponse })
  @ApiPublicProblems(400, 503)
  live(): Promise<HealthCheckResult> {
    return this.check([]);
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: event store (and shared database) reachable, projections within the lag limit, not shutting down' })
  @ApiOkResponse({ type: HealthResponse })
  @ApiPublicProblems(400, 503)
  ready(): Promise<HealthCheckResult> {
    return this.readiness();
  }

  @Get()
  @ApiOperation({ summary: 'The readiness check (kept at /health for scripts and the Docker HEALTHCHECK)' })
  @ApiOkResponse({ type: HealthResponse })
  @ApiPublicProblems(400, 503)
  readiness(): Promise<HealthCheckResult> {
    const draining = this.shutdown ? [() => this.draining(this.shutdown!)] : [];
    const database = this.probe.database ? [() => this.database(this.probe.database!)] : [];
    return this.check([...draining, () => this.eventStore(), ...database, () => this.projections()]);
  }

  /** A failed check is a 503 Problem (NOT_READY), the terminus result in its details. */
  private async check(checks: Parameters<HealthCheckService['check']>[0]): Promise<HealthCheckResult> {
    try {
      return await this.health.check(checks);
    } catch (error) {
      const result = (error as { getResponse?: () => unknown }).getResponse?.() as HealthCheckResult | undefined;
      if (!result) throw error;
      const failing = Object.keys(result.error ?? {}).join(', ');
      throw new ProblemError(503, 'NOT_READY', 'Not ready', `Failing: ${failing}`, undefined, { 'Retry-After': '5' }, { ...result });
    }
  }

  private draining(shutdown: GracefulShutdown) {
    const check = this.indicators.check('instance');
    return shutdown.draining ? check.down({ message: 'shutting down' }) : check.up();
  }

  private async eventStore() {
    const check = this.indicators.check('store');
    try {
      const { ok, backend, headPosition, detail } = await withinTimeout(this.store.status(), 'The event store');
      const data = { backend, ...(headPosition !== undefined && { headPosition }), ...(detail !== undefined && { detail }) };
      return ok ? check.up(data) : check.down(data);
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  /** The PostgreSQL database of read models, checkpoints, claims and keys (HOURBANK_DATABASE_URL). */
  private async database(database: SharedDatabaseProbe) {
    const check = this.indicators.check('database');
    try {
      await withinTimeout(database.ping(), 'PostgreSQL');
      return check.up({ backend: 'postgres', connections: database.connections() });
    } catch (error) {
      return check.down({ backend: 'postgres', connections: database.connections(), message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async projections() {
    const check = this.indicators.check('projections');
    let consumers;
    try {
      consumers = await withinTimeout(this.probe.consumers(), 'The projection status');
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : String(error) });
    }
    const maxLagEvents = Math.max(0, ...consumers.map((c) => c.lag));
    const lagging = consumers.filter((c) => c.lag > this.config.readinessMaxLagEvents).map((c) => c.name);
    const parked = consumers.filter((c) => c.state === 'parked').map((c) => c.name);
    const data = { maxLagEvents, limit: this.config.readinessMaxLagEvents, lagging, parked };
    return lagging.length === 0 ? check.up(data) : check.down(data);
  }
}
