import type { RecordedEvent } from '#kernel';
import { DUE_ITEMS_TABLE, type Db, TableMemory, type TableNames, applyDueItemChanges, prepareCached } from '#projections';
import type { BusinessCalendar } from '#calendar';
import type { TicketState } from '../domain/ticket/state.js';
import { type FoldedTicket, TicketStateFolder } from '../projections/ticket-state-folder.js';
import { type TicketStep, TicketSteps } from './ticket-deadline-steps.js';

/** A ticket's business calendar (its own, else its account's) as the deadlines projection knows it at this point of the log. */
export interface TicketCalendars {
  calendarOf(db: Db, t: TableNames, ticket: { readonly accountId: string; readonly calendarId?: string }): BusinessCalendar;
}

type Opened = Exclude<TicketState, { status: 'notOpened' }>;

/** SLA keys depend only on the SLA facts, auto-close keys on status and delivery: unchanged parts keep their keys. */
const slaChanged = (before: TicketState, state: Opened) => before.status === 'notOpened' || before.sla !== state.sla;
const autoCloseChanged = (before: TicketState, state: Opened) =>
  before.status === 'notOpened' || before.status !== state.status || before.deliveredAt !== state.deliveredAt;

interface Touched {
  readonly initial: readonly string[];
  /** Opened in this batch: no item of it can exist yet. */
  readonly fresh: boolean;
  readonly steps: TicketStep[];
  folded: FoldedTicket<readonly string[]>;
}

/**
 * The tickets' part of the deadlines projection. `apply` folds the state and notes each event that may change
 * the ticket's deadlines (with the calendar in force); `flush` turns a batch's steps into due-item changes with
 * the same outcome as applying them event by event, computing the business-time arithmetic only for the steps
 * the outcome depends on, and writes each ticket's row (state and current keys) once.
 */
export class TicketDeadlines {
  private readonly folder = new TicketStateFolder<readonly string[]>({ extraOf: (row) => (row ? (JSON.parse(row.keys as string) as string[]) : []) });
  private readonly batches = new TableMemory<Map<string, Touched>>(() => new Map());

  constructor(
    private readonly calendars: TicketCalendars,
    private readonly autoCloseBusinessDays: number,
  ) {}

  apply(db: Db, recorded: RecordedEvent, t: TableNames): void {
    const { before, state, folded } = this.folder.fold(db, t('deadline_tickets'), recorded);
    if (state.status === 'notOpened') return;
    const batch = this.batch(db, t);
    const touched = batch.get(folded.ticketId) ?? { initial: folded.extra, fresh: before.status === 'notOpened', steps: [], folded };
    touched.folded = folded;
    batch.set(folded.ticketId, touched);
    const [sla, autoClose] = [slaChanged(before, state), autoCloseChanged(before, state)];
    if (!sla && !autoClose) return;
    const calendar = this.calendars.calendarOf(db, t, state);
    touched.steps.push({ recorded, state, calendar, slaChanged: sla, autoCloseChanged: autoClose });
  }

  flush(db: Db, t: TableNames): void {
    const batch = this.batch(db, t);
    for (const { initial, fresh, steps, folded } of batch.values()) {
      if (steps.length === 0) continue;
      const ticket = new TicketSteps(initial, steps, this.autoCloseBusinessDays);
      const exact = fresh || this.rowsAreTheKeys(db, t, folded.ticketId, initial);
      applyDueItemChanges(db, t(DUE_ITEMS_TABLE), exact ? ticket.changesOfBatch() : ticket.changesPerStep());
      folded.extra = ticket.keysAt(steps.length).map(({ key }) => key);
    }
    batch.clear();
    const table = t('deadline_tickets');
    const upsert = prepareCached(db, `INSERT INTO ${table} VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET state = excluded.state, keys = excluded.keys`);
    this.folder.flush(db, table, ({ state, extra }) => {
      if (state.status !== 'notOpened') upsert.run(state.ticketId, JSON.stringify(state), JSON.stringify(extra));
    });
  }

  discard(db: Db, t: TableNames): void {
    this.batches.forget(db, t('deadline_tickets'));
    this.folder.discard(db, t('deadline_tickets'));
  }

  /** No fired item of the ticket and no item besides its stored keys: the batch's net effect can be taken whole. */
  private rowsAreTheKeys(db: Db, t: TableNames, ticketId: string, keys: readonly string[]): boolean {
    const rows = prepareCached(db, `SELECT key, fired_at AS firedAt FROM ${t(DUE_ITEMS_TABLE)}
      WHERE (key >= ? AND key < ?) OR (key >= ? AND key < ?)`)
      .all(`3:auto-close:${ticketId}:`, `3:auto-close:${ticketId};`, `4:sla:${ticketId}:`, `4:sla:${ticketId};`) as { key: string; firedAt: string | null }[];
    return rows.length === keys.length && rows.every((row) => row.firedAt === null && keys.includes(row.key));
  }

  private batch(db: Db, t: TableNames): Map<string, Touched> {
    return this.batches.get(db, t('deadline_tickets'));
  }
}
