import { problemType, sendProblem } from '../errors/problem.js';
import type { HttpRequest, HttpResponse } from './http-types.js';

type Next = (error?: unknown) => void;

interface BodyParserError {
  readonly type?: string;
  readonly status?: number;
}

const REFUSALS: Readonly<Record<string, readonly [status: number, code: string, title: string]>> = {
  'entity.parse.failed': [400, 'MALFORMED_JSON', 'The body is not valid JSON'],
  'entity.too.large': [413, 'PAYLOAD_TOO_LARGE', 'Request body too large'],
  'encoding.unsupported': [415, 'UNSUPPORTED_ENCODING', 'Unsupported content encoding'],
  'charset.unsupported': [415, 'UNSUPPORTED_CHARSET', 'Unsupported charset'],
};

/**
 * Express error middleware placed right after the JSON body parser: its failures never reach Nest's
 * exception filters, so they are answered here as Problem Details.
 */
export const bodyParserErrorMiddleware =
  (limitBytes: number) => (error: unknown, request: HttpRequest, response: HttpResponse, next: Next) => {
    const failure = error as BodyParserError;
    const refusal = REFUSALS[failure.type ?? ''];
    if (!refusal && !(typeof failure.status === 'number' && failure.status < 500)) return next(error);
    const [status, code, title] = refusal ?? [failure.status ?? 400, 'BAD_REQUEST', 'Bad request'];
    const detail = code === 'PAYLOAD_TOO_LARGE' ? `The body must not exceed ${limitBytes} bytes` : title;
    const correlationId = request.hourbank?.correlationId;
    sendProblem(response, {
      type: problemType(code),
      title,
      status,
      code,
      detail,
      instance: request.originalUrl,
      ...(correlationId && { correlationId }),
    });
  };
