import { HttpStatus, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { from, mergeMap, of, tap, type Observable } from 'rxjs';
import { ProblemError } from '../errors/problem.js';
import type { HttpRequest, HttpResponse } from '../http/http-types.js';
import { timePhaseAsync } from '../http/server-timing.js';
import type { IdempotencyScope, IdempotencyStart, IdempotencyStore } from './idempotency-store.js';
import { commandIdFromIdempotencyKey, requestHash } from './request-hash.js';

const KEYED_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** Response headers a replay repeats: they name what the first request created. */
const REPLAYED_HEADERS = ['location'];

const keyOf = (request: HttpRequest): string | undefined => {
  const value = request.headers['idempotency-key'];
  const key = Array.isArray(value) ? value[0] : value;
  if (key === undefined || KEY_PATTERN.test(key)) return key;
  throw new ProblemError(400, 'INVALID_IDEMPOTENCY_KEY', 'Bad request', 'Idempotency-Key must be 1 to 255 visible ASCII characters');
};

export const REUSED_KEY_DETAIL = 'This Idempotency-Key was used with a different request';

export const expiredKeyDetail = (retentionMs: number, firstUsedAt?: number): string =>
  `This Idempotency-Key was first used ${firstUsedAt === undefined ? '' : `at ${new Date(firstUsedAt).toISOString()}, `}` +
  `more than ${Math.round(retentionMs / 3_600_000)} h ago: its answer is no longer kept, and running the request again ` +
  'could repeat what it did. Check whether it took effect, then send a new Idempotency-Key.';

/**
 * POST/PUT/PATCH with an Idempotency-Key, per subject, role and route: the first success is stored and replayed
 * (with its Location) for the same request, another request with the key is refused (422), one still running
 * gets 409, and a key past its retention 422 IDEMPOTENCY_KEY_EXPIRED.
 */
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly retentionMs: number,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const principal = request.hourbank?.principal;
    const key = KEYED_METHODS.has(request.method) ? keyOf(request) : undefined;
    if (key === undefined || !principal || !request.hourbank) return next.handle();
    const scope: IdempotencyScope = { subject: principal.sub, role: principal.role, route: `${request.method} ${request.originalUrl.split('?')[0]}`, key };
    request.hourbank.commandId = commandIdFromIdempotencyKey(scope);
    request.hourbank.replayWindowMs = this.retentionMs;
    const hash = requestHash(request.method, request.originalUrl, request.body);
    request.hourbank.requestHash = hash;
    const started = timePhaseAsync('idempotency', () => this.store.start(scope, hash));
    return from(started).pipe(mergeMap((start) => this.answer(start, scope, context, next)));
  }

  private answer(started: IdempotencyStart, scope: IdempotencyScope, context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<HttpResponse>();
    switch (started.kind) {
      case 'reused':
        throw new ProblemError(422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency key reused', REUSED_KEY_DETAIL);
      case 'in_flight':
        throw new ProblemError(409, 'IDEMPOTENCY_KEY_IN_FLIGHT', 'Request in progress', 'A request with this Idempotency-Key is still being processed');
      case 'expired':
        throw new ProblemError(422, 'IDEMPOTENCY_KEY_EXPIRED', 'Idempotency key expired', expiredKeyDetail(this.retentionMs, started.firstUsedAt));
      case 'replay':
        for (const [name, value] of Object.entries(started.headers)) response.setHeader(name, value);
        response.status(started.status).setHeader('Idempotent-Replayed', 'true');
        return of(started.body);
      case 'started': {
        const request = context.switchToHttp().getRequest<HttpRequest>();
        const status = successStatus(context, request.method);
        return next.handle().pipe(
          mergeMap(async (body) => {
            if (request.hourbank?.answeredFromEvents) response.setHeader('Idempotent-Replayed', 'true');
            await timePhaseAsync('idempotency', () => this.store.complete(scope, { status, body, headers: replayedHeaders(response) }));
            return body;
          }),
          tap({ error: () => void this.store.abandon(scope).catch(() => undefined) }),
        );
      }
    }
  }
}

const replayedHeaders = (response: HttpResponse): Record<string, string> =>
  Object.fromEntries(REPLAYED_HEADERS.flatMap((name) => {
    const value = response.getHeader(name);
    return value === undefined ? [] : [[name, String(value)]];
  }));

function successStatus(context: ExecutionContext, method: string): number {
  const declared = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined;
  return declared ?? (method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);
}
