import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventCodec, deterministicEventId, isWrongExpectedRevision, type EventStore } from '#eventstore';
import { CLOCK, type Clock } from '#kernel';
import { buildEventMetadata, type CommandContext } from '#platform';
import {
  TICKET_NUMBER_STREAM, ticketNumberEventNames, ticketNumberSequenceDecider, type TicketNumberAssigned,
} from '../domain/ticket/ticket-numbering.js';

export const ticketNumberCodec = new EventCodec(ticketNumberEventNames);

/** Each round of a race has one winner: enough rounds for many writers at once (one reactor is the usual case). */
const MAX_RETRIES = 100;

const pause = (attempt: number) => sleep(Math.round((2 + Math.random() * 8) * 2 ** Math.min(attempt, 4)));

/**
 * The installation's ticket-number sequence. `numberFor` is safe to repeat (a crashed or redelivered run finds the
 * number it already took) and to run concurrently (the append is at the exact revision; the loser re-reads).
 */
@Injectable()
export class TicketNumbers {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, @Inject(CLOCK) private readonly clock: Clock) {}

  /** `openedAt`: the log position of the ticket's opening; an assignment for it can only come later. */
  async numberFor(ticketId: string, openedAt: number, context: CommandContext): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      const { found, last, revision } = await this.scan(ticketId, openedAt);
      if (found !== undefined) return found;
      const [assigned] = ticketNumberSequenceDecider.decide({ type: 'AssignNextNumber', data: { ticketId } }, { last });
      const metadata = buildEventMetadata(context, this.clock.now());
      const event = ticketNumberCodec.encode(assigned!, { id: deterministicEventId(`${context.commandId}:${attempt}`, 0), metadata });
      try {
        await this.store.append(TICKET_NUMBER_STREAM, [event], revision < 0 ? 'no_stream' : revision);
        return assigned!.data.number;
      } catch (error) {
        if (!isWrongExpectedRevision(error) || attempt >= MAX_RETRIES) throw error;
        await pause(attempt);
      }
    }
  }

  /** Reads the sequence backwards, no further than the ticket's opening: this ticket's number, or the last one given. */
  private async scan(ticketId: string, openedAt: number): Promise<{ found?: number; last: number; revision: number }> {
    let last = 0;
    let revision = -1;
    for await (const recorded of this.store.readStream(TICKET_NUMBER_STREAM, { direction: 'backwards' })) {
      const { data } = ticketNumberCodec.decode<TicketNumberAssigned>(recorded);
      if (revision < 0) ({ revision, last } = { revision: recorded.revision, last: data.number });
      if (data.ticketId === ticketId) return { found: data.number, last, revision };
      if (recorded.position < openedAt) break;
    }
    return { last, revision };
  }
}
