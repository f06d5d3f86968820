import { subscribe } from 'node:diagnostics_channel';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { tap, type Observable } from 'rxjs';
import { performance } from 'node:perf_hooks';
import { COMMIT_CHANNEL, type CommitMessage } from '#eventstore';
import { currentRequestContext } from '../context/request-context.js';
import type { HttpRequest, HttpResponse } from './http-types.js';

type Next = (error?: unknown) => void;

/**
 * Where one request's time went, by phase (milliseconds, summed when a phase runs more than once). Phases may
 * nest: `commit` (the store's durable commit) is inside `append`, and `lookup` (other streams a command reads first)
 * may contain loads of its own.
 */
export class RequestTimings {
  readonly startedAt = performance.now();
  readonly phases = new Map<string, number>();
  handledAt?: number;

  add(phase: string, ms: number): void {
    this.phases.set(phase, (this.phases.get(phase) ?? 0) + ms);
  }

  /** `Server-Timing` (W3C): `total;dur=…, auth;dur=…, …`, durations in milliseconds with 3 decimals. */
  header(now = performance.now()): string {
    if (this.handledAt !== undefined) this.add('response', now - this.handledAt);
    const entries = [['total', now - this.startedAt] as const, ...this.phases];
    return entries.map(([name, ms]) => `${name};dur=${ms.toFixed(3)}`).join(', ');
  }
}

const timingsNow = (): RequestTimings | undefined => currentRequestContext()?.timings;

/** Runs `run` and, inside a timed request, adds its duration to `phase`. */
export function timePhase<T>(phase: string, run: () => T): T {
  const timings = timingsNow();
  if (!timings) return run();
  const started = performance.now();
  try {
    return run();
  } finally {
    timings.add(phase, performance.now() - started);
  }
}

export async function timePhaseAsync<T>(phase: string, run: () => Promise<T>): Promise<T> {
  const timings = timingsNow();
  if (!timings) return run();
  const started = performance.now();
  try {
    return await run();
  } finally {
    timings.add(phase, performance.now() - started);
  }
}

let commitsObserved = false;

/**
 * HOURBANK_SERVER_TIMING=on: every response carries `Server-Timing` with its phases (first in the chain, so
 * `total` is the whole server-side time; `http` is everything before the guards: headers, body, middleware).
 */
export const serverTimingMiddleware = (request: HttpRequest, response: HttpResponse, next: Next) => {
  if (!commitsObserved) {
    commitsObserved = true;
    subscribe(COMMIT_CHANNEL, (message) => timingsNow()?.add('commit', (message as CommitMessage).ms));
  }
  const timings = new RequestTimings();
  if (request.hourbank) request.hourbank.timings = timings;
  const writeHead = response.writeHead;
  response.writeHead = function (this: HttpResponse, ...args: Parameters<typeof writeHead>) {
    if (!this.headersSent) this.setHeader('Server-Timing', timings.header());
    return writeHead.apply(this, args);
  } as typeof writeHead;
  next();
};

/** Marks the end of the middleware chain (`http`) and, later, when the handler answered (`response` runs from then). */
export const markRequestPhases = {
  routed(): void {
    const timings = timingsNow();
    if (timings && !timings.phases.has('http')) timings.add('http', performance.now() - timings.startedAt);
  },
  handled(): void {
    const timings = timingsNow();
    if (timings) timings.handledAt = performance.now();
  },
};

/** Outermost interceptor: notes when the handler (and every inner interceptor) answered. */
export class ServerTimingInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!timingsNow()) return next.handle();
    return next.handle().pipe(tap({ next: markRequestPhases.handled, error: markRequestPhases.handled }));
  }
}
