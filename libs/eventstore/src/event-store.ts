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

/** Where a subscription stands beyond the events it has yielded. */
export interface SubscriptionProgress {
  /**
   * Position of the last record the store read past without yielding it, since the last event it yielded (a
   * record the port never shows, such as EventStoreDB's system records, or one the filter left out). A consumer
   * that has handled every event yielded so far may store it as its checkpoint.
   */
  readonly passed?: number;
  /**
   * True once the store said the history is delivered and the subscription follows the live end of the log; false
   * while catching up or after falling behind; absent when the store cannot say.
   */
  readonly caughtUp?: boolean;
}

/**
 * A catch-up subscription: yields stored events in global order from the checkpoint, then goes live
 * without a gap or a duplicate at the switch. Iterate it; `close()` ends the iteration. A lost connection
 * ends the iteration with an error: consumers resubscribe from their checkpoint (libs/projections).
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
  /** Stores whose log holds records the port never shows must report them here, or checkpoints cannot reach the head. */
  progress?(): SubscriptionProgress;
}

export interface StoreStatus {
  readonly backend: 'sqlite' | 'postgres' | 'eventstoredb';
  readonly ok: boolean;
  /** Position of the last record of the log, whatever it is (EventStoreDB: system records included). */
  readonly headPosition?: number;
  readonly detail?: string;
}

/** The one event store port: SQLite (embedded default), PostgreSQL and EventStoreDB implement it and pass one contract suite. */
export interface EventStore {
  append(stream: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /**
   * Whether a record of the log is at `position`: the only positions a reader may resume after. On SQLite a
   * position is a row number; on EventStoreDB a byte offset, where position + 1 is inside a record.
   */
  isPosition(position: number): Promise<boolean>;
  /** Cheap: one read of the last record at most. */
  status(): Promise<StoreStatus>;
  close(): Promise<void>;
  /**
   * True when a filtered subscription reports (`progress().passed`) every position its filter leaves out, so a
   * consumer may subscribe with its filter and its checkpoint still reaches the head. Consumers of the other stores
   * subscribe to everything and filter themselves (EventStoreDB filters on the server, which reports no such position).
   */
  readonly reportsFilteredPositions?: boolean;
}

export const EVENT_STORE = Symbol.for('hourbank.EventStore');

export const streamCategory = (stream: string): string => {
  const dash = stream.indexOf('-');
  return dash < 0 ? stream : stream.slice(0, dash);
};
