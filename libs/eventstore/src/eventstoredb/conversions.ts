import type { AppendExpectedRevision, CurrentRevision, Position, ReadPosition, ReadRevision } from '@eventstore/db-client';
import { ANY, NO_STREAM, START, STREAM_EXISTS } from '@eventstore/db-client';
import type { ExpectedRevision } from '../event-store.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The server's "no position": -1 sent as an unsigned 64-bit integer. */
export const NO_POSITION = 2n ** 64n - 1n;

/** The server's legacy sentinels, still sent in gRPC error metadata on old servers. */
const LEGACY_NO_STREAM = -1n;
const LEGACY_ANY = -2n;
const LEGACY_STREAM_EXISTS = -4n;

/** The port counts in JS numbers; a bigint beyond 2^53 - 1 would silently lose precision, so it is refused. */
export function toSafeNumber(value: bigint, what: string): number {
  if (value < 0n || value > MAX_SAFE) {
    throw new RangeError(`EventStoreDB ${what} ${value} is outside 0..Number.MAX_SAFE_INTEGER`);
  }
  return Number(value);
}

export function toBigInt(value: number, what: string): bigint {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative safe integer, got ${value}`);
  }
  return BigInt(value);
}

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return toBigInt(expected, 'Expected revision');
  }
}

export function fromEsdbExpectedRevision(expected: AppendExpectedRevision): ExpectedRevision {
  if (typeof expected !== 'bigint') return expected;
  if (expected === LEGACY_NO_STREAM) return 'no_stream';
  if (expected === LEGACY_ANY) return 'any';
  if (expected === LEGACY_STREAM_EXISTS) return 'stream_exists';
  return toSafeNumber(expected, 'expected revision');
}

export function fromEsdbCurrentRevision(current: CurrentRevision): number | 'no_stream' {
  if (current === NO_STREAM || current < 0n) return 'no_stream';
  return toSafeNumber(current, 'revision');
}

/**
 * A global position is the commit position. Events appended over gRPC are never part of an explicit
 * transaction, so each one's prepare position equals its commit position: {commit: p, prepare: p}
 * addresses exactly the event recorded at p.
 */
export function positionToNumber(position: Position): number {
  return toSafeNumber(position.commit, 'commit position');
}

export function numberToPosition(position: number): Position {
  const value = toBigInt(position, 'Global position');
  return { commit: value, prepare: value };
}

export function readPositionFrom(after: number | undefined): ReadPosition {
  return after === undefined ? START : numberToPosition(after);
}

export function readRevisionFrom(fromRevision: number | undefined, fallback: ReadRevision): ReadRevision {
  return fromRevision === undefined ? fallback : toBigInt(fromRevision, 'fromRevision');
}

/** Whether a stream whose last revision is `current` satisfies the writer's expectation. */
export function expectationMet(expected: ExpectedRevision, current: number | 'no_stream'): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === 'no_stream';
  if (expected === 'stream_exists') return current !== 'no_stream';
  return expected === current;
}
