import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ProblemError, isInstant } from '#platform';
import { ID_PATTERN } from './limits.js';

/**
 * A keyset cursor: the sort key of a page's last item (and whatever else the walk must keep, such as the instant it
 * is computed at), as base64url JSON, opaque to clients.
 */
export const encodeCursor = (values: readonly unknown[]): string => Buffer.from(JSON.stringify(values)).toString('base64url');

const INSTANT_TEXT = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/;

/** Readers of a cursor's values: each refuses what is not what the list put there. */
export const cursorValue = {
  instant: (value: unknown): value is string => typeof value === 'string' && INSTANT_TEXT.test(value) && isInstant(value),
  id: (value: unknown): value is string => typeof value === 'string' && ID_PATTERN.test(value),
  oneOf: <T extends string>(values: readonly T[]) => (value: unknown): value is T => typeof value === 'string' && (values as readonly string[]).includes(value),
};

/** The values of a cursor this list made, or 400 `INVALID_CURSOR` when `read` does not recognise them. */
export const decodeCursor = <T>(cursor: string, read: (values: readonly unknown[]) => T | undefined): T => {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const decoded = Array.isArray(value) ? read(value) : undefined;
  if (decoded !== undefined) return decoded;
  throw new ProblemError(400, 'INVALID_CURSOR', 'The list cursor is not valid', `after must be the next of an earlier page of this list, passed back unchanged, got "${cursor.slice(0, 120)}"`);
};

/** A page is asked for by offset (`page`) or after a cursor (`after`), never both. */
export const refuseOffsetWithCursor = (page: number | undefined, after: string | undefined): void => {
  if (page !== undefined && after !== undefined) {
    throw new ProblemError(400, 'INVALID_CURSOR', 'A page is asked for by offset or by cursor, not both', 'pass either page or after');
  }
};

/** The `after` query parameter of a list paged by keyset. */
export const AfterCursor = (description: string): PropertyDecorator => applyDecorators(
  ApiPropertyOptional({ description: `Keyset pagination: the \`next\` of the page before, passed back unchanged (not with \`page\`). ${description}`, maxLength: 200 }),
  IsOptional(), IsString(), MaxLength(200), Matches(/^[A-Za-z0-9_-]+$/, { message: 'after must be the next of an earlier page, passed back unchanged' }),
);
