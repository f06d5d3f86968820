import type { RecordedEvent } from '#kernel';
import { type ConsumerFilter, type Db, type Projection, prepareCached } from '#projections';
import type { OpenedTicket } from '../domain/ticket/state.js';
import { TicketStateFolder } from './ticket-state-folder.js';

export interface TicketRowProjectionOptions {
  readonly name: string;
  readonly version: number;
  readonly filter: ConsumerFilter;
  /** The logical table: one row per ticket, keyed by ticket_id, with the folded state as JSON. */
  readonly table: string;
  readonly migrate: (db: Db, table: string) => void;
  readonly upsert: (table: string) => string;
  readonly row: (state: OpenedTicket, recorded: RecordedEvent) => unknown[];
}

/**
 * A read model of one row per ticket, folded with the ticket decider's own `evolve`; each ticket a batch
 * touched is written once, as its last event left it.
 */
export const ticketRowProjection = (options: TicketRowProjectionOptions): Projection => {
  const folder = new TicketStateFolder({ extraOf: () => undefined });
  return {
    name: options.name,
    version: options.version,
    filter: options.filter,
    tables: [options.table],
    // The folder finds a ticket's row by its primary key; the other indexes serve the lists, so a rebuild builds them last.
    indexesAfterBulkLoad: true,
    migrate: (db, t) => options.migrate(db, t(options.table)),
    apply: (db, recorded, t) => {
      folder.fold(db, t(options.table), recorded);
    },
    flush: (db, t) => {
      const table = t(options.table);
      const upsert = prepareCached(db, options.upsert(table));
      folder.flush(db, table, ({ state, recorded }) => {
        if (state.status !== 'notOpened') upsert.run(...options.row(state, recorded));
      });
    },
    discard: (db, t) => folder.discard(db, t(options.table)),
  };
};
