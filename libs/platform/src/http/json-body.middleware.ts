import type { Logger } from 'pino';
import { ProblemError, ValidationFailedError, problemType, sendProblem } from '../errors/problem.js';
import { toProblem } from '../errors/to-problem.js';
import type { HttpRequest, HttpResponse } from './http-types.js';
import { jsonDepthExceeds } from './json-depth.js';
import { isRawBodyRequest } from './raw-body.middleware.js';

type Next = (error?: unknown) => void;

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;
/**
 * Keys the transformation drops or shadows without a word (`__proto__`, `constructor`, `prototype`, and every member
 * of Object.prototype such as `valueOf` or `toString`), so the whitelist never sees them: refused like any unknown field.
 */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype', ...Object.getOwnPropertyNames(Object.prototype)]);

/** A refusal raised inside the body parser, which rewrites the status of whatever error it is given. */
class BodyRefusal extends Error {
  constructor(readonly problem: ProblemError) {
    super(problem.message);
  }
}

const hasBody = (request: HttpRequest) =>
  request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;

const mediaType = (request: HttpRequest) => (request.headers['content-type'] ?? '').split(';')[0]!.trim();

/** Before parsing: a body must be JSON, in UTF-8 (RFC 8259), on a method that takes one. */
export const mediaTypeGuard = (request: HttpRequest, _response: HttpResponse, next: Next) => {
  if (!BODY_METHODS.has(request.method) || !hasBody(request) || isRawBodyRequest(request)) return next();
  if (!JSON_TYPE.test(mediaType(request))) {
    return next(new ProblemError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Request bodies are application/json'));
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1];
  if (charset !== undefined && charset.toLowerCase() !== 'utf-8') {
    return next(new ProblemError(415, 'UNSUPPORTED_CHARSET', 'Unsupported charset', `JSON bodies are UTF-8, not ${charset}`));
  }
  next();
};

function reservedKeyPath(value: unknown, path: string): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (RESERVED_KEYS.has(key)) return at;
    const found = reservedKeyPath(child, at);
    if (found) return found;
  }
  return undefined;
}

/** After parsing (depth already bounded): the body is one object without reserved keys. */
export const bodyShapeGuard = (request: HttpRequest, _response: HttpResponse, next: Next) => {
  if (request.body === undefined || !hasBody(request) || isRawBodyRequest(request)) return next();
  if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) {
    return next(new ProblemError(400, 'BODY_MUST_BE_AN_OBJECT', 'The body must be a JSON object', 'Send one JSON object ({ ... })'));
  }
  const reserved = reservedKeyPath(request.body, '');
  if (!reserved) return next();
  const key = reserved.split('.').at(-1)!;
  next(new ValidationFailedError([{ field: reserved, messages: [`property ${key} should not exist`] }]));
};

/** The JSON parser's options: bounded in size, and in depth before it parses (so nothing downstream can recurse on it). */
export const jsonParserOptions = (limitBytes: number, maxDepth: number) => ({
  limit: limitBytes,
  strict: true,
  type: (request: unknown) => JSON_TYPE.test(mediaType(request as HttpRequest)),
  verify: (_request: unknown, _response: unknown, buffer: Buffer) => {
    if (jsonDepthExceeds(buffer, maxDepth)) {
      throw new BodyRefusal(new ProblemError(400, 'BODY_TOO_DEEP', 'The body is nested too deeply', `Arrays and objects may nest at most ${maxDepth} levels`));
    }
  },
});

interface BodyParserError {
  readonly type?: string;
  readonly status?: number;
}

const PARSER_REFUSALS: Readonly<Record<string, readonly [status: number, code: string, title: string]>> = {
  'entity.parse.failed': [400, 'MALFORMED_JSON', 'The body is not valid JSON'],
  'entity.too.large': [413, 'PAYLOAD_TOO_LARGE', 'Request body too large'],
  'request.size.invalid': [400, 'MALFORMED_REQUEST', 'The body does not match its Content-Length'],
  'request.aborted': [400, 'MALFORMED_REQUEST', 'The request was aborted'],
  'encoding.unsupported': [415, 'UNSUPPORTED_ENCODING', 'Unsupported content encoding'],
  'charset.unsupported': [415, 'UNSUPPORTED_CHARSET', 'Unsupported charset'],
};

function parserProblem(error: unknown, limitBytes: number): ProblemError | undefined {
  if (error instanceof ProblemError) return error;
  if (error instanceof BodyRefusal) return error.problem;
  const failure = error as BodyParserError;
  const refusal = PARSER_REFUSALS[failure.type ?? ''];
  if (!refusal) return undefined;
  const [status, code, title] = refusal;
  return new ProblemError(status, code, title, code === 'PAYLOAD_TOO_LARGE' ? `The body must not exceed ${limitBytes} bytes` : title);
}

/**
 * Express error middleware after the body middlewares: their failures never reach Nest's exception filters, so
 * they are answered here as Problem Details; anything else that fails at this level too (a 500, logged).
 */
export const bodyErrorMiddleware =
  (limitBytes: number, logger: Logger) => (error: unknown, request: HttpRequest, response: HttpResponse, _next: Next) => {
    const known = parserProblem(error, limitBytes);
    const { problem, unexpected, headers } = toProblem(known ?? error);
    if (unexpected) logger.error({ err: error, method: request.method, url: request.originalUrl }, 'Unexpected error before routing');
    const correlationId = request.hourbank?.correlationId;
    sendProblem(response, { ...problem, type: problemType(problem.code), instance: request.originalUrl, ...(correlationId && { correlationId }) }, headers);
  };
