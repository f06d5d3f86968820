import type { RecordedEvent } from '#kernel';
import { type Db, prepareCached } from '#projections';
import { ticketCodec } from '../application/codecs.js';
import type { TicketEvent } from '../domain/ticket/events.js';
import type { TicketState } from '../domain/ticket/state.js';
import { ticketDecider } from '../domain/ticket/ticket-decider.js';

interface Cached {
  readonly position: number;
  readonly state: TicketState;
}

export const ticketIdOfStream = (stream: string): string => stream.slice('ticket-'.length);

/**
 * Folds ticket events with the decider's own `evolve` into a state kept as JSON in a projection row
 * (`ticket_id`, `state`). A bounded cache spares re-parsing that JSON per event; an event at or before a
 * cached position means the batch was rolled back and replayed, so the cache is dropped and the row read.
 */
export class TicketStateFolder {
  private readonly caches = new WeakMap<Db, Map<string, Map<string, Cached>>>();

  constructor(private readonly limit = 5_000) {}

  fold(db: Db, table: string, recorded: RecordedEvent): { event: TicketEvent; before: TicketState; state: TicketState } {
    const ticketId = ticketIdOfStream(recorded.stream);
    const before = this.before(db, table, ticketId, recorded.position);
    const event = ticketCodec.decode<TicketEvent>(recorded);
    const state = ticketDecider.evolve(before, event);
    this.remember(db, table, ticketId, { position: recorded.position, state });
    return { event, before, state };
  }

  private before(db: Db, table: string, ticketId: string, position: number): TicketState {
    const cache = this.cache(db, table);
    const cached = cache.get(ticketId);
    if (cached && cached.position < position) return cached.state;
    if (cached) cache.clear();
    const row = prepareCached(db, `SELECT state FROM ${table} WHERE ticket_id = ?`).get(ticketId) as { state: string } | undefined;
    return row ? (JSON.parse(row.state) as TicketState) : ticketDecider.initialState();
  }

  private remember(db: Db, table: string, ticketId: string, entry: Cached): void {
    const cache = this.cache(db, table);
    cache.delete(ticketId);
    cache.set(ticketId, entry);
    if (cache.size > this.limit) cache.delete(cache.keys().next().value!);
  }

  /** One cache per database and physical table: a rebuild's generation and another database never share it. */
  private cache(db: Db, table: string): Map<string, Cached> {
    let tables = this.caches.get(db);
    if (!tables) this.caches.set(db, (tables = new Map()));
    let cache = tables.get(table);
    if (!cache) tables.set(table, (cache = new Map()));
    return cache;
  }
}
