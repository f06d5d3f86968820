import type { ParkedEvent } from './parking.js';
import type { RateMeter } from './rate-meter.js';
import type { SubscriptionLoop } from './subscription-loop.js';

export type ConsumerState = 'catching-up' | 'live' | 'parked' | 'stopped' | 'rebuilding';

export interface RebuildProgress {
  /** The log position the replay has read up to (on SQLite, where positions are dense, the events read). */
  readonly done: number;
  /** The store's head position when last read (the event count on SQLite). */
  readonly total: number;
  /** Events handed to the projection: the store skips those outside its filter. */
  readonly applied: number;
  /** Events handed to the projection per second. */
  readonly eventsPerSecond: number;
  /** Seconds left: the time so far scaled by the share of the log's positions still to read; null before any. */
  readonly etaSeconds: number | null;
}

/** Plain data for `GET /admin/projections`. */
export interface ConsumerStatus {
  readonly name: string;
  readonly kind: 'projection' | 'reactor';
  readonly state: ConsumerState;
  /** Last global position consumed (checkpoint); null before the first event. */
  readonly position: number | null;
  readonly headPosition: number;
  /** Events in the log after the checkpoint, filtered or not, counted up to LAG_COUNT_LIMIT (then "at least"). */
  readonly lag: number;
  readonly eventsPerSecond: number;
  readonly lastError: { readonly message: string; readonly at: string } | null;
  readonly parked: ParkedEvent | null;
  /** Times the consumer subscribed again after a dropped subscription or a failed batch, since it started. */
  readonly resubscriptions: number;
  /** The store's caught-up signal for the consumer's subscription (null when it gives none, or not subscribed). */
  readonly caughtUp: boolean | null;
  readonly version?: number;
  readonly generation?: number;
  readonly rebuild?: RebuildProgress | null;
  /** On PostgreSQL: the worker whose claim runs it (absent when none does). */
  readonly holder?: string;
}

/** Live when the checkpoint has reached the head (the last record of the log, whatever it is). */
export const stateOf = (
  flags: { running: boolean; rebuilding?: boolean; parked: boolean },
  position: number | null,
  headPosition: number,
): ConsumerState => {
  if (flags.rebuilding) return 'rebuilding';
  if (flags.parked) return 'parked';
  if (!flags.running) return 'stopped';
  return (position ?? 0) >= headPosition ? 'live' : 'catching-up';
};

/** Lag is counted, never computed from positions: on EventStoreDB a position is a byte offset. */
export const LAG_COUNT_LIMIT = 10_000;

/** What every runner reports the same way: its rate, its last error, and how its subscription loop fares. */
export const runnerHealth = (meter: RateMeter, lastError: ConsumerStatus['lastError'], loop: SubscriptionLoop | undefined) => {
  const subscription = loop?.status();
  return {
    eventsPerSecond: meter.perSecond(),
    lastError,
    resubscriptions: subscription?.resubscriptions ?? 0,
    caughtUp: subscription?.caughtUp ?? null,
  };
};
