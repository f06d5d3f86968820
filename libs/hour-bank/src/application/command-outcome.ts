import type { DomainEvent } from '#kernel';
import type { CommandResult } from '#platform';

/** What a command handler answers: the aggregate's id, the stream revision after it, and what was decided. */
export interface CommandOutcome {
  readonly id: string;
  readonly revision: number;
  readonly events: readonly DomainEvent[];
}

export const outcomeOf = (id: string, result: CommandResult<DomainEvent>): CommandOutcome => ({
  id,
  revision: result.nextExpectedRevision,
  events: result.events.map(({ type, data }) => ({ type, data })),
});
