import type { ParkedEvent } from './parking.js';

export type ConsumerState = 'catching-up' | 'live' | 'parked' | 'stopped' | 'rebuilding';

export interface RebuildProgress {
  /** The log position the replay has read up to (on SQLite, where positions are dense, the events read). */
  readonly done: number;
  /** The store's head position when last read (the event count on SQLite). */
  readonly total: number;
  /** Events handed to the projection: the store skips those outside its filter. */
  readonly applied: number;
  /** Log positions read per second (events of the log per second on SQLite). */
  readonly eventsPerSecond: number;
  /** Seconds left at the current rate; null before a rate is known. */
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
  /** Events in the log after the checkpoint, filtered or not. */
  readonly lag: number;
  readonly eventsPerSecond: number;
  readonly lastError: { readonly message: string; readonly at: string } | null;
  readonly parked: ParkedEvent | null;
  readonly version?: number;
  readonly generation?: number;
  readonly rebuild?: RebuildProgress | null;
  /** On PostgreSQL: the worker whose claim runs it (absent when none does). */
  readonly holder?: string;
}

export const stateOf = (
  flags: { running: boolean; rebuilding?: boolean; parked: boolean },
  lag: number,
): ConsumerState => {
  if (flags.rebuilding) return 'rebuilding';
  if (flags.parked) return 'parked';
  if (!flags.running) return 'stopped';
  return lag > 0 ? 'catching-up' : 'live';
};

export const lagOf = (head: number, position: number | null): number => Math.max(0, head - (position ?? 0));
