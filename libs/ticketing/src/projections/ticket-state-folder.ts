import { Draft, type RecordedEvent } from '#kernel';
import { type Db, TableMemory, prepareCached } from '#projections';
import { ticketCodec } from '../application/codecs.js';
import type { TicketEvent } from '../domain/ticket/events.js';
import type { TicketState } from '../domain/ticket/state.js';
import { ticketDecider } from '../domain/ticket/ticket-decider.js';

/** A ticket as the projection's batch left it: the folded state, the projection's own extra, the last event. */
export interface FoldedTicket<X> {
  readonly ticketId: string;
  readonly state: TicketState;
  extra: X;
  readonly recorded: RecordedEvent;
  /**
   * The draft this ticket's state is folded under while the folder remembers it: the folder owns the states it keeps,
   * so a ticket of n time entries costs n, not n² (what a draft owns, `entries` and `corrections`, is changed in place;
   * the state record itself is new on every event, so `before` keeps its own status, sla and dates).
   */
  readonly draft: Draft;
}

export interface TicketStateFolderOptions<X> {
  /** The projection's extra from its stored row (absent: a ticket without a row yet). */
  readonly extraOf: (row: Record<string, unknown> | undefined) => X;
  /** Clean states kept in memory per table (default 5,000). */
  readonly limit?: number;
}

interface Memory<X> {
  readonly clean: Map<string, FoldedTicket<X>>;
  readonly touched: Map<string, FoldedTicket<X>>;
}

export const ticketIdOfStream = (stream: string): string => stream.slice('ticket-'.length);

/**
 * Folds ticket events with the decider's own `evolve` into a state kept as JSON in a projection row (`ticket_id`,
 * `state`). The tickets a batch touches stay in memory until the projection's `flush` writes each row once;
 * a bounded cache of clean states spares re-parsing the JSON. `discard` (a rolled-back batch) forgets both; an
 * event at or before a remembered position means events are replayed, so memory is dropped and the row read.
 */
export class TicketStateFolder<X = undefined> {
  private readonly memories = new TableMemory<Memory<X>>(() => ({ clean: new Map(), touched: new Map() }));

  constructor(private readonly options: TicketStateFolderOptions<X>) {}

  fold(db: Db, table: string, recorded: RecordedEvent): { event: TicketEvent; before: TicketState; state: TicketState; folded: FoldedTicket<X> } {
    const ticketId = ticketIdOfStream(recorded.stream);
    const previous = this.before(db, table, ticketId, recorded.position);
    const event = ticketCodec.decode<TicketEvent>(recorded);
    const state = ticketDecider.evolve(previous.state, event, previous.draft);
    const folded: FoldedTicket<X> = { ticketId, state, extra: previous.extra, recorded, draft: previous.draft };
    this.memory(db, table).touched.set(ticketId, folded);
    return { event, before: previous.state, state, folded };
  }

  /** Hands every ticket touched since the last flush to `write` (in first-touch order) and keeps them as clean. */
  flush(db: Db, table: string, write: (folded: FoldedTicket<X>) => void): void {
    const { clean, touched } = this.memory(db, table);
    for (const folded of touched.values()) {
      write(folded);
      clean.delete(folded.ticketId);
      clean.set(folded.ticketId, folded);
      if (clean.size > (this.options.limit ?? 5_000)) clean.delete(clean.keys().next().value!);
    }
    touched.clear();
  }

  discard(db: Db, table: string): void {
    this.memories.forget(db, table);
  }

  private before(db: Db, table: string, ticketId: string, position: number): Pick<FoldedTicket<X>, 'state' | 'extra' | 'draft'> {
    const memory = this.memory(db, table);
    const known = memory.touched.get(ticketId) ?? memory.clean.get(ticketId);
    if (known && known.recorded.position < position) return known;
    if (known) this.discard(db, table);
    const row = prepareCached(db, `SELECT * FROM ${table} WHERE ticket_id = ?`).get(ticketId) as Record<string, unknown> | undefined;
    const state = row ? (JSON.parse(row.state as string) as TicketState) : ticketDecider.initialState();
    return { state, extra: this.options.extraOf(row), draft: new Draft() };
  }

  private memory(db: Db, table: string): Memory<X> {
    return this.memories.get(db, table);
  }
}
