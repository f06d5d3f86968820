import type { DomainEvent } from '#kernel';

/** What a ticket command answers: the ticket id, the stream revision after it, and what was decided. */
export interface TicketCommandOutcome {
  readonly id: string;
  readonly revision: number;
  readonly events: readonly DomainEvent[];
}
