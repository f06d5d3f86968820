import { HttpException } from '@nestjs/common';
import { isDomainError } from '#kernel';
import { AppendTooLargeError, DuplicateEventIdError, EventStoreUnavailableError, isWrongExpectedRevision } from '#eventstore';
import { ProblemError, problemType, type ProblemDetails } from './problem.js';

type ProblemCore = Omit<ProblemDetails, 'instance' | 'correlationId'>;

const HTTP_CODES: Readonly<Record<number, readonly [code: string, title: string]>> = {
  400: ['BAD_REQUEST', 'Bad request'],
  401: ['UNAUTHENTICATED', 'Authentication required'],
  403: ['FORBIDDEN', 'Not allowed'],
  404: ['NOT_FOUND', 'Not found'],
  405: ['METHOD_NOT_ALLOWED', 'Method not allowed'],
  409: ['CONFLICT', 'Conflict'],
  413: ['PAYLOAD_TOO_LARGE', 'Request body too large'],
  415: ['UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type'],
  429: ['TOO_MANY_REQUESTS', 'Too many requests'],
};

const problem = (status: number, code: string, title: string, detail?: string): ProblemCore => ({
  type: problemType(code),
  title,
  status,
  code,
  ...(detail !== undefined && { detail }),
});

function fromHttpException(error: HttpException): ProblemCore {
  const status = error.getStatus();
  const [code, title] = HTTP_CODES[status] ?? (status >= 500 ? ['INTERNAL_ERROR', 'Internal error'] : ['HTTP_ERROR', 'Request refused']);
  const response = error.getResponse();
  const message = typeof response === 'object' && response !== null && 'message' in response ? response.message : response;
  return problem(status, code, title, status >= 500 ? undefined : typeof message === 'string' ? message : title);
}

/** The single mapping from anything thrown to a problem; `unexpected` ones are logged and never leak their text. */
export function toProblem(error: unknown): { problem: ProblemCore; unexpected: boolean; headers?: Readonly<Record<string, string>> } {
  if (isDomainError(error)) {
    const status = error.code.endsWith('_NOT_FOUND') ? 404 : 422;
    const details = Object.keys(error.details).length > 0 ? { details: error.details } : {};
    return { problem: { ...problem(status, error.code, 'A business rule refused the request', error.message), ...details }, unexpected: false };
  }
  if (isWrongExpectedRevision(error)) {
    const detail = 'The resource was changed by another request at the same time; retry';
    return { problem: problem(409, 'CONCURRENT_MODIFICATION', 'Concurrent modification', detail), unexpected: false };
  }
  if (error instanceof DuplicateEventIdError) {
    const detail = 'The id of this command, derived from its Idempotency-Key, already wrote other events: send a new Idempotency-Key';
    return { problem: problem(422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency key reused', detail), unexpected: false };
  }
  if (error instanceof AppendTooLargeError) {
    const detail = `What the request would record is larger than the event store takes in one write (${error.maxBytes} bytes); send less`;
    return { problem: problem(413, error.code, 'Too large to record', detail), unexpected: false };
  }
  if (error instanceof EventStoreUnavailableError) {
    const detail = 'The event store did not answer in time; the change may or may not have been recorded: retry with the same Idempotency-Key';
    return { problem: problem(503, error.code, 'Event store unavailable', detail), unexpected: false };
  }
  if (error instanceof ProblemError) {
    const errors = error.errors ? { errors: error.errors } : {};
    const headers = error.headers ? { headers: error.headers } : {};
    const details = error.details ? { details: error.details } : {};
    return { problem: { ...problem(error.status, error.code, error.title, error.message), ...errors, ...details }, unexpected: false, ...headers };
  }
  if (error instanceof HttpException) {
    return { problem: fromHttpException(error), unexpected: error.getStatus() >= 500 };
  }
  return { problem: problem(500, 'INTERNAL_ERROR', 'Internal error', 'An unexpected error occurred'), unexpected: true };
}
