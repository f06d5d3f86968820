import type { ExpectedRevision } from './event-store.js';

/** The stream was not where the writer expected it: reload, decide again, retry. */
export class WrongExpectedRevisionError extends Error {
  readonly code = 'WRONG_EXPECTED_REVISION';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's last revision, or 'no_stream' when it does not exist. */
    readonly actual: number | 'no_stream',
  ) {
    super(`Stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export const isWrongExpectedRevision = (error: unknown): error is WrongExpectedRevisionError =>
  error instanceof WrongExpectedRevisionError;

/** A stored event type no codec maps to a domain event (nor upcasts to one). */
export class UnknownEventTypeError extends Error {
  readonly code = 'UNKNOWN_EVENT_TYPE';
  constructor(readonly eventType: string) {
    super(`Unknown event type ${eventType}`);
    this.name = 'UnknownEventTypeError';
  }
}

/** Event ids of an append were already written somewhere other than where this append would put them. */
export class DuplicateEventIdError extends Error {
  readonly code = 'DUPLICATE_EVENT_ID';
  constructor(
    readonly stream: string,
    readonly eventIds: readonly string[],
  ) {
    super(`Stream ${stream}: event ids already written elsewhere: ${eventIds.join(', ')}`);
    this.name = 'DuplicateEventIdError';
  }
}

/** The events of one append are larger than the store accepts in one write (EventStoreDB: 1 MiB by default). */
export class AppendTooLargeError extends Error {
  readonly code = 'EVENTS_TOO_LARGE';
  constructor(
    readonly stream: string,
    readonly maxBytes: number,
  ) {
    super(`Stream ${stream}: the events are larger than the store's limit of ${maxBytes} bytes for one append`);
    this.name = 'AppendTooLargeError';
  }
}

/**
 * The store did not answer (unreachable, no leader, or slower than the deadline). For an append it is not known
 * whether the events were written: retrying the same command (same event ids, same expected revision) is safe.
 */
export class EventStoreUnavailableError extends Error {
  readonly code = 'EVENT_STORE_UNAVAILABLE';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'EventStoreUnavailableError';
  }
}

/** A read or a subscription was asked to start at a position where the log has no record. */
export class InvalidPositionError extends Error {
  readonly code = 'INVALID_POSITION';
  constructor(readonly position: number) {
    super(`No record of the log starts at position ${position}`);
    this.name = 'InvalidPositionError';
  }
}

/**
 * A recorded event whose payload cannot be read as Hour Bank writes it (not JSON). It is thrown when the event's
 * data or metadata is read, so the one consumer that needs it fails on that event and parks it.
 */
export class UndecodableEventError extends Error {
  readonly code = 'UNDECODABLE_EVENT';
  constructor(
    readonly eventId: string,
    readonly stream: string,
    readonly reason: string,
  ) {
    super(`Event ${eventId} in ${stream} cannot be decoded: ${reason}`);
    this.name = 'UndecodableEventError';
  }
}
