import { streamCategory } from '#eventstore';
import type { RecordedEvent } from '#kernel';
import { calendarAdminEventNames } from '../domain/calendar-admin/calendar-admin.events.js';
import { accountCodec, storedAccountNames } from '../application/codecs.js';
import type { BusinessCalendar } from '#calendar';
import {
  type AccountDeadlineEvent, type AccountDeadlinePayload, type AccountFacts, accountDeadlineEvents, accountDeadlines, placedKeyPrefixes, replaced,
} from './account-deadlines.js';
import {
  DUE_ITEMS_TABLE, type Db, type DueItemChange, type Projection, type TableNames, applyDueItemChanges, deadlinesProjection, prepareCached,
} from '#projections';
import { TicketDeadlines, ticketEventNames } from '#ticketing';
import { DeadlineFacts } from './deadline-facts.store.js';
import { memoisedPeriods } from './memoised-periods.js';

/** Ticket events that change no deadline: leaving them out keeps the folded state's SLA facts and status exact. */
const ignoredTicketEvents = new Set([
  'TimeLogged', 'TimeEntryCorrected', 'ProjectOfferRecorded', 'TicketNumbered', 'TicketAssigned', 'TicketUnassigned', 'TicketPriorityChanged',
  'ExecutionPlanAgreed', 'PendingQuestionRecorded', 'PendingQuestionAnswered', 'ProjectOfferAccepted', 'ProjectOfferDeclined', 'TicketMarkedOutOfScope',
]);

/** What deadlines read: the account events that set or cancel one, calendar changes, and the ticket events above. */
const eventTypes = [
  ...storedAccountNames(accountDeadlineEvents),
  ...Object.values(calendarAdminEventNames),
  ...Object.entries(ticketEventNames).filter(([type]) => !ignoredTicketEvents.has(type)).map(([, stored]) => stored),
];

const causeOf = (recorded: RecordedEvent) => ({ id: recorded.id, correlationId: recorded.metadata.correlationId });

/** The account's unfired items its terms place, placed again after an amendment or new alert settings. */
const replacePending = (db: Db, t: TableNames, account: AccountFacts, calendarOf: (id: string) => BusinessCalendar): DueItemChange[] =>
  placedKeyPrefixes(account.accountId).flatMap((prefix) =>
    (prepareCached(db, `SELECT kind, payload FROM ${t(DUE_ITEMS_TABLE)} WHERE key >= ? AND key < ? AND fired_at IS NULL`)
      .all(prefix, `${prefix.slice(0, -1)};`) as { kind: string; payload: string }[])
      .flatMap(({ kind, payload }) => replaced(account, kind, JSON.parse(payload) as AccountDeadlinePayload, calendarOf)));

export interface DeadlinesOptions {
  /** Business days a delivered ticket waits for an answer before it closes by itself. */
  readonly autoCloseBusinessDays: number;
}

/**
 * `deadlines`: every due item of accounts (period starts, lot expiries, overage invoices) and tickets (SLA
 * breaches, auto-closes), plus the facts needed to compute them. The Scheduler fires its `due_items`.
 */
export const hourBankDeadlinesProjection = ({ autoCloseBusinessDays }: DeadlinesOptions): Projection => {
  const base = deadlinesProjection({ version: 3, rules: [] });
  const facts = new DeadlineFacts();
  const tickets = new TicketDeadlines(facts, autoCloseBusinessDays);
  const periods = memoisedPeriods();
  const applyAccount = (db: Db, recorded: RecordedEvent, t: TableNames) => {
    const event = accountCodec.decode<AccountDeadlineEvent>(recorded);
    const accountId = recorded.stream.slice('account-'.length);
    const placed = facts.rememberAccount(db, t, accountId, event);
    const account = facts.account(db, t, accountId);
    const calendarOf = (calendarId: string) => facts.calendar(db, t, calendarId);
    applyDueItemChanges(db, t(DUE_ITEMS_TABLE), accountDeadlines(event, account, calendarOf, causeOf(recorded), periods));
    if (placed) applyDueItemChanges(db, t(DUE_ITEMS_TABLE), replacePending(db, t, account, calendarOf));
  };
  return {
    name: 'deadlines',
    version: 3,
    filter: { streamCategories: ['account', 'ticket', 'calendar'], eventTypes },
    tables: [DUE_ITEMS_TABLE, 'deadline_calendars', 'deadline_accounts', 'deadline_tickets'],
    // Items are found by key (the primary key) here; the pending index serves the Scheduler, so a rebuild builds it last.
    indexesAfterBulkLoad: true,
    migrate(db, t) {
      base.migrate(db, t);
      db.exec(`CREATE TABLE ${t('deadline_calendars')} (calendar_id TEXT PRIMARY KEY, calendar TEXT NOT NULL);
        CREATE TABLE ${t('deadline_accounts')} (account_id TEXT PRIMARY KEY, time_zone TEXT NOT NULL, calendar_id TEXT NOT NULL, extra TEXT);
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
