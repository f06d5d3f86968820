import type { NewEvent, RecordedEvent } from '#kernel';

/** What the writer believes about the stream: any state, absent, present, or at an exact 0-based revision. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendResult {
  /** Revision of the last event now in the stream (the expected revision for the next append). */
  readonly nextExpectedRevision: number;
  /** Global position of the last event written (or, for an idempotent repeat, of the first write). */
  readonly position: number;
}

export interface ReadStreamOptions {
  /** Inclusive; defaults to 0 forwards and to the last revision backwards. */
  readonly fromRevision?: number;
  readonly direction?: 'forwards' | 'backwards';
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this global position. Omitted: from the very start. */
  readonly after?: number;
  /** At most this many events, counted after the filter. */
  readonly maxCount?: number;
  /**
   * Only the events that match: the store skips the others where it reads (SQLite: in the query), so a replay
   * of a projection that wants a few kinds of events does not decode the rest of the log.
   */
  readonly filter?: SubscriptionFilter;
}

/** Stream category is the part of the stream name before the first '-': `ticket-42` → `ticket`. */
export interface SubscriptionFilter {
  readonly streamCategories?: readonly string[];
  readonly eventTypes?: readonly string[];
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: deliver events strictly after it. Omitted: from the very start. */
  readonly after?: number;
  readonly filter?: SubscriptionFilter;
}

/**
 * A catch-up subscription: yields stored events in global order from the checkpoint, then goes live
 * without a gap or a duplicate at the switch. Iterate it; `close()` ends the iteration.
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface StoreStatus {
  readonly backend: 'sqlite' | 'postgres' | 'eventstoredb';
  readonly ok: boolean;
  readonly headPosition?: number;
  readonly detail?: string;
}

/** The one event store port: SQLite (embedded default), PostgreSQL and EventStoreDB implement it and pass one contract suite. */
export interface EventStore {
  append(stream: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  status(): Promise<StoreStatus>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol.for('hourbank.EventStore');

export const streamCategory = (stream: string): string => {
  const dash = stream.indexOf('-');
  return dash < 0 ? stream : stream.slice(0, dash);
};
