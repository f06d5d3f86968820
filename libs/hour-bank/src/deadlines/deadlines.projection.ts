import { streamCategory } from '#eventstore';
import type { RecordedEvent } from '#kernel';
import { accountEventNames } from '../domain/account/account-events.js';
import { calendarAdminEventNames } from '../domain/calendar-admin/calendar-admin.events.js';
import { accountCodec } from '../application/codecs.js';
import { type AccountDeadlineEvent, accountDeadlineEvents, accountDeadlines } from './account-deadlines.js';
import { DUE_ITEMS_TABLE, type Db, type Projection, type TableNames, applyDueItemChanges, deadlinesProjection } from '#projections';
import { TicketDeadlines, ticketEventNames } from '#ticketing';
import { DeadlineFacts } from './deadline-facts.store.js';
import { memoisedPeriods } from './memoised-periods.js';

/** Ticket events that change no deadline: leaving them out keeps the folded state's SLA facts and status exact. */
const ignoredTicketEvents = new Set(['TimeLogged', 'TimeEntryCorrected', 'ProjectOfferRecorded', 'TicketNumbered']);

/** What deadlines read: the account events that set or cancel one, calendar changes, and the ticket events above. */
const eventTypes = [
  ...accountDeadlineEvents.map((type) => accountEventNames[type]),
  ...Object.values(calendarAdminEventNames),
  ...Object.entries(ticketEventNames).filter(([type]) => !ignoredTicketEvents.has(type)).map(([, stored]) => stored),
];

const causeOf = (recorded: RecordedEvent) => ({ id: recorded.id, correlationId: recorded.metadata.correlationId });

export interface DeadlinesOptions {
  /** Business days a delivered ticket waits for an answer before it closes by itself. */
  readonly autoCloseBusinessDays: number;
}

/**
 * `deadlines`: every due item of accounts (period starts, lot expiries, overage invoices) and tickets (SLA
 * breaches, auto-closes), plus the facts needed to compute them. The Scheduler fires its `due_items`.
 */
export const hourBankDeadlinesProjection = ({ autoCloseBusinessDays }: DeadlinesOptions): Projection => {
  const base = deadlinesProjection({ version: 2, rules: [] });
  const facts = new DeadlineFacts();
  const tickets = new TicketDeadlines(facts, autoCloseBusinessDays);
  const periods = memoisedPeriods();
  const applyAccount = (db: Db, recorded: RecordedEvent, t: TableNames) => {
    const event = accountCodec.decode<AccountDeadlineEvent>(recorded);
    facts.rememberAccount(db, t, event);
    const account = facts.account(db, t, recorded.stream.slice('account-'.length));
    const changes = accountDeadlines(event, account, facts.calendar(db, t, account.calendarId), causeOf(recorded), periods);
    applyDueItemChanges(db, t(DUE_ITEMS_TABLE), changes);
  };
  return {
    name: 'deadlines',
    version: 2,
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
      else tickets.apply(db, recorded, t);
    },
    flush: (db, t) => tickets.flush(db, t),
    discard(db, t) {
      tickets.discard(db, t);
      facts.forget(db, t);
    },
    carryOver: (db, from, to) => base.carryOver!(db, from, to),
  };
};
