import type { DomainEvent, Decider } from '#kernel';
import type { EventCodec, EventStore } from '#eventstore';
import type { SnapshotSource } from './snapshots.js';

export type StreamCodec = Pick<EventCodec, 'encode' | 'decode'>;

export interface LoadedStream<Event extends DomainEvent, State> {
  readonly state: State;
  /** Last revision read; -1 when the stream does not exist. */
  readonly revision: number;
  readonly position: number;
  /** Events this command id already wrote here (a retried command), with where the last one landed and when. */
  readonly earlier?: { readonly events: Event[]; readonly revision: number; readonly position: number; readonly occurredAt: string };
}

export async function loadStream<Event extends DomainEvent, State>(
  store: EventStore,
  stream: string,
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  codec: StreamCodec,
  commandId: string,
  snapshots?: SnapshotSource<State>,
): Promise<LoadedStream<Event, State>> {
  const snapshot = await snapshots?.load(stream);
  let state = snapshot?.state ?? decider.initialState();
  let revision = snapshot?.revision ?? -1;
  let position = snapshot?.position ?? -1;
  let earlier: { events: Event[]; revision: number; position: number; occurredAt: string } | undefined;
  for await (const recorded of store.readStream(stream, { fromRevision: revision + 1 })) {
    const event = codec.decode<Event>(recorded);
    state = decider.evolve(state, event);
    ({ revision, position } = recorded);
    if (recorded.metadata.commandId !== commandId) continue;
    earlier ??= { events: [], revision, position, occurredAt: recorded.metadata.occurredAt };
    earlier.events.push(event);
    earlier.revision = revision;
    earlier.position = position;
  }
  return { state, revision, position, ...(earlier && { earlier }) };
}
