import { Temporal } from 'temporal-polyfill';
import { streamCategory } from '#eventstore';
import type { RecordedEvent } from '#kernel';
import {
  type AccountEvent, accountCodec, accountDeadlines, accountEventNames, calendarAdminEventNames,
} from '#hour-bank';
import {
  DUE_ITEMS_TABLE, type Db, type DueItem, type DueItemChange, type Projection, type TableNames, deadlinesProjection,
  normalizeInstant, prepareCached,
} from '#projections';
import { type TicketState, TicketStateFolder, autoCloseItems, slaDeadlineItems, ticketEventNames } from '#ticketing';
import { DeadlineFacts } from './deadline-facts.js';

/** Ticket events that change no deadline: leaving them out keeps the folded state's SLA facts and status exact. */
const ignoredTicketEvents = new Set(['TimeLogged', 'TimeEntryCorrected', 'ProjectOfferRecorded']);

const eventTypes = [
  ...Object.values(accountEventNames),
  ...Object.values(calendarAdminEventNames),
  ...Object.entries(ticketEventNames).filter(([type]) => !ignoredTicketEvents.has(type)).map(([, stored]) => stored),
];

const causeOf = (recorded: RecordedEvent) => ({ id: recorded.id, correlationId: recorded.metadata.correlationId });

const INSTANT = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d{3})?Z$/;

/** Temporal's own output needs no parsing to reach millisecond precision (parsing is the costly part). */
const normalized = (iso: string): string => {
  const match = INSTANT.exec(iso);
  return match ? `${match[1]}${match[2] ?? '.000'}Z` : normalizeInstant(iso);
};

const applyChanges = (db: Db, table: string, changes: readonly DueItemChange[]): void => {
  for (const change of changes) {
    if ('cancel' in change) {
      prepareCached(db, `DELETE FROM ${table} WHERE key = ? AND fired_at IS NULL`).run(change.cancel);
      continue;
    }
    const { key, kind, dueAt, payload } = change.upsert;
    prepareCached(db, `INSERT INTO ${table} (key, kind, due_at, payload) VALUES (?, ?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, due_at = excluded.due_at, payload = excluded.payload`)
      .run(key, kind, normalized(dueAt), JSON.stringify(payload));
  }
};

type Opened = Exclude<TicketState, { status: 'notOpened' }>;

/** SLA keys depend only on the SLA facts, auto-close keys on status and delivery: unchanged parts keep their keys. */
const slaUnchanged = (before: TicketState, state: Opened) => before.status !== 'notOpened' && before.sla === state.sla;
const autoCloseUnchanged = (before: TicketState, state: Opened) =>
  before.status !== 'notOpened' && before.status === state.status && before.deliveredAt === state.deliveredAt;

/** New keys are inserted, keys the ticket no longer has are cancelled; a kept key keeps its first cause. */
const ticketChanges = (previous: readonly string[], items: readonly DueItem[]): DueItemChange[] => {
  const next = new Set(items.map((item) => item.key));
  return [
    ...previous.filter((key) => !next.has(key)).map((cancel) => ({ cancel })),
    ...items.filter((item) => !previous.includes(item.key)).map((upsert) => ({ upsert })),
  ];
};

export interface DeadlinesOptions {
  /** Business days a delivered ticket waits for an answer before it closes by itself. */
  readonly autoCloseBusinessDays: number;
}

/**
 * `deadlines`: every due item of accounts (period starts, lot expiries, overage invoices) and tickets (SLA
 * breaches, auto-closes), plus the facts needed to compute them. The Scheduler fires its `due_items`.
 */
export const hourBankDeadlinesProjection = ({ autoCloseBusinessDays }: DeadlinesOptions): Projection => {
  const base = deadlinesProjection({ version: 1, rules: [] });
  const facts = new DeadlineFacts();
  const folder = new TicketStateFolder<readonly string[]>({ extraOf: (row) => (row ? (JSON.parse(row.keys as string) as string[]) : []) });
  const applyTicket = (db: Db, recorded: RecordedEvent, t: TableNames) => {
    const { before, state, folded } = folder.fold(db, t('deadline_tickets'), recorded);
    if (state.status === 'notOpened') return;
    const slaKept = slaUnchanged(before, state);
    const autoCloseKept = autoCloseUnchanged(before, state);
    if (slaKept && autoCloseKept) return;
    const previous = folded.extra;
    const calendar = () => facts.calendar(db, t, facts.account(db, t, state.accountId).calendarId);
    const kept = (prefix: string) => previous.filter((key) => key.startsWith(prefix)).map((key) => ({ key }) as DueItem);
    const items = [
      ...(slaKept ? kept('4:sla:') : slaDeadlineItems(state, calendar(), Temporal.Instant.from(recorded.metadata.occurredAt), causeOf(recorded))),
      ...(autoCloseKept ? kept('3:auto-close:') : autoCloseItems(state, calendar(), autoCloseBusinessDays, causeOf(recorded))),
    ];
    applyChanges(db, t(DUE_ITEMS_TABLE), ticketChanges(previous, items));
    folded.extra = items.map((item) => item.key);
  };
  const flushTickets = (db: Db, t: TableNames) => {
    const table = t('deadline_tickets');
    const upsert = prepareCached(db, `INSERT INTO ${table} VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET state = excluded.state, keys = excluded.keys`);
    folder.flush(db, table, ({ state, extra }) => {
      if (state.status !== 'notOpened') upsert.run(state.ticketId, JSON.stringify(state), JSON.stringify(extra));
    });
  };
  const applyAccount = (db: Db, recorded: RecordedEvent, t: TableNames) => {
    const event = accountCodec.decode<AccountEvent>(recorded);
    facts.rememberAccount(db, t, event);
    const account = facts.account(db, t, recorded.stream.slice('account-'.length));
    const changes = accountDeadlines(event, account, facts.calendar(db, t, account.calendarId), causeOf(recorded));
    applyChanges(db, t(DUE_ITEMS_TABLE), changes);
  };
  return {
    name: 'deadlines',
    version: 1,
    filter: { streamCategories: ['account', 'ticket', 'calendar'], eventTypes },
    tables: [DUE_ITEMS_TABLE, 'deadline_calendars', 'deadline_accounts', 'deadline_tickets'],
    migrate(db, t) {
      base.migrate(db, t);
      db.exec(`CREATE TABLE ${t('deadline_calendars')} (calendar_id TEXT PRIMARY KEY, calendar TEXT NOT NULL);
        CREATE TABLE ${t('deadline_accounts')} (account_id TEXT PRIMARY KEY, time_zone TEXT NOT NULL, calendar_id TEXT NOT NULL);
        CREATE TABLE ${t('deadline_tickets')} (ticket_id TEXT PRIMARY KEY, state TEXT NOT NULL, keys TEXT NOT NULL);`);
    },
    apply(db, recorded, t) {
      facts.guard(db, t, recorded.position);
      const category = streamCategory(recorded.stream);
      if (category === 'calendar') facts.applyCalendarEvent(db, t, recorded);
      else if (category === 'account') applyAccount(db, recorded, t);
      else applyTicket(db, recorded, t);
    },
    flush: flushTickets,
    discard(db, t) {
      folder.discard(db, t('deadline_tickets'));
      facts.forget(db, t);
    },
    carryOver: (db, from, to) => base.carryOver!(db, from, to),
  };
};
