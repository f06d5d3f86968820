import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Decider, DomainEvent } from '#kernel';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { loadStream, type SnapshotSource, type StreamCodec } from '#platform';
import { accountDecider } from '../domain/account/account-decider.js';
import type { AccountState } from '../domain/account/account-state.js';
import { ACCOUNT_SNAPSHOTS } from '../reactors/account-snapshots.js';

type Folding<Event extends DomainEvent, State> = Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>;

/**
 * Folds a stream to its current state for reads and look-ups; writes go through the CommandPipeline.
 * An account stream starts from its latest snapshot when the worker keeps them, like the account commands.
 */
@Injectable()
export class StreamReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(ACCOUNT_SNAPSHOTS) private readonly accountSnapshots?: SnapshotSource<AccountState>,
  ) {}

  async fold<Event extends DomainEvent, State>(
    stream: string,
    decider: Folding<Event, State>,
    codec: StreamCodec,
  ): Promise<{ state: State; revision: number }> {
    const { state, revision } = await loadStream(this.store, stream, decider, codec, '', this.snapshotsFor(decider));
    return { state, revision };
  }

  /** Snapshots hold account states only, so they serve only a fold with the account decider. */
  private snapshotsFor<Event extends DomainEvent, State>(decider: Folding<Event, State>): SnapshotSource<State> | undefined {
    if ((decider as unknown) !== accountDecider) return undefined;
    return this.accountSnapshots as SnapshotSource<unknown> | undefined as SnapshotSource<State> | undefined;
  }
}
