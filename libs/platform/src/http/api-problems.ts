import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty() field!: string;
  @ApiProperty({ type: [String] }) messages!: string[];
}

/** RFC 9457 Problem Details as served with application/problem+json. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:hour-bank:problem:ticket-not-found' }) type!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: 'integer' }) status!: number;
  @ApiProperty({ description: 'Stable error code to switch on', example: 'TICKET_NOT_FOUND' }) code!: string;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional() instance?: string;
  @ApiPropertyOptional() correlationId?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
}

const DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'Invalid input (VALIDATION_FAILED with field errors, malformed JSON, bad Idempotency-Key); nothing is written',
  401: 'Missing, expired or invalid bearer token',
  403: 'The caller\'s role may not do this (an auditor changes nothing)',
  404: 'No such object, or it belongs to another client (same answer, on purpose)',
  409: 'Concurrent modification after retries, or the same Idempotency-Key still in flight',
  413: 'Request body too large',
  422: 'A business rule refused the command (code names the rule), or an Idempotency-Key reused with another body',
  429: 'Too many requests',
  503: 'Not ready or shutting down, or the event store does not answer (Retry-After)',
};

const documentProblems = (statuses: readonly number[]) =>
  applyDecorators(
    ApiExtraModels(ProblemDto),
    ...[...new Set(statuses)].map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Refused',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );

/** Documents the error responses of a route that needs a token (401, 429 and these); every one is application/problem+json. */
export const ApiProblems = (...statuses: number[]) => documentProblems([401, 429, ...statuses]);

/** The same for a public route: no 401, since it asks for no token. */
export const ApiPublicProblems = (...statuses: number[]) => documentProblems(statuses);

/** The errors every command route may answer besides its own. */
export const COMMAND_PROBLEMS = [400, 403, 404, 409, 413, 422] as const;

/** A JSON answer whose shape the route's code defines (an object; the description says what it holds). */
export const ApiJsonResponse = (status: number, description: string) =>
  ApiResponse({ status, description, content: { 'application/json': { schema: { type: 'object', additionalProperties: true } } } });
