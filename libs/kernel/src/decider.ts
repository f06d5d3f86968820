import type { DomainEvent } from './events.js';
import { Draft } from './draft.js';

/**
 * A decider: pure decision and evolution. `decide` throws a DomainError for a broken rule and
 * returns the events that follow from the command; `now` and looked-up facts travel in the command.
 * `evolve` never changes the state it is given; with a `draft` (see `fold`) it may change in place what that draft
 * already owns, which keeps a fold linear in its events.
 */
export interface Decider<Command, Event extends DomainEvent, State> {
  readonly initialState: () => State;
  readonly decide: (command: Command, state: State) => Event[];
  readonly evolve: (state: State, event: Event, draft?: Draft) => State;
}

type Evolving<Event extends DomainEvent, State> = Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>;

/** The state after `events`, from the decider's initial state. */
export const fold = <Event extends DomainEvent, State>(decider: Evolving<Event, State>, events: Iterable<Event>): State =>
  foldFrom(decider.evolve, decider.initialState(), events);

/** The state after `events` from `state`, one draft for the whole fold (`state` itself is left as it was). */
export const foldFrom = <Event extends DomainEvent, State>(
  evolve: (state: State, event: Event, draft?: Draft) => State,
  state: State,
  events: Iterable<Event>,
): State => {
  const draft = new Draft();
  for (const event of events) state = evolve(state, event, draft);
  return state;
};
