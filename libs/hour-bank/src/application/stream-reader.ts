import { Inject, Injectable } from '@nestjs/common';
import type { Decider, DomainEvent } from '#kernel';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { loadStream, type StreamCodec } from '#platform';

/** Folds a stream to its current state for reads and look-ups; writes go through the CommandPipeline. */
@Injectable()
export class StreamReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async fold<Event extends DomainEvent, State>(
    stream: string,
    decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
    codec: StreamCodec,
  ): Promise<{ state: State; revision: number }> {
    const { state, revision } = await loadStream(this.store, stream, decider, codec, '');
    return { state, revision };
  }
}
