import type { Logger } from 'pino';
import { isValidCorrelationId, newRequestContext, runInRequestContext } from '../context/request-context.js';
import { problemType, sendProblem } from '../errors/problem.js';
import type { HttpRequest, HttpResponse } from './http-types.js';

type Next = (error?: unknown) => void;

const header = (request: HttpRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** First in the chain: correlation id (echoed), causation id, the context object and the request log line. */
export const requestContextMiddleware = (logger: Logger) => (request: HttpRequest, response: HttpResponse, next: Next) => {
  const started = process.hrtime.bigint();
  const given = { correlationId: header(request, 'x-correlation-id'), causationId: header(request, 'x-causation-id') };
  const invalid = Object.entries(given).find(([, value]) => value !== undefined && !isValidCorrelationId(value));
  const context = newRequestContext(invalid ? undefined : given.correlationId, invalid ? undefined : given.causationId);
  request.hourbank = context;
  response.setHeader('X-Correlation-Id', context.correlationId);
  response.on('finish', () => {
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    const { method, originalUrl: url } = request;
    logger.info({ correlationId: context.correlationId, sub: context.principal?.sub, method, url, status: response.statusCode, durationMs }, 'request');
  });
  if (!invalid) return next();
  const code = 'INVALID_CORRELATION_HEADER';
  const detail = `${invalid[0] === 'correlationId' ? 'X-Correlation-Id' : 'X-Causation-Id'} must be 1 to 100 characters of [A-Za-z0-9._:@/+=-]`;
  sendProblem(response, { type: problemType(code), title: 'Bad request', status: 400, code, detail, instance: request.originalUrl, correlationId: context.correlationId });
};

/** After body parsing: later handlers (guards, interceptors, the pipeline) see the context through AsyncLocalStorage. */
export const asyncContextMiddleware = (request: HttpRequest, _response: HttpResponse, next: Next) => {
  if (!request.hourbank) return next();
  runInRequestContext(request.hourbank, next);
};
