import { Global, Inject, Module, Optional, type DynamicModule, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE, Reflector } from '@nestjs/core';
import { ConfigModule } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Logger } from 'pino';
import { CLOCK, type Clock } from '#kernel';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { PLATFORM_CONFIG, type PlatformConfig } from './config/platform-config.js';
import { ROOT_LOGGER } from './logging/pino-logger.js';
import { SystemClock } from './clock/system-clock.js';
import { TestClock } from './clock/test-clock.js';
import { ClockController, TEST_CLOCK } from './clock/clock.controller.js';
import type { TokenSettings } from './auth/tokens.js';
import { type TokenKeys, loadTokenKeys } from './auth/token-keys.js';
import { AuthGuard } from './auth/auth.guard.js';
import { PRINCIPAL_SOURCES, type PrincipalSources } from './auth/principal-sources.js';
import { SubjectThrottlerGuard } from './auth/subject-throttler.guard.js';
import { IDEMPOTENCY_STORE, type IdempotencyStore } from './idempotency/idempotency-store.js';
import { SqliteIdempotencyStore } from './idempotency/sqlite-idempotency-store.js';
import { PostgresIdempotencyStore } from './idempotency/postgres-idempotency-store.js';
import { openPool } from '#eventstore';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor.js';
import { ServerTimingInterceptor } from './http/server-timing.js';
import { ProblemDetailsFilter } from './errors/problem-details.filter.js';
import { createValidationPipe } from './errors/validation.js';
import { CommandPipeline } from './cqrs/command-pipeline.service.js';
import { GracefulShutdown } from './http/graceful-shutdown.js';
import { PlatformMetrics } from './metrics/platform-metrics.js';

export const TOKEN_SETTINGS = Symbol.for('hourbank.TokenSettings');

export interface PlatformModuleOptions {
  readonly config: PlatformConfig;
  readonly logger: Logger;
  /** Opens the event store (embedded SQLite or EventStoreDB); closed at shutdown. */
  readonly openEventStore: (config: PlatformConfig) => EventStore | Promise<EventStore>;
  /** HTTP hosts: the token keys, read before Nest starts so that a refused one stops the start with its reason alone. */
  readonly tokenKeys?: TokenKeys;
}

class PlatformShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(IDEMPOTENCY_STORE) private readonly idempotency?: IdempotencyStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.idempotency?.close();
    await this.store.close();
  }
}

function coreProviders({ config, logger, openEventStore }: PlatformModuleOptions): Provider[] {
  const testClock = config.testClock ? [{ provide: TEST_CLOCK, useFactory: () => new TestClock(config.dataDir) }] : [];
  return [
    { provide: PLATFORM_CONFIG, useValue: config },
    { provide: ROOT_LOGGER, useValue: logger },
    ...testClock,
    { provide: CLOCK, useFactory: (clock?: TestClock): Clock => clock ?? new SystemClock(), inject: [{ token: TEST_CLOCK, optional: true }] },
    { provide: EVENT_STORE, useFactory: () => openEventStore(config) },
    { provide: PlatformMetrics, useFactory: () => new PlatformMetrics() },
    {
      provide: CommandPipeline,
      useFactory: (store: EventStore, clock: Clock, metrics: PlatformMetrics) => new CommandPipeline(store, clock, metrics.commands),
      inject: [EVENT_STORE, CLOCK, PlatformMetrics],
    },
    PlatformShutdown,
  ];
}

const httpProviders = ({ config, logger, tokenKeys }: PlatformModuleOptions): Provider[] => [
  {
    provide: TOKEN_SETTINGS,
    useFactory: async (): Promise<TokenSettings> => ({ ...(tokenKeys ?? (await loadTokenKeys(config, { logger }))), ...config.jwt }),
  },
  {
    provide: IDEMPOTENCY_STORE,
    useFactory: (): IdempotencyStore => {
      const timings = { leaseMs: config.idempotencyLeaseMs, retentionMs: config.idempotencyRetentionMs };
      return config.databaseUrl
        ? new PostgresIdempotencyStore(openPool(config.databaseUrl, { max: 5, applicationName: 'hour-bank idempotency', synchronousCommit: false }), timings)
        : new SqliteIdempotencyStore(config.dataDir, timings);
    },
  },
  {
    provide: APP_GUARD,
    useFactory: (reflector: Reflector, tokens: TokenSettings, sources?: PrincipalSources) => new AuthGuard(reflector, tokens, sources),
    inject: [Reflector, TOKEN_SETTINGS, { token: PRINCIPAL_SOURCES, optional: true }],
  },
  { provide: APP_GUARD, useClass: SubjectThrottlerGuard },
  { provide: APP_INTERCEPTOR, useFactory: () => new ServerTimingInterceptor() },
  { provide: APP_INTERCEPTOR, useFactory: (store: IdempotencyStore) => new IdempotencyInterceptor(store, config.idempotencyRetentionMs), inject: [IDEMPOTENCY_STORE] },
  { provide: APP_FILTER, useFactory: () => new ProblemDetailsFilter(logger) },
  { provide: APP_PIPE, useFactory: createValidationPipe },
  GracefulShutdown,
];

/**
 * The Nest glue every host shares: config, logger, clock, event store, command pipeline, and (for
 * HTTP hosts) auth, throttling, idempotency, validation and Problem Details. Global: feature
 * modules inject EVENT_STORE, CLOCK, CommandPipeline and PLATFORM_CONFIG directly.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformModuleOptions & { readonly http?: boolean }): DynamicModule {
    const http = options.http ?? true;
    const exported = [PLATFORM_CONFIG, ROOT_LOGGER, CLOCK, EVENT_STORE, CommandPipeline, PlatformMetrics, ...(http ? [TOKEN_SETTINGS, GracefulShutdown] : [])];
    const throttle = options.config.throttle;
    return {
      module: PlatformModule,
      imports: [
        // The configuration was validated (zod) before anything started; ConfigService hands its sections to the modules.
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, load: [() => ({ ...options.config })] }),
        ...(http ? [ThrottlerModule.forRoot({ throttlers: [{ name: 'default', ttl: throttle.ttlMs, limit: throttle.limit }] })] : []),
      ],
      controllers: http && options.config.testClock ? [ClockController] : [],
      providers: [...coreProviders(options), ...(http ? httpProviders(options) : [])],
      exports: options.config.testClock ? [...exported, TEST_CLOCK] : exported,
    };
  }
}
