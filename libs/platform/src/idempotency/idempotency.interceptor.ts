import { HttpStatus, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { from, mergeMap, of, tap, type Observable } from 'rxjs';
import { ProblemError } from '../errors/problem.js';
import type { HttpRequest, HttpResponse } from '../http/http-types.js';
import type { IdempotencyRecords, IdempotencyStart } from './idempotency-store.js';
import { commandIdFromIdempotencyKey, requestHash } from './request-hash.js';

const KEYED_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

const keyOf = (request: HttpRequest): string | undefined => {
  const value = request.headers['idempotency-key'];
  const key = Array.isArray(value) ? value[0] : value;
  if (key === undefined || KEY_PATTERN.test(key)) return key;
  throw new ProblemError(400, 'INVALID_IDEMPOTENCY_KEY', 'Bad request', 'Idempotency-Key must be 1 to 255 visible ASCII characters');
};

/**
 * POST/PUT/PATCH with an Idempotency-Key: the first success is stored and replayed for the same body,
 * a different body is refused (422), a request still running with that key gets 409.
 */
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly store: IdempotencyRecords) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const principal = request.hourbank?.principal;
    const key = KEYED_METHODS.has(request.method) ? keyOf(request) : undefined;
    if (key === undefined || !principal || !request.hourbank) return next.handle();
    request.hourbank.commandId = commandIdFromIdempotencyKey(principal.sub, key);
    const hash = requestHash(request.method, request.originalUrl, request.body);
    return from(Promise.resolve(this.store.start(principal.sub, key, hash))).pipe(mergeMap((started) => this.answer(context, next, started, principal.sub, key)));
  }

  private answer(context: ExecutionContext, next: CallHandler, started: IdempotencyStart, subject: string, key: string): Observable<unknown> {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    if (started.kind === 'reused') {
      throw new ProblemError(422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency key reused', 'This Idempotency-Key was used with a different request');
    }
    if (started.kind === 'in_flight') {
      throw new ProblemError(409, 'IDEMPOTENCY_KEY_IN_FLIGHT', 'Request in progress', 'A request with this Idempotency-Key is still being processed');
    }
    const response = context.switchToHttp().getResponse<HttpResponse>();
    if (started.kind === 'replay') {
      response.status(started.status).setHeader('Idempotent-Replayed', 'true');
      return of(started.body);
    }
    const status = successStatus(context, request.method);
    return next.handle().pipe(
      mergeMap((body) => from(Promise.resolve(this.store.complete(subject, key, status, body)).then(() => body))),
      tap({ error: () => void Promise.resolve(this.store.abandon(subject, key)).catch(() => undefined) }),
    );
  }
}

function successStatus(context: ExecutionContext, method: string): number {
  const declared = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined;
  return declared ?? (method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);
}
