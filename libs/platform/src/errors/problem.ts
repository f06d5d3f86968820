export interface FieldError {
  readonly field: string;
  readonly messages: readonly string[];
}

/** RFC 9457 Problem Details, with the stable `code` clients switch on. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly code: string;
  readonly correlationId?: string;
  readonly errors?: readonly FieldError[];
  readonly details?: Readonly<Record<string, unknown>>;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const problemType = (code: string): string => `urn:hour-bank:problem:${code.toLowerCase().replaceAll('_', '-')}`;

/** An HTTP-level refusal raised by the platform itself (not a business rule): status and code are fixed. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail?: string,
    readonly errors?: readonly FieldError[],
    /** Response headers the refusal comes with (Retry-After, Allow…). */
    readonly headers?: Readonly<Record<string, string>>,
    /** Data the client can act on, sent as the problem's `details`. */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(detail ?? title);
    this.name = 'ProblemError';
  }
}

export class ValidationFailedError extends ProblemError {
  constructor(errors: readonly FieldError[]) {
    super(400, 'VALIDATION_FAILED', 'The request is not valid', 'One or more fields are invalid', errors);
  }
}

interface ProblemResponse {
  status(code: number): ProblemResponse;
  setHeader(name: string, value: string): unknown;
  end(body: string): unknown;
  headersSent?: boolean;
}

export function sendProblem(response: ProblemResponse, problem: ProblemDetails, headers: Readonly<Record<string, string>> = {}): void {
  if (response.headersSent) return;
  response.status(problem.status);
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
  if (problem.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
  response.end(JSON.stringify(problem));
}
