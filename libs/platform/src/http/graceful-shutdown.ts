import { Inject, Injectable } from '@nestjs/common';
import type { Server, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { PLATFORM_CONFIG, type PlatformConfig } from '../config/platform-config.js';
import { ProblemError } from '../errors/problem.js';
import { ROOT_LOGGER } from '../logging/pino-logger.js';
import type { HttpRequest, HttpResponse } from './http-types.js';

type Next = (error?: unknown) => void;

/** Something that holds responses open on purpose (SSE) and ends them when the server drains. */
export interface LongLivedResponses {
  readonly count: number;
  endAll(reason: 'shutdown'): void;
}

/**
 * What SIGTERM does to the HTTP side, in order: stop accepting connections, end the long-lived responses (SSE),
 * close idle keep-alive connections, let requests in flight finish within HOURBANK_SHUTDOWN_TIMEOUT_SECONDS, cut
 * what is left. Requests that arrive on an open connection meanwhile get 503 SHUTTING_DOWN. Every step is logged.
 */
@Injectable()
export class GracefulShutdown {
  private server: Server | undefined;
  private readonly inFlight = new Set<ServerResponse>();
  private readonly longLived: LongLivedResponses[] = [];
  private drainingSince: number | undefined;

  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  attach(server: Server): void {
    this.server = server;
    server.on('request', (_request, response: ServerResponse) => {
      this.inFlight.add(response);
      response.on('close', () => this.inFlight.delete(response));
    });
  }

  register(responses: LongLivedResponses): void {
    this.longLived.push(responses);
  }

  /** First in the chain: while draining, a request on a kept-alive connection is refused and its connection closed. */
  readonly refuseWhileDraining = (_request: HttpRequest, response: HttpResponse, next: Next) => {
    if (!this.draining) return next();
    response.setHeader('Connection', 'close');
    response.setHeader('Retry-After', '1');
    next(new ProblemError(503, 'SHUTTING_DOWN', 'Shutting down', 'This instance is stopping; retry on another'));
  };

  /** Drains the server, then runs `close` (the application's own shutdown); resolves with the exit code. */
  async run(signal: string, close: () => Promise<void>): Promise<number> {
    const started = performance.now();
    await this.drain(signal);
    const limitMs = this.config.shutdownTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the application did not close within ${limitMs} ms`)), limitMs);
    });
    try {
      await Promise.race([close(), timedOut]);
      this.logger.info({ signal, ms: Math.round(performance.now() - started) }, 'Shut down');
      return 0;
    } catch (error) {
      this.logger.error({ err: error }, 'Shutdown failed after the requests were drained');
      return 1;
    } finally {
      clearTimeout(timer);
    }
  }

  async drain(signal: string): Promise<void> {
    if (this.draining) return;
    this.drainingSince = performance.now();
    const timeoutMs = this.config.shutdownTimeoutMs;
    const streams = this.longLived.reduce((sum, responses) => sum + responses.count, 0);
    this.logger.info({ signal, inFlight: this.inFlight.size - streams, streams, timeoutMs }, 'Shutting down');
    this.server?.close();
    for (const responses of this.longLived) responses.endAll('shutdown');
    this.server?.closeIdleConnections();
    const drained = await this.untilIdle(timeoutMs);
    const ms = Math.round(performance.now() - this.drainingSince);
    if (drained) return void this.logger.info({ ms }, 'Requests drained');
    this.logger.warn({ cut: this.inFlight.size, ms }, 'Requests cut at the shutdown timeout');
    this.server?.closeAllConnections();
  }

  private async untilIdle(timeoutMs: number): Promise<boolean> {
    const until = performance.now() + timeoutMs;
    while (this.inFlight.size > 0 && performance.now() < until) {
      this.server?.closeIdleConnections();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.inFlight.size === 0;
  }
}
