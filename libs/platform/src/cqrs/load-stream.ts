import { type DomainEvent, type Decider, Draft } from '#kernel';
import type { EventCodec, EventStore } from '#eventstore';
import type { SnapshotSource } from './snapshots.js';
import { streamStateCache, type CommandSpan } from './stream-state-cache.js';

export type StreamCodec = Pick<EventCodec, 'encode' | 'decode'>;

export interface LoadedStream<Event extends DomainEvent, State> {
  readonly state: State;
  /** Last revision read; -1 when the stream does not exist. */
  readonly revision: number;
  readonly position: number;
  /** Events this command id already wrote here (a retried command), with where the last one landed and when. */
  readonly earlier?: {
    readonly events: Event[];
    readonly revision: number;
    readonly position: number;
    readonly occurredAt: string;
    /** The hash of the keyed request that wrote them, when one did. */
    readonly requestHash?: string;
  };
}

/**
 * The stream's current state: from the store's cache of folded streams (or the snapshot, when it is further on; or the start),
 * then every event after it, read from the store. A command id that already wrote here is recognised whether its
 * events were folded now or before (the cache keeps where each command id's events landed).
 */
export async function loadStream<Event extends DomainEvent, State>(
  store: EventStore,
  stream: string,
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  codec: StreamCodec,
  commandId: string,
  snapshots?: SnapshotSource<State>,
): Promise<LoadedStream<Event, State>> {
  const cache = streamStateCache(store);
  const snapshot = await snapshots?.load(stream);
  const remembered = cache.get<State>(stream, decider);
  const cached = remembered && (!snapshot || remembered.revision > snapshot.revision) ? remembered : undefined;
  const start = cached ?? snapshot;
  let state = start?.state ?? decider.initialState();
  let revision = start?.revision ?? -1;
  let position = start?.position ?? -1;
  let folded = cached?.folded ?? 0;
  // Facts about the stream, true whatever state they sit beside: shared with the cached entry, only ever added to.
  const commands = cached?.commands ?? new Map<string, CommandSpan>();
  const draft = new Draft();
  for await (const recorded of store.readStream(stream, { fromRevision: revision + 1 })) {
    state = decider.evolve(state, codec.decode<Event>(recorded), draft);
    ({ revision, position } = recorded);
    folded += 1;
    const id = recorded.metadata.commandId;
    if (id === undefined || id === '') continue;
    const span = commands.get(id);
    const requestHash = span?.requestHash ?? recorded.metadata.requestHash;
    commands.set(id, {
      firstRevision: span?.firstRevision ?? revision, revision, position, occurredAt: span?.occurredAt ?? recorded.metadata.occurredAt,
      ...(typeof requestHash === 'string' && { requestHash }),
    });
  }
  if (revision >= 0) cache.set(stream, decider, { state, revision, position, folded, commands });
  const span = commandId === '' ? undefined : commands.get(commandId);
  if (!span || span.revision > revision) return { state, revision, position };
  const events = await eventsOf<Event>(store, stream, codec, commandId, span);
  const earlier = { events, revision: span.revision, position: span.position, occurredAt: span.occurredAt };
  return { state, revision, position, earlier: span.requestHash === undefined ? earlier : { ...earlier, requestHash: span.requestHash } };
}

/** The events one command id wrote (a retry: rare, so they are read again rather than kept). */
async function eventsOf<Event extends DomainEvent>(store: EventStore, stream: string, codec: StreamCodec, commandId: string, span: CommandSpan): Promise<Event[]> {
  const events: Event[] = [];
  for await (const recorded of store.readStream(stream, { fromRevision: span.firstRevision, maxCount: span.revision - span.firstRevision + 1 })) {
    if (recorded.metadata.commandId === commandId) events.push(codec.decode<Event>(recorded));
  }
  return events;
}
