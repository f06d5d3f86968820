import type { Temporal } from 'temporal-polyfill';
import { DUE_ITEMS_TABLE, type Db, GenerationStore, normalizeInstant, prepareCached } from '#projections';
import { type TicketDeadlinePayload, ticketDeadlineKinds } from '#ticketing';
import type { DueTicketClose, DueTicketCloses } from '../application/due-ticket-closes.port.js';

interface Row {
  key: string;
  due_at: string;
  payload: string;
}

/** The unfired automatic closes of the deadlines read model (SQLite), for the account pipeline. */
export class DueTicketClosesStore implements DueTicketCloses {
  private readonly generations: GenerationStore;

  constructor(private readonly db: Db, private readonly projection = 'deadlines') {
    this.generations = new GenerationStore(db);
  }

  dueBy(accountId: string, until: Temporal.Instant): readonly DueTicketClose[] {
    if (!this.db.open) return [];
    const table = this.generations.activeTable({ name: this.projection }, DUE_ITEMS_TABLE);
    if (!table) return [];
    const rows = prepareCached(this.db, `SELECT key, due_at, payload FROM ${table}
      WHERE fired_at IS NULL AND due_at <= ? AND kind = ? ORDER BY due_at, key`).all(normalizeInstant(until.toString()), ticketDeadlineKinds.autoClose) as Row[];
    return rows.flatMap((row) => {
      const { ticketId, accountId: owner, cause } = JSON.parse(row.payload) as TicketDeadlinePayload;
      return owner === accountId ? [{ key: row.key, ticketId, dueAt: row.due_at, cause }] : [];
    });
  }
}
