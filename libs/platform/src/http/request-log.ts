import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { HttpRequest, HttpResponse } from './http-types.js';

/**
 * One pino line per request (pino-http): correlation id, subject, method, url, status, response time. The request
 * is logged without its headers, so no token or cookie reaches the log; 5xx answers are logged as errors.
 */
export const requestLogMiddleware = (logger: Logger) =>
  pinoHttp<HttpRequest, HttpResponse>({
    logger: logger.child({ component: 'http' }),
    customProps: (request) => ({
      ...(request.hourbank && { correlationId: request.hourbank.correlationId }),
      ...(request.hourbank?.principal && { sub: request.hourbank.principal.sub }),
    }),
    customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : 'info'),
    serializers: {
      req: (request: { method: string; url: string; raw?: HttpRequest }) => ({ method: request.method, url: request.raw?.originalUrl ?? request.url }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
    quietReqLogger: true,
  });
