import { ErrorType, type MaxAppendSizeExceededError, type StreamNotFoundError, type WrongExpectedVersionError } from '@eventstore/db-client';
import { AppendTooLargeError, EventStoreUnavailableError, InvalidPositionError, WrongExpectedRevisionError } from '../errors.js';
import type { ExpectedRevision } from '../event-store.js';
import { fromEsdbCurrentRevision, fromEsdbExpectedRevision } from './conversions.js';

/** Recognised by `type`, not `instanceof`: two copies of the client in one tree would break `instanceof`. */
export function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionError {
  return hasType(error, ErrorType.WRONG_EXPECTED_VERSION);
}

export function isStreamNotFound(error: unknown): error is StreamNotFoundError {
  return hasType(error, ErrorType.STREAM_NOT_FOUND);
}

/** The node is a follower: the client has already switched to the leader it named, so the call can be sent again. */
export function isNotLeader(error: unknown): boolean {
  return hasType(error, ErrorType.NOT_LEADER);
}

/** The connection went (the client closes its channel on UNAVAILABLE anywhere, cancelling every call on it). */
export function isConnectionLost(error: unknown): boolean {
  return hasType(error, ErrorType.UNAVAILABLE) || hasType(error, ErrorType.CANCELLED);
}

/** What servers from 23.10 answer to a read or subscription from a position where no record starts. */
export function isInvalidPosition(error: unknown): boolean {
  return hasType(error, ErrorType.UNKNOWN) && /invalid position/i.test((error as Error).message);
}

const UNAVAILABLE = new Set<unknown>([ErrorType.UNAVAILABLE, ErrorType.DEADLINE_EXCEEDED, ErrorType.TIMEOUT, ErrorType.NOT_LEADER, ErrorType.CANCELLED]);

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

/** The client's errors as the port's: too large, unavailable (or too slow), invalid position; others unchanged. */
export function toPortError(error: unknown, context: { stream?: string; position?: number } = {}): unknown {
  if (hasType(error, ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED)) {
    return new AppendTooLargeError(context.stream ?? '', (error as MaxAppendSizeExceededError).maxAppendSize);
  }
  if (isInvalidPosition(error) && context.position !== undefined) return new InvalidPositionError(context.position);
  const type = (error as { type?: unknown } | null)?.type;
  if (UNAVAILABLE.has(type) || (error instanceof Error && /Failed to discover/.test(error.message))) {
    return new EventStoreUnavailableError(`EventStoreDB did not answer: ${(error as Error).message}`, error);
  }
  return error;
}

function hasType(error: unknown, type: ErrorType): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === type;
}
