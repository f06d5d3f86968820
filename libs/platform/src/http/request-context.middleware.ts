import { isValidCorrelationId, newRequestContext, runInRequestContext } from '../context/request-context.js';
import { ProblemError } from '../errors/problem.js';
import type { HttpRequest, HttpResponse } from './http-types.js';

type Next = (error?: unknown) => void;

const header = (request: HttpRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** First in the chain: correlation id (echoed) and causation id into the context object; bad ones are refused later. */
export const requestContextMiddleware = (request: HttpRequest, response: HttpResponse, next: Next) => {
  const given = { correlationId: header(request, 'x-correlation-id'), causationId: header(request, 'x-causation-id') };
  const invalid = Object.entries(given).find(([, value]) => value !== undefined && !isValidCorrelationId(value));
  request.hourbank = newRequestContext(invalid ? undefined : given.correlationId, invalid ? undefined : given.causationId);
  response.setHeader('X-Correlation-Id', request.hourbank.correlationId);
  if (invalid) invalidHeaders.set(request, invalid[0] === 'correlationId' ? 'X-Correlation-Id' : 'X-Causation-Id');
  next();
};

const invalidHeaders = new WeakMap<HttpRequest, string>();

/** After the request log and the security headers are in place: a bad correlation or causation header is a 400. */
export const correlationHeaderGuard = (request: HttpRequest, _response: HttpResponse, next: Next) => {
  const name = invalidHeaders.get(request);
  if (!name) return next();
  next(new ProblemError(400, 'INVALID_CORRELATION_HEADER', 'Bad request', `${name} must be 1 to 100 characters of [A-Za-z0-9._:@/+=-]`));
};

/** After body parsing: later handlers (guards, interceptors, the pipeline) see the context through AsyncLocalStorage. */
export const asyncContextMiddleware = (request: HttpRequest, _response: HttpResponse, next: Next) => {
  if (!request.hourbank) return next();
  runInRequestContext(request.hourbank, next);
};
