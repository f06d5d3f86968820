import { ErrorType, type StreamNotFoundError, type WrongExpectedVersionError } from '@eventstore/db-client';
import { WrongExpectedRevisionError } from '../errors.js';
import type { ExpectedRevision } from '../event-store.js';
import { fromEsdbCurrentRevision, fromEsdbExpectedRevision } from './conversions.js';

/** Recognised by `type`, not `instanceof`: two copies of the client in one tree would break `instanceof`. */
export function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionError {
  return hasType(error, ErrorType.WRONG_EXPECTED_VERSION);
}

export function isStreamNotFound(error: unknown): error is StreamNotFoundError {
  return hasType(error, ErrorType.STREAM_NOT_FOUND);
}

/**
 * The port's concurrency error. `expected` is what the caller asked for when known; the server's own
 * report is used otherwise (it may come back as a legacy negative sentinel).
 */
export function toWrongExpectedRevision(
  error: WrongExpectedVersionError,
  stream: string,
  expected?: ExpectedRevision,
): WrongExpectedRevisionError {
  return new WrongExpectedRevisionError(
    error.streamName || stream,
    expected ?? fromEsdbExpectedRevision(error.expectedVersion),
    fromEsdbCurrentRevision(error.actualVersion),
  );
}

function hasType(error: unknown, type: ErrorType): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === type;
}
