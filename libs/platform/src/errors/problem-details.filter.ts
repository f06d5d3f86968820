import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Logger } from 'pino';
import type { HttpRequest, HttpResponse } from '../http/http-types.js';
import { currentRequestContext } from '../context/request-context.js';
import { sendProblem } from './problem.js';
import { toProblem } from './to-problem.js';

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const { problem, unexpected, headers } = toProblem(error);
    const correlationId = currentRequestContext()?.correlationId;
    if (unexpected) {
      this.logger.error({ err: error, correlationId, method: request.method, url: request.originalUrl }, 'Unexpected error');
    }
    sendProblem(http.getResponse<HttpResponse>(), {
      ...problem,
      instance: request.originalUrl,
      ...(correlationId !== undefined && { correlationId }),
    }, headers);
  }
}
