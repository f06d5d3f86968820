import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors.js';
import type { AppendResult, ExpectedRevision } from '../event-store.js';
import type { EncodedEvent } from './append.js';

/** What the event loop's thread sends the writer thread. */
export type WriterRequest =
  | { readonly kind: 'append'; readonly id: number; readonly stream: string; readonly events: readonly EncodedEvent[]; readonly expected: ExpectedRevision }
  | { readonly kind: 'close' };

export type SerializedError =
  | { readonly kind: 'wrong-expected-revision'; readonly stream: string; readonly expected: ExpectedRevision; readonly actual: number | 'no_stream' }
  | { readonly kind: 'duplicate-event-id'; readonly stream: string; readonly eventIds: readonly string[] }
  | { readonly kind: 'error'; readonly name: string; readonly message: string; readonly code?: string };

/** The writer thread's answer to one append, sent once its batch's COMMIT has returned (or failed). */
export type WriterReply =
  | { readonly id: number; readonly ok: true; readonly result: AppendResult; readonly commitMs: number; readonly appends: number; readonly insertedFrom?: number }
  | { readonly id: number; readonly ok: false; readonly error: SerializedError };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof WrongExpectedRevisionError) return { kind: 'wrong-expected-revision', stream: error.stream, expected: error.expected, actual: error.actual };
  if (error instanceof DuplicateEventIdError) return { kind: 'duplicate-event-id', stream: error.stream, eventIds: error.eventIds };
  const e = error as { name?: string; message?: string; code?: unknown };
  return { kind: 'error', name: e.name ?? 'Error', message: e.message ?? String(error), ...(typeof e.code === 'string' && { code: e.code }) };
}

export function deserializeError(error: SerializedError): Error {
  if (error.kind === 'wrong-expected-revision') return new WrongExpectedRevisionError(error.stream, error.expected, error.actual);
  if (error.kind === 'duplicate-event-id') return new DuplicateEventIdError(error.stream, error.eventIds);
  return Object.assign(new Error(error.message), { name: error.name, ...(error.code !== undefined && { code: error.code }) });
}
