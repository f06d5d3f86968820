export const IDEMPOTENCY_STORE = Symbol.for('hourbank.IdempotencyStore');

/** Whose key it is and where it was sent: the same key of one subject is another key under another role or route. */
export interface IdempotencyScope {
  readonly subject: string;
  readonly role: string;
  /** Method and path without the query (`POST /tickets/t-1/time-entries`). */
  readonly route: string;
  readonly key: string;
}

/** What a replay answers: the status, the body and the headers that name what was created. */
export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

export type IdempotencyStart =
  | { readonly kind: 'started' }
  | ({ readonly kind: 'replay' } & StoredResponse)
  | { readonly kind: 'reused' }
  | { readonly kind: 'in_flight' }
  | { readonly kind: 'expired'; readonly firstUsedAt: number };

/**
 * Where keyed requests are remembered (SQLite embedded; a server deployment may keep them elsewhere). `start`
 * claims a key atomically: a second claim while the first runs is `in_flight`; an in-flight claim older than the
 * lease (a crashed request) may be taken over; a key is answered `expired` once its retention has passed.
 */
export interface IdempotencyStore {
  start(scope: IdempotencyScope, requestHash: string): Promise<IdempotencyStart>;
  complete(scope: IdempotencyScope, response: StoredResponse): Promise<void>;
  /** The request failed: free the key so a retry runs again (commands stay safe through their command id). */
  abandon(scope: IdempotencyScope): Promise<void>;
  close(): Promise<void>;
}

export interface IdempotencyTimings {
  /** How long an unfinished claim blocks the key (a crashed request's claim is taken over after it). */
  readonly leaseMs: number;
  /** How long a finished key is answered by replay; after it the key is answered `expired`. */
  readonly retentionMs: number;
  readonly nowMs: () => number;
}

export const DEFAULT_IDEMPOTENCY_TIMINGS: IdempotencyTimings = { leaseMs: 60_000, retentionMs: 7 * 24 * 3_600_000, nowMs: Date.now };
