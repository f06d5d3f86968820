import type { EventStore } from '#eventstore';

/** Where one command id's events landed in a stream (they are appended together, at consecutive revisions). */
export interface CommandSpan {
  readonly firstRevision: number;
  readonly revision: number;
  readonly position: number;
  readonly occurredAt: string;
  /** The hash of the keyed request that wrote them (absent for a command without an Idempotency-Key). */
  readonly requestHash?: string;
}

/** A folded stream as a load left it: the state after `revision`, and which command ids wrote the events folded. */
export interface CachedStream<State> {
  readonly state: State;
  readonly revision: number;
  readonly position: number;
  /** Events folded into `state` (the cache's measure of size). */
  readonly folded: number;
  readonly commands: Map<string, CommandSpan>;
}

/** How many folded events the cache of one store may hold in all (a long stream counts for its length). */
export const STREAM_CACHE_EVENTS = 200_000;

/**
 * A bounded, least-recently-used cache of folded streams, one per event store. It is only ever a starting point:
 * a load still reads the stream from the cached revision on, so appends by other processes are folded in, and the
 * store's exact-revision append still refuses a decision taken on a stale state. States are never changed after
 * they are cached (a fold copies what it has not made itself, see `Draft`).
 */
export class StreamStateCache {
  private readonly entries = new Map<string, { decider: object; cached: CachedStream<unknown> }>();
  private size = 0;

  constructor(private readonly maxEvents = STREAM_CACHE_EVENTS) {}

  get<State>(stream: string, decider: object): CachedStream<State> | undefined {
    const entry = this.entries.get(stream);
    if (!entry || entry.decider !== decider) return undefined;
    this.entries.delete(stream);
    this.entries.set(stream, entry);
    return entry.cached as CachedStream<State>;
  }

  set<State>(stream: string, decider: object, cached: CachedStream<State>): void {
    this.forget(stream);
    if (cached.folded > this.maxEvents) return;
    this.entries.set(stream, { decider, cached });
    this.size += cached.folded;
    for (const [oldest] of this.entries) {
      if (this.size <= this.maxEvents) break;
      this.forget(oldest);
    }
  }

  private forget(stream: string): void {
    const entry = this.entries.get(stream);
    if (!entry) return;
    this.entries.delete(stream);
    this.size -= entry.cached.folded;
  }
}

const caches = new WeakMap<EventStore, StreamStateCache>();

/** The cache of one event store (a store opened anew, even on the same file, starts empty). */
export function streamStateCache(store: EventStore): StreamStateCache {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new StreamStateCache()));
  return cache;
}
